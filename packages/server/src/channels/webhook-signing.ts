import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Outgoing webhooks are signed the way Stripe signs its events, so receivers can reuse known code:
 *   X-Tideline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 * The timestamp is inside the signed string, so a captured request cannot be replayed later with a
 * fresh timestamp; receivers should reject t older than a few minutes. See docs/api.md.
 */

export const SIGNATURE_HEADER = 'X-Tideline-Signature';
export const IDEMPOTENCY_HEADER = 'X-Tideline-Idempotency-Key';
export const EVENT_HEADER = 'X-Tideline-Event';

/** The hex HMAC-SHA256 of "<t>.<body>" keyed by the webhook's secret. */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
}

/** The X-Tideline-Signature header value for a body sent at nowMs. */
export function signatureHeader(secret: string, body: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${webhookSignature(secret, t, body)}`;
}

/** The headers of one webhook delivery; the signature only when the webhook has a secret. */
export function webhookHeaders(input: {
  secret?: string | undefined;
  body: string;
  idempotencyKey: string;
  event: string;
  nowMs: number;
}): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    [IDEMPOTENCY_HEADER]: input.idempotencyKey,
    [EVENT_HEADER]: input.event,
    ...(input.secret ? { [SIGNATURE_HEADER]: signatureHeader(input.secret, input.body, input.nowMs) } : {}),
  };
}

/**
 * Check a received signature header (what a receiver does; used by our own tests and available to
 * integrations written in TypeScript). Accepts any v1 entry, so secrets can be rotated.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowMs: number,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, t, body), 'hex');
  return parts
    .filter(([k, v]) => k === 'v1' && v && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v!, 'hex'), expected));
}
