import { RecordList } from '../records/RecordList';
import type { EntityConfig } from '../records/entityConfig';
import { DealForm } from './DealForm';
import { DealViewSwitch } from './DealViewSwitch';

export const DEAL_LIST: EntityConfig = {
  entity: 'deal',
  path: '/deals',
  title: (m) => m.nav.deals,
  noun: (m) => m.records.deal,
  createLabel: (m) => m.forms.newDeal,
  read: 'deals:read',
  write: 'deals:write',
  remove: 'deals:delete',
  transferable: true,
  defaultColumns: [
    'name',
    'customer_id',
    'amount',
    'stage_id',
    'status',
    'owner_id',
    'expected_close_date',
    'tags',
    'updated_at',
  ],
  defaultSort: '-updated_at',
  CreateForm: DealForm,
};

export function DealList() {
  return <RecordList config={DEAL_LIST} extra={<DealViewSwitch />} />;
}
