import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { AutomationEntity } from '@tideline/shared';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { useDebounced } from '../forms/useDebounced';
import { format } from '../i18n/I18nProvider';
import { useAutomationText } from './useAutomationText';

const COLLECTIONS: Record<AutomationEntity, string> = {
  lead: '/leads',
  customer: '/customers',
  contact: '/contacts',
  deal: '/deals',
  task: '/tasks',
  activity: '/activities',
};

type Row = { id: string; name?: string | null; title?: string | null; content?: string | null };

const rowLabel = (r: Row) => r.name || r.title || (r.content ? r.content.slice(0, 40) : '') || r.id;

/** Pick one record of the trigger's type by typing part of its name (searched on the server). */
export function RecordPicker({
  entity,
  value,
  onChange,
}: {
  entity: AutomationEntity;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}) {
  const t = useAutomationText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['automation-record-options', entity, q],
    queryFn: () => api<Page<Row>>(COLLECTIONS[entity], { query: { q: q || undefined, limit: 20 } }),
    staleTime: 30_000,
  });
  return (
    <Select
      aria-label={t.dryRun.record}
      value={value}
      onChange={(v: string | undefined) => onChange(v)}
      options={(data?.items ?? []).map((r) => ({ value: r.id, label: rowLabel(r) }))}
      loading={isFetching}
      allowClear
      placeholder={format(t.dryRun.pickRecord, { entity: t.entities[entity] })}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      style={{ width: '100%' }}
    />
  );
}
