import { DEMO_PASSWORD, demoLogins } from '../seed/demo-org';

const ROLE_LABELS: Record<string, string> = {
  admin: '管理员 admin',
  manager: '销售经理 manager',
  rep: '销售代表 sales rep',
  marketing: '市场 marketing',
  service: '客服 service',
};

/** The demo workspace's sign-ins, in Chinese and English, for the console. */
export function demoLoginLines(slug: string): string[] {
  const logins = demoLogins(slug);
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    `演示账号 Demo sign-ins — 密码 password: ${DEMO_PASSWORD}`,
    ...logins.map(
      (l) => `  ${l.email.padEnd(width)}  ${l.name.padEnd(3, '\u3000')}  ${ROLE_LABELS[l.role] ?? l.role}`,
    ),
  ];
}

export const formatInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
