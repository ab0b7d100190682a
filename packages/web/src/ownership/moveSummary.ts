import { format } from '../i18n/I18nProvider';
import type { DetailMessages } from '../i18n/detail.zh-CN';

/** What POST /ownership/transfer and /ownership/handover report as moved, per kind of record. */
export type MoveSummary = Record<'lead' | 'customer' | 'deal' | 'task', number>;

export const MOVE_KINDS = ['lead', 'customer', 'deal', 'task'] as const;

/** "3 个客户、2 个商机" — only the kinds that moved; empty when nothing did. */
export function summaryText(moved: MoveSummary, t: DetailMessages, locale: string): string {
  return MOVE_KINDS.filter((k) => moved[k] > 0)
    .map((k) => format(t.moved[k], { n: moved[k] }))
    .join(locale === 'zh-CN' ? '、' : ', ');
}
