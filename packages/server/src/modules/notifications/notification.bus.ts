import { EventEmitter } from 'node:events';

export interface NotificationMessage {
  workspaceId: string;
  userId: string;
  id: string;
  kind: string;
  title: string;
  entity: string | null;
  recordId: string | null;
}

/**
 * Pushes new notifications to whoever listens (the SSE stream). In one process an EventEmitter does;
 * across PostgreSQL instances the same interface is carried by LISTEN/NOTIFY.
 */
export interface Notifier {
  publish(message: NotificationMessage): void;
  subscribe(userId: string, listener: (message: NotificationMessage) => void): () => void;
}

export function createLocalNotifier(): Notifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (message) => emitter.emit(message.userId, message),
    subscribe: (userId, listener) => {
      emitter.on(userId, listener);
      return () => emitter.off(userId, listener);
    },
  };
}
