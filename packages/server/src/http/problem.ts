import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors';
import type { FieldIssue } from '../core/errors';

/** RFC 9457 problem details, with a stable `code` and the path of every bad field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldIssue[];
  /** Extra members some problems carry (e.g. what a duplicate matched). */
  extra?: Record<string, unknown>;
}

const TYPE_BASE = 'https://tideline.dev/problems/';

export function sendProblem(reply: FastifyReply, problem: Omit<Problem, 'type'>) {
  const { extra, ...rest } = problem;
  return reply
    .code(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ type: TYPE_BASE + problem.code, ...rest, ...extra });
}

/** "/a/0/b" → "a[0].b", prefixed with where the value came from when it is not the body. */
function toPath(instancePath: string, context: string | undefined, extra?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (extra) parts.push(extra);
  const path = parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('');
  if (context && context !== 'body') return path ? `${context}.${path}` : context;
  return path;
}

function fastifyProblem(error: FastifyError): Omit<Problem, 'type'> | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'malformed_json',
        title: 'The body is not valid JSON',
        errors: [{ path: 'body', message: error.message }],
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'body_too_large',
        title: 'The body is larger than allowed',
        errors: [{ path: 'body', message: error.message }],
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'unsupported_media_type',
        title: 'Send JSON (application/json)',
        errors: [{ path: 'content-type', message: error.message }],
      };
    case 'FST_ERR_RATE_LIMIT_EXCEEDED':
      return { status: 429, code: 'rate_limited', title: 'Too many requests; try again shortly' };
    default:
      if (error.statusCode === 429)
        return { status: 429, code: 'rate_limited', title: 'Too many requests; try again shortly' };
      return null;
  }
}

/**
 * Constraint violations that slipped past a service's own checks (two requests racing) are conflicts,
 * not server faults.
 */
function databaseProblem(error: unknown): Omit<Problem, 'type'> | null {
  const code = (error as { code?: unknown }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return {
      status: 409,
      code: 'conflict',
      title: 'Someone changed this at the same moment; reload and try again',
    };
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return {
      status: 409,
      code: 'reference_conflict',
      title: 'A record this change refers to was changed or removed; reload and try again',
    };
  }
  if (code === '40001' || code === '40P01' || code === 'SQLITE_BUSY') {
    return { status: 503, code: 'retry_later', title: 'The database is busy; try again' };
  }
  return null;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, {
        status: error.status,
        code: error.code,
        title: error.message,
        ...(error.fields.length ? { errors: error.fields } : {}),
        ...(error.details ? { extra: error.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const errors: FieldIssue[] = error.validation.flatMap((v) => {
        const keys = (v.params as { keys?: string[] }).keys;
        if (v.keyword === 'unrecognized_keys' && keys) {
          return keys.map((k) => ({
            path: toPath(v.instancePath, context, k),
            message: 'unknown field',
            code: 'unknown_field',
          }));
        }
        return [{ path: toPath(v.instancePath, context), message: v.message ?? 'invalid', code: v.keyword }];
      });
      return sendProblem(reply, {
        status: 400,
        code: 'validation_failed',
        title: 'The request has invalid fields',
        errors,
      });
    }
    const mapped = fastifyProblem(error) ?? databaseProblem(error);
    if (mapped) return sendProblem(reply, mapped);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { status: error.statusCode, code: 'bad_request', title: error.message });
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, {
      status: 500,
      code: 'internal_error',
      title: 'Something went wrong on our side',
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      status: 404,
      code: 'route_not_found',
      title: `No route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
