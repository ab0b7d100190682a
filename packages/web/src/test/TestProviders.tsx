import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Me } from '../api/types';
import { AuthProvider, ME_KEY } from '../auth/AuthProvider';
import { I18nProvider } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/I18nProvider';

export const TEST_ME: Me = {
  user: {
    id: '0193a1b2-0000-7000-8000-000000000001',
    name: '张伟',
    email: 'zhang@demo.tideline',
    phone: null,
    locale: 'zh-CN',
    department_id: null,
    role_id: 'r1',
  },
  role: { id: 'r1', key: 'rep', name: '销售代表', data_scope: 'own' },
  department: null,
  workspace: {
    id: 'w1',
    slug: 'demo',
    name: '演示公司',
    timezone: 'Asia/Shanghai',
    currency: 'CNY',
    locale: 'zh-CN',
  },
  permissions: ['customers:read', 'customers:write', 'customers:delete'],
  csrf_token: 'csrf-test',
};

/** The app's providers around a component under test, signed in as TEST_ME. */
export function TestProviders({
  children,
  locale = 'zh-CN',
  me = TEST_ME,
}: {
  children: ReactNode;
  locale?: Locale;
  me?: Me;
}) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  client.setQueryData(ME_KEY, me);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale}>
        <AntApp>
          <MemoryRouter>
            <AuthProvider>{children}</AuthProvider>
          </MemoryRouter>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}

type Handler = (url: URL, init: RequestInit) => { status?: number; body?: unknown } | undefined;

/** Replace fetch with a router of handlers; records every call. Unhandled calls answer 404. */
export function mockFetch(handler: Handler) {
  const calls: { url: URL; method: string; body: unknown; headers: Record<string, string> }[] = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({
      url,
      method: init.method ?? 'GET',
      body,
      headers: (init.headers ?? {}) as Record<string, string>,
    });
    const res = handler(url, init) ?? { status: 404, body: { code: 'route_not_found', title: 'no route' } };
    const status = res.status ?? 200;
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(status === 204 ? null : JSON.stringify(res.body ?? {}), {
      status,
      headers: { 'content-type': type },
    });
  };
  globalThis.fetch = fn as typeof fetch;
  return calls;
}
