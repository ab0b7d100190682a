import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { companyName, spelling, writeCompany } from './dedupe.arbitraries';
import { normalizeCompanyName, splitCompanyCore } from './normalize-company';
import { normalizePersonName } from './normalize-person';
import { compactText } from './fold-text';

describe('normalizeCompanyName', () => {
  it.each([
    ['北京字节跳动科技有限公司', '北京市字节跳动科技'],
    ['字节跳动（北京）科技有限公司', '北京市字节跳动科技'],
    ['（北京）字节跳动科技有限公司', '北京市字节跳动科技'],
    ['北京市字节跳动科技有限公司', '北京市字节跳动科技'],
    ['字节跳动科技有限公司', '字节跳动科技'],
    ['華為技術有限公司', '华为技术'],
    ['华为技术有限公司（深圳）', '深圳市华为技术'],
    ['广东华信电子股份有限公司', '广东省华信电子'],
    ['阿里巴巴（中国）有限公司', '阿里巴巴'],
    ['腾讯集团有限公司', '腾讯'],
    ['腾讯 集团', '腾讯'],
    ['内蒙古伊利實業集團股份有限公司', '内蒙古伊利实业'],
    ['星辰创投（有限合伙）', '星辰创投'],
    ['Acme Co., Ltd.', 'acme'],
    ['ACME Corporation', 'acme'],
    ['ＡＣＭＥ　ｌｔｄ', 'acme'],
    ['Huaxin Technology Co Ltd', 'huaxintechnology'],
    // A legal form with one typo is still one.
    ['宁波宏众机械有限司', '宁波市宏众机械'],
    ['长沙星益贸易集团限公司', '长沙市星益贸易'],
    ['永博贸易有线公司', '永博贸易'],
    // A branch is a company of its own; a lone legal form is kept rather than emptied.
    ['中国石化北京分公司', '中国石化北京分公司'],
    ['有限公司', '有限公司'],
  ])('%s → %s', (raw, core) => expect(normalizeCompanyName(raw)).toBe(core));

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (raw) => {
        const once = normalizeCompanyName(raw);
        expect(normalizeCompanyName(once)).toBe(once);
      }),
    );
  });

  it('is idempotent on company names', () => {
    fc.assert(
      fc.property(companyName, spelling, (c, s) => {
        const once = normalizeCompanyName(writeCompany(c, s));
        expect(normalizeCompanyName(once)).toBe(once);
      }),
    );
  });

  it('gives every spelling of a company the same core: legal form, brackets, width, spaces, traditional', () => {
    fc.assert(
      fc.property(companyName, spelling, spelling, (c, a, b) => {
        expect(normalizeCompanyName(writeCompany(c, a))).toBe(normalizeCompanyName(writeCompany(c, b)));
      }),
    );
  });

  it('keeps companies of different places or brands apart', () => {
    fc.assert(
      fc.property(companyName, companyName, spelling, (c, d, s) => {
        fc.pre(c.brand !== d.brand || c.place !== d.place || c.industry !== d.industry);
        // 华信 + 科技 and 华 + 信科技 are the same text: only different texts must differ.
        fc.pre(`${c.place ?? ''}${c.brand}${c.industry}` !== `${d.place ?? ''}${d.brand}${d.industry}`);
        expect(normalizeCompanyName(writeCompany(c, s))).not.toBe(normalizeCompanyName(writeCompany(d, s)));
      }),
    );
  });

  it('reads a core as place + brand + industry', () => {
    expect(splitCompanyCore('杭州市云帆网络科技')).toEqual({
      place: '杭州',
      rest: '云帆网络科技',
      brand: '云帆',
      industry: '网络科技',
    });
    expect(splitCompanyCore('acme')).toEqual({ place: '', rest: 'acme', brand: 'acme', industry: '' });
  });
});

describe('normalizePersonName and compactText', () => {
  it.each([
    ['张 三', '张三'],
    ['張三', '张三'],
    ['Zhang San', 'zhangsan'],
    ['阿卜杜·热合曼', '阿卜杜热合曼'],
  ])('%s → %s', (raw, key) => expect(normalizePersonName(raw)).toBe(key));

  it('is idempotent and ignores width, case and separators', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (raw) => {
        const key = compactText(raw);
        expect(compactText(key)).toBe(key);
        expect(compactText(` ${raw.toUpperCase()} - `)).toBe(compactText(raw.toUpperCase()));
      }),
    );
  });
});
