import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FrozenClock } from '../src/core/clock';
import { OperationalError } from '../src/core/errors';
import { DeliveryFailedError, isRetryableDelivery } from '../src/channels/channel.errors';
import { createChannels } from '../src/channels/channels';
import type { ChannelsConfig } from '../src/channels/channels';

/* Mail through nodemailer to a real SMTP server (smtp-server) on loopback. */

const clock = new FrozenClock('2026-11-23T02:00:00.000Z');
const config: ChannelsConfig = {
  smtpUrl: undefined,
  mailFrom: 'Tideline <crm@example.com>',
  allowPrivateWebhooks: true,
};
const channels = (over: Partial<ChannelsConfig> = {}) => createChannels({ ...config, ...over }, { clock });

async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('expected the delivery to fail');
    },
    (err: unknown) => err,
  );
}

/** Decode RFC 2047 encoded-words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=), as a mail client shows them. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parseMail(raw: string): { headers: Map<string, string>; body: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const encoded = rest.join('\r\n\r\n');
  const cte = headers.get('content-transfer-encoding');
  const body =
    cte === 'base64'
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            encoded
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : encoded;
  return { headers, body };
}

describe('mail over SMTP', () => {
  let smtp: SMTPServer;
  let smtpUrl = '';
  const inbox: { from: string; to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'crm@example.com' && auth.password === 'p@ss 密码')
          return callback(null, { user: 1 });
        callback(new Error('535 Authentication failed'));
      },
      onRcptTo(address, _session, callback) {
        const fail = (text: string, code: number) =>
          callback(Object.assign(new Error(text), { responseCode: code }));
        if (address.address.startsWith('nobody@')) return fail('No such user', 550);
        if (address.address.startsWith('greylisted@')) return fail('Try again later', 451);
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    smtpUrl = `smtp://${encodeURIComponent('crm@example.com')}:${encodeURIComponent('p@ss 密码')}@127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  beforeEach(() => {
    inbox.length = 0;
  });

  const expectedMessageId = (key: string) =>
    `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@example.com>`;

  it('delivers a Chinese mail with a Message-ID derived from the idempotency key', async () => {
    const mail = channels({ smtpUrl });
    try {
      const receipt = await mail.sendMail({
        to: '王芳 <wangfang@customer.cn>',
        subject: '跟进提醒：华信科技 30 天未联系',
        html: '<p>您好，王芳：</p><p>客户<b>华信科技</b>已经 30 天没有跟进了。</p>',
        idempotencyKey: 'run42:step3',
      });
      expect(receipt).toMatchObject({
        messageId: expectedMessageId('run42:step3'),
        accepted: ['wangfang@customer.cn'],
      });
      expect(inbox).toHaveLength(1);
      const got = inbox[0]!;
      expect(got.from).toBe('crm@example.com');
      expect(got.to).toEqual(['wangfang@customer.cn']);
      const { headers, body } = parseMail(got.raw);
      expect(decodeHeader(headers.get('subject')!)).toBe('跟进提醒：华信科技 30 天未联系');
      expect(headers.get('message-id')).toBe(expectedMessageId('run42:step3'));
      expect(headers.get('x-tideline-idempotency-key')).toBe('run42:step3');
      expect(headers.get('content-type')).toMatch(/text\/html; charset=utf-8/i);
      expect(body).toContain('客户<b>华信科技</b>已经 30 天没有跟进了。');

      // The same key again (a retry) carries the same Message-ID; another key does not.
      await mail.sendMail({ to: 'a@b.cn', subject: 's', text: 't', idempotencyKey: 'run42:step3' });
      await mail.sendMail({ to: 'a@b.cn', subject: 's', text: 't', idempotencyKey: 'run42:step4' });
      const ids = inbox.map((m) => parseMail(m.raw).headers.get('message-id'));
      expect(ids).toEqual([
        expectedMessageId('run42:step3'),
        expectedMessageId('run42:step3'),
        expectedMessageId('run42:step4'),
      ]);
    } finally {
      mail.close();
    }
  });

  it.each([
    ['nobody@customer.cn', DeliveryFailedError, 'mail_rejected'],
    ['greylisted@customer.cn', OperationalError, 'mail_deferred'],
  ] as const)('a recipient refused by the server (%s) is %s %s', async (to, type, code) => {
    const mail = channels({ smtpUrl });
    try {
      const err = await failure(mail.sendMail({ to, subject: '你好', text: '正文', idempotencyKey: 'k' }));
      expect(err).toBeInstanceOf(type);
      expect(err.code).toBe(code);
      expect(inbox).toHaveLength(0);
    } finally {
      mail.close();
    }
  });

  it('fails for good on wrong credentials', async () => {
    const mail = channels({ smtpUrl: smtpUrl.replace(encodeURIComponent('p@ss 密码'), 'wrong') });
    try {
      const err = await failure(
        mail.sendMail({ to: 'a@b.cn', subject: 's', text: 't', idempotencyKey: 'k' }),
      );
      expect(err).toMatchObject({ name: 'DeliveryFailedError', code: 'mail_auth_failed' });
    } finally {
      mail.close();
    }
  });

  it('retries when the mail server cannot be reached', async () => {
    const mail = createChannels(
      { ...config, smtpUrl: 'smtp://127.0.0.1:1' },
      { clock, mailTimeoutMs: 2_000 },
    );
    try {
      const err = await failure(
        mail.sendMail({ to: 'a@b.cn', subject: 's', text: 't', idempotencyKey: 'k' }),
      );
      expect(err).toMatchObject({ name: 'OperationalError', code: 'mail_unreachable' });
    } finally {
      mail.close();
    }
  });

  it('says clearly that mail is not configured, as a permanent failure', async () => {
    const mail = channels();
    expect(mail.mailConfigured).toBe(false);
    const err = await failure(mail.sendMail({ to: 'a@b.cn', subject: 's', text: 't', idempotencyKey: 'k' }));
    expect(err).toMatchObject({
      name: 'DeliveryFailedError',
      code: 'mail_not_configured',
      message: /TIDELINE_SMTP_URL/,
    });
    expect(isRetryableDelivery(err)).toBe(false);
  });
});
