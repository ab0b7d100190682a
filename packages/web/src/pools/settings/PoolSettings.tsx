import { useState } from 'react';
import { App, Button, Flex, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useRefusalText } from '../../detail/refusal';
import { format, useI18n } from '../../i18n/I18nProvider';
import { deletePool, poolKeys, savePool, usePools } from '../poolApi';
import type { Pool } from '../poolTypes';
import { usePoolText } from '../usePoolText';
import { CapList } from './CapList';
import { PoolFormDrawer } from './PoolFormDrawer';

/** Settings → 公海设置: the pools with their rules, and the owner caps. */
export function PoolSettings() {
  const t = usePoolText().settings;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Tabs
        items={[
          { key: 'pools', label: t.pools, children: <PoolTable /> },
          { key: 'caps', label: t.caps, children: <CapList /> },
        ]}
      />
    </Flex>
  );
}

function PoolTable() {
  const t = usePoolText().settings;
  const { m, locale } = useI18n();
  const { message, modal } = App.useApp();
  const refusal = useRefusalText();
  const client = useQueryClient();
  const pools = usePools();
  const [editing, setEditing] = useState<Pool | 'new' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: poolKeys.all });
  const toggle = async (pool: Pool, enabled: boolean) => {
    try {
      await savePool(pool.id, { enabled });
      await refresh();
    } catch (e) {
      message.error(refusal(e));
    }
  };
  const remove = (pool: Pool) =>
    modal.confirm({
      title: format(t.deleteConfirm, { name: pool.name }),
      okButtonProps: { danger: true },
      okText: m.common.delete,
      onOk: async () => {
        try {
          await deletePool(pool.id);
          message.success(t.deleted);
          await refresh();
        } catch (e) {
          message.error(refusal(e));
        }
      },
    });
  const columns: TableColumnsType<Pool> = [
    { key: 'name', title: t.name, dataIndex: 'name' },
    {
      key: 'scope',
      title: t.scope,
      render: (_, p) => (
        <Space size={4}>
          <Tag>{t.scopes[p.scope]}</Tag>
          {p.scope === 'source' && p.source}
        </Space>
      ),
    },
    {
      key: 'members',
      title: t.memberUsers,
      render: (_, p) => p.members.map((x) => x.name ?? x.id).join(locale === 'zh-CN' ? '、' : ', '),
    },
    { key: 'count', title: t.customers, dataIndex: 'customer_count' },
    {
      key: 'rules',
      title: t.rules,
      render: (_, p) =>
        p.rules.length ? (
          <Flex vertical>
            {p.rules.map((r) => (
              <span key={r.id}>{locale === 'zh-CN' ? r.reason.zh : r.reason.en}</span>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      key: 'enabled',
      title: t.enabled,
      render: (_, p) => (
        <Switch
          checked={p.enabled}
          aria-label={`${t.enabled} ${p.name}`}
          onChange={(on) => void toggle(p, on)}
        />
      ),
    },
    {
      key: 'actions',
      title: '',
      render: (_, p) => (
        <Space>
          <Button size="small" onClick={() => setEditing(p)}>
            {t.edit}
          </Button>
          <Button size="small" danger onClick={() => remove(p)}>
            {m.common.delete}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        style={{ alignSelf: 'flex-end' }}
      >
        {t.newPool}
      </Button>
      <Table<Pool>
        rowKey="id"
        columns={columns}
        dataSource={pools.data?.items ?? []}
        loading={pools.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <PoolFormDrawer
        pool={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
