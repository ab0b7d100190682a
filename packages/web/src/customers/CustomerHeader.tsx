import { useState } from 'react';
import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import {
  ClockCircleOutlined,
  PhoneOutlined,
  PlusOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useQueryClient } from '@tanstack/react-query';
import type { TagRef } from '../api/types';
import { useUserNames } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { RecordTags } from '../detail/RecordTags';
import { useDetailText } from '../detail/useDetailText';
import { format, useI18n } from '../i18n/I18nProvider';
import { TransferModal } from '../ownership/TransferModal';
import { TaskCreateModal } from '../tasks/TaskCreateModal';
import { customerKeys } from './customer360Api';
import './customers.css';
import type { Customer360 } from './customer360Api';

dayjs.extend(relativeTime);

const STATUS_COLORS: Record<string, string> = {
  potential: 'blue',
  active: 'green',
  inactive: 'default',
  lost: 'red',
};

/** Who the customer is, whose it is, when we last spoke; call, transfer, add a task; tags. */
export function CustomerHeader({ data }: { data: Customer360 }) {
  const { m } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const names = useUserNames();
  const queryClient = useQueryClient();
  const [transferring, setTransferring] = useState(false);
  const [tasking, setTasking] = useState(false);
  const { customer, counts } = data;
  const key = customerKeys.view(customer.id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: customerKeys.all(customer.id) });
  const updateTags = (change: (tags: TagRef[]) => TagRef[]) =>
    queryClient.setQueryData<Customer360>(key, (d) =>
      d ? { ...d, customer: { ...d.customer, tags: change(d.customer.tags) } } : d,
    );
  const status = (m.enums.customerStatus as Record<string, string>)[customer.status] ?? customer.status;
  const last = customer.last_contact_at;
  const stats: [keyof typeof t.counts, number][] = [
    ['contacts', counts.contacts],
    ['deals', counts.deals],
    ['won_deals', counts.won_deals],
    ['activities', counts.activities],
    ['open_tasks', counts.open_tasks],
  ];

  return (
    <Card styles={{ body: { padding: 16 } }}>
      <Flex justify="space-between" gap={12} wrap>
        <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {customer.name}
            </Typography.Title>
            <Tag color={STATUS_COLORS[customer.status] ?? 'default'}>{status}</Tag>
            {typeof customer.level === 'string' && customer.level && <Tag>{customer.level}</Tag>}
          </Flex>
          <Space wrap size={[16, 4]}>
            <Typography.Text type="secondary">
              <UserOutlined /> {t.header.owner}
              {t.colon}
              {customer.owner_id ? (names.get(customer.owner_id) ?? m.common.none) : t.header.noOwner}
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="last-contact">
              <ClockCircleOutlined /> {t.header.lastContact}
              {t.colon}
              {last ? (
                <span title={dayjs(last).format('YYYY-MM-DD HH:mm')}>
                  {format(t.dateAgo, {
                    date: dayjs(last).format('YYYY-MM-DD HH:mm'),
                    ago: dayjs(last).fromNow(),
                  })}
                </span>
              ) : (
                t.header.never
              )}
            </Typography.Text>
          </Space>
          <RecordTags
            entity="customer"
            recordId={customer.id}
            tags={customer.tags}
            canEdit={can('customers:write')}
            updateTags={updateTags}
          />
        </Flex>
        <Flex gap={8} wrap align="flex-start">
          {customer.phone && (
            <a href={`tel:${customer.phone}`}>
              <Button size="large" type="primary" icon={<PhoneOutlined />}>
                {t.header.call}
              </Button>
            </a>
          )}
          {can('tasks:write') && (
            <Button size="large" icon={<PlusOutlined />} onClick={() => setTasking(true)}>
              {t.header.newTask}
            </Button>
          )}
          {can('records:transfer') && (
            <Button size="large" icon={<UserSwitchOutlined />} onClick={() => setTransferring(true)}>
              {t.header.transfer}
            </Button>
          )}
        </Flex>
      </Flex>
      <div className="tl-stats">
        {stats.map(([k, n]) => (
          <div key={k} className="tl-stat">
            <div className="tl-stat-value">{n}</div>
            <div className="tl-stat-label">{t.counts[k]}</div>
          </div>
        ))}
      </div>
      <TransferModal
        open={transferring}
        onClose={() => setTransferring(false)}
        recordType="customer"
        ids={[customer.id]}
        currentOwnerId={customer.owner_id}
      />
      <TaskCreateModal
        open={tasking}
        onClose={() => setTasking(false)}
        defaults={{ related_type: 'customer', related_id: customer.id }}
        onCreated={() => void refresh()}
      />
    </Card>
  );
}
