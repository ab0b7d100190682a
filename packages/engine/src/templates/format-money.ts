/**
 * Format an integer amount of minor units (fen, cents) as money, e.g. 1234500 CNY → "¥12,345.00".
 * The number of minor digits comes from the currency (JPY has none), and the decimal string is
 * built by hand so large amounts never pass through floating point.
 */
export function formatMoney(minor: unknown, currency = 'CNY', locale = 'zh-CN'): string {
  if (minor === null || minor === undefined || minor === '') return '';
  const units = toMinorUnits(minor);
  if (units === undefined) return String(minor);
  const code = currency.toUpperCase();
  const format = currencyFormat(code, locale);
  // An unknown currency code should not break a whole mail: show the amount with the code.
  const digits = format?.resolvedOptions().maximumFractionDigits ?? 2;
  const plain =
    format ?? new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const decimal = digits > 0 ? `${whole}.${abs.slice(abs.length - digits)}` : whole;
  const text = plain.format(`${negative ? '-' : ''}${decimal}` as Intl.StringNumericLiteral);
  return format ? text : `${text} ${code}`;
}

function currencyFormat(currency: string, locale: string): Intl.NumberFormat | undefined {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    return undefined;
  }
}

function toMinorUnits(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.round(value)) : undefined;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return undefined;
}
