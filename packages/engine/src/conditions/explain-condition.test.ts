import { describe, expect, it } from 'vitest';
import type { ConditionNode } from '@tideline/shared';
import { InvalidConditionError, conditionFields } from './compile-condition';
import { testCatalog as catalog, testEnv as env } from './condition.fixtures';
import { explainCondition } from './explain-condition';

const rule: ConditionNode = {
  all: [
    { field: 'source', op: 'eq', value: 'web_form' },
    {
      any: [
        { field: 'tags', op: 'contains', value: '高价值' },
        { field: 'amount', op: 'gte', value: 1_000_000 },
      ],
    },
    { field: 'last_contact_at', op: 'empty' },
  ],
};

describe('explainCondition', () => {
  it('gives every node its result and every leaf the value it saw, without short-circuiting', () => {
    const values = { source: 'referral', tags: ['高价值'], amount: 500, last_contact_at: null };
    expect(explainCondition(rule, catalog, values, env)).toEqual({
      kind: 'all',
      path: 'conditions',
      result: false,
      children: [
        {
          kind: 'leaf',
          path: 'conditions.all[0]',
          field: 'source',
          op: 'eq',
          value: 'web_form',
          actual: 'referral',
          result: false,
        },
        {
          kind: 'any',
          path: 'conditions.all[1]',
          result: true,
          children: [
            {
              kind: 'leaf',
              path: 'conditions.all[1].any[0]',
              field: 'tags',
              op: 'contains',
              value: '高价值',
              actual: ['高价值'],
              result: true,
            },
            {
              kind: 'leaf',
              path: 'conditions.all[1].any[1]',
              field: 'amount',
              op: 'gte',
              value: 1_000_000,
              actual: 500,
              result: false,
            },
          ],
        },
        {
          kind: 'leaf',
          path: 'conditions.all[2]',
          field: 'last_contact_at',
          op: 'empty',
          value: null,
          actual: null,
          result: true,
        },
      ],
    });
  });

  it('reports a missing value as null and no condition as an empty all that passes', () => {
    const leaf = explainCondition({ field: 'name', op: 'ne', value: 'x' }, catalog, {}, env);
    expect(leaf).toMatchObject({ kind: 'leaf', actual: null, result: true });
    expect(explainCondition(undefined, catalog, {}, env)).toEqual({
      kind: 'all',
      path: 'conditions',
      result: true,
      children: [],
    });
    expect(explainCondition({ any: [] }, catalog, {}, env, 'steps[0].condition')).toEqual({
      kind: 'any',
      path: 'steps[0].condition',
      result: false,
      children: [],
    });
  });

  it('throws on an invalid tree, with paths under the given root', () => {
    const explain = () =>
      explainCondition({ field: 'name', op: 'gt', value: 1 }, catalog, {}, env, 'steps[1].condition');
    expect(explain).toThrow(InvalidConditionError);
    expect(explain).toThrow('steps[1].condition.op operator gt does not apply to name (a text field)');
  });
});

describe('conditionFields', () => {
  it.each<[string, ConditionNode | undefined, string[]]>([
    ['no condition', undefined, []],
    ['empty group', { any: [] }, []],
    ['one leaf', { field: 'customer.level', op: 'eq', value: 'A' }, ['customer.level']],
    ['a tree, distinct, in order of first use', rule, ['source', 'tags', 'amount', 'last_contact_at']],
    [
      'repeats',
      {
        any: [
          { field: 'tags', op: 'empty' },
          {
            all: [
              { field: 'owner.department_id', op: 'eq', value: 'd' },
              { field: 'tags', op: 'contains', value: 'x' },
            ],
          },
        ],
      },
      ['tags', 'owner.department_id'],
    ],
  ])('%s', (_name, node, expected) => {
    expect(conditionFields(node)).toEqual(expected);
  });
});
