import { sql } from 'kysely';
import type { Kysely, CreateTableBuilder } from 'kysely';
import type { MigrationContext } from './migration-context';

type Db = Kysely<unknown>;
type Table = CreateTableBuilder<string, string>;

/** The foundation: organisation, records, audit, events, search grams. Runs on SQLite and PostgreSQL. */
export async function up(db: Db, { kind, types: t }: MigrationContext): Promise<void> {
  const create = (name: string) => db.schema.createTable(name);

  await db.schema
    .createTable('workspaces')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('slug', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('locale', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();

  await withPk(create('departments'), 'departments', t)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('parent_id', t.id)
    .addColumn('path', 'varchar(2000)', (c) => c.notNull())
    .addColumn('manager_id', t.id)
    .execute();
  await db.schema
    .createIndex('departments_path_idx')
    .on('departments')
    .columns(['workspace_id', 'path'])
    .execute();

  await withPk(create('roles'), 'roles', t)
    .addColumn('key', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('permissions', t.json, (c) => c.notNull())
    .addColumn('data_scope', 'varchar(20)', (c) => c.notNull())
    .addColumn('is_system', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withPk(create('users'), 'users', t)
    .addColumn('email', 'varchar(254)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)')
    .addColumn('password_hash', 'varchar(300)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('role_id', t.id, (c) => c.notNull())
    .addColumn('department_id', t.id)
    .addColumn('manager_id', t.id)
    .addColumn('locale', 'varchar(10)', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', t.instant)
    .addColumn('last_login_at', t.instant)
    .addUniqueConstraint('users_email_uq', ['workspace_id', 'email'])
    .addForeignKeyConstraint('users_role_fk', ['workspace_id', 'role_id'], 'roles', ['workspace_id', 'id'])
    .addForeignKeyConstraint('users_department_fk', ['workspace_id', 'department_id'], 'departments', [
      'workspace_id',
      'id',
    ])
    .execute();
  // Login knows an email before it knows the workspace: the one index that does not start with it.
  await db.schema.createIndex('users_login_email_idx').on('users').column('email').execute();
  await db.schema
    .createIndex('users_department_idx')
    .on('users')
    .columns(['workspace_id', 'department_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant, (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(300)')
    .execute();
  await db.schema
    .createIndex('sessions_user_idx')
    .on('sessions')
    .columns(['workspace_id', 'user_id'])
    .execute();

  await withPk(create('api_tokens'), 'api_tokens', t, { timestamps: false })
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('scopes', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('expires_at', t.instant)
    .addColumn('last_used_at', t.instant)
    .addColumn('revoked_at', t.instant)
    .execute();
  // Tokens are looked up by their hash before the workspace is known.
  await db.schema.createIndex('api_tokens_hash_idx').on('api_tokens').column('token_hash').unique().execute();

  await withPk(create('customers'), 'customers', t, { softDelete: true })
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('industry', 'varchar(200)')
    .addColumn('region', 'varchar(200)')
    .addColumn('size', 'varchar(20)')
    .addColumn('level', 'varchar(200)')
    .addColumn('source', 'varchar(200)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('phone', 'varchar(40)')
    .addColumn('email', 'varchar(254)')
    .addColumn('website', 'varchar(300)')
    .addColumn('address', 'varchar(500)')
    .addColumn('description', 'text')
    .addColumn('owner_id', t.id)
    .addColumn('last_contact_at', t.instant)
    .addColumn('last_won_at', t.instant)
    .addColumn('last_purchase_at', t.instant)
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addForeignKeyConstraint('customers_owner_fk', ['workspace_id', 'owner_id'], 'users', [
      'workspace_id',
      'id',
    ])
    .execute();
  await index(db, 'customers_owner_contact_idx', 'customers', [
    'workspace_id',
    'owner_id',
    'last_contact_at',
    'id',
  ]);
  await index(db, 'customers_updated_idx', 'customers', ['workspace_id', 'updated_at']);
  await index(db, 'customers_name_idx', 'customers', ['workspace_id', 'name']);

  await withPk(create('contacts'), 'contacts', t, { softDelete: true })
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)')
    .addColumn('mobile', 'varchar(40)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('email', 'varchar(254)')
    .addColumn('wechat', 'varchar(200)')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addForeignKeyConstraint('contacts_customer_fk', ['workspace_id', 'customer_id'], 'customers', [
      'workspace_id',
      'id',
    ])
    .execute();
  await index(db, 'contacts_customer_idx', 'contacts', ['workspace_id', 'customer_id']);

  await withPk(create('leads'), 'leads', t, { softDelete: true })
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('company_name', 'varchar(200)')
    .addColumn('title', 'varchar(200)')
    .addColumn('mobile', 'varchar(40)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('email', 'varchar(254)')
    .addColumn('source', 'varchar(200)')
    .addColumn('channel', 'varchar(200)')
    .addColumn('region', 'varchar(200)')
    .addColumn('industry', 'varchar(200)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('grade', 'varchar(200)')
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text')
    .addColumn('owner_id', t.id)
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('converted_customer_id', t.id)
    .addColumn('converted_contact_id', t.id)
    .addColumn('converted_deal_id', t.id)
    .addColumn('converted_at', t.instant)
    .addColumn('last_contact_at', t.instant)
    .addColumn('created_by', t.id)
    .addForeignKeyConstraint('leads_owner_fk', ['workspace_id', 'owner_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await index(db, 'leads_owner_idx', 'leads', ['workspace_id', 'owner_id', 'created_at']);

  await withPk(create('pipelines'), 'pipelines', t)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withPk(create('stages'), 'stages', t, { timestamps: false })
    .addColumn('pipeline_id', t.id, (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('stages_pipeline_uq', ['workspace_id', 'pipeline_id', 'id'])
    .addForeignKeyConstraint('stages_pipeline_fk', ['workspace_id', 'pipeline_id'], 'pipelines', [
      'workspace_id',
      'id',
    ])
    .execute();

  await withPk(create('deals'), 'deals', t, { softDelete: true })
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('contact_id', t.id)
    .addColumn('pipeline_id', t.id, (c) => c.notNull())
    .addColumn('stage_id', t.id, (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('expected_close_date', t.date)
    .addColumn('stage_entered_at', t.instant, (c) => c.notNull())
    .addColumn('won_at', t.instant)
    .addColumn('lost_at', t.instant)
    .addColumn('lost_reason', 'varchar(500)')
    .addColumn('description', 'text')
    .addColumn('owner_id', t.id)
    .addColumn('custom', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addForeignKeyConstraint('deals_customer_fk', ['workspace_id', 'customer_id'], 'customers', [
      'workspace_id',
      'id',
    ])
    .addForeignKeyConstraint('deals_stage_fk', ['workspace_id', 'pipeline_id', 'stage_id'], 'stages', [
      'workspace_id',
      'pipeline_id',
      'id',
    ])
    .addForeignKeyConstraint('deals_owner_fk', ['workspace_id', 'owner_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await index(db, 'deals_customer_idx', 'deals', ['workspace_id', 'customer_id']);
  await index(db, 'deals_stage_idx', 'deals', ['workspace_id', 'pipeline_id', 'stage_id']);
  await index(db, 'deals_owner_close_idx', 'deals', ['workspace_id', 'owner_id', 'expected_close_date']);

  await withPk(create('products'), 'products', t, { softDelete: true })
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('sku', 'varchar(80)')
    .addColumn('unit', 'varchar(20)')
    .addColumn('price', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('custom', t.json, (c) => c.notNull())
    .execute();

  await withPk(create('deal_items'), 'deal_items', t, { timestamps: false })
    .addColumn('deal_id', t.id, (c) => c.notNull())
    .addColumn('product_id', t.id, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('quantity', t.float, (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('discount_percent', t.float, (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addForeignKeyConstraint('deal_items_deal_fk', ['workspace_id', 'deal_id'], 'deals', [
      'workspace_id',
      'id',
    ])
    .addForeignKeyConstraint('deal_items_product_fk', ['workspace_id', 'product_id'], 'products', [
      'workspace_id',
      'id',
    ])
    .execute();
  await index(db, 'deal_items_deal_idx', 'deal_items', ['workspace_id', 'deal_id']);

  await withPk(create('activities'), 'activities', t, { softDelete: true })
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('customer_id', t.id)
    .addColumn('contact_id', t.id)
    .addColumn('deal_id', t.id)
    .addColumn('lead_id', t.id)
    .addColumn('occurred_at', t.instant, (c) => c.notNull())
    .addColumn('author_id', t.id)
    .execute();
  await index(db, 'activities_customer_idx', 'activities', ['workspace_id', 'customer_id', 'occurred_at']);
  await index(db, 'activities_lead_idx', 'activities', ['workspace_id', 'lead_id', 'occurred_at']);
  await index(db, 'activities_deal_idx', 'activities', ['workspace_id', 'deal_id', 'occurred_at']);
  await index(db, 'activities_author_idx', 'activities', ['workspace_id', 'author_id', 'occurred_at']);

  await withPk(create('tasks'), 'tasks', t, { softDelete: true })
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('assignee_id', t.id, (c) => c.notNull())
    .addColumn('due_at', t.instant)
    .addColumn('start_at', t.instant)
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('completed_at', t.instant)
    .addColumn('related_type', 'varchar(20)')
    .addColumn('related_id', t.id)
    .addColumn('customer_id', t.id)
    .addColumn('created_by', t.id)
    .addForeignKeyConstraint('tasks_assignee_fk', ['workspace_id', 'assignee_id'], 'users', [
      'workspace_id',
      'id',
    ])
    .execute();
  await index(db, 'tasks_assignee_idx', 'tasks', ['workspace_id', 'assignee_id', 'status', 'due_at']);
  await index(db, 'tasks_customer_idx', 'tasks', ['workspace_id', 'customer_id', 'created_at']);
  await index(db, 'tasks_related_idx', 'tasks', ['workspace_id', 'related_type', 'related_id']);

  await withPk(create('tags'), 'tags', t)
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('color', 'varchar(7)', (c) => c.notNull())
    .addUniqueConstraint('tags_name_uq', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('record_tags')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('record_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('record_id', t.id, (c) => c.notNull())
    .addColumn('tag_id', t.id, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('record_tags_pk', ['workspace_id', 'record_type', 'record_id', 'tag_id'])
    .addForeignKeyConstraint('record_tags_tag_fk', ['workspace_id', 'tag_id'], 'tags', ['workspace_id', 'id'])
    .execute();
  await index(db, 'record_tags_tag_idx', 'record_tags', [
    'workspace_id',
    'tag_id',
    'record_type',
    'record_id',
  ]);

  await withPk(create('custom_fields'), 'custom_fields', t)
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('key', 'varchar(40)', (c) => c.notNull())
    .addColumn('label', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('custom_fields_key_uq', ['workspace_id', 'entity', 'key'])
    .execute();

  await withPk(create('audit_log'), 'audit_log', t, { timestamps: false })
    .addColumn('actor_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('action', 'varchar(40)', (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('record_id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id)
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await index(db, 'audit_log_record_idx', 'audit_log', ['workspace_id', 'entity', 'record_id', 'created_at']);
  await index(db, 'audit_log_customer_idx', 'audit_log', ['workspace_id', 'customer_id', 'created_at']);

  await db.schema
    .createTable('events')
    .addColumn('seq', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
      kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('type', 'varchar(60)', (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('record_id', t.id, (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await index(db, 'events_record_idx', 'events', ['workspace_id', 'entity', 'record_id', 'seq']);

  let grams = db.schema
    .createTable('search_grams')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('gram', 'varchar(300)', (c) => c.notNull())
    .addColumn('record_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('search_grams_pk', ['workspace_id', 'entity', 'gram', 'record_id']);
  if (kind === 'sqlite') grams = grams.modifyEnd(sql`without rowid`);
  await grams.execute();
  await index(db, 'search_grams_record_idx', 'search_grams', ['workspace_id', 'entity', 'record_id']);

  await withPk(create('notifications'), 'notifications', t, { timestamps: false })
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('entity', 'varchar(20)')
    .addColumn('record_id', t.id)
    .addColumn('read_at', t.instant)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .execute();
  await index(db, 'notifications_user_idx', 'notifications', [
    'workspace_id',
    'user_id',
    'read_at',
    'created_at',
  ]);
}

function withPk(
  tb: Table,
  table: string,
  t: MigrationContext['types'],
  opts: { softDelete?: boolean; timestamps?: boolean } = {},
): Table {
  let b = tb
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['workspace_id', 'id']);
  if (opts.timestamps !== false) {
    b = b
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull());
  }
  if (opts.softDelete) b = b.addColumn('deleted_at', t.instant).addColumn('deleted_by', t.id);
  return b;
}

function index(db: Db, name: string, table: string, columns: string[]) {
  return db.schema.createIndex(name).on(table).columns(columns).execute();
}
