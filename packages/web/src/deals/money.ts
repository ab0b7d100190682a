import type { Locale } from '../i18n/I18nProvider';

/** Money in minor units, short for column headers: ¥1939.5万 / ¥19.4M. */
export function compactMoney(minor: number, currency: string, locale: Locale): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(minor / 100);
  } catch {
    return `${Math.round(minor / 100)} ${currency}`;
  }
}
