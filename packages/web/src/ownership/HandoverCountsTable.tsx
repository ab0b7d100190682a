import { Table } from 'antd';
import type { HandoverCounts } from '@tideline/shared';
import { useUserNames } from '../api/hooks';
import { useDetailText } from '../detail/useDetailText';
import { format } from '../i18n/I18nProvider';
import { MOVE_KINDS } from './moveSummary';

interface Row {
  key: string;
  receiver: string;
  counts: HandoverCounts;
}

export interface CountsSource {
  targets: { user_id: string; counts: HandoverCounts }[];
  /** Customers that go (went) to the pool. */
  pooled?: { name: string; customers: number } | null;
  unassignedLeads: number;
}

/** One row per receiver (plus the pool and unassigned leads): what they get, per kind of record. */
export function HandoverCountsTable({ source }: { source: CountsSource }) {
  const t = useDetailText();
  const names = useUserNames();
  const zero = { customer: 0, deal: 0, task: 0, lead: 0 };
  const rows: Row[] = source.targets.map((x) => ({
    key: x.user_id,
    receiver: names.get(x.user_id) ?? '',
    counts: x.counts,
  }));
  if (source.pooled)
    rows.push({
      key: 'pool',
      receiver: format(t.handover.poolRow, { name: source.pooled.name }),
      counts: { ...zero, customer: source.pooled.customers },
    });
  if (source.unassignedLeads > 0)
    rows.push({
      key: 'unassigned',
      receiver: t.handover.unassignedRow,
      counts: { ...zero, lead: source.unassignedLeads },
    });
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      columns={[
        { title: t.handover.receiver, dataIndex: 'receiver' },
        ...MOVE_KINDS.map((k) => ({
          title: t.handover.kinds[k],
          key: k,
          align: 'right' as const,
          render: (_: unknown, r: Row) => r.counts[k],
        })),
      ]}
    />
  );
}
