import type { FastifyInstance, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import type { Actor } from '../core/actor';
import type { AppDeps } from '../core/deps';
import { ForbiddenError, UnauthorizedError } from '../core/errors';
import { loadActor } from '../modules/auth/actor-loader';
import { sha256 } from '../modules/auth/password';
import { findSession } from '../modules/auth/session.repository';
import { authenticateToken } from '../modules/tokens/token.service';

declare module 'fastify' {
  interface FastifyRequest {
    actorOrNull: Actor | null;
  }
  interface FastifyContextConfig {
    /** No sign-in needed (login, public forms, health). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'tl_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolved actors are cached briefly per process so that a list request costs one query, not five.
 * Logout and token revocation evict at once here; other processes notice within the TTL.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; csrf: string | null; until: number }>();
  constructor(private readonly ttlMs = 5_000) {}
  get(key: string, now: number) {
    const e = this.entries.get(key);
    if (!e || e.until < now) return null;
    return e;
  }
  set(key: string, actor: Actor, csrf: string | null, now: number) {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(key, { actor, csrf, until: now + this.ttlMs });
  }
  evict(key: string) {
    this.entries.delete(key);
  }
  clear() {
    this.entries.clear();
  }
}

async function resolveFromToken(deps: AppDeps, raw: string, now: Date) {
  const token = await authenticateToken(deps, raw, now);
  if (!token) return null;
  return loadActor(deps.database.db, deps.database.dialect, token.userId, token.workspaceId, {
    source: 'api',
    tokenId: token.id,
    tokenScopes: token.scopes,
  });
}

async function resolveFromSession(deps: AppDeps, raw: string, now: Date) {
  const db = deps.database.db;
  const session = await findSession(db, sha256(raw));
  if (!session || session.expires_at <= now.toISOString()) return null;
  const actor = await loadActor(db, deps.database.dialect, session.user_id, session.workspace_id, {
    source: 'ui',
  });
  return actor ? { actor, csrf: session.csrf_token } : null;
}

export function registerAuth(app: FastifyInstance, deps: AppDeps, cache: ActorCache) {
  app.decorateRequest('actorOrNull', null);
  app.addHook('preHandler', async (request) => {
    const now = deps.clock.now();
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const raw = header.slice(7).trim();
      const key = `t:${raw}`;
      let hit = cache.get(key, now.getTime());
      if (!hit) {
        const actor = await resolveFromToken(deps, raw, now);
        if (actor) cache.set(key, actor, null, now.getTime());
        hit = actor ? { actor, csrf: null, until: 0 } : null;
      }
      if (!hit && !request.routeOptions.config.public)
        throw new UnauthorizedError('The API token is invalid, expired or revoked', 'invalid_token');
      request.actorOrNull = hit?.actor ?? null;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const key = `s:${cookie}`;
      let hit = cache.get(key, now.getTime());
      if (!hit) {
        const resolved = await resolveFromSession(deps, cookie, now);
        if (resolved) cache.set(key, resolved.actor, resolved.csrf, now.getTime());
        hit = resolved ? { ...resolved, until: 0 } : null;
      }
      if (hit) {
        // Cookies ride along on cross-site requests; a header only our own pages can set proves intent.
        if (
          UNSAFE.has(request.method) &&
          request.headers[CSRF_HEADER] !== hit.csrf &&
          !request.routeOptions.config.public
        ) {
          throw new ForbiddenError('Missing or wrong CSRF token', 'csrf_failed');
        }
        request.actorOrNull = hit.actor;
        return;
      }
    }
    if (!request.routeOptions.config.public) throw new UnauthorizedError();
  });
}

/** The signed-in actor of a non-public route. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actorOrNull) throw new UnauthorizedError();
  return request.actorOrNull;
}
