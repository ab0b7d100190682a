import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import type { ImportJob, ImportUpload } from './importTypes';
import { ImportWizard } from './ImportWizard';

const IMPORTER = {
  ...TEST_ME,
  permissions: [...TEST_ME.permissions, 'imports:run' as const],
};
const ID = '0193a1b2-0000-7000-8000-0000000000aa';
const FIELDS = [
  { key: 'name', label_zh: '客户名称', label_en: 'Customer name', required: true, type: 'text' },
  { key: 'phone', label_zh: '电话', label_en: 'Phone', required: false, type: 'phone' },
  { key: 'industry', label_zh: '行业', label_en: 'Industry', required: false, type: 'text' },
  { key: 'owner', label_zh: '负责人', label_en: 'Owner', required: false, type: 'user' },
];
const UPLOAD: ImportUpload = {
  id: ID,
  entity: 'customer',
  filename: '客户名单.csv',
  format: 'csv',
  encoding: 'gb18030',
  status: 'uploaded',
  headers: ['公司名称', '联系电话', '所属行业', '备注'],
  sample_rows: [
    ['杭州云帆科技', '0571-88886666', '软件', ''],
    ['苏州恒通机械', '0512-66668888', '制造', ''],
  ],
  row_estimate: 1234,
  suggested_mapping: { 公司名称: 'name', 联系电话: 'phone', 所属行业: 'industry', 备注: null },
  fields: FIELDS,
};
const job = (over: Partial<ImportJob>): ImportJob => ({
  id: ID,
  entity: 'customer',
  filename: '客户名单.csv',
  format: 'csv',
  encoding: 'gb18030',
  status: 'queued',
  mode: 'create',
  total_rows: 10,
  processed_rows: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  started_at: null,
  finished_at: null,
  created_by: TEST_ME.user.id,
  created_at: '2026-11-23T02:00:00Z',
  ...over,
});

type Answer = { status?: number; body?: unknown };

function setup(opts: { upload?: Answer; start?: Answer; progress?: ImportJob[]; english?: boolean } = {}) {
  const progress = [...(opts.progress ?? [])];
  const calls = mockFetch((url, init) => {
    const method = init.method ?? 'GET';
    if (url.pathname === '/api/v1/imports' && method === 'POST')
      return opts.upload ?? { status: 201, body: UPLOAD };
    if (url.pathname === `/api/v1/imports/${ID}/start`)
      return opts.start ?? { status: 202, body: job({ status: 'queued' }) };
    if (url.pathname === `/api/v1/imports/${ID}`)
      return { body: progress.length > 1 ? progress.shift() : progress[0] };
    if (url.pathname === '/api/v1/imports') return { body: { items: [] } };
    if (url.pathname === '/api/v1/users')
      return { body: { items: [{ ...TEST_ME.user, status: 'active' }], next_cursor: null } };
    if (url.pathname === '/api/v1/tags') return { body: { items: [] } };
    return undefined;
  });
  render(
    <TestProviders
      me={opts.english ? { ...IMPORTER, user: { ...IMPORTER.user, locale: 'en-US' } } : IMPORTER}
      locale={opts.english ? 'en-US' : 'zh-CN'}
    >
      <ImportWizard pollMs={20} />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup() };
}

const fileInput = () => document.querySelector('input[type="file"]') as HTMLInputElement;
const csv = () => new File(['公司名称,联系电话\n'], '客户名单.csv', { type: 'text/csv' });
const rowOf = (header: string) => screen.getByText(header, { selector: 'strong' }).closest('tr')!;
/** The text an Ant Design select shows for its value. */
const shown = (header: string) =>
  within(rowOf(header)).getByRole('combobox').closest('.ant-select')?.textContent ?? '';

async function uploadAndMap(user: ReturnType<typeof userEvent.setup>) {
  await user.upload(fileInput(), csv());
  expect(await screen.findByText('GBK / GB18030')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await screen.findByRole('columnheader', { name: '文件列' });
}

describe('ImportWizard', () => {
  it('uploads the raw file and shows what the server read from it', async () => {
    const { calls, user } = setup();
    await user.upload(fileInput(), csv());
    expect(await screen.findByText('GBK / GB18030')).toBeTruthy();
    expect(screen.getByText('约 1,234 行')).toBeTruthy();
    expect(screen.getByText('CSV')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.searchParams.get('entity')).toBe('customer');
    expect(post.url.searchParams.get('filename')).toBe('客户名单.csv');
    expect(post.headers['content-type']).toBe('application/octet-stream');
    expect(post.headers['x-csrf-token']).toBe('csrf-test');
  });

  it('shows the server’s reasons when it refuses the file, in Chinese for the problems it knows', async () => {
    const { user } = setup({
      upload: {
        status: 400,
        body: {
          code: 'validation_failed',
          title: 'The request has invalid fields',
          errors: [
            { path: 'file', code: 'empty_file', message: 'The file is empty' },
            { path: 'file', code: 'brand_new', message: 'Row 3 has a stray quote' },
          ],
        },
      },
    });
    await user.upload(fileInput(), csv());
    expect(await screen.findByText('这个文件无法导入')).toBeTruthy();
    expect(screen.getByText('文件是空的，或者第一行没有表头')).toBeTruthy();
    expect(screen.getByText('Row 3 has a stray quote')).toBeTruthy();
    expect(screen.queryByText('The request has invalid fields')).toBeNull();
    expect((screen.getByRole('button', { name: '下一步' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('explains a 413 in its own words', async () => {
    const { user } = setup({ upload: { status: 413, body: {} } });
    await user.upload(fileInput(), csv());
    expect(
      await screen.findByText('文件太大，服务器拒收了。请把它拆成几个较小的文件分别导入。'),
    ).toBeTruthy();
  });

  it('prefills the mapping from the server’s suggestions, with sample values beside each column', async () => {
    const { user } = setup();
    await uploadAndMap(user);
    expect(shown('公司名称')).toContain('客户名称');
    expect(shown('联系电话')).toContain('电话');
    expect(shown('所属行业')).toContain('行业');
    expect(shown('备注')).toContain('不导入');
    expect(within(rowOf('公司名称')).getByText('杭州云帆科技 / 苏州恒通机械')).toBeTruthy();
    expect(within(rowOf('备注')).getByText('前 10 行都是空的')).toBeTruthy();
  });

  it('will not go on while a required field is unmapped, and says which', async () => {
    const { user } = setup({
      upload: {
        status: 201,
        body: { ...UPLOAD, suggested_mapping: { ...UPLOAD.suggested_mapping, 公司名称: null } },
      },
    });
    await uploadAndMap(user);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '必填字段未匹配：客户名称。请为它们各选一列后再继续。',
    );
    expect(screen.queryByText('导入方式')).toBeNull();

    await user.click(within(rowOf('公司名称')).getByRole('combobox'));
    const options = await screen.findAllByTitle('客户名称');
    await user.click(options[options.length - 1]!);
    expect(screen.queryByText(/必填字段未匹配/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByText('导入方式')).toBeTruthy();
  });

  it('says the same in English', async () => {
    const { user } = setup({
      english: true,
      upload: {
        status: 201,
        body: { ...UPLOAD, suggested_mapping: { ...UPLOAD.suggested_mapping, 公司名称: null } },
      },
    });
    await user.upload(fileInput(), csv());
    expect(await screen.findByText('GBK / GB18030')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('columnheader', { name: 'Column' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Required fields not mapped: Customer name. Choose a column for each before you continue.',
    );
  });

  it('warns when two columns fill the same field', async () => {
    const { user } = setup();
    await uploadAndMap(user);
    await user.click(within(rowOf('备注')).getByRole('combobox'));
    const options = await screen.findAllByTitle('电话');
    await user.click(options[options.length - 1]!);
    expect(
      await screen.findByText('“电话”被 “联系电话”、“备注” 多列匹配，同一行只会保留最后一列的值。'),
    ).toBeTruthy();
  });

  it('starts the import, follows its progress and ends with the counts and the report link', async () => {
    const { calls, user } = setup({
      progress: [
        job({ status: 'running', processed_rows: 5, created: 4, failed: 1 }),
        job({ status: 'completed', processed_rows: 10, created: 7, updated: 0, skipped: 1, failed: 2 }),
      ],
    });
    await uploadAndMap(user);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await screen.findByText('导入方式');
    await user.click(screen.getByRole('button', { name: '开始导入' }));

    expect(await screen.findByText('已处理 5 / 10 行')).toBeTruthy();
    expect(await screen.findByText('导入完成', {}, { timeout: 3000 })).toBeTruthy();
    const counts = screen.getByRole('list', { name: '结果' });
    const count = (title: string) =>
      within(counts).getByText(title).closest('[role="listitem"]')?.textContent?.replace(title, '');
    expect([count('新建'), count('更新'), count('跳过'), count('失败')]).toEqual(['7', '0', '1', '2']);
    const report = screen.getByRole('link', { name: /下载报告 \(XLSX\)/ });
    expect(report.getAttribute('href')).toBe(`/api/v1/imports/${ID}/report.xlsx`);

    const start = calls.find((c) => c.url.pathname.endsWith('/start'))!;
    expect(start.body).toEqual({
      mapping: { 公司名称: 'name', 联系电话: 'phone', 所属行业: 'industry', 备注: null },
      mode: 'create',
      owner: { from: 'user', user_id: TEST_ME.user.id },
    });
  });

  it('asks for the key when updating, and puts the server’s refusal next to the field it names', async () => {
    const { calls, user } = setup({
      start: {
        status: 400,
        body: {
          code: 'validation_failed',
          title: 'Invalid import options',
          errors: [{ path: 'key', message: '关键字段必须是已匹配的字段' }],
        },
      },
    });
    await uploadAndMap(user);
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.click(await screen.findByRole('radio', { name: '按关键字段更新已有记录' }));
    await user.click(screen.getByRole('button', { name: '开始导入' }));
    expect(await screen.findByText('请选择用来找到已有记录的字段')).toBeTruthy();
    expect(calls.some((c) => c.url.pathname.endsWith('/start'))).toBe(false);

    await user.click(screen.getByRole('combobox', { name: '关键字段' }));
    const options = await screen.findAllByTitle('电话');
    await user.click(options[options.length - 1]!);
    await user.click(screen.getByRole('button', { name: '开始导入' }));
    expect(await screen.findByText('关键字段必须是已匹配的字段')).toBeTruthy();
    await waitFor(() =>
      expect(calls.find((c) => c.url.pathname.endsWith('/start'))?.body).toMatchObject({
        mode: 'update',
        key: 'phone',
      }),
    );
  });
});
