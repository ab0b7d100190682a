import type { ExportsMessages } from './exports.zh-CN';

/** Texts of list export (en-US). */
export const exportsEnUS: ExportsMessages = {
  button: 'Export',
  csv: 'CSV (comma-separated)',
  xlsx: 'Excel (.xlsx)',
  started: 'Exporting: the file will download shortly',
};
