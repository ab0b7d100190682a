import type { DialectKind } from '../dialect/dialect';

/** What a migration may know of the database it runs on: column types differ, the steps do not. */
export interface MigrationContext {
  kind: DialectKind;
  types: {
    id: 'text' | 'uuid';
    instant: 'text' | 'timestamptz';
    date: 'text' | 'date';
    json: 'text' | 'jsonb';
    float: 'real' | 'double precision';
  };
}

export function migrationContext(kind: DialectKind): MigrationContext {
  return kind === 'postgres'
    ? {
        kind,
        types: { id: 'uuid', instant: 'timestamptz', date: 'date', json: 'jsonb', float: 'double precision' },
      }
    : { kind, types: { id: 'text', instant: 'text', date: 'text', json: 'text', float: 'real' } };
}
