import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loginSchema, meUpdateSchema } from '@tideline/shared';
import { CSRF_HEADER, SESSION_COOKIE, actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import type { Config } from '../../config';
import { getMe, login, logout, updateMe } from './auth.service';
import type { AuthPolicy } from './auth.service';
import { sha256 } from './password';

const tags = ['auth'];

/** The session id (hash of the cookie secret) of a cookie-authenticated request; null for API tokens. */
function sessionIdOf(req: FastifyRequest): string | null {
  if (req.headers.authorization?.startsWith('Bearer ')) return null;
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? sha256(cookie) : null;
}

function cookieOptions(req: FastifyRequest, config: Config) {
  const secure = config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure === 'true';
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function authRoutes(fastify: FastifyInstance, { deps, config, actorCache }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const policy: AuthPolicy = {
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
    sessionHours: config.sessionHours,
  };

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute', keyGenerator: (req) => req.ip },
      },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie and returns the CSRF token',
        body: loginSchema,
        security: [],
      },
    },
    async (req, reply) => {
      const previous = req.cookies[SESSION_COOKIE];
      const { secret, me } = await login(deps, policy, req.body, {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        previousSessionId: previous ? sha256(previous) : null,
      });
      if (previous) actorCache.evict(`s:${previous}`);
      reply.setCookie(SESSION_COOKIE, secret, {
        ...cookieOptions(req, config),
        maxAge: Math.round(config.sessionHours * 3600),
      });
      return noStore(reply).send(me);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags, summary: 'Sign out: ends the session and clears the cookie', security: [] },
    },
    async (req, reply) => {
      const cookie = req.cookies[SESSION_COOKIE];
      const csrf = req.headers[CSRF_HEADER];
      await logout(deps, cookie ? sha256(cookie) : null, typeof csrf === 'string' ? csrf : undefined);
      if (cookie) actorCache.evict(`s:${cookie}`);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(req, config));
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags, summary: 'The signed-in user, role, department, workspace and CSRF token' } },
    async (req, reply) => noStore(reply).send(await getMe(deps, actorOf(req), sessionIdOf(req))),
  );

  app.patch(
    '/auth/me',
    { schema: { tags, summary: 'Change your name, phone, locale or password', body: meUpdateSchema } },
    async (req, reply) => {
      const me = await updateMe(deps, actorOf(req), req.body, sessionIdOf(req));
      // A new password ends the other sessions: forget them here too.
      if (req.body.password !== undefined) actorCache.clear();
      return noStore(reply).send(me);
    },
  );
}
