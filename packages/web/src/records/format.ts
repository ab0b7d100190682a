import dayjs from 'dayjs';
import type { Locale } from '../i18n/I18nProvider';

/** Money in minor units → "¥12,345.00" in the UI's language. */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      maximumFractionDigits: 2,
    }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export const formatInstant = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
export const formatDate = (date: string) => dayjs(date).format('YYYY-MM-DD');

/** The value of `custom.<key>` or a plain column from a record. */
export function readField(record: Record<string, unknown>, key: string): unknown {
  if (key.startsWith('custom.')) {
    const custom = record.custom as Record<string, unknown> | undefined;
    return custom?.[key.slice('custom.'.length)];
  }
  return record[key];
}
