import { describe, expect, it } from 'vitest';
import { classifyResponse, parseRetryAfter } from './http-sender';
import { truncateUtf8 } from './robot-messages';
import { isPrivateAddress } from './target-guard';

const NOW_MS = Date.parse('2026-11-23T02:00:00.000Z');

describe('classifyResponse', () => {
  it.each([
    ['webhook', 200, '', 'ok'],
    ['webhook', 204, '', 'ok'],
    ['webhook', 301, '', 'fail'],
    ['webhook', 400, '', 'fail'],
    ['webhook', 401, '', 'fail'],
    ['webhook', 408, '', 'retry'],
    ['webhook', 429, '', 'retry'],
    ['webhook', 500, '', 'retry'],
    ['webhook', 502, '', 'retry'],
    ['wecom', 200, '{"errcode":0,"errmsg":"ok"}', 'ok'],
    ['wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', 'fail'],
    ['wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}', 'retry'],
    ['dingtalk', 200, '{"errcode":0,"errmsg":"ok"}', 'ok'],
    ['dingtalk', 200, '{"errcode":310000,"errmsg":"keywords not in content"}', 'fail'],
    ['dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast"}', 'retry'],
    ['feishu', 200, '{"code":0,"msg":"success","data":{}}', 'ok'],
    ['feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}', 'ok'],
    ['feishu', 200, '{"code":19021,"msg":"sign match fail"}', 'fail'],
    ['feishu', 200, '{"code":9499,"msg":"Bad Request"}', 'fail'],
    ['feishu', 200, '{"code":11232,"msg":"frequency limited"}', 'retry'],
    ['feishu', 200, 'not json', 'fail'],
    ['feishu', 500, '', 'retry'],
  ] as const)('%s HTTP %s %s → %s', (target, status, body, outcome) => {
    expect(classifyResponse(target, status, body).outcome).toBe(outcome);
  });

  it.each([
    ['120', 120_000],
    ['Mon, 23 Nov 2026 02:01:00 GMT', 60_000],
    ['soon', undefined],
    [undefined, undefined],
  ])('Retry-After %s → %s ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW_MS)).toBe(ms);
  });

  it('truncates UTF-8 on character boundaries', () => {
    expect(truncateUtf8('客户客户', 7)).toBe('客…');
    expect(truncateUtf8('abc', 3)).toBe('abc');
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.8', true],
    ['172.20.1.1', true],
    ['192.168.1.10', true],
    ['100.64.0.1', true],
    ['169.254.169.254', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['110.242.68.66', false],
    ['2400:3200::1', false],
    ['not-an-ip', true],
  ])('isPrivateAddress(%s) = %s', (ip, expected) => {
    expect(isPrivateAddress(ip)).toBe(expected);
  });
});
