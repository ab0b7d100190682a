import { AppError, TooManyRequestsError, UnauthorizedError } from '../../core/errors';

/** One answer for an unknown address and a wrong password, so sign-in cannot probe who has an account. */
export const invalidCredentials = () =>
  new UnauthorizedError('Wrong email or password', 'invalid_credentials');

/** Too many wrong passwords in a row; says when to try again. */
export function accountLocked(until: string, now: Date) {
  const seconds = Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 1000));
  return new TooManyRequestsError(
    'account_locked',
    'Too many failed sign-ins; the account is locked for a while',
    [],
    {
      locked_until: until,
      retry_after_seconds: seconds,
    },
  );
}

/** The address has accounts in several workspaces: the client must say which one. */
export class WorkspaceRequiredError extends AppError {
  readonly status = 400;
  constructor(workspaces: { slug: string; name: string }[]) {
    super(
      'workspace_required',
      'This email belongs to several workspaces; choose one',
      [{ path: 'workspace', message: 'choose the workspace to sign in to', code: 'required' }],
      { workspaces },
    );
  }
}
