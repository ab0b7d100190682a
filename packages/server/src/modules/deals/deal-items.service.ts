import type { z } from 'zod';
import type { dealItemsReplaceSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { DEAL_AUDITED } from './deal.fields';
import { findProducts, listDealItems, replaceDealItemRows, toDeal, updateDealRow } from './deal.repository';
import type { DealItemRow } from './deal.repository';
import { lineAmount } from './deal.rules';
import { loadVisibleDeal, withNames } from './deal.service';
import type { DealDetail } from './deal.service';

export type DealItemsReplace = z.infer<typeof dealItemsReplaceSchema>;

/** How items appear in the audit trail: what was sold, at what price. */
const auditItem = (
  i: Pick<DealItemRow, 'product_id' | 'quantity' | 'unit_price' | 'discount_percent' | 'amount'>,
) => ({
  product_id: i.product_id,
  quantity: i.quantity,
  unit_price: i.unit_price,
  discount_percent: i.discount_percent,
  amount: i.amount,
});

/**
 * Replace a deal's line items in one transaction. Unit prices default to the product's price; while a
 * deal has items its amount is their sum.
 */
export async function replaceDealItems(
  deps: AppDeps,
  actor: Actor,
  dealId: string,
  input: DealItemsReplace,
): Promise<DealDetail> {
  requirePermission(actor, 'deals:write');
  return inTransaction(deps, async (trx) => {
    const ws = actor.workspaceId;
    const row = await loadVisibleDeal(trx, deps, actor, dealId, { lock: true });
    const products = new Map(
      (await findProducts(trx, ws, [...new Set(input.items.map((i) => i.product_id))])).map((p) => [p.id, p]),
    );
    const issues: FieldIssue[] = [];
    const items: DealItemRow[] = [];
    input.items.forEach((item, i) => {
      const product = products.get(item.product_id);
      if (!product)
        return issues.push({
          path: `items[${i}].product_id`,
          message: 'no such product in this workspace',
          code: 'not_found',
        });
      const unitPrice = item.unit_price ?? product.price;
      const amount = lineAmount(item.quantity, unitPrice, item.discount_percent);
      if (!Number.isSafeInteger(amount))
        return issues.push({
          path: `items[${i}].quantity`,
          message: 'the line amount is too large',
          code: 'too_big',
        });
      items.push({
        id: newId(),
        workspace_id: ws,
        deal_id: dealId,
        product_id: item.product_id,
        position: i,
        quantity: item.quantity,
        unit_price: unitPrice,
        discount_percent: item.discount_percent,
        amount,
      });
    });
    const total = items.reduce((sum, i) => sum + i.amount, 0);
    if (!Number.isSafeInteger(total))
      issues.push({ path: 'items', message: 'the total is too large', code: 'too_big' });
    if (issues.length) throw new ValidationError(issues);

    const oldItems = await listDealItems(trx, ws, dealId);
    await replaceDealItemRows(trx, deps.database.dialect, ws, dealId, items);
    const before = { ...toDeal(deps.database.dialect, row), items: oldItems.map(auditItem) };
    // Clearing every item leaves the amount as it was; from then on it is edited by hand again.
    const amount = items.length ? total : row.amount;
    const after = { ...before, amount, items: items.map(auditItem) };
    const changes = await logChange(trx, deps, actor, {
      entity: 'deal',
      recordId: dealId,
      customerId: row.customer_id,
      before,
      after,
      fields: [...DEAL_AUDITED, 'items'],
    });
    const now = deps.clock.now().toISOString();
    const updated = Object.keys(changes).length ? { ...row, amount, updated_at: now } : row;
    if (updated !== row) await updateDealRow(trx, ws, dealId, { amount, updated_at: now });
    const [view] = await withNames(trx, deps, actor, [updated]);
    return { ...view!, items: await listDealItems(trx, ws, dealId) };
  });
}
