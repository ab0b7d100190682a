import { RecordList } from '../records/RecordList';
import type { EntityConfig } from '../records/entityConfig';
import { ContactForm } from './ContactForm';
import { ImportButton } from '../imports/ImportButton';

export const CONTACT_LIST: EntityConfig = {
  entity: 'contact',
  path: '/contacts',
  title: (m) => m.nav.contacts,
  noun: (m) => m.records.contact,
  createLabel: (m) => m.forms.newContact,
  read: 'contacts:read',
  write: 'contacts:write',
  remove: 'contacts:delete',
  // A contact's visibility follows its customer; it has no owner of its own to transfer.
  transferable: false,
  defaultColumns: ['name', 'customer_id', 'title', 'mobile', 'email', 'is_primary', 'tags', 'updated_at'],
  defaultSort: '-updated_at',
  CreateForm: ContactForm,
};

export function ContactList() {
  return <RecordList config={CONTACT_LIST} extra={<ImportButton entity="contact" />} />;
}
