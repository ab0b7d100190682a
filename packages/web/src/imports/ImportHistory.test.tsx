import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useSearchParams } from 'react-router';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import type { Locale } from '../i18n/I18nProvider';
import { ImportButton } from './ImportButton';
import { ImportHistory } from './ImportHistory';
import type { ImportJob } from './importTypes';

const IMPORTER = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'imports:run' as const] };

const item = (over: Partial<ImportJob>): ImportJob => ({
  id: 'i1',
  entity: 'customer',
  filename: 'a.csv',
  format: 'csv',
  encoding: 'utf-8',
  status: 'completed',
  mode: 'create',
  total_rows: 3,
  processed_rows: 3,
  created: 2,
  updated: 0,
  skipped: 1,
  failed: 0,
  started_at: '2026-11-23T02:00:00Z',
  finished_at: '2026-11-23T02:01:00Z',
  created_by: TEST_ME.user.id,
  created_at: '2026-11-23T02:00:00Z',
  ...over,
});

function renderWith(node: React.ReactNode, opts: { me?: typeof TEST_ME; locale?: Locale } = {}) {
  mockFetch((url) => {
    if (url.pathname === '/api/v1/imports')
      return {
        body: {
          items: [
            item({ id: 'i2', filename: '线索.xlsx', entity: 'lead', status: 'running', processed_rows: 1 }),
            item({}),
          ],
        },
      };
    if (url.pathname === '/api/v1/users')
      return { body: { items: [{ ...TEST_ME.user, status: 'active' }], next_cursor: null } };
    return undefined;
  });
  render(
    <TestProviders me={opts.me ?? IMPORTER} locale={opts.locale ?? 'zh-CN'}>
      {node}
    </TestProviders>,
  );
  return userEvent.setup();
}

function WizardProbe() {
  const [params] = useSearchParams();
  return <p>wizard for {params.get('entity')}</p>;
}

describe('ImportHistory', () => {
  it('lists recent imports with their status, counts, who ran them and a report for finished ones', async () => {
    renderWith(<ImportHistory />);
    const done = (await screen.findByRole('link', { name: 'a.csv' })).closest('tr')!;
    expect(within(done).getByText('已完成')).toBeTruthy();
    expect(within(done).getByText('新建 2 · 更新 0 · 跳过 1 · 失败 0')).toBeTruthy();
    expect(await within(done).findByText('张伟')).toBeTruthy();
    expect(within(done).getByRole('link', { name: /XLSX/ }).getAttribute('href')).toBe(
      '/api/v1/imports/i1/report.xlsx',
    );
    const running = screen.getByRole('link', { name: '线索.xlsx' }).closest('tr')!;
    expect(within(running).getByText('导入中')).toBeTruthy();
    expect(within(running).queryByRole('link', { name: /XLSX/ })).toBeNull();
  });

  it('speaks English too', async () => {
    renderWith(<ImportHistory />, {
      locale: 'en-US',
      me: { ...IMPORTER, user: { ...IMPORTER.user, locale: 'en-US' } },
    });
    const done = (await screen.findByRole('link', { name: 'a.csv' })).closest('tr')!;
    expect(within(done).getByText('Completed')).toBeTruthy();
    expect(within(done).getByText('2 created · 0 updated · 1 skipped · 0 failed')).toBeTruthy();
  });
});

describe('ImportButton', () => {
  it('opens the wizard for its entity', async () => {
    const user = renderWith(
      <Routes>
        <Route path="/" element={<ImportButton entity="customer" />} />
        <Route path="/imports/new" element={<WizardProbe />} />
      </Routes>,
    );
    await user.click(screen.getByRole('button', { name: /导\s?入$/ }));
    expect(await screen.findByText('wizard for customer')).toBeTruthy();
  });

  it('is not there for people who may not import', () => {
    renderWith(<ImportButton entity="customer" />, { me: TEST_ME });
    expect(screen.queryByRole('button', { name: /导\s?入$/ })).toBeNull();
  });
});
