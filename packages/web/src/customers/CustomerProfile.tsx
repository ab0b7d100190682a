import { useMemo } from 'react';
import { Card } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useCustomFields } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { detailFields } from '../detail/detailFields';
import { RecordFields } from '../detail/RecordFields';
import { useDetailText } from '../detail/useDetailText';
import { useI18n } from '../i18n/I18nProvider';
import { customerKeys } from './customer360Api';
import type { Customer360, CustomerView } from './customer360Api';

/** Fields the header already shows (owner, last contact, tags) are left out here. */
const IN_HEADER = ['owner_id', 'last_contact_at', 'tags'];

/** The customer's built-in and custom fields, each edited in place; refusals show at the field. */
export function CustomerProfile({ customer }: { customer: CustomerView }) {
  const { m } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const { data: defs = [] } = useCustomFields('customer');
  const fields = useMemo(() => detailFields('customer', m, defs, { omit: IN_HEADER }), [m, defs]);
  const save = async (body: Record<string, unknown>) => {
    const updated = await api<CustomerView>(`/customers/${customer.id}`, { method: 'PATCH', body });
    queryClient.setQueryData<Customer360>(customerKeys.view(customer.id), (d) =>
      d ? { ...d, customer: { ...d.customer, ...updated, tags: updated.tags ?? d.customer.tags } } : d,
    );
    void queryClient.invalidateQueries({ queryKey: customerKeys.all(customer.id) });
    void queryClient.invalidateQueries({ queryKey: ['list', '/customers'] });
    return updated;
  };
  return (
    <Card title={t.profile.title} size="small">
      <RecordFields fields={fields} record={customer} canEdit={can('customers:write')} save={save} />
    </Card>
  );
}
