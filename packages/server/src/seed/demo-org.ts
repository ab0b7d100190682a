import type { RoleKey } from '@tideline/shared';
import type { AppDeps } from '../core/deps';
import { newId } from '../core/ids';
import { inTransaction } from '../core/transaction';
import type { Executor } from '../core/transaction';
import { hashPassword } from '../modules/auth/password';
import { createWorkspace } from '../modules/workspaces/workspace.service';
import type { CreatedWorkspace } from '../modules/workspaces/workspace.service';
import { ZhFaker } from './zh-faker';
import {
  COMPETITOR_OPTIONS,
  INTENT_OPTIONS,
  KEY_ACCOUNT_PIPELINE,
  PRODUCTS,
  SOURCE_DETAIL_OPTIONS,
  TAGS,
} from './zh-data';

/** Every seeded user signs in with this password; `serve --demo` prints it. */
export const DEMO_PASSWORD = 'Tideline@2026';

export interface SeedUser {
  id: string;
  email: string;
  name: string;
  role: RoleKey;
  departmentId: string;
  managerId: string | null;
}

export interface SeedStage {
  id: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
  probability: number;
}

export interface SeedPipeline {
  id: string;
  name: string;
  stages: SeedStage[];
}

/** The organisation the records hang from, as the record generator needs it. */
export interface SeedOrg {
  workspace: CreatedWorkspace;
  slug: string;
  users: SeedUser[];
  /** Users who own customers: reps, and managers for a few key accounts. */
  owners: SeedUser[];
  reps: SeedUser[];
  pipelines: SeedPipeline[];
  tagIds: Map<string, string>;
  products: { id: string; price: number; sku: string }[];
}

type DemoUserSpec = { local: string; name: string; role: RoleKey; dept: DeptKey };
type DeptKey = 'root' | 'east' | 'shanghai' | 'hangzhou' | 'north' | 'beijing' | 'marketing' | 'service';

/** The eight people of the demo company: one admin, two managers, three reps, marketing and service. */
const DEMO_USERS: DemoUserSpec[] = [
  { local: 'admin', name: '周明远', role: 'admin', dept: 'root' },
  { local: 'chen.siqi', name: '陈思琪', role: 'manager', dept: 'east' },
  { local: 'wang.lei', name: '王磊', role: 'manager', dept: 'north' },
  { local: 'li.na', name: '李娜', role: 'rep', dept: 'shanghai' },
  { local: 'zhang.wei', name: '张伟', role: 'rep', dept: 'hangzhou' },
  { local: 'liu.yang', name: '刘洋', role: 'rep', dept: 'beijing' },
  { local: 'zhao.min', name: '赵敏', role: 'marketing', dept: 'marketing' },
  { local: 'sun.li', name: '孙丽', role: 'service', dept: 'service' },
];

export const demoEmailDomain = (slug: string) => `${slug}.tideline`;

/** Sign-ins of the seeded workspace's named users, for the console and the docs. */
export function demoLogins(slug: string): { email: string; password: string; role: RoleKey; name: string }[] {
  return DEMO_USERS.map((u) => ({
    email: `${u.local}@${demoEmailDomain(slug)}`,
    password: DEMO_PASSWORD,
    role: u.role,
    name: u.name,
  }));
}

/**
 * Create the workspace (through createWorkspace, which is audited) and the organisation around it:
 * departments 总部 → 华东区 (上海组, 杭州组), 华北区 (北京组), 市场部, 客服部; the demo users plus
 * `extraReps` generated reps; a second pipeline; tags, custom fields and products.
 */
export async function createDemoOrg(
  deps: AppDeps,
  opts: { slug: string; name: string; seed: number; extraReps: number },
): Promise<SeedOrg> {
  const domain = demoEmailDomain(opts.slug);
  const workspace = await createWorkspace(deps, {
    name: opts.name,
    slug: opts.slug,
    admin: { email: `admin@${domain}`, name: DEMO_USERS[0]!.name, password: DEMO_PASSWORD },
  });
  // One hash for every seeded user: scrypt costs ~50 ms, and 200 reps share one known password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ws = workspace.workspaceId;
  const now = deps.clock.now().toISOString();
  const dialect = deps.database.dialect;

  return inTransaction(deps, async (trx) => {
    const depts = await createDepartments(trx, workspace, now);
    const users: SeedUser[] = [];
    const addUser = async (u: Omit<SeedUser, 'id'> & { id?: string; phone: string | null }) => {
      const id = u.id ?? newId();
      if (!u.id) {
        await trx
          .insertInto('users')
          .values({
            id,
            workspace_id: ws,
            email: u.email,
            name: u.name,
            phone: u.phone,
            password_hash: passwordHash,
            status: 'active',
            role_id: workspace.roleIds[u.role],
            department_id: u.departmentId,
            manager_id: u.managerId,
            locale: 'zh-CN',
            failed_logins: 0,
            locked_until: null,
            last_login_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      const user: SeedUser = {
        id,
        email: u.email,
        name: u.name,
        role: u.role,
        departmentId: u.departmentId,
        managerId: u.managerId,
      };
      users.push(user);
      return user;
    };

    const people = new ZhFaker(opts.seed, 90);
    const byLocal = new Map<string, SeedUser>();
    for (const spec of DEMO_USERS) {
      const managerLocal =
        spec.dept === 'shanghai' || spec.dept === 'hangzhou'
          ? 'chen.siqi'
          : spec.dept === 'beijing'
            ? 'wang.lei'
            : null;
      const user = await addUser({
        ...(spec.role === 'admin' ? { id: workspace.adminUserId } : {}),
        email: `${spec.local}@${domain}`,
        name: spec.name,
        role: spec.role,
        departmentId: depts[spec.dept],
        managerId: managerLocal ? byLocal.get(managerLocal)!.id : null,
        phone: people.mobile(),
      });
      byLocal.set(spec.local, user);
    }
    const groups = [
      { dept: depts.shanghai, manager: byLocal.get('chen.siqi')! },
      { dept: depts.hangzhou, manager: byLocal.get('chen.siqi')! },
      { dept: depts.beijing, manager: byLocal.get('wang.lei')! },
    ];
    for (let i = 0; i < opts.extraReps; i++) {
      const group = groups[i % groups.length]!;
      await addUser({
        email: `rep${String(i + 1).padStart(3, '0')}@${domain}`,
        name: people.person().name,
        role: 'rep',
        departmentId: group.dept,
        managerId: group.manager.id,
        phone: people.mobile(),
      });
    }
    await setDepartmentManagers(trx, ws, depts, byLocal);

    const pipelines = await createPipelines(trx, ws, workspace.pipelineId, now);
    const tagIds = new Map<string, string>();
    for (const [name, color] of TAGS) {
      const id = newId();
      tagIds.set(name, id);
      await trx
        .insertInto('tags')
        .values({ id, workspace_id: ws, name, color, created_at: now, updated_at: now })
        .execute();
    }
    const fields = [
      { entity: 'customer', key: 'annual_budget', label: '年采购预算', type: 'money', options: [] },
      {
        entity: 'customer',
        key: 'source_detail',
        label: '客户来源细分',
        type: 'select',
        options: SOURCE_DETAIL_OPTIONS,
      },
      { entity: 'deal', key: 'competitor', label: '竞争对手', type: 'select', options: COMPETITOR_OPTIONS },
      { entity: 'lead', key: 'intent', label: '意向程度', type: 'select', options: INTENT_OPTIONS },
    ];
    for (const [position, f] of fields.entries()) {
      await trx
        .insertInto('custom_fields')
        .values({
          id: newId(),
          workspace_id: ws,
          ...f,
          options: dialect.writeJson(f.options),
          required: 0,
          position,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const products = PRODUCTS.map((p) => ({ ...p, id: newId() }));
    await trx
      .insertInto('products')
      .values(
        products.map((p) => ({
          id: p.id,
          workspace_id: ws,
          name: p.name,
          sku: p.sku,
          unit: p.unit,
          price: p.price,
          currency: 'CNY',
          description: null,
          active: 1,
          custom: dialect.writeJson({}),
          created_at: now,
          updated_at: now,
          deleted_at: null,
          deleted_by: null,
        })),
      )
      .execute();

    const reps = users.filter((u) => u.role === 'rep');
    const managers = users.filter((u) => u.role === 'manager');
    return {
      workspace,
      slug: opts.slug,
      users,
      owners: [...reps, ...managers],
      reps,
      pipelines,
      tagIds,
      products,
    };
  });
}

async function createDepartments(trx: Executor, workspace: CreatedWorkspace, now: string) {
  const ws = workspace.workspaceId;
  const root = workspace.rootDepartmentId;
  await trx
    .updateTable('departments')
    .set({ name: '总部' })
    .where('workspace_id', '=', ws)
    .where('id', '=', root)
    .execute();
  const paths = new Map<string, string>([[root, `/${root}/`]]);
  const add = async (name: string, parentId: string) => {
    const id = newId();
    const path = `${paths.get(parentId)!}${id}/`;
    paths.set(id, path);
    await trx
      .insertInto('departments')
      .values({
        id,
        workspace_id: ws,
        name,
        parent_id: parentId,
        path,
        manager_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  const east = await add('华东区', root);
  const shanghai = await add('上海组', east);
  const hangzhou = await add('杭州组', east);
  const north = await add('华北区', root);
  const beijing = await add('北京组', north);
  const marketing = await add('市场部', root);
  const service = await add('客服部', root);
  return { root, east, shanghai, hangzhou, north, beijing, marketing, service } satisfies Record<
    DeptKey,
    string
  >;
}

async function setDepartmentManagers(
  trx: Executor,
  ws: string,
  depts: Record<DeptKey, string>,
  byLocal: Map<string, SeedUser>,
) {
  const set = (dept: string, local: string) =>
    trx
      .updateTable('departments')
      .set({ manager_id: byLocal.get(local)!.id })
      .where('workspace_id', '=', ws)
      .where('id', '=', dept)
      .execute();
  await set(depts.root, 'admin');
  await set(depts.east, 'chen.siqi');
  await set(depts.north, 'wang.lei');
  await set(depts.marketing, 'zhao.min');
  await set(depts.service, 'sun.li');
}

async function createPipelines(
  trx: Executor,
  ws: string,
  defaultId: string,
  now: string,
): Promise<SeedPipeline[]> {
  const stageRows = await trx
    .selectFrom('stages')
    .select(['id', 'name', 'kind', 'probability'])
    .where('workspace_id', '=', ws)
    .where('pipeline_id', '=', defaultId)
    .orderBy('position')
    .execute();
  const standard: SeedPipeline = {
    id: defaultId,
    name: '标准销售流程',
    stages: stageRows.map((s) => ({ ...s, kind: s.kind as SeedStage['kind'] })),
  };
  const keyAccount: SeedPipeline = {
    id: newId(),
    name: KEY_ACCOUNT_PIPELINE.name,
    stages: KEY_ACCOUNT_PIPELINE.stages.map((s) => ({ id: newId(), ...s })),
  };
  await trx
    .insertInto('pipelines')
    .values({
      id: keyAccount.id,
      workspace_id: ws,
      name: keyAccount.name,
      is_default: 0,
      position: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('stages')
    .values(
      keyAccount.stages.map((s, position) => ({
        ...s,
        workspace_id: ws,
        pipeline_id: keyAccount.id,
        position,
      })),
    )
    .execute();
  return [standard, keyAccount];
}
