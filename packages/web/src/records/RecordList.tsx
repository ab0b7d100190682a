import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Badge, Button, Card, Flex, Input, Space, Table, Typography } from 'antd';
import { FilterOutlined, LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { FilterCondition } from '@tideline/shared';
import { useCustomFields, usePipelines } from '../api/hooks';
import type { RecordBase, SavedView } from '../api/types';
import { useAuth, useMe } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { useDebounced } from '../forms/useDebounced';
import { ExportButton } from '../exports/ExportButton';
import { BulkActionBar } from './BulkActionBar';
import { ReleaseButton } from '../pools/ReleaseButton';
import { ColumnChooser } from './ColumnChooser';
import type { EntityConfig } from './entityConfig';
import { listFields } from './entityFields';
import { ListEmpty, ListError } from './ListStates';
import { RecordFilters } from './RecordFilters';
import { SavedViewBar } from './SavedViewBar';
import { useListColumns } from './useListColumns';
import { useRecordPage } from './useRecordPage';

const NO_FILTER: FilterCondition[] = [];
const NO_SELECTION: string[] = [];

/**
 * The record list every entity shares: server-side filters on any field (custom ones too), sortable
 * headers, a column chooser, saved views, bulk actions and cursor paging, with designed empty,
 * loading and error states.
 */
export function RecordList({
  config,
  extra,
  rowActions,
}: {
  config: EntityConfig;
  extra?: React.ReactNode;
  /** Buttons at the end of each row (e.g. convert a lead). */
  rowActions?: (record: RecordBase) => React.ReactNode;
}) {
  const { m } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { data: customDefs = [] } = useCustomFields(config.entity);
  const { data: pipelines = [] } = usePipelines();
  const fields = useMemo(
    () => listFields(config.entity, m, customDefs, config.entity === 'deal' ? pipelines : []),
    [config.entity, m, customDefs, pipelines],
  );

  const [view, setView] = useState<SavedView | null>(null);
  const [filter, setFilter] = useState<FilterCondition[]>(NO_FILTER);
  const [sort, setSort] = useState(config.defaultSort);
  const [columns, setColumns] = useState(config.defaultColumns);
  const [search, setSearch] = useState('');
  const [showFilters, setShowFilters] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const q = useDebounced(search, 300);

  const page = useRecordPage(config.path, { filter, sort, q }, me.user.id);
  const { data, isPending, isError, error, isFetching, refetch } = page.query;
  const listColumns = useListColumns(fields, columns, sort, config.path);
  const tableColumns = rowActions
    ? [
        ...listColumns,
        {
          key: 'row-actions',
          title: m.common.actions,
          fixed: 'right' as const,
          render: (_: unknown, r: RecordBase) => rowActions(r),
        },
      ]
    : listColumns;

  const baseline = view
    ? {
        filter: view.filter,
        sort: view.sort ?? config.defaultSort,
        columns: view.columns.length ? view.columns : config.defaultColumns,
      }
    : { filter: NO_FILTER, sort: config.defaultSort, columns: config.defaultColumns };
  const current = { filter, sort, columns };
  const modified = JSON.stringify(current) !== JSON.stringify(baseline);
  const canShare = me.permissions.some((p) => p.endsWith(':manage'));
  const noun = config.noun(m);

  const selectView = (next: SavedView | null) => {
    setView(next);
    setFilter(next?.filter ?? NO_FILTER);
    setSort(next?.sort ?? config.defaultSort);
    setColumns(next?.columns.length ? next.columns : config.defaultColumns);
    setSelected(NO_SELECTION);
  };
  const applyFilter = (conditions: FilterCondition[]) => {
    page.prefetch({ filter: conditions.length ? conditions : NO_FILTER, sort, q });
    setFilter(conditions.length ? conditions : NO_FILTER);
    setSelected(NO_SELECTION);
  };
  const onTableChange = (
    _p: TablePaginationConfig,
    _f: unknown,
    sorter: SorterResult<RecordBase> | SorterResult<RecordBase>[],
  ) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof s?.columnKey === 'string' ? s.columnKey : null;
    setSort(key && s?.order ? `${s.order === 'descend' ? '-' : ''}${key}` : config.defaultSort);
  };
  const filtered = filter.length > 0 || q.trim() !== '';
  const canCreate = Boolean(config.CreateForm && can(config.write));
  const create = canCreate ? () => setCreating(true) : undefined;
  const loading = isPending || (isFetching && !data);
  // Rebuilt only when what the table shows changes. Applying a filter re-renders the page while the
  // previous rows stay up; re-rendering those 50 rows then would hold back the new page.
  const table = useMemo(
    () => (
      <Table<RecordBase>
        rowKey="id"
        size="middle"
        columns={tableColumns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        locale={{
          emptyText: isPending ? (
            <div style={{ height: 160 }} />
          ) : (
            <ListEmpty
              title={config.title(m)}
              noun={noun}
              createLabel={config.createLabel(m)}
              filtered={filtered}
              onClear={() => (applyFilter(NO_FILTER), setSearch(''))}
              onCreate={canCreate ? () => setCreating(true) : undefined}
            />
          ),
        }}
      />
    ),
    // The callbacks inside read only setters, `config`, `sort` and `q`.
    [tableColumns, data, loading, isPending, selected, filtered, canCreate, config, m, noun, sort, q],
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {config.title(m)}
        </Typography.Title>
        <Space wrap>
          {extra}
          {create && (
            <Button type="primary" icon={<PlusOutlined />} onClick={create}>
              {config.createLabel(m)}
            </Button>
          )}
        </Space>
      </Flex>
      <Card styles={{ body: { padding: 12 } }}>
        <Flex wrap gap={8} justify="space-between">
          <Space wrap>
            <SavedViewBar
              entity={config.entity}
              title={config.title(m)}
              current={current}
              viewId={view?.id ?? null}
              modified={modified}
              canShare={canShare}
              onSelect={selectView}
            />
            <Input.Search
              allowClear
              placeholder={m.list.search}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 220 }}
            />
            <Button
              icon={<FilterOutlined />}
              type={showFilters ? 'primary' : 'default'}
              ghost={showFilters}
              onClick={() => setShowFilters((v) => !v)}
            >
              <Badge count={filter.length} size="small" offset={[6, -4]}>
                {m.list.filters}
              </Badge>
            </Button>
          </Space>
          <Space wrap>
            <Button
              icon={<ReloadOutlined />}
              aria-label={m.common.refresh}
              onClick={() => refetch()}
              loading={isFetching && !isPending}
            />
            <ColumnChooser
              fields={fields}
              value={columns}
              defaults={config.defaultColumns}
              onChange={setColumns}
            />
            <ExportButton path={config.path} view={{ filter, sort, q, columns }} />
          </Space>
        </Flex>
        {showFilters && (
          <div style={{ marginTop: 12, paddingTop: 12, borderTop: '1px solid rgba(5,5,5,0.06)' }}>
            <RecordFilters fields={fields} applied={filter} onApply={applyFilter} />
          </div>
        )}
      </Card>
      {selected.length > 0 && (
        <Alert
          type="info"
          title={
            <Flex wrap gap={8} align="center" justify="space-between">
              <Space>
                <span>{format(m.list.selected, { n: selected.length })}</span>
                <Button size="small" type="link" onClick={() => setSelected([])}>
                  {m.list.clearSelection}
                </Button>
              </Space>
              <Space wrap>
                <BulkActionBar config={config} ids={selected} onDone={() => setSelected([])} />
                {config.entity === 'customer' && can('customers:write') && (
                  <ReleaseButton ids={selected} onDone={() => setSelected([])} />
                )}
              </Space>
            </Flex>
          }
        />
      )}
      {data?.partial && <Alert type="warning" showIcon title={m.list.partial} />}
      {/* data-list-state: "ready" once the current query's page is shown (bench/src/web-filter.bench.ts). */}
      <Card styles={{ body: { padding: 0 } }} data-list-state={isFetching ? 'loading' : 'ready'}>
        {isError && !data ? <ListError error={error} onRetry={() => refetch()} /> : table}
        {(page.hasPrev || page.hasNext) && (
          <Flex justify="flex-end" align="center" gap={8} style={{ padding: 12 }}>
            <Typography.Text type="secondary">{format(m.list.pageN, { n: page.pageNumber })}</Typography.Text>
            <Button icon={<LeftOutlined />} disabled={!page.hasPrev || isFetching} onClick={page.prev}>
              {m.list.prevPage}
            </Button>
            <Button disabled={!page.hasNext || isFetching} onClick={page.next}>
              {m.list.nextPage}
              <RightOutlined />
            </Button>
          </Flex>
        )}
      </Card>
      {config.CreateForm && (
        <config.CreateForm
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(r) => navigate(`${config.path}/${r.id}`)}
        />
      )}
    </Flex>
  );
}
