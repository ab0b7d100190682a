import { useState } from 'react';
import { Button } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import type { RecordBase } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useDetailText } from '../detail/useDetailText';
import { RecordList } from '../records/RecordList';
import type { EntityConfig } from '../records/entityConfig';
import { LeadConvertModal } from './LeadConvertModal';
import { LeadForm } from './LeadForm';
import { ImportButton } from '../imports/ImportButton';

export const LEAD_LIST: EntityConfig = {
  entity: 'lead',
  path: '/leads',
  title: (m) => m.nav.leads,
  noun: (m) => m.records.lead,
  createLabel: (m) => m.forms.newLead,
  read: 'leads:read',
  write: 'leads:write',
  remove: 'leads:delete',
  transferable: true,
  defaultColumns: [
    'name',
    'company_name',
    'status',
    'owner_id',
    'mobile',
    'source',
    'score',
    'tags',
    'created_at',
  ],
  defaultSort: '-created_at',
  CreateForm: LeadForm,
};

/** The lead list; each lead not yet converted can be converted from its row. */
export function LeadList() {
  const t = useDetailText();
  const { can } = useAuth();
  const [converting, setConverting] = useState<RecordBase | null>(null);
  const rowActions = can('leads:write')
    ? (lead: RecordBase) =>
        lead.status === 'converted' ? null : (
          <Button size="small" icon={<SwapOutlined />} onClick={() => setConverting(lead)}>
            {t.lead.convert}
          </Button>
        )
    : undefined;
  return (
    <>
      <RecordList config={LEAD_LIST} rowActions={rowActions} extra={<ImportButton entity="lead" />} />
      <LeadConvertModal lead={converting} onClose={() => setConverting(null)} />
    </>
  );
}
