import { compactText } from './fold-text';
import { normalizeCompanyName } from './normalize-company';
import { normalizeEmail } from './normalize-email';
import { normalizePersonName } from './normalize-person';
import { normalizePhone } from './normalize-phone';
import { normalizeUscc } from './uscc';

/** How a field's value becomes a duplicate key. */
export const KEY_NORMALIZERS = ['company', 'person', 'phone', 'email', 'uscc', 'text'] as const;
export type KeyNormalizer = (typeof KEY_NORMALIZERS)[number];

/** The duplicate key of a value, or null when it has none (empty, not a phone number, invalid code…). */
export function normalizeForKey(normalizer: KeyNormalizer, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;
  if (text === null || text.trim() === '') return null;
  let key: string | null;
  switch (normalizer) {
    case 'company':
      key = normalizeCompanyName(text);
      break;
    case 'person':
      key = normalizePersonName(text);
      break;
    case 'phone':
      key = normalizePhone(text);
      break;
    case 'email':
      key = normalizeEmail(text);
      break;
    case 'uscc':
      key = normalizeUscc(text);
      break;
    case 'text':
      key = compactText(text);
      break;
  }
  return key ? key.slice(0, 200) : null;
}
