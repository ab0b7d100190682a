import type { ActionParams } from '@tideline/shared';
import { DeliveryFailedError } from '../../../channels/channel.errors';
import { notifyUsers } from '../../notifications/notification.service';
import { render } from '../run-values';
import type { ActionHandler } from './action-registry';
import { resolveRecipients } from './recipients';

type P = Extract<ActionParams, { action: 'notify' }>;

/** Tell people: in-app (with the live push after commit), by e-mail, in a group robot, or to a webhook. */
export const notifyAction: ActionHandler<P> = {
  external: (p) => p.channel !== 'in_app',
  async run(ctx, params) {
    const title = await render(ctx, params.title);
    const body = params.body ? await render(ctx, params.body) : '';
    const userIds = await resolveRecipients(ctx, params.recipients);
    if (ctx.dryRun) return { channel: params.channel, title, body, recipients: userIds };
    switch (params.channel) {
      case 'in_app': {
        const publish = await notifyUsers(
          ctx.trx!,
          ctx.deps,
          ctx.actor,
          userIds.map((userId) => ({
            userId,
            kind: 'automation',
            title: title.slice(0, 300),
            body: body || null,
            entity: ctx.entity,
            recordId: ctx.record?.id ?? null,
          })),
        );
        ctx.afterCommit(publish);
        return { channel: 'in_app', title, recipients: userIds };
      }
      case 'email': {
        const users = await ctx.deps.database.db
          .selectFrom('users')
          .select('email')
          .where('workspace_id', '=', ctx.workspaceId)
          .where('id', 'in', userIds.length ? userIds : ['00000000-0000-0000-0000-000000000000'])
          .where('status', '=', 'active')
          .execute();
        if (users.length === 0)
          throw new DeliveryFailedError(
            'no_recipients',
            'nobody to e-mail: the recipients have no active account',
          );
        const receipt = await ctx.deps.channels.sendMail({
          to: users.map((u) => u.email),
          subject: title,
          text: body,
          idempotencyKey: ctx.idempotencyKey,
        });
        return { channel: 'email', to: receipt.accepted, message_id: receipt.messageId };
      }
      case 'robot': {
        const receipt = await ctx.deps.channels.sendRobot(
          params.platform!,
          params.url!,
          params.secret,
          { title, markdown: body ? `**${title}**\n\n${body}` : `**${title}**` },
          ctx.idempotencyKey,
        );
        return { channel: 'robot', platform: params.platform, status: receipt.status };
      }
      case 'webhook': {
        const payload = JSON.stringify({
          title,
          body,
          recipients: userIds,
          record: ctx.record,
          entity: ctx.entity,
        });
        const receipt = await ctx.deps.channels.callWebhook(
          params.url!,
          'POST',
          params.secret,
          payload,
          ctx.idempotencyKey,
          'automation.notify',
        );
        return { channel: 'webhook', status: receipt.status };
      }
    }
  },
};
