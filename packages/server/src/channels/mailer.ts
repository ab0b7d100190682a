import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { AppError } from '../core/errors';
import { OperationalError } from '../core/errors';
import { DeliveryFailedError } from './channel.errors';
import { IDEMPOTENCY_HEADER } from './webhook-signing';

export interface MailMessage {
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  replyTo?: string;
  /** Per run and step; becomes the Message-ID, so a resent mail is recognisably the same mail. */
  idempotencyKey: string;
}

export interface MailReceipt {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

export interface Mailer {
  readonly configured: boolean;
  send(mail: MailMessage): Promise<MailReceipt>;
  close(): void;
}

export interface MailerConfig {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465; undefined when mail is not set up. */
  smtpUrl: string | undefined;
  mailFrom: string;
  timeoutMs?: number;
}

/** The domain part of the From address, for Message-IDs. */
function fromDomain(from: string): string {
  const match = /@([^\s<>@]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'tideline.local';
}

/**
 * A Message-ID derived from the idempotency key: a retry after a lost answer sends the same id,
 * so receiving servers and clients that de-duplicate on Message-ID show one mail.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const digest = createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40);
  return `<${digest}@${fromDomain(from)}>`;
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** SMTP 5xx and bad credentials or envelopes are final; 4xx and connection trouble are retried. */
export function classifyMailError(err: unknown): AppError {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpFailure;
  const text = e.response ?? e.message ?? 'unknown error';
  const status = e.responseCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new OperationalError('mail_deferred', `The mail server deferred the mail: ${text}`, [], {
      smtp: status,
    });
  }
  if (e.code === 'EAUTH') {
    return new DeliveryFailedError('mail_auth_failed', `The mail server refused the credentials: ${text}`);
  }
  if ((status !== undefined && status >= 500) || e.code === 'EENVELOPE' || e.code === 'EMESSAGE') {
    return new DeliveryFailedError('mail_rejected', `The mail server refused the mail: ${text}`, [], {
      ...(status !== undefined ? { smtp: status } : {}),
    });
  }
  return new OperationalError('mail_unreachable', `Could not reach the mail server: ${e.code ?? text}`);
}

/** An SMTP mailer from configuration; without an SMTP URL every send fails as not configured. */
export function createMailer(config: MailerConfig): Mailer {
  const timeout = config.timeoutMs ?? 30_000;
  let transport: Transporter | undefined;
  const transporter = (): Transporter => {
    transport ??= createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: 2,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    return transport;
  };
  return {
    configured: Boolean(config.smtpUrl),
    async send(mail) {
      if (!config.smtpUrl) {
        throw new DeliveryFailedError('mail_not_configured', 'Mail is not configured: set TIDELINE_SMTP_URL');
      }
      const messageId = messageIdFor(mail.idempotencyKey, config.mailFrom);
      try {
        const info = await transporter().sendMail({
          from: config.mailFrom,
          to: mail.to,
          subject: mail.subject,
          ...(mail.html !== undefined ? { html: mail.html } : {}),
          ...(mail.text !== undefined ? { text: mail.text } : {}),
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          messageId,
          headers: { [IDEMPOTENCY_HEADER]: mail.idempotencyKey },
        });
        const addresses = (list: unknown): string[] =>
          Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String(a?.address ?? a))) : [];
        return {
          messageId,
          accepted: addresses(info.accepted),
          rejected: addresses(info.rejected),
          response: String(info.response ?? ''),
        };
      } catch (err) {
        throw classifyMailError(err);
      }
    },
    close() {
      transport?.close();
      transport = undefined;
    },
  };
}
