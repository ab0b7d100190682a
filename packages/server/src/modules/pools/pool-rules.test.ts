import { describe, expect, it } from 'vitest';
import { countdownText, dueAt, exemptionsOf } from './pool-rules';
import type { Rule, RuleSubject } from './pool-rules';

const rule = (over: Partial<Rule>): Rule => ({
  id: 'r',
  workspace_id: 'w',
  pool_id: 'p',
  position: 0,
  kind: 'no_follow_up',
  days: 30,
  days_by_level: { 高价值: 60 },
  warn_days: 3,
  warn_email: false,
  warn_robot: null,
  exempt_locked: true,
  exempt_won: false,
  exempt_open_deals: true,
  enabled: true,
  effective_from: '2026-01-01T00:00:00.000Z',
  swept_at: null,
  ...over,
});

const subject = (over: Partial<RuleSubject>): RuleSubject => ({
  level: '普通',
  last_contact_at: null,
  claimed_at: null,
  created_at: '2025-06-01T00:00:00.000Z',
  last_purchase_at: null,
  last_won_at: null,
  is_locked: 0,
  ...over,
});

describe('dueAt', () => {
  const cases: [string, Partial<Rule>, Partial<RuleSubject>, string | null][] = [
    [
      'rule start when everything is older',
      {},
      { last_contact_at: '2025-12-01T00:00:00.000Z' },
      '2026-01-31T00:00:00.000Z',
    ],
    ['latest follow-up', {}, { last_contact_at: '2026-02-01T00:00:00.000Z' }, '2026-03-03T00:00:00.000Z'],
    [
      'a claim after the follow-up',
      {},
      { last_contact_at: '2026-02-01T00:00:00.000Z', claimed_at: '2026-02-10T00:00:00.000Z' },
      '2026-03-12T00:00:00.000Z',
    ],
    [
      'days of the level',
      {},
      { level: '高价值', last_contact_at: '2026-02-01T00:00:00.000Z' },
      '2026-04-02T00:00:00.000Z',
    ],
    [
      'created after the rule, never contacted',
      {},
      { created_at: '2026-03-01T00:00:00.000Z' },
      '2026-03-31T00:00:00.000Z',
    ],
    [
      'no repurchase from the purchase',
      { kind: 'no_repurchase', days: 90 },
      { last_purchase_at: '2026-02-01T00:00:00.000Z' },
      '2026-05-02T00:00:00.000Z',
    ],
    ['no repurchase without a purchase', { kind: 'no_repurchase' }, {}, null],
    [
      'not won from the claim',
      { kind: 'not_won', days: 10 },
      { claimed_at: '2026-05-01T00:00:00.000Z' },
      '2026-05-11T00:00:00.000Z',
    ],
  ];
  it.each(cases)('%s', (_name, r, s, expected) => {
    expect(dueAt(rule(r), subject(s))?.toISOString() ?? null).toBe(expected);
  });
});

describe('exemptionsOf', () => {
  const cases: [string, Partial<Rule>, Partial<RuleSubject>, boolean, string[]][] = [
    ['plain customer', {}, {}, false, []],
    ['locked', {}, { is_locked: 1 }, false, ['locked']],
    ['locked, exemption off', { exempt_locked: false }, { is_locked: 1 }, false, []],
    ['open deal', {}, {}, true, ['open_deals']],
    ['won, exemption on', { exempt_won: true }, { last_won_at: '2026-01-05T00:00:00.000Z' }, false, ['won']],
    [
      'no_open_deal with an open deal',
      { kind: 'no_open_deal', exempt_open_deals: false },
      {},
      true,
      ['not_covered'],
    ],
    [
      'not_won, won since the claim',
      { kind: 'not_won' },
      { claimed_at: '2026-01-01T00:00:00.000Z', last_won_at: '2026-01-09T00:00:00.000Z' },
      false,
      ['not_covered'],
    ],
    [
      'not_won, won before the claim',
      { kind: 'not_won' },
      { claimed_at: '2026-01-10T00:00:00.000Z', last_won_at: '2026-01-09T00:00:00.000Z' },
      false,
      [],
    ],
  ];
  it.each(cases)('%s', (_name, r, s, openDeal, expected) => {
    expect(exemptionsOf(rule(r), subject(s), openDeal)).toEqual(expected);
  });
});

describe('countdownText', () => {
  it.each([
    ['no_follow_up', 30, 3, '3 天后因 30 天未跟进回收到公海'],
    ['not_won', 90, 1, '1 天后因 领取 90 天未成交回收到公海'],
    ['no_repurchase', 180, 0, '今天因 180 天未复购回收到公海'],
  ] as const)('%s %d days, %d left', (kind, days, left, zh) => {
    expect(countdownText(kind, days, left).zh).toBe(zh);
  });
});
