import { useQueries } from '@tanstack/react-query';
import type { AutomationEntity, FieldCatalog, Trigger } from '@tideline/shared';
import { api } from '../api/client';
import { usePipelines } from '../api/hooks';
import { useI18n } from '../i18n/I18nProvider';
import type { CatalogResponse } from './automationTypes';
import { fieldLabel } from './fieldCatalog';
import { stageNamer } from './StagePicker';
import { triggerEntity, triggerSummary } from './triggerModel';
import { useAutomationText } from './useAutomationText';

/** Triggers that name fields; their summaries need the catalog for custom field names. */
const namesFields = (t: Trigger) => t.type === 'record_updated' || t.type === 'relative_time';

/** A summary line per trigger, with field and stage names in the UI's language. */
export function useTriggerSummaries(triggers: readonly Trigger[]): (trigger: Trigger) => string {
  const { m } = useI18n();
  const t = useAutomationText();
  const { data: pipelines } = usePipelines();
  const entities = [
    ...new Set(
      triggers
        .filter(namesFields)
        .map(triggerEntity)
        .filter((e): e is AutomationEntity => e !== null),
    ),
  ].sort();
  const catalogs = useQueries({
    queries: entities.map((entity) => ({
      queryKey: ['automation-catalog', entity],
      queryFn: () =>
        api<CatalogResponse>('/automations/catalog', { query: { entity } }).then(
          (r): FieldCatalog => r.fields,
        ),
      staleTime: 5 * 60_000,
    })),
  });
  const byEntity = new Map(entities.map((e, i) => [e, catalogs[i]?.data]));
  const ctx = {
    t,
    label: (entity: AutomationEntity, path: string) => fieldLabel(entity, path, byEntity.get(entity), m, t),
    stageName: stageNamer(pipelines),
  };
  return (trigger: Trigger) => triggerSummary(trigger, ctx);
}
