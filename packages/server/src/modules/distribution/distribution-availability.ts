import type { DistributionEntity } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { countOwned } from '../pools/pool-cap.repository';
import { effectiveCap } from '../pools/pool-cap.service';
import { loadUsers } from './distribution.repository';
import type { UserInfo } from './distribution.repository';

/** Why a user cannot take a record now, in both languages; null when they can. */
export interface Unavailable {
  zh: string;
  en: string;
}

export interface Availability {
  /** Null when the user may take the record. */
  check(userId: string): Promise<Unavailable | null>;
  name(userId: string): Promise<string>;
  users(ids: readonly string[]): Promise<void>;
}

export function localDate(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: timezone }).format(new Date(iso));
}

/**
 * Who may take a new record: active users, not on leave, and (for customers) below their pool owner
 * cap. Answers are cached for one decision; a rep's count is read once.
 */
export function availability(
  trx: Executor,
  workspaceId: string,
  entity: DistributionEntity,
  now: Date,
  timezone: string,
): Availability {
  const known = new Map<string, UserInfo | null>();
  const answers = new Map<string, Unavailable | null>();
  const users = async (ids: readonly string[]) => {
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    const found = await loadUsers(trx, workspaceId, missing);
    for (const id of missing) known.set(id, found.get(id) ?? null);
  };
  const name = async (id: string) => {
    await users([id]);
    return known.get(id)?.name ?? id;
  };
  const check = async (id: string): Promise<Unavailable | null> => {
    if (answers.has(id)) return answers.get(id)!;
    await users([id]);
    const user = known.get(id);
    let answer: Unavailable | null = null;
    if (!user) answer = { zh: '已不在本工作区', en: 'no longer in this workspace' };
    else if (user.status !== 'active') answer = { zh: '已停用', en: 'disabled' };
    else if (user.away_until && user.away_until > now.toISOString()) {
      const until = localDate(user.away_until, timezone);
      answer = { zh: `休假至 ${until}`, en: `on leave until ${until}` };
    } else if (entity === 'customer') {
      const cap = await effectiveCap(trx, workspaceId, id);
      if (cap) {
        const owned = await countOwned(trx, workspaceId, id, cap.count_won);
        if (owned >= cap.max_customers)
          answer = {
            zh: `已达客户上限 ${owned}/${cap.max_customers}`,
            en: `at the customer cap ${owned}/${cap.max_customers}`,
          };
      }
    }
    answers.set(id, answer);
    return answer;
  };
  return { check, name, users };
}
