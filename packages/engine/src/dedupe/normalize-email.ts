/** An e-mail address as a duplicate key: trimmed, full-width folded, lower-cased; null when it is not one. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.normalize('NFKC').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}
