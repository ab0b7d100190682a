import { useState } from 'react';
import { App, Button, Card, Flex, Input, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { useUserNames } from '../api/hooks';
import { useDebounced } from '../forms/useDebounced';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText } from './apiRefusal';
import { useDepartments, useRoles } from './settingsApi';
import type { AdminUser } from './settingsApi';
import { UserFormModal } from './UserFormModal';
import { useSettingsText } from './useSettingsText';

const isLocked = (u: AdminUser) => Boolean(u.locked_until && dayjs(u.locked_until).isAfter(dayjs()));

/** /settings/users: everyone of the workspace, searchable; create, edit and unlock. */
export function UserList() {
  const { m } = useI18n();
  const t = useSettingsText();
  const u = t.users;
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [editing, setEditing] = useState<AdminUser | null | undefined>(undefined);
  const { data: roles = [] } = useRoles();
  const { data: departments = [] } = useDepartments();
  const names = useUserNames();
  const list = useInfiniteQuery({
    queryKey: ['settings-users', q],
    queryFn: ({ pageParam }) =>
      api<Page<AdminUser>>('/users', {
        query: { q: q || undefined, limit: 50, sort: 'name', cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const unlock = useMutation({
    mutationFn: (user: AdminUser) => api<AdminUser>(`/users/${user.id}/unlock`, { method: 'POST' }),
    onSuccess: (user) => {
      message.success(format(u.unlocked, { name: user.name }));
      void queryClient.invalidateQueries({ queryKey: ['settings-users'] });
    },
    onError: (e) => message.error(refusal(e)),
  });
  const roleName = new Map(roles.map((r) => [r.id, r.name]));
  const deptName = new Map(departments.map((d) => [d.id, d.name]));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: TableColumnsType<AdminUser> = [
    {
      key: 'name',
      title: u.name,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.email}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'role', title: u.role, render: (_, r) => roleName.get(r.role_id) ?? m.common.none },
    {
      key: 'department',
      title: u.department,
      render: (_, r) => (r.department_id ? (deptName.get(r.department_id) ?? m.common.none) : m.common.none),
    },
    {
      key: 'manager',
      title: u.manager,
      render: (_, r) => (r.manager_id ? (names.get(r.manager_id) ?? m.common.none) : m.common.none),
    },
    {
      key: 'status',
      title: u.status,
      render: (_, r) => (
        <Flex gap={4} wrap>
          <Tag color={r.status === 'active' ? 'green' : 'default'}>{u.statuses[r.status]}</Tag>
          {isLocked(r) && (
            <Tooltip title={format(u.lockedUntil, { time: dayjs(r.locked_until).format('MM-DD HH:mm') })}>
              <Tag color="red" icon={<LockOutlined />}>
                {u.locked}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'last_login_at',
      title: u.lastLogin,
      render: (_, r) => (r.last_login_at ? dayjs(r.last_login_at).format('YYYY-MM-DD HH:mm') : u.never),
    },
    {
      key: 'actions',
      title: m.common.actions,
      render: (_, r) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setEditing(r)}>
            {t.edit}
          </Button>
          {isLocked(r) && (
            <Button size="small" type="link" loading={unlock.isPending} onClick={() => unlock.mutate(r)}>
              {u.unlock}
            </Button>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={t.sections.users}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {u.new}
        </Button>
      }
    >
      <Input.Search
        allowClear
        placeholder={u.search}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      <Table<AdminUser>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 760 }}
      />
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {m.list.loadMore}
          </Button>
        </Flex>
      )}
      <UserFormModal
        open={editing !== undefined}
        user={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </Card>
  );
}
