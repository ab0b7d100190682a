import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import { newId } from '../../core/ids';
import { countUnread, insertNotifications, listNotifications, markRead } from './notification.repository';
import type { NewNotification } from './notification.repository';

export interface NotifyInput {
  userId: string;
  kind: string;
  title: string;
  body?: string | null;
  entity?: string | null;
  recordId?: string | null;
}

/**
 * Write in-app notifications inside the caller's transaction. They are pushed to live streams only
 * after the commit (the caller runs `publish` then), so nobody is told of a change that rolled back.
 */
export async function notifyUsers(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  inputs: NotifyInput[],
): Promise<() => void> {
  const at = deps.clock.now().toISOString();
  // Nobody needs to be told about what they did themselves.
  const rows: NewNotification[] = inputs
    .filter((n) => n.userId !== actor.userId)
    .map((n) => ({
      id: newId(),
      workspace_id: actor.workspaceId,
      user_id: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      entity: n.entity ?? null,
      record_id: n.recordId ?? null,
      created_at: at,
    }));
  await insertNotifications(trx, deps.database.dialect, rows);
  return () => {
    for (const r of rows) {
      deps.notifier.publish({
        workspaceId: r.workspace_id,
        userId: r.user_id,
        id: r.id,
        kind: r.kind,
        title: r.title,
        entity: r.entity,
        recordId: r.record_id,
      });
    }
  };
}

export async function listMyNotifications(
  deps: AppDeps,
  actor: Actor,
  opts: { unreadOnly: boolean; before?: string; limit: number },
) {
  if (!actor.userId) return { items: [], unread: 0 };
  const db = deps.database.db;
  const [items, unread] = await Promise.all([
    listNotifications(db, actor.workspaceId, actor.userId, opts),
    countUnread(db, actor.workspaceId, actor.userId),
  ]);
  return { items, unread };
}

export async function markMyNotificationsRead(deps: AppDeps, actor: Actor, ids: string[] | 'all') {
  if (!actor.userId) return 0;
  return markRead(deps.database.db, actor.workspaceId, actor.userId, ids, deps.clock.now().toISOString());
}
