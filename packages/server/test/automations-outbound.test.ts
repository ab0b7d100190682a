import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createChannels } from '../src/channels/channels';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { insertContact, makeCustomer } from './sales-fixtures';

/** A loopback receiver that answers from a script and records what it got. */
function receiver() {
  const got: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ path: req.url ?? '', headers: req.headers, body });
      const status = script.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/robot') ? '{"errcode":0,"errmsg":"ok"}' : '{"ok":true}');
    });
  });
  return {
    got,
    script,
    start: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Verify X-Tideline-Signature the way docs/api.md tells integrators to. */
function signatureValid(secret: string, header: string, body: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return parts.v1 === expected;
}

describeEachDialect('automations: webhooks, robots, mail, retries', (env) => {
  const http = receiver();
  let base: string;
  let rep: TestUser;
  const mails: { subject: string; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ subject: /^Subject: (.*)$/im.exec(raw)?.[1] ?? '', raw });
        done();
      });
    },
  });

  beforeAll(async () => {
    base = await http.start();
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    env().automation.channels.close();
    env().automation.channels = createChannels({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'Tideline <crm@example.com>',
      allowPrivateWebhooks: true,
    });
    rep = await env().makeUser('rep', { name: '郑七' });
  });
  afterAll(async () => {
    // Pooled SMTP connections would keep the receiver from closing.
    env().automation.channels.close();
    await http.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const admin = () => env().as(env().admin);
  const automation = (name: string, steps: unknown[]) =>
    admin().post('/automations', {
      name,
      enabled: true,
      definition: { trigger: { type: 'record_created', entity: 'customer' }, steps },
    });
  const runsOf = (automationId: string) =>
    env()
      .database.db.selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', automationId)
      .execute();

  it('calls a signed webhook, retries a 500 with backoff, and never sends the same step twice', async () => {
    const res = await automation('同步到 ERP', [
      {
        id: 'erp',
        kind: 'action',
        params: {
          action: 'call_webhook',
          url: `${base}/erp`,
          secret: 's3cret',
          body: '{"name":"{{ record.name }}"}',
        },
      },
    ]);
    expect(res.status).toBe(201);
    http.script.push(500);
    const c = await makeCustomer(env(), rep, '上海外贸公司');
    await env().worker.drain();
    expect(http.got).toHaveLength(1);
    expect((await runsOf(res.body.id))[0]!.status).toBe('running');
    env().clock.advance(5_000);
    await env().worker.drain();
    env().clock.advance(60_000);
    await env().worker.drain();
    expect(http.got).toHaveLength(2);
    const [first, second] = http.got;
    expect(second!.body).toBe('{"name":"上海外贸公司"}');
    expect(signatureValid('s3cret', String(second!.headers['x-tideline-signature']), second!.body)).toBe(
      true,
    );
    // Both attempts carry the same idempotency key: a receiver that dedupes applies it once.
    expect(second!.headers['x-tideline-idempotency-key']).toBe(first!.headers['x-tideline-idempotency-key']);
    const [run] = await runsOf(res.body.id);
    expect(run).toMatchObject({ status: 'completed', record_id: c.id });
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
    http.got.length = 0;
  });

  it('shows a refused webhook as a failed run with the answer, and retries failed runs in bulk', async () => {
    const res = await automation('坏地址', [
      { id: 'hook', kind: 'action', params: { action: 'call_webhook', url: `${base}/gone` } },
      { id: 'after', kind: 'action', params: { action: 'add_tags', tags: ['已同步'] } },
    ]);
    http.script.push(404);
    await makeCustomer(env(), rep, '地址错误客户');
    await env().worker.drain();
    const [run] = await runsOf(res.body.id);
    expect(run!.status).toBe('failed');
    expect(run!.error).toContain('hook');
    const detail = await admin().get(`/automation-runs/${run!.id}`);
    expect(detail.body.steps).toMatchObject([{ step_id: 'hook', status: 'failed' }]);
    expect(detail.body.steps[0].error).toMatch(/404/);
    const list = await admin().get(`/automation-runs?automation_id=${res.body.id}&status=failed`);
    expect(list.body.items).toHaveLength(1);

    const retry = await admin().post('/automation-runs/retry', { ids: [run!.id] });
    expect(retry.body).toEqual({ retried: 1 });
    await env().worker.drain();
    const after = await admin().get(`/automation-runs/${run!.id}`);
    expect(after.body.status).toBe('completed');
    expect(
      after.body.steps.map((s: { step_id: string; status: string }) => `${s.step_id}:${s.status}`),
    ).toEqual(['hook:failed', 'hook:completed', 'after:completed']);
    const notFailed = await admin().post('/automation-runs/retry', { ids: [run!.id] });
    expect(notFailed.status).toBe(400);
    expect(notFailed.body.errors[0].path).toBe('ids[0]');
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
    http.got.length = 0;
  });

  it('gives up on a webhook that keeps failing after its retries and shows the run as failed', async () => {
    const res = await automation('一直 503', [
      { id: 'down', kind: 'action', params: { action: 'call_webhook', url: `${base}/down` } },
    ]);
    http.script.push(...Array.from({ length: 8 }, () => 503));
    await makeCustomer(env(), rep, '重试耗尽客户');
    for (let i = 0; i < 10; i++) {
      await env().worker.drain();
      env().clock.advance(3_600_000); // past the longest backoff
    }
    expect(http.got).toHaveLength(8);
    const [run] = await runsOf(res.body.id);
    expect(run!.status).toBe('failed');
    expect(run!.error).toMatch(/gave up after 8 attempts/);
    const dead = await env()
      .database.db.selectFrom('jobs')
      .select('status')
      .where('status', '=', 'dead')
      .execute();
    expect(dead.length).toBeGreaterThan(0);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
    await env().database.db.deleteFrom('jobs').execute();
    http.got.length = 0;
    http.script.length = 0;
  });

  it('notifies a DingTalk group robot with a signed address', async () => {
    const res = await automation('钉钉群通知', [
      {
        id: 'robot',
        kind: 'action',
        params: {
          action: 'notify',
          channel: 'robot',
          platform: 'dingtalk',
          url: `${base}/robot/send?access_token=t`,
          secret: 'SECabc',
          title: '新客户：{{ record.name }}',
        },
      },
    ]);
    await makeCustomer(env(), rep, '钉钉客户');
    await env().worker.drain();
    expect(http.got).toHaveLength(1);
    const url = new URL(http.got[0]!.path, base);
    const ts = url.searchParams.get('timestamp')!;
    const sign = createHmac('sha256', 'SECabc').update(`${ts}\nSECabc`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(sign);
    expect(JSON.parse(http.got[0]!.body).markdown.title).toBe('新客户：钉钉客户');
    expect((await runsOf(res.body.id))[0]!.status).toBe('completed');
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
    http.got.length = 0;
  });

  it("e-mails the customer's contact from a Liquid template through SMTP", async () => {
    const res = await automation('欢迎邮件', [
      {
        id: 'mail',
        kind: 'action',
        params: {
          action: 'send_email',
          to: 'record_contact',
          subject: '欢迎，{{ record.name }}',
          body: '<p>{{ owner.name }} 将为您服务</p>',
        },
      },
    ]);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
    const c = await makeCustomer(env(), rep, '邮件客户');
    const contactId = await insertContact(env(), c.id, '王经理');
    await env()
      .database.db.updateTable('contacts')
      .set({ email: 'wang@example.cn' })
      .where('id', '=', contactId)
      .execute();
    await admin().patch(`/automations/${res.body.id}`, {
      enabled: true,
      definition: {
        trigger: { type: 'record_updated', entity: 'customer', fields: ['level'] },
        steps: [
          {
            id: 'mail',
            kind: 'action',
            params: {
              action: 'send_email',
              to: 'record_contact',
              subject: '欢迎，{{ record.name }}',
              body: '<p>{{ owner.name }} 将为您服务</p>',
            },
          },
        ],
      },
    });
    await env().as(rep).patch(`/customers/${c.id}`, { level: 'B' });
    await env().worker.drain();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain('wang@example.cn');
    const [run] = (await runsOf(res.body.id)).filter((r) => r.record_id === c.id);
    expect(run!.status).toBe('completed');
    // The recorded effect means a replay of the step would not send again.
    const effects = await env()
      .database.db.selectFrom('automation_effects')
      .selectAll()
      .where('key', 'like', `${run!.id}:%`)
      .execute();
    expect(effects).toHaveLength(1);
  });
});
