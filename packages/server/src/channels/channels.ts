import type { RobotPlatform } from '@tideline/shared';
import type { Config } from '../config';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import type { DeliveryMethod, DeliveryReceipt } from './http-sender';
import { deliver } from './http-sender';
import type { MailMessage, MailReceipt } from './mailer';
import { createMailer } from './mailer';
import type { RobotMessage } from './robot-messages';
import { buildRobotPayload } from './robot-messages';
import { feishuSignedFields, signDingTalkUrl } from './robot-signing';
import { IDEMPOTENCY_HEADER, webhookHeaders } from './webhook-signing';

/**
 * The outbound side effects automation steps have: group robots, signed webhooks and mail. Each
 * call carries the run-and-step idempotency key. Every method resolves when the other side accepted
 * and throws otherwise: OperationalError (retry later) or DeliveryFailedError (failed for good).
 */
export interface Channels {
  sendRobot(
    platform: RobotPlatform,
    url: string,
    secret: string | undefined,
    message: RobotMessage,
    idempotencyKey: string,
  ): Promise<DeliveryReceipt>;
  /** `body` is sent as it is (a rendered JSON template); `event` names it in X-Tideline-Event. */
  callWebhook(
    url: string,
    method: DeliveryMethod,
    secret: string | undefined,
    body: string,
    idempotencyKey: string,
    event?: string,
  ): Promise<DeliveryReceipt>;
  sendMail(mail: MailMessage): Promise<MailReceipt>;
  readonly mailConfigured: boolean;
  /** Close pooled SMTP connections (on shutdown, and at the end of tests). */
  close(): void;
}

export type ChannelsConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'allowPrivateWebhooks'>;

export interface ChannelsOptions {
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Per SMTP stage (connect, greeting, each command). */
  mailTimeoutMs?: number;
  /**
   * Time for signatures. Robots reject timestamps an hour off, so this stays the real clock in
   * production even when the app's clock is frozen for a demo.
   */
  clock?: Clock;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function createChannels(config: ChannelsConfig, options: ChannelsOptions = {}): Channels {
  const clock = options.clock ?? systemClock;
  const nowMs = () => clock.now().getTime();
  const http = { timeoutMs: options.timeoutMs ?? 10_000, allowPrivate: config.allowPrivateWebhooks };
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    ...(options.mailTimeoutMs ? { timeoutMs: options.mailTimeoutMs } : {}),
  });

  return {
    async sendRobot(platform, url, secret, message, idempotencyKey) {
      const payload = buildRobotPayload(platform, message);
      let target = url;
      const signed = secret && platform !== 'wecom';
      if (signed && platform === 'dingtalk') target = signDingTalkUrl(url, secret, nowMs());
      const body =
        signed && platform === 'feishu' ? { ...feishuSignedFields(secret, nowMs()), ...payload } : payload;
      return deliver(
        platform,
        {
          url: target,
          method: 'POST',
          headers: { ...JSON_HEADERS, [IDEMPOTENCY_HEADER]: idempotencyKey },
          body: JSON.stringify(body),
        },
        http,
        nowMs,
      );
    },

    async callWebhook(url, method, secret, body, idempotencyKey, event = 'automation.webhook') {
      const headers = webhookHeaders({ secret, body, idempotencyKey, event, nowMs: nowMs() });
      return deliver('webhook', { url, method, headers, body }, http, nowMs);
    },

    sendMail: (mail) => mailer.send(mail),
    mailConfigured: mailer.configured,
    close: () => mailer.close(),
  };
}
