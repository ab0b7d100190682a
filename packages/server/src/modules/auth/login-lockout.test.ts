import { describe, expect, it } from 'vitest';
import { afterFailedLogin, lockedUntil } from './login-lockout';
import type { LoginState } from './login-lockout';

const NOW = new Date('2026-11-23T02:00:00.000Z');
const policy = { maxFailures: 3, lockMinutes: 15 };
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

describe('afterFailedLogin', () => {
  const cases: { name: string; before: LoginState; after: LoginState }[] = [
    {
      name: 'first failure counts one',
      before: { failed_logins: 0, locked_until: null },
      after: { failed_logins: 1, locked_until: null },
    },
    {
      name: 'below the limit stays unlocked',
      before: { failed_logins: 1, locked_until: null },
      after: { failed_logins: 2, locked_until: null },
    },
    {
      name: 'reaching the limit locks',
      before: { failed_logins: 2, locked_until: null },
      after: { failed_logins: 3, locked_until: at(15) },
    },
    {
      name: 'a lock that ran out starts a fresh count',
      before: { failed_logins: 3, locked_until: at(-1) },
      after: { failed_logins: 1, locked_until: null },
    },
    {
      name: 'failing while locked extends the lock',
      before: { failed_logins: 3, locked_until: at(5) },
      after: { failed_logins: 4, locked_until: at(15) },
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(afterFailedLogin(c.before, NOW, policy)).toEqual(c.after));
  }
});

describe('lockedUntil', () => {
  it('is null without a lock, the unlock time while locked, and null once it has passed', () => {
    expect(lockedUntil({ failed_logins: 0, locked_until: null }, NOW)).toBeNull();
    expect(lockedUntil({ failed_logins: 3, locked_until: at(1) }, NOW)).toBe(at(1));
    expect(lockedUntil({ failed_logins: 3, locked_until: at(0) }, NOW)).toBeNull();
  });
});
