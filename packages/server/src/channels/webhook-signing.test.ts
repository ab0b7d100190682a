import { describe, expect, it } from 'vitest';
import { signatureHeader, verifyWebhookSignature, webhookHeaders } from './webhook-signing';

const NOW = Date.parse('2026-11-23T02:00:00.000Z');
const body = '{"customer":"华信科技"}';

describe('verifyWebhookSignature', () => {
  const header = signatureHeader('s3cret', body, NOW);

  it.each([
    ['the right secret and body', 's3cret', body, NOW, true],
    ['a wrong secret', 'other', body, NOW, false],
    ['a changed body', 's3cret', '{"customer":"华信科技 "}', NOW, false],
    ['within five minutes', 's3cret', body, NOW + 299_000, true],
    ['a replay after five minutes', 's3cret', body, NOW + 301_000, false],
  ])('%s → %s', (_name, secret, received, at, ok) => {
    expect(verifyWebhookSignature(secret, header, received, at)).toBe(ok);
  });

  it('accepts any of several v1 signatures (secret rotation) and rejects junk', () => {
    const other = signatureHeader('old', body, NOW).split(',')[1];
    expect(verifyWebhookSignature('old', `${header},${other}`, body, NOW)).toBe(true);
    expect(verifyWebhookSignature('s3cret', 't=abc,v1=zz', body, NOW)).toBe(false);
    expect(verifyWebhookSignature('s3cret', '', body, NOW)).toBe(false);
  });

  it('puts the key and event in headers, and the signature only with a secret', () => {
    const base = { body, idempotencyKey: 'run:step', event: 'deal.won', nowMs: NOW };
    expect(Object.keys(webhookHeaders({ ...base, secret: 's' }))).toContain('X-Tideline-Signature');
    expect(webhookHeaders({ ...base, secret: undefined })).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'X-Tideline-Idempotency-Key': 'run:step',
      'X-Tideline-Event': 'deal.won',
    });
  });
});
