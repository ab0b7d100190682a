import type { Permission } from '@tideline/shared';
import type { SettingsMessages } from '../i18n/settings.zh-CN';

export type SectionKey = keyof SettingsMessages['sections'];

/**
 * The settings areas and what each needs. API tokens need nothing: everyone may hold tokens of their
 * own (tokens:manage only widens the list to everyone's).
 */
export const SETTINGS_SECTIONS: { key: SectionKey; permission: Permission | null }[] = [
  { key: 'users', permission: 'users:manage' },
  { key: 'departments', permission: 'departments:manage' },
  { key: 'roles', permission: 'roles:manage' },
  { key: 'pipelines', permission: 'pipelines:manage' },
  { key: 'fields', permission: 'fields:manage' },
  { key: 'tags', permission: 'tags:manage' },
  { key: 'tokens', permission: null },
  { key: 'calendar', permission: 'automations:manage' },
  { key: 'duplicates', permission: 'fields:manage' },
  { key: 'pools', permission: 'pools:manage' },
  { key: 'distribution', permission: 'distribution:manage' },
];

/** The sections this user may open, in menu order. */
export function allowedSections(can: (p: Permission) => boolean): SectionKey[] {
  return SETTINGS_SECTIONS.filter((s) => s.permission === null || can(s.permission)).map((s) => s.key);
}
