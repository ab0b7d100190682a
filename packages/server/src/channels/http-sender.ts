import http from 'node:http';
import https from 'node:https';
import type { RobotPlatform } from '@tideline/shared';
import { OperationalError } from '../core/errors';
import { DeliveryFailedError } from './channel.errors';
import { checkTargetUrl, guardedLookup } from './target-guard';

/*
 * One HTTP delivery and what its answer means. Node's http client rather than fetch: it takes a
 * `lookup` hook (the SSRF guard sees the address actually connected to) and never follows
 * redirects, which could otherwise lead a request into the private network.
 */

export type DeliveryTarget = 'webhook' | RobotPlatform;
export type DeliveryMethod = 'POST' | 'PUT' | 'PATCH';

export interface OutboundRequest {
  url: string;
  method: DeliveryMethod;
  headers: Record<string, string>;
  body: string;
}

export interface HttpSenderOptions {
  timeoutMs: number;
  /** Allow loopback and private addresses (TIDELINE_ALLOW_PRIVATE_WEBHOOKS=1). */
  allowPrivate: boolean;
  /** How much of the answer to keep for the run's log. */
  maxResponseBytes?: number;
}

/** What the other side answered to a successful delivery, kept on the run. */
export interface DeliveryReceipt {
  status: number;
  body: string;
  durationMs: number;
}

export type Classification =
  | { outcome: 'ok' }
  | { outcome: 'retry'; code: string; message: string; retryAfterMs?: number }
  | { outcome: 'fail'; code: string; message: string };

/*
 * Robots answer HTTP 200 with an error in the body. Codes meaning "too fast" or "busy" are retried;
 * every other non-zero code (bad signature 310000 / 19021, keyword missing, bad format 9499) is final.
 *   WeCom: 45009 api freq out of limit (20 messages a minute per robot), -1 system busy.
 *   DingTalk: 130101 send too fast (20 a minute), -1 system busy.
 *   Feishu: 11232 frequency limited.
 */
const ROBOT_RETRY_CODES: Record<RobotPlatform, readonly number[]> = {
  wecom: [45009, -1],
  dingtalk: [130101, -1],
  feishu: [11232],
};

const USER_AGENT = 'Tideline-Webhooks/1.0';
const DEFAULT_MAX_RESPONSE = 16_384;

function snippet(body: string): string {
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}

/** Milliseconds to wait from a Retry-After header (seconds or an HTTP date), if it says. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function robotCode(platform: RobotPlatform, body: string): { code: number; message: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const o = parsed as Record<string, unknown>;
  // Feishu answers {code,msg}; its older answers carry only StatusCode/StatusMessage.
  const raw = platform === 'feishu' ? (o.code ?? o.StatusCode) : o.errcode;
  const message = platform === 'feishu' ? (o.msg ?? o.StatusMessage) : o.errmsg;
  if (typeof raw !== 'number') return undefined;
  return { code: raw, message: typeof message === 'string' ? message : '' };
}

/** Decide what an HTTP answer means for a delivery: done, try again later, or failed for good. */
export function classifyResponse(
  target: DeliveryTarget,
  status: number,
  body: string,
  retryAfter?: string,
  nowMs = 0,
): Classification {
  const where = target === 'webhook' ? 'The webhook' : 'The robot';
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    const wait = parseRetryAfter(retryAfter, nowMs);
    return {
      outcome: 'retry',
      code: status === 429 ? 'delivery_rate_limited' : 'delivery_unavailable',
      message: `${where} answered HTTP ${status}: ${snippet(body)}`,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    };
  }
  if (status < 200 || status >= 300) {
    const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
    return {
      outcome: 'fail',
      code: 'delivery_rejected',
      message: `${where} answered HTTP ${status}${redirect}: ${snippet(body)}`,
    };
  }
  if (target === 'webhook') return { outcome: 'ok' };
  const answer = robotCode(target, body);
  if (!answer) {
    return {
      outcome: 'fail',
      code: 'robot_rejected',
      message: `The robot gave no result code: ${snippet(body)}`,
    };
  }
  if (answer.code === 0) return { outcome: 'ok' };
  const text = `The robot answered error ${answer.code}: ${answer.message}`;
  return ROBOT_RETRY_CODES[target].includes(answer.code)
    ? { outcome: 'retry', code: 'delivery_rate_limited', message: text }
    : { outcome: 'fail', code: 'robot_rejected', message: text };
}

interface RawResponse {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

function exchange(url: URL, req: OutboundRequest, opts: HttpSenderOptions): Promise<RawResponse> {
  const max = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const request = client.request(
      url,
      {
        method: req.method,
        headers: {
          'user-agent': USER_AGENT,
          ...req.headers,
          'content-length': String(Buffer.byteLength(req.body, 'utf8')),
        },
        ...(opts.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < max) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('error', (err) => settle(() => reject(err)));
        res.on('end', () =>
          settle(() =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: res.headers['retry-after'],
              body: Buffer.concat(chunks).subarray(0, max).toString('utf8'),
            }),
          ),
        );
      },
    );
    const timer = setTimeout(() => {
      const err = new OperationalError('delivery_timeout', `No answer within ${opts.timeoutMs} ms`);
      settle(() => reject(err));
      request.destroy(err);
    }, opts.timeoutMs);
    request.on('error', (err) => settle(() => reject(err)));
    request.end(req.body);
  });
}

/**
 * Send one request and classify the answer. Resolves with the receipt when it was accepted; throws
 * OperationalError when worth retrying (network, timeout, 429, 5xx, a robot's rate limit) and
 * DeliveryFailedError when not (4xx, a robot's error code, an unsafe or invalid URL).
 */
export async function deliver(
  target: DeliveryTarget,
  req: OutboundRequest,
  opts: HttpSenderOptions,
  now: () => number = Date.now,
): Promise<DeliveryReceipt> {
  const url = checkTargetUrl(req.url, opts.allowPrivate);
  const started = now();
  let res: RawResponse;
  try {
    res = await exchange(url, req, opts);
  } catch (err) {
    if (err instanceof DeliveryFailedError || err instanceof OperationalError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new OperationalError('delivery_unreachable', `Could not reach ${url.host}: ${code ?? String(err)}`);
  }
  const durationMs = now() - started;
  const verdict = classifyResponse(target, res.status, res.body, res.retryAfter, now());
  const details = { status: res.status, response: snippet(res.body), duration_ms: durationMs };
  if (verdict.outcome === 'ok') return { status: res.status, body: res.body, durationMs };
  if (verdict.outcome === 'retry') {
    throw new OperationalError(verdict.code, verdict.message, [], {
      ...details,
      ...(verdict.retryAfterMs !== undefined ? { retry_after_ms: verdict.retryAfterMs } : {}),
    });
  }
  throw new DeliveryFailedError(verdict.code, verdict.message, [], details);
}
