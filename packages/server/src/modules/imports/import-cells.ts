/**
 * The text of a spreadsheet cell as exceljs reads it. Formulas are never evaluated: a formula cell
 * gives the result the spreadsheet saved with it (or nothing), so `=HYPERLINK(…)` or `=1+1` can do no
 * harm here. Dates become YYYY-MM-DD (or an ISO instant when they carry a time), rich text its plain
 * text, errors (#N/A) nothing.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if (Array.isArray(v.richText))
      return (v.richText as { text?: unknown }[])
        .map((r) => (typeof r.text === 'string' ? r.text : ''))
        .join('')
        .trim();
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return '';
    if ('result' in v) return cellText(v.result);
  }
  return '';
}
