/** What the users table remembers about recent sign-in attempts. */
export interface LoginState {
  failed_logins: number;
  locked_until: string | null;
}

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** The instant the account unlocks, or null when it is not locked at `now`. */
export function lockedUntil(state: LoginState, now: Date): string | null {
  if (!state.locked_until) return null;
  return new Date(state.locked_until).getTime() > now.getTime()
    ? new Date(state.locked_until).toISOString()
    : null;
}

/**
 * The state after one more wrong password: the count grows until it reaches the limit, which locks the
 * account for a while. A lock that has run out starts a fresh count, so one more mistake after an
 * unlock does not lock again at once.
 */
export function afterFailedLogin(state: LoginState, now: Date, policy: LockoutPolicy): LoginState {
  const expired = state.locked_until !== null && lockedUntil(state, now) === null;
  const failed = (expired ? 0 : state.failed_logins) + 1;
  if (failed >= policy.maxFailures) {
    return {
      failed_logins: failed,
      locked_until: new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString(),
    };
  }
  return { failed_logins: failed, locked_until: null };
}

/** A correct password clears the count and any lock that has run out. */
export const afterSuccessfulLogin = (): LoginState => ({ failed_logins: 0, locked_until: null });
