import { compactText } from './fold-text';

/** A person's name as a key: folded, without spaces or dots (张 三, 張三, 阿卜杜·热合曼, "Zhang San"). */
export function normalizePersonName(raw: string): string {
  return compactText(raw);
}
