import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TW_VARIANTS_REV from 'opencc-js/dict/TWVariantsRev';
import HK_VARIANTS_REV from 'opencc-js/dict/HKVariantsRev';

/**
 * Traditional → simplified Chinese, character by character, from OpenCC's dictionaries (the opencc-js
 * package): Taiwan and Hong Kong variant forms first go to OpenCC's standard traditional form, then
 * to simplified. Character level is enough for matching — both sides of a comparison are converted
 * the same way — and it is a Map lookup per character instead of OpenCC's phrase trie.
 */
function pairs(text: string): [string, string][] {
  return text.split('|').flatMap((entry) => {
    const [from, to] = entry.split(' ');
    return from && to ? [[from, to] as [string, string]] : [];
  });
}

function buildTable(): Map<string, string> {
  const toSimplified = new Map(pairs(TS_CHARACTERS));
  const variants = new Map([...pairs(HK_VARIANTS_REV), ...pairs(TW_VARIANTS_REV)]);
  const table = new Map(toSimplified);
  for (const [variant, standard] of variants) {
    if (!table.has(variant)) table.set(variant, toSimplified.get(standard) ?? standard);
  }
  // A mapping that leads to a character that maps again (chains) is followed to its end.
  for (const [from, to] of table) {
    const next = table.get(to);
    if (next && next !== to) table.set(from, next);
  }
  return table;
}

let table: Map<string, string> | null = null;

/** The text with every traditional (or Taiwan/Hong Kong variant) character replaced by its simplified form. */
export function toSimplified(text: string): string {
  table ??= buildTable();
  let out = '';
  for (const ch of text) out += table.get(ch) ?? ch;
  return out;
}
