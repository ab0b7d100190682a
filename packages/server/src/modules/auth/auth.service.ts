import type { z } from 'zod';
import type { DataScope, Permission, loginSchema, meUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { systemActor } from '../../core/actor';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { insertAudit } from '../audit/audit.repository';
import { logChange } from '../audit/change-log';
import { findDepartment } from '../departments/department.repository';
import { findRole, toRole } from '../roles/role.repository';
import { USER_AUDITED } from '../users/user.fields';
import { findUser, toUserView, updateUserRow } from '../users/user.repository';
import type { UserPatch, UserView } from '../users/user.repository';
import { loadActor } from './actor-loader';
import { findLoginCandidates, findWorkspace } from './auth.repository';
import type { LoginCandidate } from './auth.repository';
import { WorkspaceRequiredError, accountLocked, invalidCredentials } from './auth.errors';
import { afterFailedLogin, afterSuccessfulLogin, lockedUntil } from './login-lockout';
import type { LockoutPolicy, LoginState } from './login-lockout';
import { hashPassword, randomSecret, sha256, verifyPassword } from './password';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
} from './session.repository';

export type LoginInput = z.infer<typeof loginSchema>;
export type MeUpdate = z.infer<typeof meUpdateSchema>;

export interface AuthPolicy extends LockoutPolicy {
  sessionHours: number;
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  /** The session the browser held before, replaced by the new one. */
  previousSessionId: string | null;
}

/** Who is signed in, with what, where: what the web app needs after login and after a reload. */
export interface MeView {
  user: UserView;
  role: { id: string; key: string; name: string; permissions: Permission[]; data_scope: DataScope };
  department: { id: string; name: string; path: string } | null;
  workspace: { id: string; slug: string; name: string; timezone: string; currency: string; locale: string };
  /** What this request may do: the role's permissions, narrowed by the scopes of an API token. */
  permissions: Permission[];
  /** Send back as X-CSRF-Token on writes; null when signed in with an API token. */
  csrf_token: string | null;
}

let dummyHash: Promise<string> | null = null;
/** Unknown addresses cost one scrypt too, so timing does not tell them apart from wrong passwords. */
const burnTime = async (password: string) =>
  verifyPassword(password, await (dummyHash ??= hashPassword(randomSecret())));

/** Count a wrong password against each account (one transaction); an account reaching the limit locks. */
async function recordFailures(
  deps: AppDeps,
  policy: LockoutPolicy,
  accounts: LoginCandidate[],
): Promise<LoginState[]> {
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const states: LoginState[] = [];
    for (const c of accounts) {
      const row = await findUser(trx, c.workspace_id, c.id, { lock: deps.database.dialect });
      if (!row) continue;
      const state = afterFailedLogin(row, now, policy);
      await updateUserRow(trx, c.workspace_id, c.id, state);
      states.push(state);
      if (state.locked_until && !lockedUntil(row, now)) {
        const system = systemActor(c.workspace_id, [], { source: 'ui' });
        await insertAudit(trx, deps.database.dialect, system, now.toISOString(), [
          { action: 'locked', entity: 'user', recordId: c.id, changes: { ...state } },
        ]);
      }
    }
    return states;
  });
}

/**
 * The address exists in several workspaces and none was named. Only someone who knows a password
 * learns that (and which workspaces); everyone else gets the usual wrong-credentials answer, and every
 * account counts the failure so that leaving out the workspace cannot dodge the lockout.
 */
async function askForWorkspace(
  deps: AppDeps,
  policy: AuthPolicy,
  input: LoginInput,
  candidates: LoginCandidate[],
): Promise<never> {
  const now = deps.clock.now();
  const open = candidates.filter((c) => !lockedUntil(c, now));
  const matched: LoginCandidate[] = [];
  for (const c of open) if (await verifyPassword(input.password, c.password_hash)) matched.push(c);
  if (matched.length) {
    throw new WorkspaceRequiredError(
      matched.map((c) => ({ slug: c.workspace_slug, name: c.workspace_name })),
    );
  }
  await recordFailures(deps, policy, open);
  if (open.length === 0) throw accountLocked(candidates.map((c) => c.locked_until!).sort()[0]!, now);
  throw invalidCredentials();
}

/** Check the password and open a session; returns the cookie secret (shown once, stored hashed). */
export async function login(
  deps: AppDeps,
  policy: AuthPolicy,
  input: LoginInput,
  meta: LoginMeta,
): Promise<{ secret: string; me: MeView }> {
  const candidates = await findLoginCandidates(deps.database.db, input.email, input.workspace || undefined);
  if (candidates.length === 0) {
    await burnTime(input.password);
    throw invalidCredentials();
  }
  if (candidates.length > 1) return askForWorkspace(deps, policy, input, candidates);
  const c = candidates[0]!;
  const lockedAt = lockedUntil(c, deps.clock.now());
  if (lockedAt) throw accountLocked(lockedAt, deps.clock.now());
  if (!(await verifyPassword(input.password, c.password_hash))) {
    const [state] = await recordFailures(deps, policy, [c]);
    const until = state ? lockedUntil(state, deps.clock.now()) : null;
    throw until ? accountLocked(until, deps.clock.now()) : invalidCredentials();
  }
  // Only someone with the right password learns that the account is disabled.
  if (c.status !== 'active') {
    throw new ForbiddenError('This account is disabled; ask an administrator', 'account_disabled');
  }

  const secret = randomSecret(32);
  const me = await inTransaction(deps, async (trx) => {
    const now = deps.clock.now();
    const at = now.toISOString();
    await updateUserRow(trx, c.workspace_id, c.id, { ...afterSuccessfulLogin(), last_login_at: at });
    await deleteExpiredSessions(trx, c.workspace_id, c.id, at);
    if (meta.previousSessionId) await deleteSession(trx, meta.previousSessionId);
    const csrf = randomSecret(24);
    await insertSession(trx, {
      id: sha256(secret),
      workspace_id: c.workspace_id,
      user_id: c.id,
      csrf_token: csrf,
      created_at: at,
      expires_at: new Date(now.getTime() + policy.sessionHours * 3_600_000).toISOString(),
      ip: meta.ip?.slice(0, 64) ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    const actor = await loadActor(trx, deps.database.dialect, c.id, c.workspace_id, { source: 'ui' });
    if (!actor) throw invalidCredentials();
    await insertAudit(trx, deps.database.dialect, actor, at, [
      { action: 'signed_in', entity: 'user', recordId: c.id, changes: { ip: meta.ip } },
    ]);
    return buildMe(trx, deps, actor, csrf);
  });
  return { secret, me };
}

/**
 * End the session of this cookie. The route is public so that a stale cookie can always be cleared;
 * a live session still needs its CSRF token, so another site cannot sign people out.
 */
export async function logout(
  deps: AppDeps,
  sessionId: string | null,
  csrfHeader: string | undefined,
): Promise<void> {
  if (!sessionId) return;
  await inTransaction(deps, async (trx) => {
    const session = await findSession(trx, sessionId);
    if (!session) return;
    if (session.csrf_token !== csrfHeader)
      throw new ForbiddenError('Missing or wrong CSRF token', 'csrf_failed');
    await deleteSession(trx, sessionId);
  });
}

async function buildMe(trx: Executor, deps: AppDeps, actor: Actor, csrf: string | null): Promise<MeView> {
  const user = await findUser(trx, actor.workspaceId, actor.userId ?? '');
  const workspace = await findWorkspace(trx, actor.workspaceId);
  if (!user || !workspace) throw new UnauthorizedError();
  const roleRow = await findRole(trx, actor.workspaceId, user.role_id);
  const role = roleRow ? toRole(deps.database.dialect, roleRow) : null;
  const dept = user.department_id
    ? await findDepartment(trx, actor.workspaceId, user.department_id)
    : undefined;
  return {
    user: toUserView(user),
    role: role
      ? {
          id: role.id,
          key: role.key,
          name: role.name,
          permissions: role.permissions,
          data_scope: role.data_scope,
        }
      : { id: user.role_id, key: 'custom', name: '', permissions: [], data_scope: 'own' },
    department: dept ? { id: dept.id, name: dept.name, path: dept.path } : null,
    workspace: {
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      timezone: workspace.timezone,
      currency: workspace.currency,
      locale: workspace.locale,
    },
    permissions: [...actor.permissions].sort(),
    csrf_token: csrf,
  };
}

/** The signed-in user; `sessionId` (hash of the cookie) recovers the CSRF token after a page reload. */
export async function getMe(deps: AppDeps, actor: Actor, sessionId: string | null): Promise<MeView> {
  if (!actor.userId) throw new UnauthorizedError();
  const db = deps.database.db;
  const session = sessionId ? await findSession(db, sessionId) : undefined;
  const csrf = session && session.user_id === actor.userId ? session.csrf_token : null;
  return buildMe(db, deps, actor, csrf);
}

/**
 * Change one's own name, phone, locale or password. A new password needs the current one, may only be
 * set from a signed-in session (not with an API token), and signs out every other session.
 */
export async function updateMe(
  deps: AppDeps,
  actor: Actor,
  input: MeUpdate,
  sessionId: string | null,
): Promise<MeView> {
  if (!actor.userId) throw new UnauthorizedError();
  const userId = actor.userId;
  let passwordHash: string | null = null;
  if (input.password !== undefined) {
    if (actor.actorType !== 'user')
      throw new ForbiddenError('Change the password from a signed-in session', 'session_required');
    if (!input.current_password)
      throw ValidationError.field('current_password', 'needed to set a new password', 'required');
    const row = await findUser(deps.database.db, actor.workspaceId, userId);
    if (!row || !(await verifyPassword(input.current_password, row.password_hash))) {
      throw ValidationError.field('current_password', 'is not your current password', 'wrong_password');
    }
    passwordHash = await hashPassword(input.password);
  }
  return inTransaction(deps, async (trx) => {
    const row = await findUser(trx, actor.workspaceId, userId, { lock: deps.database.dialect });
    if (!row) throw new UnauthorizedError();
    const before = toUserView(row);
    const set: UserPatch = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.phone !== undefined) set.phone = input.phone;
    if (input.locale !== undefined) set.locale = input.locale;
    const after: UserView = { ...before, ...(set as Partial<UserView>) };
    const changes = await logChange(trx, deps, actor, {
      entity: 'user',
      recordId: userId,
      before,
      after,
      fields: USER_AUDITED,
    });
    if (passwordHash) {
      set.password_hash = passwordHash;
      await logChange(trx, deps, actor, {
        entity: 'user',
        recordId: userId,
        action: 'password_changed',
        before: null,
        after,
        fields: [],
      });
      await deleteUserSessions(trx, actor.workspaceId, userId, sessionId ?? undefined);
    }
    if (Object.keys(changes).length || passwordHash) {
      await updateUserRow(trx, actor.workspaceId, userId, {
        ...set,
        updated_at: deps.clock.now().toISOString(),
      });
    }
    const session = sessionId ? await findSession(trx, sessionId) : undefined;
    return buildMe(trx, deps, actor, session?.user_id === userId ? session.csrf_token : null);
  });
}
