import { useCallback } from 'react';
import dayjs from 'dayjs';
import { format, useI18n } from '../i18n/I18nProvider';
import type { PoolsMessages } from '../i18n/pools.zh-CN';
import type { Refusal } from './poolTypes';
import { usePoolText } from './usePoolText';

/** The cooldown's end the server writes into its sentence: "… in 5 days (2026-12-01T02:00:00.000Z)". */
export function cooldownUntil(message: string): string | null {
  const iso = /\((\d{4}-\d{2}-\d{2}T[^)]+)\)/.exec(message)?.[1];
  return iso && !Number.isNaN(Date.parse(iso)) ? iso : null;
}

/**
 * One refusal as a rep reads it: in zh-CN our sentence for the reason (with the cooldown's date), in
 * en-US the server's own sentence, which already says the same.
 */
export function refusalText(refusal: Pick<Refusal, 'reason' | 'message'>, t: PoolsMessages, zh: boolean) {
  if (!zh && refusal.message) return refusal.message;
  if (refusal.reason === 'cooldown') {
    const until = cooldownUntil(refusal.message);
    return until
      ? format(t.refusals.cooldown, { date: dayjs(until).format('YYYY-MM-DD HH:mm') })
      : t.refusals.cooldownNoDate;
  }
  const known = t.refusals[refusal.reason as keyof PoolsMessages['refusals']];
  return known ?? refusal.message;
}

export function useRefusalText() {
  const t = usePoolText();
  const { locale } = useI18n();
  return useCallback(
    (r: Pick<Refusal, 'reason' | 'message'>) => refusalText(r, t, locale === 'zh-CN'),
    [t, locale],
  );
}
