import fc from 'fast-check';

/** Generators shared by the normalisers' property tests (test support only). */

// Simplified → traditional for the characters the generators use, to make traditional spellings.
const TRADITIONAL: Record<string, string> = {
  华: '華',
  为: '為',
  东: '東',
  国: '國',
  兴: '興',
  达: '達',
  丰: '豐',
  云: '雲',
  网: '網',
  络: '絡',
  电: '電',
  贸: '貿',
  发: '發',
  实: '實',
  业: '業',
  医: '醫',
  药: '藥',
  汇: '匯',
  龙: '龍',
  宝: '寶',
  长: '長',
  乐: '樂',
  团: '團',
  责: '責',
  广: '廣',
  门: '門',
  苏: '蘇',
  鑫: '鑫',
  术: '術',
  软: '軟',
  数: '數',
  据: '據',
  创: '創',
  联: '聯',
  盛: '盛',
  恒: '恆',
  远: '遠',
  辉: '輝',
  万: '萬',
  丝: '絲',
};
export const toTraditional = (s: string) => [...s].map((c) => TRADITIONAL[c] ?? c).join('');

/** Full-width forms of ASCII letters, digits, brackets and spaces. */
export const toFullWidth = (s: string) =>
  [...s]
    .map((c) => {
      if (c === ' ') return '\u3000';
      const code = c.charCodeAt(0);
      return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : c;
    })
    .join('');

const BRAND_CHARS = [
  ...'华为东国兴达丰云汇龙宝长乐鑫创联盛恒远辉万信瑞博海天宏泰安嘉和锐智启星辰立德正中金隆凯迅捷翔',
];
export const PLACE = fc.constantFrom('北京', '上海', '杭州', '深圳', '苏州', '广州', '成都', '武汉', '厦门');
export const INDUSTRY = fc.constantFrom(
  '科技',
  '网络科技',
  '信息技术',
  '贸易',
  '物流',
  '电子',
  '实业',
  '软件',
);
export const LEGAL = fc.constantFrom('有限公司', '有限责任公司', '股份有限公司', '集团有限公司', '集团', '');
export const brand = fc
  .array(fc.constantFrom(...BRAND_CHARS), { minLength: 2, maxLength: 4 })
  .map((cs) => cs.join(''));

export interface CompanyName {
  place: string | null;
  brand: string;
  industry: string;
  legal: string;
}

export const companyName: fc.Arbitrary<CompanyName> = fc.record({
  place: fc.option(PLACE, { nil: null }),
  brand,
  industry: INDUSTRY,
  legal: LEGAL,
});

/** One way of writing the company's name, as people do. */
export const spelling = fc.record({
  placeStyle: fc.constantFrom('prefix', 'prefix-shi', 'bracket-front', 'bracket-middle', 'bracket-end'),
  bracket: fc.constantFrom(['(', ')'], ['（', '）'], ['【', '】'], ['[', ']']),
  legal: LEGAL,
  traditional: fc.boolean(),
  fullWidth: fc.boolean(),
  spaces: fc.boolean(),
});

export type Spelling = typeof spelling extends fc.Arbitrary<infer T> ? T : never;

export function writeCompany(c: CompanyName, s: Spelling, keepLegal = false): string {
  const legal = keepLegal ? c.legal : s.legal;
  const [open, close] = s.bracket as [string, string];
  let name: string;
  if (!c.place) name = `${c.brand}${c.industry}${legal}`;
  else if (s.placeStyle === 'prefix') name = `${c.place}${c.brand}${c.industry}${legal}`;
  else if (s.placeStyle === 'prefix-shi') name = `${c.place}市${c.brand}${c.industry}${legal}`;
  else if (s.placeStyle === 'bracket-front')
    name = `${open}${c.place}${close}${c.brand}${c.industry}${legal}`;
  else if (s.placeStyle === 'bracket-middle')
    name = `${c.brand}${open}${c.place}${close}${c.industry}${legal}`;
  else name = `${c.brand}${c.industry}${legal}${open}${c.place}${close}`;
  if (s.traditional) name = toTraditional(name);
  if (s.spaces) name = [...name].join(' ');
  if (s.fullWidth) name = toFullWidth(name);
  return name;
}

const MOBILE_PREFIXES = ['130', '135', '138', '139', '150', '158', '177', '186', '188', '199'];
const AREA_CODES = [
  ['010', 8],
  ['021', 8],
  ['020', 8],
  ['0755', 8],
  ['0571', 8],
  ['0512', 8],
  ['028', 8],
  ['0592', 7],
] as const;

export const mobile = fc
  .tuple(fc.constantFrom(...MOBILE_PREFIXES), fc.stringMatching(/^\d{8}$/))
  .map(([p, rest]) => p + rest);

export const landline = fc
  .tuple(fc.constantFrom(...AREA_CODES), fc.integer({ min: 2, max: 8 }), fc.stringMatching(/^\d{7}$/))
  .map(([[area, digits], first, rest]) => ({ area, local: `${first}${rest}`.slice(0, digits) }));
