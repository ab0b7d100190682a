import type { ActionParams } from '@tideline/shared';
import { DeliveryFailedError } from '../../../channels/channel.errors';
import { findRecordEmail } from '../automation-record.repository';
import { renderTemplate } from '@tideline/engine';
import { render } from '../run-values';
import type { ActionHandler } from './action-registry';

type P<K extends ActionParams['action']> = Extract<ActionParams, { action: K }>;

/** E-mail the record's contact from Liquid templates (HTML-escaped body). */
export const sendEmailAction: ActionHandler<P<'send_email'>> = {
  external: () => true,
  async run(ctx, params) {
    const db = ctx.trx ?? ctx.deps.database.db;
    const to = await findRecordEmail(db, ctx.workspaceId, ctx.entity!, ctx.record!);
    if (!to)
      throw new DeliveryFailedError(
        'no_email_address',
        `this ${ctx.entity} has no contact with an e-mail address`,
      );
    const scope = await ctx.scope();
    const subject = await renderTemplate(params.subject, scope, { timezone: ctx.timezone, now: ctx.now });
    const html = await renderTemplate(params.body, scope, {
      timezone: ctx.timezone,
      now: ctx.now,
      escape: 'html',
    });
    if (ctx.dryRun) return { to: to.email, subject, html };
    const receipt = await ctx.deps.channels.sendMail({
      to: to.email,
      subject,
      html,
      idempotencyKey: ctx.idempotencyKey,
    });
    return { to: to.email, subject, message_id: receipt.messageId };
  },
};

/** Call an outside system with a signed request; the body is a Liquid template or the record itself. */
export const callWebhookAction: ActionHandler<P<'call_webhook'>> = {
  external: () => true,
  async run(ctx, params) {
    const body = params.body
      ? await render(ctx, params.body)
      : JSON.stringify({
          automation: { id: ctx.automation.id, name: ctx.automation.name },
          run_id: ctx.runId,
          entity: ctx.entity,
          record: ctx.record,
          event: ctx.event,
        });
    if (ctx.dryRun) return { url: params.url, method: params.method, body };
    const receipt = await ctx.deps.channels.callWebhook(
      params.url,
      params.method,
      params.secret,
      body,
      ctx.idempotencyKey,
      'automation.webhook',
    );
    return { url: params.url, status: receipt.status, response: receipt.body.slice(0, 1000) };
  },
};
