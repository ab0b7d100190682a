import dayjs from 'dayjs';
import type { CustomFieldDef, Pipeline } from '../api/types';
import type { Messages } from '../i18n/zh-CN';
import { builtinFields, customFieldDef } from '../records/entityFields';
import type { ListEntity } from '../records/entityFields';
import type { FieldDef, FieldOption } from '../records/filterModel';

/** How a field is edited in place; null when the system keeps it (dates of events, owner, stage). */
export type EditorKind =
  | 'text'
  | 'long_text'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'select'
  | 'multi_select'
  | 'user'
  | 'boolean';

export interface DetailField {
  /** The API name: a column or "custom.<key>". */
  key: string;
  label: string;
  /** How the value is shown (the list's cell renderer). */
  display: FieldDef;
  editor: EditorKind | null;
  options?: FieldOption[];
  required?: boolean;
}

/** Changed by actions of their own (transfer, stage moves, follow-ups), not by typing. */
const SYSTEM_KEPT = new Set([
  'owner_id',
  'created_by',
  'created_at',
  'updated_at',
  'last_contact_at',
  'last_won_at',
  'last_purchase_at',
  'converted_at',
  'tags',
  'customer_id',
  'pipeline_id',
  'stage_id',
  'stage_entered_at',
  'won_at',
  'lost_at',
  'lost_reason',
]);

const EDITOR_BY_KIND: Partial<Record<FieldDef['kind'], EditorKind>> = {
  text: 'text',
  enum: 'select',
  number: 'number',
  money: 'money',
  date: 'date',
  boolean: 'boolean',
};

const LONG_TEXT: Record<ListEntity, string> = {
  customer: 'description',
  lead: 'description',
  contact: 'notes',
  deal: 'description',
};

function builtinEditor(entity: ListEntity, f: FieldDef): EditorKind | null {
  if (SYSTEM_KEPT.has(f.key)) return null;
  // A deal's status follows its stage; a lead becomes "converted" only by converting it.
  if (entity === 'deal' && f.key === 'status') return null;
  return EDITOR_BY_KIND[f.kind] ?? null;
}

/** The fields a record page shows, built-in then custom, each with its way of being edited. */
export function detailFields(
  entity: ListEntity,
  m: Messages,
  customDefs: CustomFieldDef[],
  opts: { pipelines?: Pipeline[]; omit?: string[] } = {},
): DetailField[] {
  const omit = new Set(opts.omit ?? []);
  const builtins = builtinFields(entity, m, opts.pipelines ?? []).map((f): DetailField => ({
    key: f.key,
    label: f.label,
    display: f,
    editor: builtinEditor(entity, f),
    ...(f.options
      ? { options: f.key === 'status' ? f.options.filter((o) => o.value !== 'converted') : f.options }
      : {}),
    required: f.key === 'name',
  }));
  const longKey = LONG_TEXT[entity];
  const longLabel = entity === 'contact' ? m.fields.contact.notes : m.fields.description;
  builtins.push({
    key: longKey,
    label: longLabel,
    display: { key: longKey, label: longLabel, kind: 'text' },
    editor: 'long_text',
  });
  const custom = customDefs.map((def): DetailField => ({
    key: `custom.${def.key}`,
    label: def.label,
    display: customFieldDef(def),
    editor: def.type,
    ...(def.options.length ? { options: def.options } : {}),
    required: def.required,
  }));
  return [...builtins, ...custom].filter((f) => !omit.has(f.key));
}

/** A stored value as the form control holds it (yuan for fen, dayjs for dates). */
export function toFormValue(field: DetailField, value: unknown): unknown {
  if (value === null || value === undefined) return field.editor === 'boolean' ? false : undefined;
  switch (field.editor) {
    case 'money':
      return typeof value === 'number' ? value / 100 : value;
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? dayjs(value) : value;
    case 'boolean':
      return value === true || value === 1;
    default:
      return value;
  }
}

/** A control's value as the API takes it; empty means "clear the field". */
export function toApiValue(field: DetailField, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  if (dayjs.isDayjs(value)) return field.editor === 'date' ? value.format('YYYY-MM-DD') : value.toISOString();
  if (field.editor === 'money' && typeof value === 'number') return Math.round(value * 100);
  return value;
}

/** The PATCH body that sets one field: custom fields merge into `custom`. */
export function patchBody(field: DetailField, apiValue: unknown): Record<string, unknown> {
  if (field.key.startsWith('custom.')) return { custom: { [field.key.slice('custom.'.length)]: apiValue } };
  return { [field.key]: apiValue };
}
