import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { AppstoreOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { Stage } from '../api/types';
import { useCustomFields, usePipelines, useUserNames } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { DetailHeader } from '../detail/DetailHeader';
import { detailFields } from '../detail/detailFields';
import { RecordFields } from '../detail/RecordFields';
import { RecordLoadState } from '../detail/RecordLoadState';
import { RecordTags } from '../detail/RecordTags';
import { useDetailText } from '../detail/useDetailText';
import { useRecordDetail } from '../detail/useRecordDetail';
import { useI18n } from '../i18n/I18nProvider';
import { TransferModal } from '../ownership/TransferModal';
import { formatMoney } from '../records/format';
import { DealItemsTable } from './DealItemsTable';
import { DealStageSteps } from './DealStageSteps';
import type { DealDetail } from './dealTypes';
import { mergeFields } from './gateRefusal';
import { StageGateFillModal } from './StageGateFillModal';
import type { GateAsk } from './StageGateFillModal';
import { StageMoveModal } from './StageMoveModal';
import { useDealStageMove } from './useDealStageMove';
import type { StageMove } from './useDealStageMove';

const IN_HEADER = ['name', 'customer_id', 'amount', 'status', 'stage_id', 'pipeline_id', 'owner_id', 'tags'];
const STATUS_COLORS: Record<string, string> = { open: 'blue', won: 'green', lost: 'red' };

/** /deals/:id — the deal's stage steps (click to move), fields, and its line items (read-only). */
export function DealDetailPage() {
  const { id = '' } = useParams();
  const { m, locale } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const names = useUserNames();
  const { query, save, updateTags } = useRecordDetail<DealDetail>('/deals', id);
  const { data: pipelines = [] } = usePipelines();
  const { data: defs = [] } = useCustomFields('deal');
  const fields = useMemo(
    () => detailFields('deal', m, defs, { pipelines, omit: IN_HEADER }),
    [m, defs, pipelines],
  );
  const [gateAsk, setGateAsk] = useState<{ refusal: GateAsk['refusal']; move: StageMove } | null>(null);
  const move = useDealStageMove(id, { onGateRefused: (m, refusal) => setGateAsk({ move: m, refusal }) });
  const [ask, setAsk] = useState<Stage | null>(null);
  const [transferring, setTransferring] = useState(false);
  const deal = query.data;
  if (!deal) return <RecordLoadState query={query} listPath="/deals" listTitle={m.nav.deals} />;

  const pipeline = pipelines.find((p) => p.id === deal.pipeline_id);
  const canWrite = can('deals:write');
  const requestMove = (to: Stage) => (to.kind === 'open' ? move.mutate({ to }) : setAsk(to));
  return (
    <Flex vertical gap={12}>
      <DetailHeader
        listPath="/deals"
        listTitle={m.nav.deals}
        title={deal.name}
        badges={
          <Tag color={STATUS_COLORS[deal.status] ?? 'default'}>
            {(m.enums.dealStatus as Record<string, string>)[deal.status] ?? deal.status}
          </Tag>
        }
        meta={
          <>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {formatMoney(deal.amount, deal.currency, locale)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {m.fields.deal.customer_id}
              {t.colon}
              <Link to={`/customers/${deal.customer_id}`}>{deal.customer_name ?? m.common.none}</Link>
            </Typography.Text>
            {deal.contact_id && (
              <Typography.Text type="secondary">
                {m.fields.deal.contact_id}
                {t.colon}
                <Link to={`/contacts/${deal.contact_id}`}>{deal.contact_name ?? m.common.none}</Link>
              </Typography.Text>
            )}
            <Typography.Text type="secondary">
              {t.header.owner}
              {t.colon}
              {deal.owner_id ? (names.get(deal.owner_id) ?? m.common.none) : m.common.none}
            </Typography.Text>
          </>
        }
        actions={
          <>
            <Link to="/deals/board">
              <Button size="large" icon={<AppstoreOutlined />}>
                {t.deal.openBoard}
              </Button>
            </Link>
            {can('records:transfer') && (
              <Button size="large" icon={<UserSwitchOutlined />} onClick={() => setTransferring(true)}>
                {t.header.transfer}
              </Button>
            )}
          </>
        }
      >
        <div style={{ marginTop: 12 }}>
          <RecordTags
            entity="deal"
            recordId={deal.id}
            tags={deal.tags ?? []}
            canEdit={canWrite}
            updateTags={updateTags}
          />
        </div>
      </DetailHeader>
      <Card title={`${t.deal.stages}${pipeline ? ` · ${pipeline.name}` : ''}`} size="small">
        <DealStageSteps deal={deal} stages={pipeline?.stages ?? []} canMove={canWrite} onMove={requestMove} />
      </Card>
      <Card title={t.deal.items} size="small">
        <DealItemsTable items={deal.items ?? []} currency={deal.currency} />
      </Card>
      <Card title={t.profile.title} size="small">
        <RecordFields fields={fields} record={deal} canEdit={canWrite} save={save} />
      </Card>
      <StageMoveModal
        ask={ask ? { deal, to: ask } : null}
        onCancel={() => setAsk(null)}
        onConfirm={(values) => {
          if (ask) move.mutate({ to: ask, ...values });
          setAsk(null);
        }}
      />
      <StageGateFillModal
        ask={gateAsk ? { deal, to: gateAsk.move.to, refusal: gateAsk.refusal } : null}
        onCancel={() => setGateAsk(null)}
        onSubmit={(fields) => {
          if (gateAsk) move.mutate({ ...gateAsk.move, fields: mergeFields(gateAsk.move.fields, fields) });
          setGateAsk(null);
        }}
      />
      <TransferModal
        open={transferring}
        onClose={() => setTransferring(false)}
        recordType="deal"
        ids={[deal.id]}
        currentOwnerId={deal.owner_id ?? null}
      />
    </Flex>
  );
}
