import { AppError, OperationalError } from '../core/errors';

/**
 * A delivery the other side refused for good: a robot that answered an error code, a webhook that
 * answered 4xx, a mailbox that does not exist, an unsafe or malformed target, mail not configured.
 * Retrying cannot help, so the run shows it as failed at once. Transient failures (network, timeout,
 * 429, 5xx, SMTP 4xx) are OperationalError instead, which the job queue retries with backoff.
 */
export class DeliveryFailedError extends AppError {
  readonly status = 502;
}

/** Whether a failed delivery is worth trying again later. */
export function isRetryableDelivery(err: unknown): boolean {
  return err instanceof OperationalError;
}
