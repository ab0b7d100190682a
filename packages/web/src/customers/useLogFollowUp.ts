import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useMe } from '../auth/AuthProvider';
import { format } from '../i18n/I18nProvider';
import { useDetailText } from '../detail/useDetailText';
import { useRefusalText } from '../detail/refusal';
import { customerKeys } from './customer360Api';
import type { Customer360, TimelineData } from './customer360Api';
import {
  pendingEntry,
  prependEntry,
  replaceEntry,
  restoreLastContact,
  savedEntry,
  withLastContact,
} from './followUp';
import type { ActivityView, FollowUpInput } from './followUp';

let sequence = 0;

/**
 * Log a follow-up on a customer. The entry appears on the timeline and the last-contact date moves at
 * once; if the server refuses, both go back and the reason shows. `onRefused` gets the input back so
 * the box can return the text the rep typed.
 */
export function useLogFollowUp(customerId: string, onRefused?: (input: FollowUpInput) => void) {
  const me = useMe();
  const t = useDetailText();
  const refusal = useRefusalText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const timelineKey = customerKeys.timeline(customerId);
  const viewKey = customerKeys.view(customerId);

  return useMutation({
    mutationFn: (input: FollowUpInput) =>
      api<ActivityView>('/activities', {
        method: 'POST',
        body: {
          kind: input.kind,
          content: input.content,
          customer_id: customerId,
          ...(input.contact_id ? { contact_id: input.contact_id } : {}),
        },
      }),
    onMutate: async (input) => {
      // A refetch landing now would overwrite the optimistic entry.
      await queryClient.cancelQueries({ queryKey: customerKeys.all(customerId) });
      const at = new Date().toISOString();
      const entry = pendingEntry(
        input,
        { id: me.user.id, name: me.user.name },
        at,
        `${Date.now()}-${++sequence}`,
      );
      const previous = queryClient.getQueryData<Customer360>(viewKey)?.customer.last_contact_at ?? null;
      queryClient.setQueryData<TimelineData>(timelineKey, (d) => prependEntry(d, entry));
      queryClient.setQueryData<Customer360>(viewKey, (d) => withLastContact(d, at, 1));
      return { key: entry.key, previous };
    },
    onError: (error, input, context) => {
      if (context) {
        queryClient.setQueryData<TimelineData>(timelineKey, (d) => replaceEntry(d, context.key, null));
        queryClient.setQueryData<Customer360>(viewKey, (d) => restoreLastContact(d, context.previous));
      }
      message.error(format(t.followUp.failed, { reason: refusal(error) }));
      onRefused?.(input);
    },
    onSuccess: (activity, _input, context) => {
      queryClient.setQueryData<TimelineData>(timelineKey, (d) =>
        replaceEntry(d, context.key, savedEntry(activity)),
      );
      // The server's instant wins over the browser's clock.
      queryClient.setQueryData<Customer360>(viewKey, (d) =>
        d ? withLastContact(restoreLastContact(d, context.previous), activity.occurred_at, 1) : d,
      );
      message.success(t.followUp.saved);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all(customerId) }),
  });
}
