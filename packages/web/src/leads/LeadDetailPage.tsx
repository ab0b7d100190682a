import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import { SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useCustomFields, useUserNames } from '../api/hooks';
import type { RecordBase } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { DetailHeader } from '../detail/DetailHeader';
import { detailFields } from '../detail/detailFields';
import { RecordFields } from '../detail/RecordFields';
import { RecordLoadState } from '../detail/RecordLoadState';
import { RecordTags } from '../detail/RecordTags';
import { useDetailText } from '../detail/useDetailText';
import { useRecordDetail } from '../detail/useRecordDetail';
import { format, useI18n } from '../i18n/I18nProvider';
import { TransferModal } from '../ownership/TransferModal';
import { formatInstant } from '../records/format';
import { LeadConvertModal } from './LeadConvertModal';

const IN_HEADER = ['name', 'status', 'owner_id', 'tags', 'converted_at'];

/** /leads/:id — the lead's fields edited in place, its tags, and the way to convert it. */
export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { m } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const names = useUserNames();
  const { query, save, updateTags } = useRecordDetail<RecordBase>('/leads', id);
  const { data: defs = [] } = useCustomFields('lead');
  const fields = useMemo(() => detailFields('lead', m, defs, { omit: IN_HEADER }), [m, defs]);
  const [converting, setConverting] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const lead = query.data;
  if (!lead) return <RecordLoadState query={query} listPath="/leads" listTitle={m.nav.leads} />;

  const status = String(lead.status ?? '');
  const converted = status === 'converted';
  const canWrite = can('leads:write') && !converted;
  const links: [string, unknown, string][] = [
    ['/customers', lead.converted_customer_id, t.lead.openCustomer],
    ['/contacts', lead.converted_contact_id, t.lead.openContact],
    ['/deals', lead.converted_deal_id, t.lead.openDeal],
  ];
  return (
    <Flex vertical gap={12}>
      <DetailHeader
        listPath="/leads"
        listTitle={m.nav.leads}
        title={lead.name}
        badges={
          <>
            <Tag color={converted ? 'purple' : 'blue'}>
              {(m.enums.leadStatus as Record<string, string>)[status] ?? status}
            </Tag>
            {typeof lead.grade === 'string' && lead.grade && <Tag>{lead.grade}</Tag>}
          </>
        }
        meta={
          <>
            {typeof lead.company_name === 'string' && lead.company_name && (
              <Typography.Text type="secondary">{lead.company_name}</Typography.Text>
            )}
            <Typography.Text type="secondary">
              {t.header.owner}
              {t.colon}
              {lead.owner_id ? (names.get(lead.owner_id) ?? m.common.none) : t.header.noOwner}
            </Typography.Text>
          </>
        }
        actions={
          <>
            {!converted && can('leads:write') && (
              <Button type="primary" size="large" icon={<SwapOutlined />} onClick={() => setConverting(true)}>
                {t.lead.convert}
              </Button>
            )}
            {!converted && can('records:transfer') && (
              <Button size="large" icon={<UserSwitchOutlined />} onClick={() => setTransferring(true)}>
                {t.header.transfer}
              </Button>
            )}
          </>
        }
      >
        <div style={{ marginTop: 12 }}>
          <RecordTags
            entity="lead"
            recordId={lead.id}
            tags={lead.tags ?? []}
            canEdit={can('leads:write')}
            updateTags={updateTags}
          />
        </div>
      </DetailHeader>
      {converted && (
        <Alert
          type="success"
          showIcon
          title={format(t.lead.convertedAt, {
            time: typeof lead.converted_at === 'string' ? formatInstant(lead.converted_at) : m.common.none,
          })}
          action={
            <Flex gap={8} wrap>
              {links.map(([path, target, label]) =>
                typeof target === 'string' ? (
                  <Link key={path} to={`${path}/${target}`}>
                    <Button size="small">{label}</Button>
                  </Link>
                ) : null,
              )}
            </Flex>
          }
        />
      )}
      <Card title={t.profile.title} size="small">
        <RecordFields fields={fields} record={lead} canEdit={canWrite} save={save} />
      </Card>
      <LeadConvertModal lead={converting ? lead : null} onClose={() => setConverting(false)} />
      <TransferModal
        open={transferring}
        onClose={() => setTransferring(false)}
        recordType="lead"
        ids={[lead.id]}
        currentOwnerId={lead.owner_id ?? null}
        onDone={() => void query.refetch()}
      />
    </Flex>
  );
}
