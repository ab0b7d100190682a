import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Public pools (公海): pools with members, admins and recycling rules; owner caps; the log of every
 * move in and out of a pool; the warnings sent before a recycle. A customer in a pool has no owner and
 * a pool_id. See docs/adr/0006-public-pool.md.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  // One statement per column: SQLite adds a single column per ALTER TABLE.
  const add = (name: string, type: string) =>
    db.schema.alterTable('customers').addColumn(name, sql.raw(type)).execute();
  await add('pool_id', t.id);
  await add('pool_entered_at', t.instant);
  await add('previous_owner_id', t.id);
  await add('recycle_reason', 'varchar(500)');
  await add('released_at', t.instant);
  await add('claimed_at', t.instant);
  await db.schema
    .alterTable('customers')
    .addColumn('times_dropped', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A locked customer is a key account: exempt from recycling where the rule says so.
  await db.schema
    .alterTable('customers')
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // The pool list: one pool's customers, newest arrivals first. Partial: owned customers are not in it.
  await sql`create index customers_pool_idx on customers (workspace_id, pool_id, pool_entered_at)
    where pool_id is not null`.execute(db);
  // Recycle sweeps: the "owned since" window (last contact, last purchase and created have theirs).
  await sql`create index customers_claimed_idx on customers (workspace_id, claimed_at)
    where claimed_at is not null`.execute(db);
  // Caps count a rep's customers on every claim: this answers from the index alone (PostgreSQL fetched
  // each of a rep's thousands of rows to check deleted_at).
  await sql`create index customers_owned_idx on customers (workspace_id, owner_id, last_won_at)
    where deleted_at is null`.execute(db);
  // "Has an open deal" is asked for every candidate of a sweep: an index that answers it alone.
  await sql`create index deals_open_customer_idx on deals (workspace_id, customer_id)
    where status = 'open' and deleted_at is null`.execute(db);

  await db.schema
    .createTable('pools')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('scope', 'varchar(20)', (c) => c.notNull())
    .addColumn('department_id', t.id)
    .addColumn('source', 'varchar(200)')
    .addColumn('hidden_fields', t.json, (c) => c.notNull())
    .addColumn('daily_claim_limit', 'integer')
    .addColumn('cooldown_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('pools_pk', ['workspace_id', 'id'])
    .execute();

  // Members are users or departments (with the departments below them).
  await db.schema
    .createTable('pool_members')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('pool_id', t.id, (c) => c.notNull())
    .addColumn('member_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('member_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('pool_members_pk', ['workspace_id', 'pool_id', 'member_type', 'member_id'])
    .addForeignKeyConstraint('pool_members_pool_fk', ['workspace_id', 'pool_id'], 'pools', [
      'workspace_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('pool_members_member_idx')
    .on('pool_members')
    .columns(['workspace_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('pool_admins')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('pool_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('pool_admins_pk', ['workspace_id', 'pool_id', 'user_id'])
    .addForeignKeyConstraint('pool_admins_pool_fk', ['workspace_id', 'pool_id'], 'pools', [
      'workspace_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('pool_admins_user_idx')
    .on('pool_admins')
    .columns(['workspace_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('pool_recycle_rules')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('pool_id', t.id, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('days_by_level', t.json, (c) => c.notNull())
    .addColumn('warn_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warn_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warn_robot', t.json)
    .addColumn('exempt_locked', 'integer', (c) => c.notNull())
    .addColumn('exempt_won', 'integer', (c) => c.notNull())
    .addColumn('exempt_open_deals', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // A rule looks forward from when it was saved or switched on, never back over history.
    .addColumn('effective_from', t.instant, (c) => c.notNull())
    .addColumn('swept_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('pool_recycle_rules_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('pool_recycle_rules_pool_fk', ['workspace_id', 'pool_id'], 'pools', [
      'workspace_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('pool_recycle_rules_pool_idx')
    .on('pool_recycle_rules')
    .columns(['workspace_id', 'pool_id'])
    .execute();

  // 私海上限: per user, role or department; the most specific one applies.
  await db.schema
    .createTable('owner_caps')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('subject_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('subject_id', t.id, (c) => c.notNull())
    .addColumn('max_customers', 'integer', (c) => c.notNull())
    .addColumn('count_won', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('owner_caps_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('owner_caps_subject_uq', ['workspace_id', 'subject_type', 'subject_id'])
    .execute();

  // Every move in or out of a pool: the daily limit, the cooldown and the admins' history read it.
  await db.schema
    .createTable('pool_moves')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('pool_id', t.id)
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('from_owner_id', t.id)
    .addColumn('to_owner_id', t.id)
    .addColumn('reason', 'varchar(500)')
    .addColumn('rule_id', t.id)
    .addColumn('at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('pool_moves_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('pool_moves_pool_idx')
    .on('pool_moves')
    .columns(['workspace_id', 'pool_id', 'id'])
    .execute();
  await db.schema
    .createIndex('pool_moves_customer_idx')
    .on('pool_moves')
    .columns(['workspace_id', 'customer_id', 'at'])
    .execute();
  await db.schema
    .createIndex('pool_moves_actor_idx')
    .on('pool_moves')
    .columns(['workspace_id', 'actor_id', 'pool_id', 'at'])
    .execute();

  // One warning per customer, rule and due instant: a later follow-up makes a new due instant.
  await db.schema
    .createTable('pool_warnings')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('rule_id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('due_at', t.instant, (c) => c.notNull())
    .addColumn('owner_id', t.id, (c) => c.notNull())
    .addColumn('warned_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('pool_warnings_pk', ['workspace_id', 'rule_id', 'customer_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('pool_warnings_due_idx')
    .on('pool_warnings')
    .columns(['workspace_id', 'due_at'])
    .execute();
}
