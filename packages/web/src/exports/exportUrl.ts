import type { FilterCondition } from '@tideline/shared';
import { buildUrl } from '../api/client';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportView {
  filter: FilterCondition[];
  sort: string;
  q: string;
  columns: string[];
}

/** The export of a list as it is shown: its filters, search, sort and visible columns, in the UI's language. */
export function exportUrl(path: string, format: ExportFormat, view: ExportView, lang: string): string {
  return buildUrl(`${path}/export`, {
    format,
    filter: view.filter.length ? JSON.stringify(view.filter) : undefined,
    sort: view.sort,
    q: view.q.trim() || undefined,
    columns: view.columns.join(','),
    lang,
  });
}

/**
 * Let the browser fetch the file itself: it streams to disk, where fetch() would first hold the whole
 * file in memory. The session cookie goes along; a GET needs no CSRF token.
 */
export function startDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
