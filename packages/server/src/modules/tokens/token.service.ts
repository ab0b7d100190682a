import type { Permission } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { randomSecret, sha256 } from '../auth/password';
import { insertAudit } from '../audit/audit.repository';
import {
  findToken,
  findTokenByHash,
  insertToken,
  listTokenRows,
  setTokenLastUsed,
  setTokenRevoked,
} from './token.repository';

export interface TokenInput {
  name: string;
  scopes: Permission[];
  expires_at?: string | null | undefined;
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  user_id: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/**
 * Create an API token for the acting user. The secret is shown once; only its hash is stored. A token
 * may carry only scopes its user holds, and cannot mint another token: that one would outlive its
 * parent's expiry and revocation.
 */
export async function createToken(
  deps: AppDeps,
  actor: Actor,
  input: TokenInput,
): Promise<TokenView & { token: string }> {
  if (!actor.userId) throw new ValidationError([{ path: 'user', message: 'tokens belong to a user' }]);
  if (actor.actorType !== 'user')
    throw new ForbiddenError('API tokens are created from a signed-in session', 'session_required');
  const missing = input.scopes.map((s, i) => ({ s, i })).filter(({ s }) => !actor.permissions.has(s));
  if (missing.length) {
    throw new ValidationError(
      missing.map(({ s, i }) => ({
        path: `scopes[${i}]`,
        message: `you do not hold ${s}`,
        code: 'scope_not_held',
      })),
    );
  }
  const now = deps.clock.now();
  if (input.expires_at && new Date(input.expires_at) <= now)
    throw ValidationError.field('expires_at', 'must be in the future');
  const prefix = randomSecret(6).replace(/[-_]/g, 'x').slice(0, 8);
  const token = `tl_${prefix}_${randomSecret(32)}`;
  const dialect = deps.database.dialect;
  const row = {
    id: newId(),
    workspace_id: actor.workspaceId,
    user_id: actor.userId,
    name: input.name,
    prefix,
    token_hash: sha256(token),
    scopes: dialect.writeJson([...new Set(input.scopes)]),
    created_at: now.toISOString(),
    expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
    last_used_at: null,
    revoked_at: null,
  };
  await inTransaction(deps, async (trx) => {
    await insertToken(trx, row);
    await insertAudit(trx, dialect, actor, row.created_at, [
      {
        action: 'created',
        entity: 'api_token',
        recordId: row.id,
        changes: { name: input.name, scopes: input.scopes },
      },
    ]);
  });
  return { ...toView(deps, row), token };
}

function toView(
  deps: AppDeps,
  r: {
    id: string;
    name: string;
    prefix: string;
    scopes: unknown;
    user_id: string;
    created_at: string;
    expires_at: string | null;
    last_used_at: string | null;
    revoked_at: string | null;
  },
): TokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: deps.database.dialect.readJson<Permission[]>(r.scopes),
    user_id: r.user_id,
    created_at: r.created_at,
    expires_at: r.expires_at,
    last_used_at: r.last_used_at,
    revoked_at: r.revoked_at,
  };
}

/** Tokens of the acting user; admins with tokens:manage see every token of the workspace. */
export async function listTokens(deps: AppDeps, actor: Actor): Promise<TokenView[]> {
  const onlyUser = actor.permissions.has('tokens:manage') ? null : (actor.userId ?? '');
  const rows = await listTokenRows(deps.database.db, actor.workspaceId, onlyUser);
  return rows.map((r) => toView(deps, r));
}

/** Revoke a token; the caller clears the actor cache so it stops working at once here. */
export async function revokeToken(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findToken(trx, actor.workspaceId, id);
    if (!row || (row.user_id !== actor.userId && !actor.permissions.has('tokens:manage')))
      throw new NotFoundError('api_token', id);
    if (row.user_id !== actor.userId) requirePermission(actor, 'tokens:manage');
    if (row.revoked_at) return;
    const at = deps.clock.now().toISOString();
    await setTokenRevoked(trx, actor.workspaceId, id, at);
    await insertAudit(trx, deps.database.dialect, actor, at, [
      { action: 'revoked', entity: 'api_token', recordId: id, changes: {} },
    ]);
  });
}

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The token behind a bearer secret, if it is live. Its last use is recorded at most once a minute, so
 * admins can see which integrations are still active without a write on every request.
 */
export async function authenticateToken(deps: AppDeps, secret: string, now: Date) {
  const token = await findTokenByHash(deps.database.db, sha256(secret));
  if (!token || token.revoked_at || (token.expires_at && token.expires_at <= now.toISOString())) return null;
  if (
    !token.last_used_at ||
    new Date(token.last_used_at).getTime() < now.getTime() - LAST_USED_GRANULARITY_MS
  ) {
    await setTokenLastUsed(deps.database.db, token.id, now.toISOString());
  }
  return {
    id: token.id,
    userId: token.user_id,
    workspaceId: token.workspace_id,
    scopes: deps.database.dialect.readJson<Permission[]>(token.scopes),
  };
}
