import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { loadVisibleCustomer } from '../customers/customer.service';
import { findPipeline, findStage, listStagesOf } from '../pipelines/pipeline.repository';
import type { StageRow } from '../pipelines/pipeline.repository';
import { findContact } from '../activities/linked-record.repository';

/* Checks of what a deal points at; a bad reference is a 400 on the field that named it. */

/** The customer of a new deal, as a body reference: invisible or missing reads as a bad field. */
export async function customerRef(trx: Executor, deps: AppDeps, actor: Actor, id: string) {
  try {
    return await loadVisibleCustomer(trx, deps, actor, id);
  } catch (e) {
    if (e instanceof NotFoundError)
      throw ValidationError.field('customer_id', 'no such customer, or not one of yours', 'not_found');
    throw e;
  }
}

export async function checkContact(
  trx: Executor,
  workspaceId: string,
  contactId: string,
  customerId: string,
) {
  const contact = await findContact(trx, workspaceId, contactId);
  if (!contact || contact.customer_id !== customerId) {
    throw ValidationError.field('contact_id', 'no such contact at this customer', 'not_found');
  }
}

/** The stage a deal goes to: the given one, which must belong to the pipeline, or its first open stage. */
export async function targetStage(
  trx: Executor,
  actor: Actor,
  pipelineId: string,
  stageId: string | undefined,
): Promise<StageRow> {
  if (!(await findPipeline(trx, actor.workspaceId, pipelineId))) {
    throw ValidationError.field('pipeline_id', 'no such pipeline in this workspace', 'not_found');
  }
  if (stageId === undefined) {
    const first = (await listStagesOf(trx, actor.workspaceId, [pipelineId])).find((s) => s.kind === 'open');
    if (!first)
      throw ValidationError.field('stage_id', 'this pipeline has no open stage; choose a stage', 'required');
    return first;
  }
  const stage = await findStage(trx, actor.workspaceId, stageId);
  if (!stage || stage.pipeline_id !== pipelineId) {
    throw ValidationError.field(
      'stage_id',
      stage ? 'this stage belongs to another pipeline' : 'no such stage',
      'not_in_pipeline',
    );
  }
  return stage;
}
