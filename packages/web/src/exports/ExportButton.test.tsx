import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders } from '../test/TestProviders';
import { ExportButton } from './ExportButton';
import type { ExportView } from './exportUrl';

const VIEW: ExportView = {
  filter: [{ field: 'industry', op: 'eq', value: '制造业' }],
  sort: '-created_at',
  q: ' 华信 ',
  columns: ['name', 'owner_id', 'custom.budget'],
};
const EXPORTER = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'records:export' as const] };

/** The URLs the browser was sent to download. */
function spyDownloads() {
  const hrefs: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    hrefs.push(this.getAttribute('href') ?? '');
  });
  return hrefs;
}

afterEach(() => vi.restoreAllMocks());

describe('ExportButton', () => {
  it('downloads the list as shown: filters, search, sort, visible columns and language', async () => {
    const hrefs = spyDownloads();
    render(
      <TestProviders me={EXPORTER}>
        <ExportButton path="/customers" view={VIEW} />
      </TestProviders>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /导\s?出/ }));
    await user.click(await screen.findByText('Excel（.xlsx）'));
    expect(hrefs).toHaveLength(1);
    const url = new URL(hrefs[0]!, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/customers/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'xlsx',
      filter: JSON.stringify(VIEW.filter),
      sort: '-created_at',
      q: '华信',
      columns: 'name,owner_id,custom.budget',
      lang: 'zh-CN',
    });
    await user.click(screen.getByRole('button', { name: /导\s?出/ }));
    await user.click(await screen.findByText('CSV（逗号分隔）'));
    expect(new URL(hrefs[1]!, 'http://localhost').searchParams.get('format')).toBe('csv');
  });

  it('speaks English and leaves out an empty filter', async () => {
    const hrefs = spyDownloads();
    render(
      <TestProviders me={{ ...EXPORTER, user: { ...EXPORTER.user, locale: 'en-US' } }} locale="en-US">
        <ExportButton path="/leads" view={{ ...VIEW, filter: [], q: '' }} />
      </TestProviders>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Export$/ }));
    await user.click(await screen.findByText('CSV (comma-separated)'));
    const url = new URL(hrefs[0]!, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/leads/export');
    expect(url.searchParams.has('filter')).toBe(false);
    expect(url.searchParams.has('q')).toBe(false);
    expect(url.searchParams.get('lang')).toBe('en-US');
  });

  it('is not offered without the export permission', () => {
    render(
      <TestProviders>
        <ExportButton path="/customers" view={VIEW} />
      </TestProviders>,
    );
    expect(screen.queryByRole('button', { name: /导\s?出/ })).toBeNull();
  });
});
