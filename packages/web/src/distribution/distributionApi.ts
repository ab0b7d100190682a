import { useQuery } from '@tanstack/react-query';
import type {
  DistributionDecision,
  DistributionEntity,
  DistributionFallback,
  DistributionRule,
} from '@tideline/shared';
import { api } from '../api/client';

export const distributionKeys = {
  rules: (entity: DistributionEntity) => ['distribution', 'rules', entity] as const,
};

export type RuleBody = Pick<DistributionRule, 'name' | 'enabled' | 'conditions' | 'method'>;

export const useDistributionRules = (entity: DistributionEntity) =>
  useQuery({
    queryKey: distributionKeys.rules(entity),
    queryFn: () =>
      api<{ items: DistributionRule[]; fallbacks: DistributionFallback[] }>('/distribution-rules', {
        query: { entity },
      }),
  });

export const createRule = (entity: DistributionEntity, body: RuleBody) =>
  api<DistributionRule>('/distribution-rules', { method: 'POST', body: { entity, ...body } });

export const updateRule = (id: string, body: Partial<RuleBody>) =>
  api<DistributionRule>(`/distribution-rules/${id}`, { method: 'PATCH', body });

export const deleteRule = (id: string) => api<void>(`/distribution-rules/${id}`, { method: 'DELETE' });

export const reorderRules = (entity: DistributionEntity, ids: string[]) =>
  api<{ items: DistributionRule[] }>('/distribution-rules/reorder', {
    method: 'POST',
    body: { entity, ids },
  });

export const saveFallback = (body: { entity: DistributionEntity; kind: string; pool_id: string | null }) =>
  api<DistributionFallback>('/distribution-rules/fallback', { method: 'PUT', body });

/** The tester: who would get a record with these values, and why. Writes nothing. */
export const testDistribution = (entity: DistributionEntity, record: Record<string, unknown>) =>
  api<DistributionDecision>('/distribution-rules/test', { method: 'POST', body: { entity, record } });
