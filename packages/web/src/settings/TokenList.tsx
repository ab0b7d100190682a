import { useState } from 'react';
import { Alert, App, Button, Card, Popconfirm, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../api/client';
import { useUserNames } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText } from './apiRefusal';
import type { ApiToken } from './settingsApi';
import { TokenCreateModal } from './TokenCreateModal';
import { useSettingsText } from './useSettingsText';

const when = (iso: string | null, none: string) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : none);

/** /settings/tokens: your API tokens (everyone's with tokens:manage); create and revoke. */
export function TokenList() {
  const { m } = useI18n();
  const t = useSettingsText();
  const k = t.tokens;
  const { can } = useAuth();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const names = useUserNames();
  const [creating, setCreating] = useState(false);
  const { data: tokens = [], isPending } = useQuery({
    queryKey: ['tokens'],
    queryFn: () => api<{ items: ApiToken[] }>('/tokens').then((r) => r.items),
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api<void>(`/tokens/${token.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(k.revokedDone);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const status = (tk: ApiToken) => {
    if (tk.revoked_at) return <Tag>{k.revoked}</Tag>;
    if (tk.expires_at && dayjs(tk.expires_at).isBefore(dayjs())) return <Tag color="orange">{k.expired}</Tag>;
    return <Tag color="green">{k.active}</Tag>;
  };
  const columns: TableColumnsType<ApiToken> = [
    { key: 'name', title: k.name, dataIndex: 'name' },
    { key: 'prefix', title: k.prefix, render: (_, tk) => <code>{`tl_${tk.prefix}_…`}</code> },
    ...(can('tokens:manage')
      ? [
          {
            key: 'owner',
            title: k.owner,
            render: (_: unknown, tk: ApiToken) => names.get(tk.user_id) ?? m.common.none,
          },
        ]
      : []),
    {
      key: 'scopes',
      title: k.scopes,
      render: (_, tk) => (
        <Tooltip title={tk.scopes.join(', ')}>
          <Tag>{tk.scopes.length}</Tag>
        </Tooltip>
      ),
    },
    { key: 'expires_at', title: k.expiresAt, render: (_, tk) => when(tk.expires_at, k.neverExpires) },
    { key: 'last_used_at', title: k.lastUsed, render: (_, tk) => when(tk.last_used_at, m.common.none) },
    { key: 'status', title: k.status, render: (_, tk) => status(tk) },
    {
      key: 'actions',
      title: m.common.actions,
      render: (_, tk) =>
        !tk.revoked_at && (
          <Popconfirm
            title={format(k.revokeConfirm, { name: tk.name })}
            okText={k.revoke}
            cancelText={m.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutate(tk)}
          >
            <Button size="small" type="link" danger>
              {k.revoke}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Card
      title={t.sections.tokens}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {k.new}
        </Button>
      }
    >
      {revoke.isError && (
        <Alert type="error" showIcon title={refusal(revoke.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens}
        loading={isPending}
        pagination={false}
        scroll={{ x: 760 }}
      />
      <TokenCreateModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
