import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { CustomFieldDef } from './custom-field-values';
import type { CustomFieldType } from '@tideline/shared';

export async function loadCustomFieldDefs(trx: Executor, dialect: Dialect, workspaceId: string, entity: string): Promise<CustomFieldDef[]> {
  const rows = await trx
    .selectFrom('custom_fields')
    .select(['key', 'label', 'type', 'options', 'required'])
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    type: r.type as CustomFieldType,
    options: dialect.readJson<{ value: string; label: string }[]>(r.options) ?? [],
    required: r.required === 1,
  }));
}
