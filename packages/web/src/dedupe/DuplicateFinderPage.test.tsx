import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import type { DuplicateGroup } from './dedupeApi';
import { DuplicateFinderPage } from './DuplicateFinderPage';

const OWNER = TEST_ME.user.id;
const rec = (id: string, name: string, phone: string) => ({
  id,
  name,
  owner_id: OWNER,
  owner_name: '张伟',
  phone,
  mobile: null,
  email: null,
  status: 'potential',
  company_name: null,
  customer_name: null,
  created_at: '2026-11-01T00:00:00Z',
});
const GROUP: DuplicateGroup = {
  id: 'c-a',
  confidence: 0.97,
  matches: [
    { kind: 'company', fields: ['name'], record_ids: ['c-a', 'c-b'] },
    { kind: 'custom:uscc', fields: ['custom.uscc'], record_ids: ['c-a', 'c-b'] },
  ],
  records: [rec('c-a', '北京华信科技有限公司', '010-65432100'), rec('c-b', '北京华信科技', '13800138000')],
};
const FULL: Record<string, Record<string, unknown>> = {
  'c-a': { ...GROUP.records[0], industry: '制造业', region: null, custom: { budget: 100 } },
  'c-b': { ...GROUP.records[1], industry: '软件', region: '北京', custom: { budget: 100 } },
};
const MERGER = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'records:merge' as const] };

function setup() {
  const calls = mockFetch((url, init) => {
    const p = url.pathname;
    if (p === '/api/v1/users') return { body: { items: [{ id: OWNER, name: '张伟' }], next_cursor: null } };
    if (p === '/api/v1/custom-fields') return { body: { items: [] } };
    if (p === '/api/v1/duplicates') return { body: { items: [GROUP], next_cursor: null, total: 1 } };
    if (p.startsWith('/api/v1/customers/')) return { body: FULL[p.split('/').pop()!] };
    if (p === '/api/v1/duplicates/merge')
      return {
        body: {
          entity: 'customer',
          survivor: { id: 'c-a', name: '北京华信科技有限公司' },
          merged_ids: ['c-b'],
          moved: { contacts: 2, deals: 1, tags: 0 },
        },
      };
    if (p === '/api/v1/duplicates/merge-bulk') {
      const body = JSON.parse(String(init.body)) as { preview: boolean };
      return body.preview
        ? {
            body: {
              preview: true,
              total: 2,
              groups: [
                {
                  survivor_id: 'c-a',
                  merged_ids: ['c-b'],
                  confidence: 0.99,
                  names: ['甲公司', '甲公司（北京）'],
                },
                {
                  survivor_id: 'c-c',
                  merged_ids: ['c-d', 'c-e'],
                  confidence: 0.97,
                  names: ['乙', '乙', '乙'],
                },
              ],
            },
          }
        : { body: { preview: false, merged_groups: 2, merged_records: 3, groups: [], failed: [] } };
    }
    return undefined;
  });
  render(
    <TestProviders me={MERGER}>
      <DuplicateFinderPage />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup() };
}

const scanButton = () => screen.getByRole('button', { name: /开始扫描/ });

describe('DuplicateFinderPage', () => {
  it('scans on request and lists groups with what matched and how sure', async () => {
    const { calls, user } = setup();
    expect(screen.getByText('选择记录类型后开始扫描，找出可能重复的记录。')).toBeTruthy();
    expect(calls.some((c) => c.url.pathname === '/api/v1/duplicates')).toBe(false);
    await user.click(scanButton());
    expect(await screen.findByText('北京华信科技有限公司')).toBeTruthy();
    const get = calls.find((c) => c.url.pathname === '/api/v1/duplicates')!;
    expect(Object.fromEntries(get.url.searchParams)).toMatchObject({
      entity: 'customer',
      min_confidence: '0.8',
      refresh: 'true',
    });
    expect(screen.getByText('名称相同')).toBeTruthy();
    expect(screen.getByText('custom.uscc相同')).toBeTruthy();
    expect(screen.getByText('97%')).toBeTruthy();
    expect(screen.getByText('共 1 组')).toBeTruthy();
  });

  it('merges a group with the values chosen per field and says what moved', async () => {
    const { calls, user } = setup();
    await user.click(scanButton());
    await user.click(await screen.findByRole('button', { name: '合并 北京华信科技有限公司' }));
    const dialog = (await screen.findByText('合并重复客户', { selector: '.ant-modal-title' })).closest(
      '.ant-modal',
    ) as HTMLElement;
    // Only fields with two different values are asked: name, industry, phone — not owner, status or
    // budget (equal), nor region (blank in one record: the server fills the survivor's blanks).
    await within(dialog).findByRole('radio', { name: '电话：13800138000' });
    expect(within(dialog).queryByRole('radio', { name: /^负责人/ })).toBeNull();
    expect(within(dialog).queryByRole('radio', { name: /^状态/ })).toBeNull();
    expect(within(dialog).queryByRole('radio', { name: /^地区/ })).toBeNull();
    // The survivor's values are chosen by default.
    expect(
      (within(dialog).getByRole('radio', { name: '电话：010-65432100' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect(within(dialog).getByText(/联系人、商机、跟进记录、任务、标签和转化来源线索/)).toBeTruthy();

    await user.click(within(dialog).getByRole('radio', { name: '电话：13800138000' }));
    await user.click(within(dialog).getByRole('button', { name: /确认合并/ }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/duplicates/merge')).toBe(true));
    expect(calls.find((c) => c.url.pathname === '/api/v1/duplicates/merge')!.body).toEqual({
      entity: 'customer',
      survivor_id: 'c-a',
      merged_ids: ['c-b'],
      fields: { name: 'c-a', industry: 'c-a', phone: 'c-b' },
    });
    expect(
      await screen.findByText('已合并到“北京华信科技有限公司”；移入：联系人 2 个、商机 1 个'),
    ).toBeTruthy();
  });

  it('lets the other record survive', async () => {
    const { calls, user } = setup();
    await user.click(scanButton());
    await user.click(await screen.findByRole('button', { name: '合并 北京华信科技有限公司' }));
    await user.click(await screen.findByRole('radio', { name: '保留此记录：北京华信科技' }));
    await user.click(screen.getByRole('button', { name: /确认合并/ }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/duplicates/merge')).toBe(true));
    expect(calls.find((c) => c.url.pathname === '/api/v1/duplicates/merge')!.body).toMatchObject({
      survivor_id: 'c-b',
      merged_ids: ['c-a'],
      fields: { name: 'c-b', industry: 'c-b', phone: 'c-b' },
    });
  });

  it('bulk-merges the high-confidence groups after a preview and a confirmation', async () => {
    const { calls, user } = setup();
    await user.click(screen.getByRole('button', { name: /合并高可信度重复/ }));
    expect(await screen.findByText('合并 2 组高可信度重复？')).toBeTruthy();
    expect(screen.getByText(/甲公司 ⇐ 甲公司（北京）/)).toBeTruthy();
    const bulk = () => calls.filter((c) => c.url.pathname === '/api/v1/duplicates/merge-bulk');
    expect(bulk().map((c) => c.body)).toEqual([{ entity: 'customer', preview: true, min_confidence: 0.95 }]);
    await user.click(screen.getByRole('button', { name: /全部合并/ }));
    expect(await screen.findByText('已合并 2 组、3 条记录')).toBeTruthy();
    expect(bulk().map((c) => (c.body as { preview: boolean }).preview)).toEqual([true, false]);
  });

  it('is closed to users who may not merge', () => {
    render(
      <TestProviders>
        <DuplicateFinderPage />
      </TestProviders>,
    );
    expect(screen.queryByRole('button', { name: /开始扫描/ })).toBeNull();
  });
});
