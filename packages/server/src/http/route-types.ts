import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../core/deps';
import type { Config } from '../config';
import type { ActorCache } from './auth.plugin';
import type { AutomationDeps } from '../modules/automations/run-context';

/** What every route module receives. */
export interface RouteContext {
  deps: AppDeps;
  config: Config;
  actorCache: ActorCache;
  automation: AutomationDeps;
}

export type ZodApp = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export type RouteModule = (app: FastifyInstance, ctx: RouteContext) => void | Promise<void>;
export type { ZodTypeProvider };
