import { Faker, base, zh_CN } from '@faker-js/faker';
import { Random, Weighted } from './random';
import {
  BRAND_CHARS,
  CITIES,
  FREE_MAIL,
  GIVEN_CHARS_FEMALE,
  GIVEN_CHARS_MALE,
  INDUSTRIES,
  JOB_TITLES,
  LEGAL_SUFFIXES,
  MOBILE_PREFIXES,
  SIZES,
  SOURCES,
  SURNAMES,
} from './zh-data';
import type { City, Industry } from './zh-data';

export interface Person {
  name: string;
  /** Pinyin of the surname, for work e-mail addresses. */
  surnamePinyin: string;
}

export interface Company {
  name: string;
  /** The trade name alone (华信), for deal names and short mentions. */
  brand: string;
  brandPinyin: string;
  city: City;
  industry: Industry;
}

const surnames = new Weighted(SURNAMES);
const cities = new Weighted(CITIES);
const industries = new Weighted(INDUSTRIES);
const suffixes = new Weighted(LEGAL_SUFFIXES);
const sizes = new Weighted(SIZES);
const sources = new Weighted(SOURCES);
const titles = new Weighted(JOB_TITLES);

/**
 * Deterministic Chinese people, companies and phone numbers. Each stream (customers, contacts, leads …)
 * gets its own instance so that the first N records of a stream depend only on the seed, not on how
 * many records of other kinds were generated in between.
 */
export class ZhFaker {
  readonly random: Random;
  private readonly faker: Faker;

  constructor(seed: number, stream: number) {
    this.random = new Random(seed, stream);
    this.faker = new Faker({ locale: [zh_CN, base] });
    this.faker.seed([seed, stream]);
  }

  person(): Person {
    const r = this.random;
    const [surname, surnamePinyin] = surnames.pick(r);
    const male = r.chance(0.55);
    let given: string;
    if (r.chance(0.5)) given = this.faker.person.firstName(male ? 'male' : 'female');
    else {
      const chars = male ? GIVEN_CHARS_MALE : GIVEN_CHARS_FEMALE;
      given = r.chance(0.25) ? r.pick(chars) : r.pick(chars) + r.pick(chars);
    }
    return { name: surname + given, surnamePinyin };
  }

  /** 11 digits starting with a prefix the carriers actually issue. */
  mobile(): string {
    return this.random.pick(MOBILE_PREFIXES) + this.random.digits(8);
  }

  /** A landline in the city's format: 0571-86231234, 010-62345678 (local numbers never start with 0 or 1). */
  landline(city: City): string {
    return `${city.areaCode}-${this.random.int(2, 8)}${this.random.digits(city.localDigits - 1)}`;
  }

  city(): City {
    return cities.pick(this.random);
  }

  company(): Company {
    const r = this.random;
    const city = this.city();
    const industry = industries.pick(r);
    const a = r.pick(BRAND_CHARS);
    let b = r.pick(BRAND_CHARS);
    while (b[0] === a[0]) b = r.pick(BRAND_CHARS);
    const brand = a[0] + b[0];
    const suffix = suffixes.pick(r);
    const name = `${city.name}${brand}${r.pick(industry.words)}${suffix}`;
    return { name, brand, brandPinyin: a[1] + b[1], city, industry };
  }

  /** Province and city as the region field holds them: 浙江省/杭州市, or 北京市 for municipalities. */
  region(city: City): string {
    return city.province === `${city.name}市` ? city.province : `${city.province}/${city.name}市`;
  }

  address(city: City): string {
    const r = this.random;
    const district = city.districts.length ? r.pick(city.districts) : '';
    const street = this.faker.helpers.arrayElement(this.faker.definitions.location.street_name);
    const floor = r.chance(0.6) ? `${r.int(2, 28)}楼${r.int(1, 20) * 100 + r.int(1, 20)}室` : '';
    return `${city.province === `${city.name}市` ? '' : city.province}${city.name}市${district}${street}${r.int(1, 999)}号${floor}`;
  }

  workEmail(person: Person, brandPinyin: string): string {
    const local = this.random.chance(0.5)
      ? person.surnamePinyin
      : `${person.surnamePinyin}${this.random.int(1, 99)}`;
    return `${local}@${brandPinyin}.com${this.random.chance(0.4) ? '.cn' : ''}`;
  }

  /** QQ numbers and the big free providers, as many Chinese contacts give them. */
  personalEmail(person: Person): string {
    const r = this.random;
    if (r.chance(0.55)) return `${r.int(1, 9)}${r.digits(r.int(6, 9))}@qq.com`;
    return `${person.surnamePinyin}${r.digits(r.int(2, 6))}@${r.pick(FREE_MAIL)}`;
  }

  website(brandPinyin: string): string {
    return `https://www.${brandPinyin}${this.random.chance(0.3) ? this.random.int(1, 99) : ''}.com${this.random.chance(0.35) ? '.cn' : ''}`;
  }

  size(): string {
    return sizes.pick(this.random);
  }

  source() {
    return sources.pick(this.random);
  }

  jobTitle(): string {
    return titles.pick(this.random);
  }

  /** A WeChat id as people hand them out: often the mobile number itself. */
  wechat(mobile: string | null): string | null {
    const r = this.random;
    if (mobile && r.chance(0.4)) return mobile;
    return r.chance(0.5)
      ? `wxid_${r.digits(4)}${r.pick(['ab', 'cd', 'kx', 'mz', 'q', 'y'])}${r.digits(3)}`
      : null;
  }
}

const MOBILE_RE = new RegExp(`^(${MOBILE_PREFIXES.join('|')})\\d{8}$`);
const LANDLINE_RE = /^0\d{2,3}-[2-8]\d{6,7}$/;

/** Whether a number is a mobile or landline the generator could have produced (and a carrier issued). */
export function isChinesePhone(value: string): boolean {
  if (MOBILE_RE.test(value)) return true;
  if (!LANDLINE_RE.test(value)) return false;
  const [area, local] = value.split('-') as [string, string];
  const c = CITIES.find(([c]) => c.areaCode === area)?.[0];
  return !!c && local.length === c.localDigits;
}
