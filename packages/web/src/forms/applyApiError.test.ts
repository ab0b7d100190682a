import { describe, expect, it } from 'vitest';
import { pathToName } from './applyApiError';

describe('pathToName', () => {
  it.each([
    ['name', ['name']],
    ['custom.budget', ['custom', 'budget']],
    ['items[2].product_id', ['items', 2, 'product_id']],
    ['ids[10]', ['ids', 10]],
    ['filter[0].value', ['filter', 0, 'value']],
  ])('%s', (path, name) => {
    expect(pathToName(path)).toEqual(name);
  });
});
