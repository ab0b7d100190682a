import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../../http/route-types';

// TODO(issue 2): routes of this module are being written.
export function leadRoutes(_app: FastifyInstance, _ctx: RouteContext) {}
