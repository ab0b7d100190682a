import type { Executor } from '../../core/transaction';
import { poolDb } from '../pools/pool.repository';

/**
 * A customer created straight into the fallback pool: unowned, in the pool from now, with the
 * distribution's reason as why it is there (the pool list shows it).
 */
export async function enterPool(
  trx: Executor,
  workspaceId: string,
  customerId: string,
  poolId: string,
  reason: string,
  at: string,
) {
  await poolDb(trx)
    .updateTable('customers')
    .set({ owner_id: null, pool_id: poolId, pool_entered_at: at, recycle_reason: reason, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .execute();
}
