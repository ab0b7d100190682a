import { RecordList } from '../records/RecordList';
import type { EntityConfig } from '../records/entityConfig';
import { CustomerForm } from './CustomerForm';
import { ImportButton } from '../imports/ImportButton';

export const CUSTOMER_LIST: EntityConfig = {
  entity: 'customer',
  path: '/customers',
  title: (m) => m.nav.customers,
  noun: (m) => m.records.customer,
  createLabel: (m) => m.forms.newCustomer,
  read: 'customers:read',
  write: 'customers:write',
  remove: 'customers:delete',
  transferable: true,
  defaultColumns: [
    'name',
    'status',
    'owner_id',
    'industry',
    'region',
    'phone',
    'last_contact_at',
    'tags',
    'updated_at',
  ],
  defaultSort: '-updated_at',
  CreateForm: CustomerForm,
};

export function CustomerList() {
  return <RecordList config={CUSTOMER_LIST} extra={<ImportButton entity="customer" />} />;
}
