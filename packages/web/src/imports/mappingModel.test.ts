import { describe, expect, it } from 'vitest';
import {
  duplicateTargets,
  initialMapping,
  mappedFields,
  sampleValues,
  unmappedRequired,
} from './mappingModel';
import type { ImportField } from './importTypes';

const field = (key: string, required = false): ImportField => ({
  key,
  label_zh: key,
  label_en: key,
  required,
  type: 'text',
});
const FIELDS = [field('name', true), field('phone'), field('email'), field('industry')];

describe('mappingModel', () => {
  it('starts from the suggestion, leaving unknown headers and unknown field keys unmapped', () => {
    expect(
      initialMapping({
        headers: ['客户名称', '电话', '备注', '旧字段'],
        suggested_mapping: { 客户名称: 'name', 电话: 'phone', 旧字段: 'gone' },
        fields: FIELDS,
      }),
    ).toEqual({ 客户名称: 'name', 电话: 'phone', 备注: null, 旧字段: null });
  });

  it('names the required fields no column fills', () => {
    expect(unmappedRequired({ a: 'phone', b: null }, FIELDS).map((f) => f.key)).toEqual(['name']);
    expect(unmappedRequired({ a: 'name' }, FIELDS)).toEqual([]);
  });

  it('finds fields filled by two columns', () => {
    const dup = duplicateTargets({ 手机: 'phone', 电话: 'phone', 名称: 'name', x: null });
    expect([...dup]).toEqual([['phone', ['手机', '电话']]]);
  });

  it('samples non-empty values of a column', () => {
    expect(
      sampleValues(
        [
          ['a', ''],
          ['b', ' 2 '],
          ['c', '3'],
          ['d', '4'],
          ['e', '5'],
        ],
        1,
      ),
    ).toEqual(['2', '3', '4']);
    expect(sampleValues([['a']], 3)).toEqual([]);
  });

  it('lists mapped fields in field order', () => {
    expect(mappedFields({ e: 'email', n: 'name' }, FIELDS).map((f) => f.key)).toEqual(['name', 'email']);
  });
});
