import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Result,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { DEDUPE_ENTITIES } from '@tideline/shared';
import type { DedupeEntity } from '@tideline/shared';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { BulkMergeButton } from './BulkMergeButton';
import { useDuplicateGroups } from './dedupeApi';
import type { DuplicateGroup, GroupMatch } from './dedupeApi';
import { DuplicateMergeModal } from './DuplicateMergeModal';
import { mergeFieldLabel } from './mergeFields';
import { useDedupeText } from './useDedupeText';

const CONFIDENCES = [0.6, 0.8, 0.9, 0.95];

/** /duplicates: scan for probable duplicates, review the groups, merge one or all the sure ones. */
export function DuplicateFinderPage() {
  const t = useDedupeText();
  const { m } = useI18n();
  const { can } = useAuth();
  const client = useQueryClient();
  const [entity, setEntity] = useState<DedupeEntity>('customer');
  const [minConfidence, setMinConfidence] = useState(0.8);
  const [scan, setScan] = useState(0);
  const [cursors, setCursors] = useState<string[]>(['']);
  const [merging, setMerging] = useState<DuplicateGroup | null>(null);
  const cursor = cursors[cursors.length - 1]!;
  const { data, isFetching, error } = useDuplicateGroups(entity, minConfidence, cursor, scan);
  if (!can('records:merge')) return <Result status="403" title={m.common.forbidden} />;

  const startScan = () => {
    setCursors(['']);
    setScan((n) => n + 1);
  };
  const reset = (next: () => void) => {
    next();
    setCursors(['']);
    setScan(0);
  };
  /** After a merge the server drops its scan; the next page load rescans. */
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['duplicates', entity] });
  };
  const matchText = (x: GroupMatch) => {
    const kind = t.finder.kinds[x.kind];
    const text =
      kind ??
      format(t.finder.customKind, { field: x.fields.map((f) => mergeFieldLabel(entity, f, m)).join('/') });
    return x.similarity !== undefined ? `${text} ${Math.round(x.similarity * 100)}%` : text;
  };
  const columns = [
    {
      key: 'records',
      title: t.finder.records,
      render: (_: unknown, g: DuplicateGroup) => (
        <Flex vertical>
          {g.records.map((r) => (
            <Typography.Text key={r.id}>
              {r.name}
              <Typography.Text type="secondary">
                {' '}
                {[r.company_name ?? r.customer_name, r.mobile ?? r.phone, r.email, r.owner_name]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      key: 'matched',
      title: t.finder.matched,
      render: (_: unknown, g: DuplicateGroup) =>
        g.matches.map((x, i) => (
          <Tag key={i} color="blue">
            {matchText(x)}
          </Tag>
        )),
    },
    {
      key: 'confidence',
      title: t.finder.confidence,
      width: 100,
      render: (_: unknown, g: DuplicateGroup) => (
        <Tag color={g.confidence >= 0.95 ? 'red' : g.confidence >= 0.9 ? 'orange' : 'default'}>
          {Math.round(g.confidence * 100)}%
        </Tag>
      ),
    },
    {
      key: 'action',
      title: '',
      width: 90,
      render: (_: unknown, g: DuplicateGroup) => (
        <Button
          size="small"
          onClick={() => setMerging(g)}
          aria-label={`${t.finder.merge} ${g.records[0]!.name}`}
        >
          {t.finder.merge}
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.finder.title}
      </Typography.Title>
      <Card styles={{ body: { padding: 12 } }}>
        <Flex wrap gap={8} justify="space-between">
          <Space wrap>
            <Segmented
              value={entity}
              options={DEDUPE_ENTITIES.map((e) => ({ value: e, label: t.entities[e] }))}
              onChange={(v) => reset(() => setEntity(v as DedupeEntity))}
            />
            <Select
              aria-label={t.finder.minConfidence}
              value={minConfidence}
              options={CONFIDENCES.map((c) => ({ value: c, label: `≥ ${Math.round(c * 100)}%` }))}
              onChange={(v: number) => reset(() => setMinConfidence(v))}
              style={{ width: 110 }}
            />
            <Button type="primary" icon={<ScanOutlined />} onClick={startScan} loading={isFetching}>
              {scan ? t.finder.rescan : t.finder.scan}
            </Button>
          </Space>
          <BulkMergeButton entity={entity} onDone={refresh} />
        </Flex>
      </Card>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Card styles={{ body: { padding: 0 } }}>
        {scan === 0 ? (
          <Empty style={{ padding: 32 }} description={t.finder.notScanned} />
        ) : (
          <>
            <Table<DuplicateGroup>
              rowKey="id"
              size="middle"
              loading={isFetching}
              columns={columns}
              dataSource={data?.items ?? []}
              pagination={false}
              locale={{ emptyText: t.finder.none }}
            />
            <Flex justify="space-between" align="center" style={{ padding: 12 }}>
              <Typography.Text type="secondary">
                {format(t.finder.total, { n: data?.total ?? 0 })}
              </Typography.Text>
              <Space>
                {cursors.length > 1 && (
                  <Button onClick={() => setCursors(cursors.slice(0, -1))}>{m.list.prevPage}</Button>
                )}
                <Button
                  disabled={!data?.next_cursor}
                  onClick={() => data?.next_cursor && setCursors([...cursors, data.next_cursor])}
                >
                  {t.finder.more}
                </Button>
              </Space>
            </Flex>
          </>
        )}
      </Card>
      {merging && (
        <DuplicateMergeModal
          entity={entity}
          group={merging}
          onClose={() => setMerging(null)}
          onMerged={() => {
            setMerging(null);
            refresh();
          }}
        />
      )}
    </Flex>
  );
}
