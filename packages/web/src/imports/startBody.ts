import type { ColumnMapping, ImportEntity, ImportOwner, ImportStartBody } from './importTypes';
import { IMPORT_OWNER_FIELD } from './importTypes';
import type { ImportMode } from '@tideline/shared';

/** What the options form holds. */
export interface ImportOptions {
  mode: ImportMode;
  key?: string;
  owner: ImportOwner;
  tags?: string[];
}

/** A contact follows its customer's owner, so it has no owner choice; pools hold customers only. */
export const ownerSources = (entity: ImportEntity): ImportOwner['from'][] =>
  entity === 'contact'
    ? []
    : entity === 'customer'
      ? ['column', 'user', 'distribution', 'pool']
      : ['column', 'user', 'distribution'];

/** The header a column mapping already sends to the owner field, if any. */
export const ownerColumnOf = (mapping: ColumnMapping): string | undefined =>
  Object.entries(mapping).find(([, key]) => key === IMPORT_OWNER_FIELD)?.[0];

/** The options form's first values: the owner column when the mapping has one, else the importer. */
export function initialOptions(entity: ImportEntity, mapping: ColumnMapping, meId: string): ImportOptions {
  const column = ownerColumnOf(mapping);
  const owner: ImportOwner =
    entity === 'contact'
      ? { from: 'user', user_id: meId }
      : column
        ? { from: 'column', column }
        : { from: 'user', user_id: meId };
  return { mode: 'create', owner, tags: [] };
}

/**
 * The body of POST /imports/:id/start. The owner choice decides the owner column: the chosen column
 * is sent mapped to the owner field and any other owner mapping is dropped, so the file and the
 * choice never disagree.
 */
export function startBody(
  entity: ImportEntity,
  mapping: ColumnMapping,
  options: ImportOptions,
): ImportStartBody {
  const owner = options.owner;
  const sent: ColumnMapping = {};
  for (const [header, key] of Object.entries(mapping)) sent[header] = key === IMPORT_OWNER_FIELD ? null : key;
  if (entity !== 'contact' && owner.from === 'column' && owner.column)
    sent[owner.column] = IMPORT_OWNER_FIELD;
  const ownerBody: ImportOwner | undefined =
    entity === 'contact'
      ? undefined
      : owner.from === 'column'
        ? { from: 'column', column: owner.column }
        : owner.from === 'user'
          ? { from: 'user', user_id: owner.user_id }
          : owner.from === 'pool'
            ? { from: 'pool', pool_id: owner.pool_id }
            : { from: 'distribution' };
  return {
    mapping: sent,
    mode: options.mode,
    ...(options.mode === 'update' && options.key ? { key: options.key } : {}),
    ...(ownerBody ? { owner: ownerBody } : {}),
    ...(options.tags?.length ? { tags: options.tags } : {}),
  };
}
