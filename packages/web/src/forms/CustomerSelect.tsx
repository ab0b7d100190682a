import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useCustomerName } from '../api/hooks';
import type { Page, RecordBase } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useDebounced } from './useDebounced';

interface Props {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}

/** Pick customers by typing part of a name or phone (searched on the server, Chinese-aware). */
export function CustomerSelect({ value, onChange, multiple, placeholder, style, id }: Props) {
  const { m } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const { data, isFetching } = useQuery({
    queryKey: ['customer-options', q],
    queryFn: () =>
      api<Page<RecordBase>>('/customers', {
        query: { q: q || undefined, limit: 20, sort: q ? undefined : '-updated_at' },
      }),
    staleTime: 30_000,
  });
  const single = typeof value === 'string' ? value : null;
  const { data: selectedName } = useCustomerName(single);
  const options = (data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (single && selectedName && !options.some((o) => o.value === single))
    options.unshift({ value: single, label: selectedName });
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? null)}
      options={options}
      loading={isFetching}
      allowClear
      placeholder={placeholder ?? m.list.chooseCustomer}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      style={{ minWidth: 200, ...style }}
    />
  );
}
