import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  idSchema,
  importListQuerySchema,
  importStartSchema,
  importUploadQuerySchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { importReport } from './import-report';
import { cancelImport, getImport, listImports, startImport, uploadImport } from './import.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['imports'];
/** Uploads are raw bytes, streamed to disk; the spreadsheet types are accepted as sent by browsers. */
const UPLOAD_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

export async function importRoutes(fastify: FastifyInstance, { deps, config, automation }: RouteContext) {
  // Encapsulated: only these routes take raw bodies (as a stream, so a large file never sits in memory).
  await fastify.register(async (scope) => {
    scope.addContentTypeParser(UPLOAD_TYPES, (_req, payload, done) => done(null, payload));
    const app = scope.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/imports',
      {
        bodyLimit: config.importMaxBytes,
        schema: {
          tags,
          summary:
            'Upload a CSV or XLSX file (raw body) and get its headers, first rows and a suggested mapping',
          querystring: importUploadQuerySchema,
        },
      },
      async (req, reply) =>
        reply.code(201).send(await uploadImport(deps, actorOf(req), config, req.query, req.body as Readable)),
    );
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/imports',
    {
      schema: { tags, summary: "The workspace's imports, newest first", querystring: importListQuerySchema },
    },
    (req) => listImports(deps, actorOf(req), req.query.limit),
  );
  app.get(
    '/imports/:id',
    { schema: { tags, summary: 'An import with its progress', params: idParams } },
    (req) => getImport(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start an uploaded import with a mapping, mode and owner; it runs as a background job',
        params: idParams,
        body: importStartSchema,
      },
    },
    async (req, reply) =>
      reply.code(202).send(await startImport(deps, automation.queue, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/imports/:id/cancel',
    { schema: { tags, summary: 'Cancel an import (the batch in flight rolls back)', params: idParams } },
    (req) => cancelImport(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/imports/:id/report.xlsx',
    {
      schema: {
        tags,
        summary: 'The per-row report: row, outcome, message naming the column, original cells',
        params: idParams,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await importReport(deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="import-report.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .send(stream);
    },
  );
}
