import type { z } from 'zod';
import type { Insertable } from 'kysely';
import type {
  CustomFieldEntity,
  CustomFieldType,
  customFieldCreateSchema,
  customFieldUpdateSchema,
} from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { forgetFieldDefs } from './custom-field-defs.cache';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { CustomFieldTable } from '../../db/schema';
import { logChange } from '../audit/change-log';
import {
  countRecordsMissing,
  countRecordsUsingOption,
  deleteCustomFieldRow,
  findCustomField,
  findCustomFieldByKey,
  insertCustomField,
  listCustomFieldRows,
  updateCustomFieldRow,
} from './custom-field.repository';
import type { CustomFieldRow } from './custom-field.repository';

type CustomFieldCreate = z.infer<typeof customFieldCreateSchema>;
type CustomFieldUpdate = z.infer<typeof customFieldUpdateSchema>;
type Option = { value: string; label: string };

export type CustomFieldView = {
  id: string;
  entity: CustomFieldEntity;
  key: string;
  label: string;
  type: CustomFieldType;
  options: Option[];
  required: boolean;
  position: number;
  created_at: string;
  updated_at: string;
};

/** Something a change was allowed to do that the admin should know about. */
export interface CustomFieldWarning {
  code: 'option_in_use' | 'required_missing';
  path: string;
  message: string;
  value?: string;
  records: number;
}

const AUDITED = ['entity', 'key', 'label', 'type', 'options', 'required', 'position'] as const;
const HAS_OPTIONS: readonly CustomFieldType[] = ['select', 'multi_select'];

function toView(dialect: Dialect, row: CustomFieldRow): CustomFieldView {
  return {
    id: row.id,
    entity: row.entity as CustomFieldEntity,
    key: row.key,
    label: row.label,
    type: row.type as CustomFieldType,
    options: dialect.readJson<Option[]>(row.options) ?? [],
    required: row.required === 1,
    position: row.position,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Select fields need a non-empty list of distinct values; other types take no options. */
function checkOptions(type: CustomFieldType, options: Option[] | undefined): Option[] {
  if (!HAS_OPTIONS.includes(type)) {
    if (options && options.length)
      throw ValidationError.field('options', `a ${type} field has no options`, 'not_allowed');
    return [];
  }
  if (!options || options.length === 0)
    throw ValidationError.field('options', 'a select field needs at least one option', 'required');
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.value))
      throw ValidationError.field('options', `option value ${o.value} appears twice`, 'duplicate');
    seen.add(o.value);
  }
  return options;
}

/** Field definitions, all or of one entity; every signed-in user needs them to show and fill forms. */
export async function listCustomFields(deps: AppDeps, actor: Actor, entity?: CustomFieldEntity) {
  const rows = await listCustomFieldRows(deps.database.db, actor.workspaceId, entity);
  return { items: rows.map((r) => toView(deps.database.dialect, r)) };
}

export async function getCustomField(deps: AppDeps, actor: Actor, id: string): Promise<CustomFieldView> {
  const row = await findCustomField(deps.database.db, actor.workspaceId, id);
  if (!row) throw new NotFoundError('custom_field', id);
  return toView(deps.database.dialect, row);
}

export async function createCustomField(
  deps: AppDeps,
  actor: Actor,
  input: CustomFieldCreate,
  outer?: Executor,
): Promise<CustomFieldView> {
  requirePermission(actor, 'fields:manage');
  const options = checkOptions(input.type, input.options);
  return thenForget(
    actor.workspaceId,
    inTransaction(
      deps,
      async (trx) => {
        if (await findCustomFieldByKey(trx, actor.workspaceId, input.entity, input.key)) {
          throw new ConflictError(
            'custom_field_key_taken',
            `The ${input.entity} already has a field ${input.key}`,
            [
              {
                path: 'key',
                message: 'this key is already used by another field of the same record type',
                code: 'taken',
              },
            ],
          );
        }
        const now = deps.clock.now().toISOString();
        const row: CustomFieldRow & Insertable<CustomFieldTable> = {
          id: newId(),
          workspace_id: actor.workspaceId,
          entity: input.entity,
          key: input.key,
          label: input.label,
          type: input.type,
          options: deps.database.dialect.writeJson(options),
          required: input.required ? 1 : 0,
          position: input.position,
          created_at: now,
          updated_at: now,
        };
        await insertCustomField(trx, row);
        const view = toView(deps.database.dialect, row);
        await logChange(trx, deps, actor, {
          entity: 'custom_field',
          recordId: row.id,
          before: null,
          after: view,
          fields: AUDITED,
        });
        return view;
      },
      outer,
    ),
  );
}

/**
 * Change a definition. Removing options that records still hold and making a field required are
 * allowed: the answer's `warnings` say how many records are affected, and those records are asked for
 * a valid value the next time their custom fields are written.
 */
export async function updateCustomField(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: CustomFieldUpdate,
): Promise<CustomFieldView & { warnings: CustomFieldWarning[] }> {
  requirePermission(actor, 'fields:manage');
  const dialect = deps.database.dialect;
  return thenForget(
    actor.workspaceId,
    inTransaction(deps, async (trx) => {
      const row = await findCustomField(trx, actor.workspaceId, id, { lock: dialect });
      if (!row) throw new NotFoundError('custom_field', id);
      const before = toView(dialect, row);
      const options = patch.options !== undefined ? checkOptions(before.type, patch.options) : before.options;
      const after: CustomFieldView = {
        ...before,
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.required !== undefined ? { required: patch.required } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        options,
      };
      const warnings: CustomFieldWarning[] = [];
      if (before.type === 'select' || before.type === 'multi_select') {
        const kept = new Set(options.map((o) => o.value));
        for (const removed of before.options.filter((o) => !kept.has(o.value))) {
          const n = await countRecordsUsingOption(
            trx,
            dialect,
            actor.workspaceId,
            before.entity,
            before.key,
            before.type,
            removed.value,
          );
          if (n > 0) {
            warnings.push({
              code: 'option_in_use',
              path: 'options',
              value: removed.value,
              records: n,
              message: `${n} records still hold the removed option ${removed.value}`,
            });
          }
        }
      }
      if (after.required && !before.required) {
        const n = await countRecordsMissing(trx, dialect, actor.workspaceId, before.entity, before.key);
        if (n > 0) {
          warnings.push({
            code: 'required_missing',
            path: 'required',
            records: n,
            message: `${n} records have no value yet`,
          });
        }
      }
      const changes = await logChange(trx, deps, actor, {
        entity: 'custom_field',
        recordId: id,
        before,
        after,
        fields: AUDITED,
      });
      if (Object.keys(changes).length === 0) return { ...before, warnings };
      after.updated_at = deps.clock.now().toISOString();
      await updateCustomFieldRow(trx, actor.workspaceId, id, {
        label: after.label,
        options: dialect.writeJson(after.options),
        required: after.required ? 1 : 0,
        position: after.position,
        updated_at: after.updated_at,
      });
      return { ...after, warnings };
    }),
  );
}

/** Remove a definition. Values stay in the records' JSON but are no longer validated, filtered or shown as a field. */
export async function deleteCustomField(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'fields:manage');
  await thenForget(
    actor.workspaceId,
    inTransaction(deps, async (trx) => {
      const row = await findCustomField(trx, actor.workspaceId, id, { lock: deps.database.dialect });
      if (!row) throw new NotFoundError('custom_field', id);
      await deleteCustomFieldRow(trx, actor.workspaceId, id);
      await logChange(trx, deps, actor, {
        entity: 'custom_field',
        recordId: id,
        before: toView(deps.database.dialect, row),
        after: null,
        fields: AUDITED,
      });
    }),
  );
}

/** Drop cached definitions once a change has committed (or failed), so lists see it at once. */
async function thenForget<T>(workspaceId: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    forgetFieldDefs(workspaceId);
  }
}
