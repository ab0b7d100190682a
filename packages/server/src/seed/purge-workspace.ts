import { sql } from 'kysely';
import type { Database } from '../db/database';

/**
 * Delete a workspace and every row that belongs to it, children before parents. Used by
 * `seed --force` to replace a seeded workspace; it reads the tables and foreign keys from the
 * database itself, so tables added by later migrations are covered too.
 */
export async function purgeWorkspace(database: Database, workspaceId: string): Promise<void> {
  const { db, dialect } = database;
  await db.transaction().execute(async (trx) => {
    let tables: string[];
    let edges: { child: string; parent: string }[];
    if (dialect.kind === 'sqlite') {
      const { rows } = await sql<{ name: string }>`select m.name from sqlite_master m
        where m.type = 'table' and exists (select 1 from pragma_table_info(m.name) c where c.name = 'workspace_id')`.execute(
        trx,
      );
      tables = rows.map((r) => r.name);
      edges = [];
      for (const t of tables) {
        const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(
          trx,
        );
        edges.push(...fks.rows.map((f) => ({ child: t, parent: f.table })));
      }
    } else {
      const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.columns
        where table_schema = current_schema() and column_name = 'workspace_id'`.execute(trx);
      tables = rows.map((r) => r.name);
      const fks = await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child,
        c.confrelid::regclass::text as parent from pg_constraint c
        where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(trx);
      edges = fks.rows;
    }
    for (const table of childrenFirst(tables, edges)) {
      await sql`delete from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(trx);
    }
    await trx.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
  });
}

/** Order tables so every table comes before the tables it references. */
function childrenFirst(tables: string[], edges: { child: string; parent: string }[]): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.parent === t && e.child !== t) visit(e.child, path);
    path.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out.filter((t) => t !== 'workspaces');
}
