import type { DistributionEntity } from '@tideline/shared';
import { useCustomFields } from '../api/hooks';
import { useDistributionText } from './useDistributionText';

const BUILT_IN: Record<DistributionEntity, string[]> = {
  lead: ['source', 'channel', 'region', 'industry', 'grade', 'company_name'],
  customer: ['source', 'region', 'industry', 'level'],
};

/** The fields a rule can test or map: the usual routing fields and the entity's text and choice custom fields. */
export function useRuleFields(entity: DistributionEntity): { value: string; label: string }[] {
  const t = useDistributionText();
  const { data: custom = [] } = useCustomFields(entity);
  return [
    ...BUILT_IN[entity].map((f) => ({ value: f, label: t.fields[f as keyof typeof t.fields] ?? f })),
    ...custom
      .filter((d) => d.type === 'text' || d.type === 'select')
      .map((d) => ({ value: `custom.${d.key}`, label: d.label })),
  ];
}
