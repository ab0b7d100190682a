import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';
import type { FieldError } from '../api/client';
import type { Messages } from '../i18n/zh-CN';

export type NamePath = (string | number)[];

/** "items[2].product_id" → ['items', 2, 'product_id']; "custom.budget" → ['custom', 'budget']. */
export function pathToName(path: string): NamePath {
  const name: NamePath = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      name.push(part);
      continue;
    }
    if (m[1]) name.push(m[1]);
    for (const idx of m[2]?.match(/\d+/g) ?? []) name.push(Number(idx));
  }
  return name;
}

function hasPath(values: unknown, name: NamePath): boolean {
  let node: unknown = values;
  for (const key of name) {
    if (node === null || typeof node !== 'object' || !(String(key) in node)) return false;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return true;
}

/**
 * The text to show for one field error: a localized sentence for the codes we know (users of the
 * zh-CN UI should not read English validator output), else the server's own message.
 */
export function fieldErrorText(error: FieldError, m: Messages, localize: boolean): string {
  if (localize && error.code && error.code in m.errors)
    return m.errors[error.code as keyof Messages['errors']];
  return error.message;
}

/**
 * Put a failed request's field errors on the matching Ant Design form fields (`errors[].path` →
 * setFields) and return what is left for a message above the form: the title and the errors that
 * name no field of this form. Returns null when every error landed on a field.
 */
export function applyApiError(
  form: FormInstance,
  error: unknown,
  m: Messages,
  opts: { localize?: boolean; rename?: Record<string, string> } = {},
): string | null {
  if (!isApiError(error)) return m.common.unknownError;
  if (error.status === 0) return m.common.networkError;
  const registered: unknown = form.getFieldsValue();
  const rest: string[] = [];
  const fields: { name: NamePath; errors: string[] }[] = [];
  for (const e of error.errors) {
    const name = pathToName(opts.rename?.[e.path] ?? e.path);
    const text = fieldErrorText(e, m, opts.localize ?? false);
    if (name.length && hasPath(registered, name)) {
      const existing = fields.find((f) => f.name.join('.') === name.join('.'));
      if (existing) existing.errors.push(text);
      else fields.push({ name, errors: [text] });
    } else {
      rest.push(`${e.path}: ${text}`);
    }
  }
  if (fields.length) form.setFields(fields);
  if (fields.length && rest.length === 0) return null;
  if (error.status === 403) return m.common.forbidden;
  if (error.status === 404) return m.common.notFound;
  return [fields.length ? m.forms.fixErrors : error.message, ...rest].join('\n');
}
