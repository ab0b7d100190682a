import type { DuplicateMatch } from '@tideline/shared';
import { isApiError } from '../api/client';
import { format } from '../i18n/I18nProvider';
import type { DedupeMessages } from '../i18n/dedupe.zh-CN';

/** A create the server stopped: blocked by a rule, or held back by a warning until confirmed. */
export interface DuplicateStop {
  code: 'duplicate' | 'duplicate_warning';
  matches: DuplicateMatch[];
}

/** The duplicate matches of a failed request, or null when it failed for another reason. */
export function duplicateStop(error: unknown): DuplicateStop | null {
  if (!isApiError(error) || error.status !== 409) return null;
  if (error.code !== 'duplicate' && error.code !== 'duplicate_warning') return null;
  const matches = error.body.matches;
  return Array.isArray(matches) && matches.length
    ? { code: error.code, matches: matches as DuplicateMatch[] }
    : null;
}

/**
 * One match as a sentence: "客户已存在，负责人：张三（名称相同）" — the record's name only when the user may
 * open it, the owner always (so two reps can talk), and why it matched.
 */
export function matchText(
  m: DuplicateMatch,
  t: DedupeMessages,
  fieldLabel: (field: string) => string,
): string {
  const entity = t.entities[m.entity];
  const head =
    m.visible && m.name ? format(t.existsNamed, { entity, name: m.name }) : format(t.exists, { entity });
  const who = m.owner_name ? format(t.owner, { owner: m.owner_name }) : m.in_pool ? t.inPool : t.noOwner;
  const field = fieldLabel(m.rule.field);
  const why =
    m.similarity !== undefined
      ? format(t.similar, { field, percent: Math.round(m.similarity * 100) })
      : format(t.same, { field });
  return format(t.line, { head, who, why });
}
