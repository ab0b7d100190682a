import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { EXPORT_ENTITIES } from './export.columns';
import { exportPages, exportQuerySchema, planExport } from './export.service';
import { CONTENT_TYPES, exportStream } from './export.writers';
import { EXPORT_SOURCES } from './export.sources';

/** `GET /<records>/export?format=csv|xlsx&filter=&sort=&q=&columns=`: see docs/api.md (Export). */
export function exportRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  for (const entity of EXPORT_ENTITIES) {
    const { path } = EXPORT_SOURCES[entity];
    app.get(
      `/${path}/export`,
      {
        schema: {
          tags: [path],
          summary: `Export the ${path} list, with its filters, as CSV or XLSX`,
          querystring: exportQuerySchema,
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const plan = await planExport(deps, actor, entity, req.query);
        return reply
          .header('content-type', CONTENT_TYPES[plan.format])
          .header('content-disposition', `attachment; filename="${plan.filename}"`)
          .header('cache-control', 'no-store')
          .send(exportStream(plan.format, plan.header, path, exportPages(deps, actor, plan)));
      },
    );
  }
}
