import { useMemo } from 'react';
import type { AutomationEntity } from '@tideline/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CustomFieldDef } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/zh-CN';

export type ValueLabeler = (path: string, value: string) => string;

const STATUS_ENUMS: Partial<Record<AutomationEntity, keyof Messages['enums']>> = {
  customer: 'customerStatus',
  lead: 'leadStatus',
  deal: 'dealStatus',
  task: 'taskStatus',
};

/** Names of enum values: built-in statuses in the UI's words, custom select options by their label. */
export function useValueLabels(entity: AutomationEntity | null): ValueLabeler {
  const { m } = useI18n();
  const hasCustom = entity === 'customer' || entity === 'lead' || entity === 'contact' || entity === 'deal';
  // The same query (key and shape) as useCustomFields, which cannot be switched off for other records.
  const { data: defs } = useQuery({
    queryKey: ['custom-fields', entity],
    queryFn: () =>
      api<{ items: CustomFieldDef[] }>('/custom-fields', { query: { entity } }).then((r) =>
        [...r.items].sort((a, b) => a.position - b.position),
      ),
    enabled: hasCustom,
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const options = new Map<string, Map<string, string>>();
    for (const def of hasCustom ? (defs ?? []) : [])
      options.set(`custom.${def.key}`, new Map(def.options.map((o) => [o.value, o.label])));
    return (path: string, value: string) => {
      const custom = options.get(path)?.get(value);
      if (custom) return custom;
      const statusOf: AutomationEntity | undefined =
        path === 'status' ? (entity ?? undefined) : path === 'customer.status' ? 'customer' : undefined;
      const dict = statusOf ? STATUS_ENUMS[statusOf] : undefined;
      if (dict) return (m.enums[dict] as Record<string, string>)[value] ?? value;
      return value;
    };
  }, [defs, hasCustom, entity, m]);
}
