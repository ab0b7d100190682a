import type { z } from 'zod';
import {
  contactUpdateSchema,
  customerUpdateSchema,
  dealUpdateSchema,
  leadUpdateSchema,
  taskUpdateSchema,
} from '@tideline/shared';
import { ValidationError } from '../../../core/errors';
import { updateContact } from '../../contacts/contact.service';
import { updateCustomer } from '../../customers/customer.service';
import { updateDeal } from '../../deals/deal.service';
import { updateLead } from '../../leads/lead.service';
import { updateTask } from '../../tasks/task.service';
import type { StepContext } from '../run-context';

const SCHEMAS = {
  lead: leadUpdateSchema,
  customer: customerUpdateSchema,
  contact: contactUpdateSchema,
  deal: dealUpdateSchema,
  task: taskUpdateSchema,
} as const;

/**
 * Change the run's record through its service, inside the step's transaction: the same validation,
 * stage gates, audit and events as a person's edit, with source "automation" and the run's depth.
 */
export async function updateRunRecord(ctx: StepContext, patch: Record<string, unknown>, pathPrefix: string) {
  const entity = ctx.entity;
  if (!ctx.record || !entity || entity === 'activity')
    throw ValidationError.field(pathPrefix, `${entity ?? 'this'} records cannot be changed by automations`);
  const parsed = (SCHEMAS[entity] as z.ZodType).safeParse(patch);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: [pathPrefix, ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  }
  const id = ctx.record.id;
  const { deps, actor, trx } = ctx;
  const data = parsed.data as never;
  switch (entity) {
    case 'lead':
      return updateLead(deps, actor, id, data, trx ?? undefined);
    case 'customer':
      return updateCustomer(deps, actor, id, data, trx ?? undefined);
    case 'contact':
      return updateContact(deps, actor, id, data, trx ?? undefined);
    case 'deal':
      return updateDeal(deps, actor, id, data, trx ?? undefined);
    case 'task':
      return updateTask(deps, actor, id, data, trx ?? undefined);
  }
}
