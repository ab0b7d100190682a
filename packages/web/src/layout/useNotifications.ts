import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api } from '../api/client';
import type { NotificationList } from '../api/types';
import { entityPath } from '../records/recordRoute';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

export interface LiveNotification {
  id: string;
  kind: string;
  title: string;
  entity: string | null;
  recordId: string | null;
}

export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api<NotificationList>('/notifications', { query: { limit: 20 } }),
    staleTime: 60_000,
    // SSE keeps it fresh; poll slowly in case a proxy drops the stream.
    refetchInterval: 5 * 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api('/notifications/read', { method: 'POST', body: ids ? { ids } : {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/**
 * Listen to the server's notification stream (SSE). Each message refreshes the list and unread count
 * and is handed to `onMessage` (a toast). EventSource reconnects by itself after network drops.
 */
export function useNotificationStream(onMessage: (n: LiveNotification) => void) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`${API_BASE}/notifications/stream`, { withCredentials: true });
    const handle = (event: MessageEvent<string>) => {
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
      let message: LiveNotification;
      try {
        message = JSON.parse(event.data) as LiveNotification;
      } catch {
        return; // a malformed message still refreshed the bell
      }
      // What the notice is about probably changed too (a task assigned, customers transferred).
      const path = entityPath(message.entity);
      if (path) void queryClient.invalidateQueries({ queryKey: ['list', path] });
      onMessage(message);
    };
    source.addEventListener('notification', handle);
    return () => {
      source.removeEventListener('notification', handle);
      source.close();
    };
  }, [queryClient, onMessage]);
}
