import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FrozenClock } from '../src/core/clock';
import { OperationalError } from '../src/core/errors';
import { DeliveryFailedError, isRetryableDelivery } from '../src/channels/channel.errors';
import { createChannels } from '../src/channels/channels';
import type { Channels, ChannelsConfig } from '../src/channels/channels';
import { dingTalkSignature, feishuSignature, signDingTalkUrl } from '../src/channels/robot-signing';

/*
 * Fake WeCom, DingTalk and Feishu robots and a generic webhook receiver on loopback. Each checks
 * the signature the way the platform's documentation describes it (re-implemented here, not by
 * calling our signing code) and answers the way the platform does: HTTP 200 with an error code
 * when the signature is wrong.
 */

const clock = new FrozenClock('2026-11-23T02:00:00.000Z');
const NOW_MS = Date.parse('2026-11-23T02:00:00.000Z');
const DING_SECRET = 'SECd1f2e3c4b5a6978877665544332211';
const FEISHU_SECRET = 'fs-secret-中文也行';
const HOOK_SECRET = 'whsec_test_123';

interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

let server: http.Server;
let base = '';
const received: Received[] = [];
/** Scripted answers by path, used once each before the platform's normal behaviour. */
const script = new Map<string, Reply[]>();

function platformAnswer(req: Received): { status: number; body: unknown } {
  if (req.path.startsWith('/dingtalk')) {
    // DingTalk: sign = urlEncode(base64(HmacSHA256(key=secret, msg=timestamp+"\n"+secret))), ms.
    const ts = req.query.get('timestamp') ?? '';
    const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    const rawSign = /(?:^|&)sign=([^&]*)/.exec(req.rawQuery)?.[1] ?? '';
    const fresh = Math.abs(Number(ts) - clock.now().getTime()) < 3_600_000;
    const ok = req.query.get('sign') === expected && rawSign === encodeURIComponent(expected) && fresh;
    return {
      status: 200,
      body: ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' },
    };
  }
  if (req.path.startsWith('/feishu')) {
    // Feishu: sign = base64(HmacSHA256(key=timestamp+"\n"+secret, msg="")), seconds, in the body.
    const body = JSON.parse(req.body) as { timestamp?: string; sign?: string };
    const expected = createHmac('sha256', `${body.timestamp}\n${FEISHU_SECRET}`).update('').digest('base64');
    const fresh = Math.abs(Number(body.timestamp) - clock.now().getTime() / 1000) < 3600;
    return body.sign === expected && fresh
      ? { status: 200, body: { code: 0, msg: 'success', data: {} } }
      : { status: 200, body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour' } };
  }
  if (req.path.startsWith('/wecom')) {
    const ok = req.query.get('key') === 'wecom-key';
    return {
      status: 200,
      body: ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 93000, errmsg: 'invalid webhook url' },
    };
  }
  return { status: 200, body: { received: true } };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const entry: Received = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        rawQuery: url.search.slice(1),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      const reply = script.get(url.pathname)?.shift() ?? platformAnswer(entry);
      if (reply === 'hang') return;
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        ...('headers' in reply ? reply.headers : {}),
      });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  script.clear();
});

const config: ChannelsConfig = {
  smtpUrl: undefined,
  mailFrom: 'Tideline <crm@example.com>',
  allowPrivateWebhooks: true,
};
const channels = (over: Partial<ChannelsConfig> = {}, timeoutMs = 2_000): Channels =>
  createChannels({ ...config, ...over }, { clock, timeoutMs });

async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('expected the delivery to fail');
    },
    (err: unknown) => err,
  );
}

const message = { title: '商机赢单：华信科技', markdown: '**金额**：¥12,345.00\n负责人：王芳' };

describe('robot signatures against published vectors', () => {
  it('DingTalk matches the vector in the dingding crate (docs.rs, signature.rs)', () => {
    expect(encodeURIComponent(dingTalkSignature('secret', 1700000000000))).toBe(
      'OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D',
    );
    expect(
      signDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'secret', 1700000000000),
    ).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000' +
        '&sign=OuzzJR5%2BxZ4%2FEYwqtNt6sMYZQMTa%2FHEGvc9miJe7XzY%3D',
    );
  });

  it("Feishu matches the official Python sample's output (key = timestamp, newline, secret; empty message)", () => {
    // python3: base64.b64encode(hmac.new(b"1599360473\ntest-secret", b"", sha256).digest())
    expect(feishuSignature('test-secret', 1599360473)).toBe('wSds2BzzFIIGf/WrhUO+NI1q/9j+FRJd3JNHKAq0NZY=');
  });
});

describe('group robots', () => {
  it('DingTalk: signs the URL as documented and sends a markdown message with a title', async () => {
    const receipt = await channels().sendRobot(
      'dingtalk',
      `${base}/dingtalk/robot/send?access_token=tok`,
      DING_SECRET,
      message,
      'run1:step1',
    );
    expect(receipt.status).toBe(200);
    const [req] = received;
    expect(req!.query.get('access_token')).toBe('tok');
    expect(req!.query.get('timestamp')).toBe(String(NOW_MS));
    expect(req!.headers['x-tideline-idempotency-key']).toBe('run1:step1');
    expect(JSON.parse(req!.body)).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '商机赢单：华信科技',
        text: '### 商机赢单：华信科技\n\n**金额**：¥12,345.00\n负责人：王芳',
      },
    });
  });

  it('DingTalk: a wrong secret is answered 200 + errcode 310000 and fails for good', async () => {
    const url = `${base}/dingtalk/robot/send?access_token=tok`;
    const err = await failure(channels().sendRobot('dingtalk', url, 'SECwrong', message, 'k'));
    expect(err).toBeInstanceOf(DeliveryFailedError);
    expect(err).toMatchObject({ code: 'robot_rejected', message: /310000.*sign not match/ });
    expect(isRetryableDelivery(err)).toBe(false);
  });

  it('Feishu: puts timestamp (seconds) and sign in the body of an interactive card', async () => {
    await channels().sendRobot(
      'feishu',
      `${base}/feishu/open-apis/bot/v2/hook/abc`,
      FEISHU_SECRET,
      message,
      'k2',
    );
    const body = JSON.parse(received[0]!.body);
    expect(body.timestamp).toBe(String(NOW_MS / 1000));
    expect(body.msg_type).toBe('interactive');
    expect(body.card.header.title).toEqual({ tag: 'plain_text', content: '商机赢单：华信科技' });
    expect(body.card.elements[0].text).toEqual({ tag: 'lark_md', content: message.markdown });
  });

  it('Feishu: a wrong secret is answered 200 + code 19021 and fails for good', async () => {
    const url = `${base}/feishu/open-apis/bot/v2/hook/abc`;
    const err = await failure(channels().sendRobot('feishu', url, 'nope', message, 'k'));
    expect(err).toMatchObject({ name: 'DeliveryFailedError', code: 'robot_rejected', message: /19021/ });
  });

  it('WeCom: sends markdown with the title as a heading and no signature', async () => {
    await channels().sendRobot(
      'wecom',
      `${base}/wecom/cgi-bin/webhook/send?key=wecom-key`,
      'ignored',
      message,
      'k3',
    );
    const req = received[0]!;
    expect([...req.query.keys()]).toEqual(['key']);
    expect(JSON.parse(req.body)).toEqual({
      msgtype: 'markdown',
      markdown: { content: '## 商机赢单：华信科技\n**金额**：¥12,345.00\n负责人：王芳' },
    });
  });

  it('WeCom: a rate limit (errcode 45009) is retried, a bad key is not', async () => {
    script.set('/wecom/send', [{ status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } }]);
    const err = await failure(
      channels().sendRobot('wecom', `${base}/wecom/send?key=wecom-key`, undefined, message, 'k'),
    );
    expect(err).toBeInstanceOf(OperationalError);
    expect(err.code).toBe('delivery_rate_limited');
    const bad = await failure(
      channels().sendRobot('wecom', `${base}/wecom/send?key=other`, undefined, message, 'k'),
    );
    expect(bad).toMatchObject({ name: 'DeliveryFailedError', message: /93000/ });
  });

  it('a robot answering 200 without a result code is a failure, not a silent success', async () => {
    script.set('/dingtalk/x', [{ status: 200, body: '<html>proxy</html>' }]);
    const err = await failure(
      channels().sendRobot('dingtalk', `${base}/dingtalk/x`, undefined, message, 'k'),
    );
    expect(err).toMatchObject({ name: 'DeliveryFailedError', code: 'robot_rejected' });
  });

  it('keeps WeCom markdown within 4096 bytes without splitting a character', async () => {
    const long = { title: '日报', markdown: '客户'.repeat(3000) };
    await channels().sendRobot('wecom', `${base}/wecom/send?key=wecom-key`, undefined, long, 'k');
    const content = JSON.parse(received[0]!.body).markdown.content as string;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(content.endsWith('客…')).toBe(true);
  });
});

describe('webhooks', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 and sends the idempotency key and event', async () => {
    const body = JSON.stringify({ customer: { name: '华信科技' }, amount: 1234500 });
    const receipt = await channels().callWebhook(
      `${base}/hook`,
      'PUT',
      HOOK_SECRET,
      body,
      'run9:step2',
      'deal.won',
    );
    expect(receipt).toMatchObject({ status: 200, body: '{"received":true}' });
    const req = received[0]!;
    expect(req.method).toBe('PUT');
    expect(req.body).toBe(body);
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['x-tideline-idempotency-key']).toBe('run9:step2');
    expect(req.headers['x-tideline-event']).toBe('deal.won');
    const sig = String(req.headers['x-tideline-signature']);
    const { t, v1 } = Object.fromEntries(sig.split(',').map((kv) => kv.split('=') as [string, string]));
    expect(Number(t)).toBe(NOW_MS / 1000);
    expect(v1).toBe(createHmac('sha256', HOOK_SECRET).update(`${t}.${req.body}`).digest('hex'));
  });

  it('sends no signature when the webhook has no secret', async () => {
    await channels().callWebhook(`${base}/hook`, 'POST', undefined, '{}', 'k');
    expect(received[0]!.headers['x-tideline-signature']).toBeUndefined();
    expect(received[0]!.headers['x-tideline-idempotency-key']).toBe('k');
  });

  it.each([
    [{ status: 500, body: 'boom' }, OperationalError, 'delivery_unavailable'],
    [{ status: 503, body: '' }, OperationalError, 'delivery_unavailable'],
    [
      { status: 429, body: 'slow down', headers: { 'retry-after': '7' } },
      OperationalError,
      'delivery_rate_limited',
    ],
    [{ status: 400, body: '{"error":"bad field"}' }, DeliveryFailedError, 'delivery_rejected'],
    [{ status: 404, body: 'no such hook' }, DeliveryFailedError, 'delivery_rejected'],
    [
      { status: 302, body: '', headers: { location: 'http://169.254.169.254/' } },
      DeliveryFailedError,
      'delivery_rejected',
    ],
  ] as const)('an answer of %o is %s %s', async (reply, type, code) => {
    script.set('/hook', [reply]);
    const err = await failure(channels().callWebhook(`${base}/hook`, 'POST', HOOK_SECRET, '{}', 'k'));
    expect(err).toBeInstanceOf(type);
    expect(err.code).toBe(code);
    expect(err.details.status).toBe(reply.status);
    if (reply.status === 429) expect(err.details.retry_after_ms).toBe(7000);
    expect(received).toHaveLength(1);
  });

  it('gives up on a silent receiver after the timeout, as retryable', async () => {
    script.set('/hook', ['hang']);
    const started = Date.now();
    const err = await failure(channels({}, 300).callWebhook(`${base}/hook`, 'POST', undefined, '{}', 'k'));
    expect(err).toMatchObject({ name: 'OperationalError', code: 'delivery_timeout' });
    expect(Date.now() - started).toBeLessThan(5_000); // far below the 10 s default, with room for a loaded CI
  });

  it('treats a refused connection as retryable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(
      channels().callWebhook(`http://127.0.0.1:${port}/`, 'POST', undefined, '{}', 'k'),
    );
    expect(err).toMatchObject({
      name: 'OperationalError',
      code: 'delivery_unreachable',
      message: /ECONNREFUSED/,
    });
  });
});

describe('SSRF protection', () => {
  const guarded = () => channels({ allowPrivateWebhooks: false });

  it.each([
    ['loopback literal', () => `${base}/hook`, /127\.0\.0\.1: a private/],
    // A name is checked on the addresses DNS gives at connect time.
    [
      'localhost by name',
      () => base.replace('127.0.0.1', 'localhost') + '/hook',
      /localhost: it resolves to/,
    ],
    ['IPv6 loopback', () => 'http://[::1]:9/hook', /::1/],
    ['IPv4-mapped loopback', () => 'http://[::ffff:127.0.0.1]:9/hook', /::ffff:7f00:1/],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data', /169\.254/],
    ['private range', () => 'http://10.1.2.3/hook', /10\.1\.2\.3/],
  ])('refuses %s without TIDELINE_ALLOW_PRIVATE_WEBHOOKS', async (_name, url, why) => {
    const err = await failure(guarded().callWebhook(url(), 'POST', HOOK_SECRET, '{}', 'k'));
    expect(err).toBeInstanceOf(DeliveryFailedError);
    expect(err.code).toBe('unsafe_target');
    expect(err.message).toMatch(why);
    expect(received).toHaveLength(0);
  });

  it('refuses robots to private addresses too', async () => {
    const err = await failure(
      guarded().sendRobot('wecom', `${base}/wecom/send?key=wecom-key`, undefined, message, 'k'),
    );
    expect(err.code).toBe('unsafe_target');
    expect(received).toHaveLength(0);
  });

  it('refuses other schemes', async () => {
    const err = await failure(channels().callWebhook('file:///etc/passwd', 'POST', undefined, '{}', 'k'));
    expect(err).toMatchObject({ name: 'DeliveryFailedError', code: 'invalid_target' });
  });
});
