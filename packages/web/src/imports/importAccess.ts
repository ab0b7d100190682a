import type { Permission } from '@tideline/shared';
import type { ImportEntity } from './importTypes';

// Written out rather than imported from @tideline/shared: this file rides with the list pages' first
// screen, and shared's import module would bring zod along with it.
const ENTITIES: readonly ImportEntity[] = ['customer', 'lead', 'contact'];

/** Importing creates and changes records: it needs imports:run and the entity's write permission. */
export const IMPORT_PERMISSION: Record<ImportEntity, Permission> = {
  customer: 'customers:write',
  lead: 'leads:write',
  contact: 'contacts:write',
};

export const canImport = (can: (p: Permission) => boolean, entity: ImportEntity) =>
  can('imports:run') && can(IMPORT_PERMISSION[entity]);

/** The entities this user may import, in menu order. */
export const importableEntities = (can: (p: Permission) => boolean) =>
  ENTITIES.filter((e) => canImport(can, e));

export const isImportEntity = (v: unknown): v is ImportEntity =>
  typeof v === 'string' && (ENTITIES as readonly string[]).includes(v);

/** Where the wizard for one entity opens. */
export const wizardRoute = (entity: ImportEntity) => `/imports/new?entity=${entity}`;
