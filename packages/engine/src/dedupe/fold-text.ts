import { toSimplified } from './to-simplified';

/**
 * The form two spellings of the same text share: Unicode compatibility folding (full-width letters,
 * digits, brackets and spaces become half-width), simplified Chinese, lower case.
 */
export function foldText(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase();
}

/** Everything that is not a letter or a digit (spaces, punctuation, symbols) — dropped from keys. */
export const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/** Folded text without separators: "Acme  Ltd." and "ACME-LTD" give the same key. */
export function compactText(text: string): string {
  return foldText(text).replace(SEPARATORS, '');
}
