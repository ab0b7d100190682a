import { z } from 'zod';
import { idSchema } from './common';

/**
 * Hand-over (交接) of everything a leaving user owns: to several reps, split evenly (or by share), or
 * back to a pool. Runs in the background in batches; see docs/pool.md "Hand-over".
 */

export const HANDOVER_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** What a hand-over moves, per kind of record. */
export const HANDOVER_KINDS = ['customer', 'deal', 'task', 'lead'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];
export type HandoverCounts = Record<HandoverKind, number>;

export const handoverTargetSchema = z.strictObject({
  user_id: idSchema,
  /** Relative weight of this rep in the split (default 1: an even split). */
  share: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100).default(1),
});

export const handoverInputSchema = z.strictObject({
  from_user_id: idSchema,
  /** Reps who receive the customers, split round-robin in a stable order (by share). */
  to: z.array(handoverTargetSchema).min(1, 'name at least one receiving user').max(50).optional(),
  /** Or: the customers go back to this pool. */
  to_pool: idSchema.optional(),
  /** With `to_pool`: who takes the open deals and open tasks (a deal always has an owner). */
  deals_to: idSchema.optional(),
  /** Open leads: split among the reps (`targets`; `deals_to` with a pool) or left unassigned. */
  leads: z.enum(['targets', 'unassigned']).optional(),
  /** Disable the leaving user's account when everything has moved. */
  deactivate: z.boolean().default(false),
});
export type HandoverInput = z.infer<typeof handoverInputSchema>;

export const handoverListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: idSchema.optional(),
});

export interface HandoverTargetCounts {
  user_id: string;
  share: number;
  counts: HandoverCounts;
}

/** POST /handovers/preview: what would move where; nothing is written. */
export interface HandoverPreview {
  from_user_id: string;
  total: number;
  counts: HandoverCounts;
  targets: HandoverTargetCounts[];
  /** With `to_pool`: the customers that go to the pool and the leads left unassigned. */
  pool: { pool_id: string; customers: number } | null;
  unassigned_leads: number;
}

/** GET /handovers/:id: a hand-over and how far it got. */
export interface HandoverView {
  id: string;
  status: HandoverStatus;
  from_user_id: string;
  actor_id: string | null;
  to_pool: string | null;
  deals_to: string | null;
  leads: 'targets' | 'unassigned';
  deactivate: boolean;
  deactivated: boolean;
  /** Records planned when it started, and moved so far. */
  total: number;
  done: number;
  planned: HandoverCounts;
  moved: HandoverCounts;
  targets: HandoverTargetCounts[];
  pooled: number;
  unassigned_leads: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
