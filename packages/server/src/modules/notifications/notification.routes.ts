import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { listMyNotifications, markMyNotificationsRead } from './notification.service';

const tags = ['notifications'];
const HEARTBEAT_MS = 25_000;

export function notificationRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).default('false'),
          before: idSchema.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    (req) =>
      listMyNotifications(deps, actorOf(req), {
        unreadOnly: req.query.unread === 'true',
        limit: req.query.limit,
        ...(req.query.before ? { before: req.query.before } : {}),
      }),
  );
  app.post(
    '/notifications/read',
    {
      schema: {
        tags,
        summary: 'Mark notifications read (all when ids is omitted)',
        body: z.strictObject({ ids: z.array(idSchema).min(1).max(500).optional() }),
      },
    },
    async (req) => ({ updated: await markMyNotificationsRead(deps, actorOf(req), req.body.ids ?? 'all') }),
  );
  // Server-sent events: each new notification is pushed as it is committed.
  app.get(
    '/notifications/stream',
    { schema: { tags, summary: 'Live notifications (text/event-stream)' } },
    (req, reply) => {
      const actor = actorOf(req);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(': connected\n\n');
      const unsubscribe = deps.notifier.subscribe(actor.userId ?? '', (m) => {
        if (m.workspaceId === actor.workspaceId)
          res.write(`event: notification\ndata: ${JSON.stringify(m)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      req.raw.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
}
