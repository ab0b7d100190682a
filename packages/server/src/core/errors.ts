/** The error taxonomy. Services throw these; one HTTP error handler maps them to problem+json. */

export interface FieldIssue {
  /** Dotted path of the bad field, e.g. "custom.budget" or "filter[0].value". */
  path: string;
  message: string;
  code?: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  constructor(fields: FieldIssue[], message = 'The request has invalid fields', code = 'validation_failed') {
    super(code, message, fields);
  }
  static field(path: string, message: string, code?: string): ValidationError {
    return new ValidationError([{ path, message, ...(code ? { code } : {}) }]);
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  constructor(entity: string, id?: string) {
    super(`${entity}_not_found`, id ? `No ${entity} with id ${id}` : `${entity} not found`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message = 'You are not allowed to do this', code = 'forbidden') {
    super(code, message);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  constructor(message = 'Sign in first', code = 'unauthenticated') {
    super(code, message);
  }
}

export class TooManyRequestsError extends AppError {
  readonly status = 429;
}

/** A failure worth retrying later: a remote service down, a lock timeout. */
export class OperationalError extends AppError {
  readonly status = 503;
}

export class UnexpectedError extends AppError {
  readonly status = 500;
}
