import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AutomationDefinition } from '@tideline/shared';
import { isApiError } from '../api/client';
import type { FieldError } from '../api/client';
import { automationKey, invalidateAutomations, saveAutomation } from './automationApi';
import type { AutomationDetail, AutomationItem } from './automationTypes';
import type { MetaDraft } from './BuilderMeta';
import { groupChildren, isGroup } from './conditionModel';
import { toBuilderErrors } from './errorPaths';

export interface Draft {
  meta: MetaDraft;
  definition: AutomationDefinition;
}

/** A new rule starts on new customers with no steps; the builder asks for the first one. */
export function newDraft(ownerId: string | null): Draft {
  return {
    meta: { name: '', notes: '', owner_id: ownerId, enabled: false },
    definition: { trigger: { type: 'record_created', entity: 'customer' }, steps: [] },
  };
}

export function toDraft(item: AutomationDetail | AutomationItem): Draft {
  return {
    meta: { name: item.name, notes: item.notes ?? '', owner_id: item.owner_id, enabled: item.enabled },
    definition: item.definition,
  };
}

/** The request body of a draft: the conditions are left out when there are none. */
export function draftBody(draft: Draft) {
  const { conditions, ...rest } = draft.definition;
  const empty = !conditions || (isGroup(conditions) && groupChildren(conditions).length === 0);
  return {
    name: draft.meta.name.trim(),
    notes: draft.meta.notes.trim() || null,
    owner_id: draft.meta.owner_id,
    enabled: draft.meta.enabled,
    definition: empty ? rest : { ...rest, conditions },
  };
}

/**
 * The builder's state: the draft, whether it changed since it was loaded or saved, and saving with
 * the server's problems kept by builder path so each shows next to the part it names.
 */
export function useBuilderDraft(
  saved: AutomationDetail | null,
  ownerId: string | null,
  onSaved: (item: AutomationItem, created: boolean) => void,
) {
  const client = useQueryClient();
  const [draft, setDraftState] = useState<Draft>(() => (saved ? toDraft(saved) : newDraft(ownerId)));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const setDraft = (next: Draft) => {
    setDraftState(next);
    setDirty(true);
  };
  const save = useMutation({
    mutationFn: () => saveAutomation(saved?.id ?? null, draftBody(draft)),
    onSuccess: (item) => {
      setErrors([]);
      setDirty(false);
      setDraftState(toDraft(item));
      client.setQueryData<AutomationDetail>(automationKey(item.id), (old) => ({
        ...item,
        versions: old?.versions ?? [],
      }));
      invalidateAutomations(client, item.id);
      onSaved(item, !saved);
    },
    onError: (e) => setErrors(isApiError(e) ? toBuilderErrors(e.errors) : []),
  });
  return { draft, setDraft, dirty, errors, setErrors, save };
}
