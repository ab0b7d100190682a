import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { settingsEnUS } from '../i18n/settings.en-US';
import { settingsZhCN } from '../i18n/settings.zh-CN';
import { localizeApiError } from './apiRefusal';
import { moveDepartment } from './settingsApi';
import { allowedSections } from './settingsSections';

describe('localizeApiError', () => {
  const stageInUse = new ApiError(
    409,
    'stage_in_use',
    'Stage 方案报价 still holds 3 deal(s); move them first',
    [{ path: 'stages', message: 'stage 方案报价 still holds deals', code: 'stage_in_use' }],
    { code: 'stage_in_use', stage_name: '方案报价', deal_count: 3 },
  );

  it('says a known refusal in our words, with the details the problem carries', () => {
    const zh = localizeApiError(stageInUse, settingsZhCN.refusals) as ApiError;
    expect(zh.message).toBe('阶段“方案报价”中还有 3 个商机，请先把商机移到其他阶段');
    expect(zh.errors[0]).toMatchObject({ path: 'stages', message: zh.message });
    const en = localizeApiError(stageInUse, settingsEnUS.refusals) as ApiError;
    expect(en.message).toBe('Stage "方案报价" still holds 3 deals; move them to another stage first');
  });

  it("keeps the server's words for codes it does not know, and non-API errors as they are", () => {
    const odd = new ApiError(400, 'something_new', 'A new rule said no', [{ path: 'name', message: 'nope' }]);
    const out = localizeApiError(odd, settingsZhCN.refusals) as ApiError;
    expect(out.message).toBe('A new rule said no');
    expect(out.errors).toEqual([{ path: 'name', message: 'nope' }]);
    const plain = new Error('boom');
    expect(localizeApiError(plain, settingsZhCN.refusals)).toBe(plain);
  });
});

describe('allowedSections', () => {
  it('shows only what the role may manage; everyone keeps their own API tokens', () => {
    expect(allowedSections(() => false)).toEqual(['tokens']);
    const manager = new Set(['tags:manage']);
    expect(allowedSections((p) => manager.has(p))).toEqual(['tags', 'tokens']);
    expect(allowedSections(() => true)).toEqual([
      'users',
      'departments',
      'roles',
      'pipelines',
      'fields',
      'tags',
      'tokens',
      'calendar',
      'duplicates',
      'pools',
      'distribution',
    ]);
  });
});

describe('moveDepartment', () => {
  const dept = (id: string, path: string, parent_id: string | null) => ({
    id,
    name: id,
    parent_id,
    path,
    manager_id: null,
    member_count: 0,
    total_member_count: 0,
    updated_at: '',
  });
  const list = [
    dept('r', '/r/', null),
    dept('a', '/r/a/', 'r'),
    dept('a1', '/r/a/a1/', 'a'),
    dept('b', '/r/b/', 'r'),
  ];

  it('moves a department with its subtree, as the server rewrites paths', () => {
    const out = moveDepartment(list, 'a', 'b');
    expect(out.find((x) => x.id === 'a')).toMatchObject({ parent_id: 'b', path: '/r/b/a/' });
    expect(out.find((x) => x.id === 'a1')).toMatchObject({ parent_id: 'a', path: '/r/b/a/a1/' });
    expect(out.find((x) => x.id === 'b')).toMatchObject({ path: '/r/b/' });
  });

  it('leaves the tree alone for a move under itself', () => {
    expect(moveDepartment(list, 'a', 'a1')).toBe(list);
  });
});
