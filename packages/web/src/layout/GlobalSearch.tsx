import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Empty, Input, Modal, Spin, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { SearchHit, SearchResults } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/zh-CN';
import { useDebounced } from '../forms/useDebounced';
import { recordRoute } from '../records/recordRoute';
import { highlight } from './highlight';

interface Row {
  type: string;
  hit: SearchHit;
  href: string;
}

const SECONDARY = ['company_name', 'customer_name', 'phone', 'mobile', 'email', 'industry'];

function typeLabel(m: Messages, type: string): string {
  return type in m.search.types ? m.search.types[type as keyof Messages['search']['types']] : type;
}

/** Search across records as you type (Chinese-aware on the server); arrows and Enter open a record. */
export function GlobalSearch({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebounced(text.trim(), 200);
  const { data, isFetching } = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api<SearchResults>('/search', { query: { q, limit: 6 }, signal }),
    enabled: open && q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const rows = useMemo<Row[]>(
    () =>
      Object.entries(data?.results ?? {}).flatMap(([type, hits]) =>
        hits.flatMap((hit) => {
          const href = recordRoute(type, hit.id);
          return href ? [{ type, hit, href }] : [];
        }),
      ),
    [data],
  );
  useEffect(() => setActive(0), [data]);
  useEffect(() => {
    if (open) setText('');
  }, [open]);

  const go = (row: Row | undefined) => {
    if (!row) return;
    onClose();
    navigate(row.href);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, rows.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') go(rows[active]);
    else return;
    e.preventDefault();
  };

  const shown = q.length > 0 && data?.q === q;
  let index = -1;
  const groups = [...new Set(rows.map((r) => r.type))];
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      closable={false}
      width={640}
      styles={{ body: { padding: 0 } }}
      destroyOnHidden
    >
      <Input
        autoFocus
        size="large"
        variant="borderless"
        prefix={<SearchOutlined />}
        suffix={isFetching ? <Spin size="small" /> : null}
        placeholder={m.search.placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-label={m.header.search}
        style={{ padding: '12px 16px', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
      />
      <div role="listbox" style={{ maxHeight: 420, overflowY: 'auto', padding: 8 }}>
        {!q && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.search.typeToSearch} />}
        {shown && rows.length === 0 && !isFetching && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.search.empty} />
        )}
        {shown && data?.partial && <Alert type="info" title={m.search.partial} style={{ margin: 8 }} />}
        {shown &&
          groups.map((type) => (
            <div key={type}>
              <Typography.Text
                type="secondary"
                style={{ display: 'block', padding: '8px 8px 4px', fontSize: 12 }}
              >
                {typeLabel(m, type)}
              </Typography.Text>
              {rows
                .filter((r) => r.type === type)
                .map((row) => {
                  index += 1;
                  const i = index;
                  const name = String(row.hit.name ?? row.hit.title ?? row.hit.id);
                  const secondary = SECONDARY.map((k) => row.hit[k]).filter(
                    (v): v is string => typeof v === 'string' && v !== '',
                  );
                  return (
                    <div
                      key={row.hit.id}
                      role="option"
                      aria-selected={i === active}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => go(row)}
                      style={{
                        padding: '8px 12px',
                        borderRadius: 6,
                        cursor: 'pointer',
                        background: i === active ? '#e6f4ff' : undefined,
                      }}
                    >
                      <div>{highlight(name, q)}</div>
                      {secondary.length > 0 && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {highlight(secondary.join(' · '), q)}
                        </Typography.Text>
                      )}
                    </div>
                  );
                })}
            </div>
          ))}
      </div>
      <Typography.Text
        type="secondary"
        style={{
          display: 'block',
          padding: '8px 16px',
          fontSize: 12,
          borderTop: '1px solid rgba(5,5,5,0.06)',
        }}
      >
        {m.search.hint}
      </Typography.Text>
    </Modal>
  );
}
