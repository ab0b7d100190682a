import { describe, expect, it } from 'vitest';
import { companySimilarity, editDistance } from './name-similarity';
import { normalizeCompanyName } from './normalize-company';

const sim = (a: string, b: string) => companySimilarity(normalizeCompanyName(a), normalizeCompanyName(b));

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['华信', '华信', 0],
    ['华信', '华兴', 1],
    ['华信科技', '信华科技', 1],
    ['华信科技', '华信网络科技', 2],
    ['acme', 'acne', 1],
    ['abc', 'xyz', 3],
  ])('%s ↔ %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));

  it('stops early past `max`', () => expect(editDistance('aaaaaaaa', 'bbbbbbbb', 2)).toBe(3));
});

describe('companySimilarity', () => {
  it.each([
    ['北京字节跳动科技有限公司', '字节跳动（北京）科技有限公司', 1, 'the same core'],
    ['北京华联商贸', '上海华联商贸', 0, 'different cities are different companies'],
    ['华信科技', '杭州华信科技', 0.95, 'one names its city'],
    ['华信科技', '华信网络科技有限公司', 0.9, 'a shorter industry term'],
    ['华信科技', '华信物流', 0.5, 'another line of business: a sister company at most'],
    ['杭州华信网络科技', '杭州华信网落科技', 0.9, 'a typo outside the 字号'],
    ['杭州华信网络科技', '杭州华兴网络科技', 0.6, '华信 / 华兴: both real names'],
    ['深圳市腾讯计算机系统有限公司', '深圳市腾迅计算机系统有限公司', 1 - 1 / 14, 'a typo in a long 字号'],
    ['星辰贸易', '远航物流', 0, 'nothing alike'],
  ])('%s ↔ %s = %d (%s)', (a, b, expected) => expect(sim(a, b)).toBeCloseTo(expected, 5));

  it('is symmetric', () => {
    const names = [
      '华信科技',
      '杭州华信科技',
      '杭州华兴网络科技',
      '华信物流',
      '阿里巴巴网络技术',
      '阿理巴巴网络技术',
    ];
    for (const a of names) for (const b of names) expect(sim(a, b)).toBeCloseTo(sim(b, a), 10);
  });
});
