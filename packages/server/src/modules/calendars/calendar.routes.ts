import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { businessCalendarSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { chinaDefaultCalendar, getBusinessCalendar, saveBusinessCalendar } from './calendar.service';

const tags = ['settings'];
const PATH = '/settings/business-calendar';

/** The workspace's business calendar (工作日历): working days and hours, holidays, swapped working days. */
export function calendarRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    PATH,
    {
      schema: {
        tags,
        summary: "The workspace's business calendar, or the built-in China calendar (is_default: true)",
      },
    },
    (req) => getBusinessCalendar(deps, actorOf(req)),
  );
  app.put(
    PATH,
    {
      schema: {
        tags,
        summary: "Replace the workspace's business calendar (automations:manage)",
        body: businessCalendarSchema,
      },
    },
    (req) => saveBusinessCalendar(deps, actorOf(req), req.body),
  );
  app.get(
    `${PATH}/china-default`,
    { schema: { tags, summary: 'The built-in mainland China calendar, to start from or reset to' } },
    () => chinaDefaultCalendar(),
  );
}
