import type { FieldError } from '../api/client';

/**
 * Where a server error belongs in the rule builder. The server names each problem by its path in the
 * request body (`definition.steps[2].then[0].params.title`, `definition.conditions.all[1].value`,
 * `name`); the builder keeps the definition's paths without the `definition.` prefix, so every part
 * of the editor knows its own path and shows what is at or under it.
 */

/** The builder's path of a server path: `definition.x` → `x`; body fields keep their names. */
export function builderPath(serverPath: string): string {
  if (serverPath === 'definition') return '';
  return serverPath.startsWith('definition.') ? serverPath.slice('definition.'.length) : serverPath;
}

/** The server's errors in builder paths. */
export function toBuilderErrors(errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: builderPath(e.path) }));
}

/** Whether `path` is `at` itself or lies under it (`at.x`, `at[0]`). */
export function isAtOrUnder(path: string, at: string): boolean {
  if (at === '') return true;
  return path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`);
}

/** The errors a part shows: those at its path, and with `exact` false those under it as well. */
export function errorsAt<E extends { path: string }>(errors: readonly E[], at: string, exact = false): E[] {
  return errors.filter((e) => (exact ? e.path === at : isAtOrUnder(e.path, at)));
}
