import { describe, expect, it } from 'vitest';
import { initialOptions, startBody } from './startBody';

const ME = 'u-me';

describe('startBody', () => {
  it('starts with the owner column when the mapping has one, else with the importer', () => {
    expect(initialOptions('customer', { 名称: 'name', 销售: 'owner' }, ME).owner).toEqual({
      from: 'column',
      column: '销售',
    });
    expect(initialOptions('lead', { 姓名: 'name' }, ME).owner).toEqual({ from: 'user', user_id: ME });
  });

  it('sends the chosen owner column as the owner field and drops other owner mappings', () => {
    const body = startBody(
      'customer',
      { 名称: 'name', 销售: 'owner', 跟进人: null },
      { mode: 'create', owner: { from: 'column', column: '跟进人' }, tags: [] },
    );
    expect(body).toEqual({
      mapping: { 名称: 'name', 销售: null, 跟进人: 'owner' },
      mode: 'create',
      owner: { from: 'column', column: '跟进人' },
    });
  });

  it('sends the key only in update mode, tags when there are some, and no owner for contacts', () => {
    expect(
      startBody(
        'contact',
        { 姓名: 'name', 手机: 'mobile' },
        { mode: 'update', key: 'mobile', owner: { from: 'user', user_id: ME }, tags: ['t1'] },
      ),
    ).toEqual({ mapping: { 姓名: 'name', 手机: 'mobile' }, mode: 'update', key: 'mobile', tags: ['t1'] });
    expect(
      startBody(
        'customer',
        { a: 'name' },
        { mode: 'create', key: 'name', owner: { from: 'pool', pool_id: 'p1' } },
      ),
    ).toEqual({ mapping: { a: 'name' }, mode: 'create', owner: { from: 'pool', pool_id: 'p1' } });
  });
});
