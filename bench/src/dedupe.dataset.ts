import * as OpenCC from 'opencc-js';
import { normalizeCompanyName, splitCompanyCore } from '@tideline/engine';

/**
 * A generated customer list with known duplicates, for the duplicate finder's precision and recall:
 * distinct companies (some of them deliberately alike: sister companies, namesakes in other cities,
 * one-character-apart 字号), then copies of some of them written the ways people write the same
 * company twice. Deterministic for a seed.
 */

export const DUPLICATE_KINDS = [
  'suffix',
  'brackets_width',
  'traditional',
  'phone_format',
  'typo_with_contact',
  'short_form',
  'typo_only',
] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/** How often each kind of copy is made (weights). */
const MIX: Record<DuplicateKind, number> = {
  suffix: 16,
  brackets_width: 16,
  traditional: 12,
  phone_format: 14,
  typo_with_contact: 22,
  short_form: 12,
  typo_only: 8,
};

export interface GeneratedCustomer {
  name: string;
  phone: string | null;
  email: string | null;
  /** The company it is: copies share their original's. */
  company: number;
  kind: 'original' | 'lookalike' | DuplicateKind;
}

const PLACES =
  '北京 上海 广州 深圳 杭州 南京 苏州 成都 武汉 西安 重庆 天津 厦门 宁波 青岛 长沙 郑州 合肥 福州 济南'.split(
    ' ',
  );
const AREA: Record<string, string> = {
  北京: '010',
  上海: '021',
  广州: '020',
  深圳: '0755',
  杭州: '0571',
  南京: '025',
  苏州: '0512',
  成都: '028',
  武汉: '027',
  西安: '029',
  重庆: '023',
  天津: '022',
  厦门: '0592',
  宁波: '0574',
  青岛: '0532',
  长沙: '0731',
  郑州: '0371',
  合肥: '0551',
  福州: '0591',
  济南: '0531',
};
const BRAND_CHARS = [
  ...('华信云帆恒达盛通瑞鑫博创汇远腾新海天宏联泰安嘉和锐智启星辰立德正中金长隆兴凯迅捷翔鸿晨美源丰荣' +
    '昌宇航光明亚太东方盈科润佳诚德胜伟业广聚力成发展飞龙凤祥益康宁乐富贵永泰恒升越众合鼎鹏程锦绣' +
    '天成万豪卓越精工蓝图绿洲沃土远景新元博雅睿思领航同创众信优品优选鹏达中科宏图嘉禾'),
];
const INDUSTRIES =
  '科技 网络科技 信息技术 软件 电子 机械 贸易 物流 咨询 传媒 食品 医药 建筑工程 新材料 电子商务 文化传播 教育科技 环保科技 实业 投资管理'.split(
    ' ',
  );
const LEGAL = ['有限公司', '有限责任公司', '股份有限公司', '集团有限公司', ''];

/** mulberry32: small, fast, deterministic. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chance = (p: number) => next() < p;
  const weighted = <K extends string>(w: Record<K, number>): K => {
    const entries = Object.entries(w) as [K, number][];
    let x = next() * entries.reduce((s, [, v]) => s + v, 0);
    for (const [k, v] of entries) if ((x -= v) < 0) return k;
    return entries[0]![0];
  };
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  return { next, int, pick, chance, weighted, digits };
}

interface Company {
  place: string | null;
  brand: string;
  industry: string;
  legal: string;
  landline: { area: string; local: string } | null;
  mobile: string | null;
  email: string | null;
}

const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHk = OpenCC.Converter({ from: 'cn', to: 'hk' });
const wide = (s: string) =>
  [...s]
    .map((c) => (c === ' ' ? '\u3000' : /[!-~]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
    .join('');

export function generateDuplicateSet(opts: { companies: number; duplicates: number; seed?: number }) {
  const r = random(opts.seed ?? 20261123);
  const companies: Company[] = [];
  const cores = new Set<string>();
  const phones = new Set<string>();
  const out: GeneratedCustomer[] = [];
  const write = (c: Company) => `${c.place ?? ''}${c.brand}${c.industry}${c.legal}`;
  const contactFor = (place: string | null): Pick<Company, 'landline' | 'mobile' | 'email'> => {
    const roll = r.next();
    let landline: Company['landline'] = null;
    let mobile: string | null = null;
    do {
      landline = null;
      mobile = null;
      if (roll < 0.6)
        landline = { area: AREA[place ?? r.pick(PLACES)]!, local: `${2 + r.int(7)}${r.digits(7)}` };
      else if (roll < 0.9) mobile = `1${r.pick(['38', '39', '58', '86', '77', '50'])}${r.digits(8)}`;
    } while ((landline || mobile) && phones.has(landline ? landline.area + landline.local : mobile!));
    if (landline || mobile) phones.add(landline ? landline.area + landline.local : mobile!);
    const email = r.chance(0.4)
      ? `${r.pick(['info', 'sales', 'hr', 'contact', 'service'])}${out.length}@${r.digits(6)}.com`
      : null;
    return { landline, mobile, email };
  };
  // Distinct companies differ in more than their place: "宇众医药" next to "重庆宇众医药" would be the
  // same company to anyone, so only namesakes placed in two different cities share the rest.
  const rests = new Set<string>();
  const add = (c: Company, kind: GeneratedCustomer['kind'], namesake = false) => {
    const core = normalizeCompanyName(write(c));
    const rest = splitCompanyCore(core).rest;
    if (cores.has(core) || (!namesake && rests.has(rest))) return false;
    cores.add(core);
    rests.add(rest);
    companies.push(c);
    const phone = c.landline ? `${c.landline.area}-${c.landline.local}` : c.mobile;
    out.push({ name: write(c), phone, email: c.email, company: companies.length - 1, kind });
    return true;
  };
  const brandOf = () =>
    Array.from({ length: r.pick([2, 2, 2, 2, 3, 3, 3, 4, 4]) }, () => r.pick(BRAND_CHARS)).join('');
  while (out.length < opts.companies) {
    const base = companies.length ? companies[r.int(companies.length)]! : null;
    const roll = r.next();
    let c: Company;
    const unrelated = (x: string) => INDUSTRIES.filter((i) => !i.includes(x) && !x.includes(i));
    if (base && roll < 0.02)
      c = { ...base, industry: r.pick(unrelated(base.industry)), legal: r.pick(LEGAL) }; // sister company
    else if (base && roll < 0.04)
      c = { ...base, place: r.pick(PLACES.filter((p) => p !== base.place)) }; // namesake
    else if (base && roll < 0.06) {
      const i = r.int(base.brand.length);
      c = { ...base, brand: base.brand.slice(0, i) + r.pick(BRAND_CHARS) + base.brand.slice(i + 1) }; // 华信 / 华兴
    } else
      c = {
        place: r.chance(0.85) ? r.pick(PLACES) : null,
        brand: brandOf(),
        industry: r.pick(INDUSTRIES),
        legal: r.pick(LEGAL),
        landline: null,
        mobile: null,
        email: null,
      };
    const lookalike = base !== null && roll < 0.06;
    const namesake = base !== null && roll >= 0.02 && roll < 0.04 && base.place !== null;
    add({ ...c, ...contactFor(c.place) }, lookalike ? 'lookalike' : 'original', namesake);
  }

  const samePhone = (c: Company) => {
    if (c.landline) {
      const { area, local } = c.landline;
      return r.pick([
        `(${area})${local}`,
        `+86 ${area.slice(1)} ${local}`,
        `${area} ${local.slice(0, 4)} ${local.slice(4)}`,
        `${area}${local} 转 ${r.int(900) + 100}`,
      ]);
    }
    if (c.mobile)
      return r.pick([
        `+86 ${c.mobile}`,
        `${c.mobile.slice(0, 3)}-${c.mobile.slice(3, 7)}-${c.mobile.slice(7)}`,
        wide(c.mobile),
      ]);
    return null;
  };
  const typo = (name: string) => {
    const chars = [...name];
    const i = r.int(chars.length);
    const op = r.pick(['sub', 'sub', 'ins', 'del']);
    if (op === 'sub') chars[i] = r.pick(BRAND_CHARS);
    else if (op === 'ins') chars.splice(i, 0, r.pick(BRAND_CHARS));
    else if (chars.length > 4) chars.splice(i, 1);
    return chars.join('');
  };
  const originals = out.filter((x) => x.kind === 'original');
  // Copies that share a phone or an e-mail are made of companies that have one.
  const needs: Partial<Record<DuplicateKind, (c: Company) => boolean>> = {
    phone_format: (c) => !!(c.landline || c.mobile),
    typo_with_contact: (c) => !!(c.landline || c.mobile || c.email),
    short_form: (c) => !!(c.landline || c.mobile || c.email),
  };
  for (let d = 0; d < opts.duplicates; d++) {
    const kind = r.weighted(MIX);
    let orig = r.pick(originals);
    for (let tries = 0; needs[kind] && !needs[kind](companies[orig.company]!) && tries < 50; tries++)
      orig = r.pick(originals);
    const c = companies[orig.company]!;
    const core = `${c.brand}${c.industry}`;
    let name = orig.name;
    let phone: string | null = null;
    let email: string | null = null;
    switch (kind) {
      case 'suffix':
        name = `${c.place ?? ''}${core}${r.pick(LEGAL.filter((l) => l !== c.legal))}`;
        phone = r.chance(0.5) ? samePhone(c) : null;
        break;
      case 'brackets_width': {
        const [open, close] = r.pick([
          ['（', '）'],
          ['(', ')'],
          ['【', '】'],
        ]);
        const place = c.place ?? r.pick(PLACES);
        name = r.pick([
          `${c.brand}${open}${place}${close}${c.industry}${c.legal}`,
          `${open}${place}${close}${core}${c.legal}`,
          `${place}市 ${c.brand} ${c.industry} ${c.legal}`,
          wide(`${place}${core}${c.legal}`),
        ]);
        if (!c.place) name = `${core}${c.legal}`.split('').join(' ');
        phone = r.chance(0.5) ? samePhone(c) : null;
        break;
      }
      case 'traditional':
        name = r.chance(0.5) ? toTw(orig.name) : toHk(orig.name);
        if (r.chance(0.5)) phone = samePhone(c);
        else email = c.email?.toUpperCase() ?? null;
        break;
      case 'phone_format':
        name = `${core}${r.pick(LEGAL)}`;
        phone = samePhone(c) ?? null;
        email = phone ? null : (c.email ?? null);
        break;
      case 'typo_with_contact':
        name = typo(orig.name);
        phone = samePhone(c);
        email = phone ? null : (c.email?.toUpperCase() ?? null);
        break;
      case 'short_form':
        name =
          r.chance(0.5) || !c.place
            ? `${core}${c.legal}`
            : `${c.place}${c.brand}${c.industry.slice(-2)}${c.legal}`;
        email = c.email;
        phone = email ? null : samePhone(c);
        break;
      case 'typo_only':
        name = typo(orig.name);
        break;
    }
    out.push({ name, phone, email, company: orig.company, kind });
  }
  return out;
}

/** Pairs of records (by index) that are the same company. */
export function truePairs(records: readonly GeneratedCustomer[]): Set<string> {
  const byCompany = new Map<number, number[]>();
  records.forEach((x, i) => byCompany.set(x.company, [...(byCompany.get(x.company) ?? []), i]));
  const pairs = new Set<string>();
  for (const members of byCompany.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) pairs.add(`${members[a]}:${members[b]}`);
  return pairs;
}
