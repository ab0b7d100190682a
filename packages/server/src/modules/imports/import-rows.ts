import { contactCreateSchema, customerCreateSchema, leadCreateSchema } from '@tideline/shared';
import type { ImportEntity } from '@tideline/shared';
import type { z } from 'zod';
import type { CustomFieldDef } from '../custom-fields/custom-field-values';

/** A column's place in the file and the field it fills. */
export interface MappedColumn {
  index: number;
  header: string;
  field: string;
}

/** A row turned into service input, or the problems that keep it out, each naming its column. */
export type RowInput =
  | {
      ok: true;
      values: Record<string, unknown>;
      custom: Record<string, unknown>;
      extras: Record<string, string>;
      /** The fields the row has a value for (an update changes only those, not the schema's defaults). */
      given: string[];
    }
  | { ok: false; message: string };

/** Users an owner (or a `user` custom field) may name, by lower-cased name and e-mail. */
export type UserLookup = Map<string, string>;

const SCHEMAS: Record<ImportEntity, z.ZodType> = {
  customer: customerCreateSchema,
  lead: leadCreateSchema,
  contact: contactCreateSchema.omit({ customer_id: true }),
};

/** Labels people type in a status or size column, to the stored values. */
const VALUE_WORDS: Record<string, Record<string, string>> = {
  status: {
    潜在: 'potential',
    潜在客户: 'potential',
    成交: 'active',
    成交客户: 'active',
    活跃: 'active',
    合作中: 'active',
    沉睡: 'inactive',
    休眠: 'inactive',
    不活跃: 'inactive',
    流失: 'lost',
    已流失: 'lost',
    新线索: 'new',
    新建: 'new',
    已联系: 'contacted',
    有效: 'qualified',
    已确认: 'qualified',
    无效: 'disqualified',
  },
};

/** Fields whose text is kept aside for the import itself (owner, a contact's customer) rather than the service. */
const EXTRA_FIELDS = new Set(['owner', 'customer_name']);

const TRUE_WORDS = new Set(['true', '1', 'y', 'yes', '是', '有', '√', '对']);
const FALSE_WORDS = new Set(['false', '0', 'n', 'no', '否', '无', '×', '错']);

function customValue(def: CustomFieldDef, text: string, users: UserLookup): unknown {
  const option = (t: string) => def.options.find((o) => o.value === t || o.label === t)?.value ?? t;
  switch (def.type) {
    case 'number': {
      const n = Number(text.replace(/[,，\s]/g, ''));
      return Number.isFinite(n) ? n : text;
    }
    case 'money': {
      const n = Number(text.replace(/[,，\s¥￥元]/g, ''));
      return Number.isFinite(n) ? Math.round(n * 100) : text;
    }
    case 'date':
      return text.replace(
        /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/,
        (_m, y: string, mo: string, d: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`,
      );
    case 'datetime':
      return text.includes('T') ? text : text.replace(' ', 'T');
    case 'select':
      return option(text);
    case 'multi_select':
      return text
        .split(/[,，、;；|]/)
        .map((t) => t.trim())
        .filter(Boolean)
        .map(option);
    case 'boolean': {
      const t = text.toLowerCase();
      return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : text;
    }
    case 'user':
      return users.get(text.toLowerCase()) ?? text;
    default:
      return text;
  }
}

/**
 * Turn the cells of one row into the input of the entity's create service, checked with the same
 * schema the API uses. Problems name the column (「手机」: must be a phone number), not the field.
 */
export function rowInput(
  entity: ImportEntity,
  columns: readonly MappedColumn[],
  cells: readonly string[],
  customDefs: ReadonlyMap<string, CustomFieldDef>,
  users: UserLookup,
): RowInput {
  const values: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const extras: Record<string, string> = {};
  for (const c of columns) {
    const text = (cells[c.index] ?? '').trim();
    if (text === '') continue;
    if (EXTRA_FIELDS.has(c.field)) extras[c.field] = text;
    else if (c.field.startsWith('custom.')) {
      const def = customDefs.get(c.field.slice(7));
      if (def) custom[def.key] = customValue(def, text, users);
    } else if (c.field === 'score') {
      const n = Number(text);
      values.score = Number.isFinite(n) ? Math.round(n) : text;
    } else values[c.field] = VALUE_WORDS[c.field]?.[text] ?? text;
  }
  const parsed = SCHEMAS[entity].safeParse(values);
  if (!parsed.success) {
    const header = (field: string) => columns.find((c) => c.field === field)?.header ?? field;
    const message = parsed.error.issues
      .map((i) => `「${header(String(i.path[0] ?? ''))}」: ${i.message}`)
      .join('; ');
    return { ok: false, message };
  }
  return {
    ok: true,
    values: parsed.data as Record<string, unknown>,
    custom,
    extras,
    given: Object.keys(values),
  };
}

/** Name the column behind a service's field path (`custom.budget`, `owner_id`, `phone`). */
export function columnOf(columns: readonly MappedColumn[], path: string): string | null {
  const field = path === 'owner_id' ? 'owner' : path === 'customer_id' ? 'customer_name' : path;
  return columns.find((c) => c.field === field)?.header ?? null;
}
