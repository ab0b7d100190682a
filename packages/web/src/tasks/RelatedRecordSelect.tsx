import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TaskRelatedType } from '@tideline/shared';
import { api } from '../api/client';
import type { Page, RecordBase } from '../api/types';
import { useDebounced } from '../forms/useDebounced';
import { useTaskText } from './useTaskText';

export const RELATED_PATHS: Record<TaskRelatedType, string> = {
  lead: '/leads',
  customer: '/customers',
  contact: '/contacts',
  deal: '/deals',
};

interface Props {
  type: TaskRelatedType | null | undefined;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
}

/**
 * Pick a record of the chosen type by typing part of its name (the list endpoint's Chinese-aware q),
 * so only records the user may see are offered.
 */
export function RelatedRecordSelect({ type, value, onChange, id }: Props) {
  const tt = useTaskText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const path = type ? RELATED_PATHS[type] : null;
  const { data, isFetching } = useQuery({
    queryKey: ['related-options', path, q],
    queryFn: () =>
      api<Page<RecordBase>>(path!, {
        query: { q: q || undefined, limit: 20, sort: q ? undefined : '-updated_at' },
      }),
    enabled: Boolean(path),
    staleTime: 30_000,
  });
  // A preset record (task created from a record page) may not be among the first results: name it.
  const { data: selected } = useQuery({
    queryKey: ['related-name', path, value],
    queryFn: () => api<RecordBase>(`${path}/${value}`).then((r) => r.name),
    enabled: Boolean(path && value),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const options = (data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (value && selected && !options.some((o) => o.value === value))
    options.unshift({ value, label: selected });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={isFetching}
      disabled={!type}
      allowClear
      placeholder={tt.chooseRecord}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      style={{ flex: 1, minWidth: 0 }}
    />
  );
}
