import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { MailOutlined, MobileOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { useCustomerName, useCustomFields } from '../api/hooks';
import type { RecordBase } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { DetailHeader } from '../detail/DetailHeader';
import { detailFields } from '../detail/detailFields';
import { RecordFields } from '../detail/RecordFields';
import { RecordLoadState } from '../detail/RecordLoadState';
import { RecordTags } from '../detail/RecordTags';
import { useDetailText } from '../detail/useDetailText';
import { useRecordDetail } from '../detail/useRecordDetail';
import { useI18n } from '../i18n/I18nProvider';

const IN_HEADER = ['name', 'customer_id', 'tags'];
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** /contacts/:id — a person at a customer: reach them in one tap, edit their fields in place. */
export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { m } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const { query, save, updateTags } = useRecordDetail<RecordBase>('/contacts', id);
  const contact = query.data;
  const customerId = str(contact?.customer_id);
  const { data: customerName } = useCustomerName(customerId);
  const { data: defs = [] } = useCustomFields('contact');
  const fields = useMemo(() => detailFields('contact', m, defs, { omit: IN_HEADER }), [m, defs]);
  if (!contact) return <RecordLoadState query={query} listPath="/contacts" listTitle={m.nav.contacts} />;

  const mobile = str(contact.mobile);
  const phone = str(contact.phone);
  const email = str(contact.email);
  return (
    <Flex vertical gap={12}>
      <DetailHeader
        listPath="/contacts"
        listTitle={m.nav.contacts}
        title={contact.name}
        badges={
          <>
            {str(contact.title) && <Tag>{str(contact.title)}</Tag>}
            {(contact.is_primary === true || contact.is_primary === 1) && (
              <Tag color="blue">{t.contacts.primary}</Tag>
            )}
          </>
        }
        meta={
          customerId && (
            <Typography.Text type="secondary">
              <TeamOutlined /> {t.contact.customer}
              {t.colon}
              <Link to={`/customers/${customerId}`}>{customerName ?? t.contact.openCustomer}</Link>
            </Typography.Text>
          )
        }
        actions={
          <>
            {mobile && (
              <a href={`tel:${mobile}`}>
                <Button type="primary" size="large" icon={<MobileOutlined />}>
                  {mobile}
                </Button>
              </a>
            )}
            {phone && (
              <a href={`tel:${phone}`}>
                <Button size="large" icon={<PhoneOutlined />}>
                  {phone}
                </Button>
              </a>
            )}
            {email && (
              <a href={`mailto:${email}`}>
                <Button size="large" icon={<MailOutlined />}>
                  {m.fields.email}
                </Button>
              </a>
            )}
          </>
        }
      >
        <div style={{ marginTop: 12 }}>
          <RecordTags
            entity="contact"
            recordId={contact.id}
            tags={contact.tags ?? []}
            canEdit={can('contacts:write')}
            updateTags={updateTags}
          />
        </div>
      </DetailHeader>
      <Card title={t.profile.title} size="small">
        <RecordFields fields={fields} record={contact} canEdit={can('contacts:write')} save={save} />
      </Card>
    </Flex>
  );
}
