import { useState } from 'react';
import { Link } from 'react-router';
import { Avatar, Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { ContactForm } from '../contacts/ContactForm';
import { useDetailText } from '../detail/useDetailText';
import { format } from '../i18n/I18nProvider';
import { customerKeys } from './customer360Api';
import type { ContactBrief } from './customer360Api';

/** The people at the customer, primary first, each a tap away from a call. */
export function CustomerContacts({ customerId, contacts }: { customerId: string; contacts: ContactBrief[] }) {
  const t = useDetailText();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const sorted = [...contacts].sort((a, b) => Number(b.is_primary) - Number(a.is_primary));
  return (
    <Card
      size="small"
      title={`${t.contacts.title} (${contacts.length})`}
      extra={
        can('contacts:write') && (
          <Button type="link" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t.contacts.add}
          </Button>
        )
      }
    >
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.contacts.empty} />
      ) : (
        sorted.map((c) => {
          const phone = c.mobile ?? c.phone;
          return (
            <Flex key={c.id} align="center" gap={8} className="tl-row-link">
              <Link to={`/contacts/${c.id}`} style={{ flex: 1, minWidth: 0, color: 'inherit' }}>
                <Flex align="center" gap={12}>
                  <Avatar style={{ background: '#e6f4ff', color: '#1677ff', flex: 'none' }}>
                    {c.name.slice(0, 1)}
                  </Avatar>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{c.name}</Typography.Text>
                    {Boolean(c.is_primary) && (
                      <Tag color="blue" style={{ marginInlineStart: 6 }}>
                        {t.contacts.primary}
                      </Tag>
                    )}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {[c.title, phone].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </div>
                  </div>
                </Flex>
              </Link>
              {phone && (
                <a href={`tel:${phone}`} aria-label={format(t.contacts.call, { name: c.name })}>
                  <Button shape="circle" size="large" icon={<PhoneOutlined />} />
                </a>
              )}
            </Flex>
          );
        })
      )}
      <ContactForm
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={() => void queryClient.invalidateQueries({ queryKey: customerKeys.all(customerId) })}
        customerId={customerId}
      />
    </Card>
  );
}
