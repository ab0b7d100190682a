import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './client';
import { mockFetch } from '../test/TestProviders';

afterEach(() => {
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('api client', () => {
  it('sends the CSRF token on writes only', async () => {
    const calls = mockFetch(() => ({ body: { ok: true } }));
    setCsrfToken('t0k');
    await api('/customers', { query: { limit: 5, q: '', cursor: undefined } });
    await api('/customers', { method: 'POST', body: { name: 'x' } });
    expect(calls[0]!.url.search).toBe('?limit=5');
    expect(calls[0]!.headers['x-csrf-token']).toBeUndefined();
    expect(calls[1]!.headers['x-csrf-token']).toBe('t0k');
    expect(calls[1]!.body).toEqual({ name: 'x' });
  });

  it('turns problem+json into an ApiError with field errors', async () => {
    mockFetch(() => ({
      status: 400,
      body: {
        code: 'validation_failed',
        title: 'The request has invalid fields',
        errors: [{ path: 'email', message: 'must be an email', code: 'invalid_format' }],
      },
    }));
    const error = await api('/customers', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect([e.status, e.code, e.message]).toEqual([
      400,
      'validation_failed',
      'The request has invalid fields',
    ]);
    expect(e.fieldError('email')?.code).toBe('invalid_format');
  });

  it('reports a 401 as the end of the session, except where asked not to', async () => {
    mockFetch(() => ({ status: 401, body: { code: 'unauthenticated', title: 'Sign in first' } }));
    const ended = vi.fn();
    setUnauthorizedHandler(ended);
    await api('/customers').catch(() => undefined);
    expect(ended).toHaveBeenCalledTimes(1);
    await api('/auth/me', { allowUnauthorized: true }).catch(() => undefined);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('answers a network failure with status 0', async () => {
    globalThis.fetch = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;
    const e = (await api('/x').catch((err: unknown) => err)) as ApiError;
    expect([e.status, e.code]).toEqual([0, 'network_error']);
  });
});
