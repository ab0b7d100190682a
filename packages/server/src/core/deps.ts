import type { Database } from '../db/database';
import type { Clock } from './clock';
import type { Notifier } from '../modules/notifications/notification.bus';

/** What services need from the outside world; built once per process and passed down. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  notifier: Notifier;
}
