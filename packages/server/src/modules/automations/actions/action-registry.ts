import type { ActionParams, ActionType } from '@tideline/shared';
import type { StepContext, StepOutput } from '../run-context';
import { addTagsAction, removeTagsAction, setFieldsAction, moveStageAction } from './record.actions';
import { assignOwnerAction } from './assign-owner.action';
import { createTaskAction } from './create-task.action';
import { notifyAction } from './notify.action';
import { callWebhookAction, sendEmailAction } from './outbound.actions';

export interface ActionHandler<P extends ActionParams = ActionParams> {
  /**
   * Whether the action leaves the database (mail, robots, webhooks). Those run outside the step's
   * transaction, once per idempotency key; the others commit with the step.
   */
  external(params: P): boolean;
  /** Do it (or, when ctx.dryRun, say exactly what would be done) and return what happened. */
  run(ctx: StepContext, params: P): Promise<StepOutput>;
}

type Registry = { [K in ActionType]: ActionHandler<Extract<ActionParams, { action: K }>> };

/** Every action type has a handler: the compiler refuses a registry with one missing. */
const ACTIONS: Registry = {
  set_fields: setFieldsAction,
  add_tags: addTagsAction,
  remove_tags: removeTagsAction,
  assign_owner: assignOwnerAction,
  create_task: createTaskAction,
  notify: notifyAction,
  send_email: sendEmailAction,
  move_stage: moveStageAction,
  call_webhook: callWebhookAction,
};

export function actionHandler<P extends ActionParams>(params: P): ActionHandler<P> {
  return ACTIONS[params.action] as unknown as ActionHandler<P>;
}
