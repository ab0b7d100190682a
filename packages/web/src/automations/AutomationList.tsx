import { Link, useNavigate } from 'react-router';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { AppstoreOutlined, CalendarOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useUserNames } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { formatInstant } from '../records/format';
import { useRefusalText } from '../settings/apiRefusal';
import { useAutomations, useDeleteAutomation, useToggleEnabled } from './automationApi';
import type { AutomationItem } from './automationTypes';
import { RunStatusTag } from './RunStatusTag';
import { useAutomationText } from './useAutomationText';
import { useTriggerSummaries } from './useTriggerSummaries';

/** /automations: every rule with its trigger, on/off switch, last run and the last week's health. */
export function AutomationList() {
  const t = useAutomationText();
  const { m } = useI18n();
  const { can } = useAuth();
  const manage = can('automations:manage');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const query = useAutomations();
  const items = query.data ?? [];
  const userNames = useUserNames();
  const summary = useTriggerSummaries(items.map((a) => a.definition.trigger));
  const toggle = useToggleEnabled({
    onError: (error) => void message.error(format(t.list.toggleFailed, { reason: refusal(error) })),
  });
  const remove = useDeleteAutomation(() => message.success(t.list.deleted));
  const columns: TableColumnsType<AutomationItem> = [
    {
      key: 'name',
      title: t.list.name,
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Link to={`/automations/${a.id}`}>{a.name}</Link>
          {a.template_key && (
            <span>
              <Tag variant="filled">{t.list.fromTemplate}</Tag>
            </span>
          )}
        </Flex>
      ),
    },
    { key: 'trigger', title: t.list.trigger, render: (_, a) => summary(a.definition.trigger) },
    {
      key: 'enabled',
      title: t.list.enabled,
      width: 70,
      render: (_, a) => (
        <Switch
          size="small"
          aria-label={`${t.list.enabled} ${a.name}`}
          checked={a.enabled}
          disabled={!manage}
          onChange={(enabled) =>
            toggle.mutate(
              { item: a, enabled },
              {
                onSuccess: () =>
                  void message.success(
                    format(enabled ? t.list.enabledOn : t.list.enabledOff, { name: a.name }),
                  ),
              },
            )
          }
        />
      ),
    },
    { key: 'owner', title: t.list.owner, render: (_, a) => userNames.get(a.owner_id) ?? m.common.none },
    { key: 'version', title: t.list.version, width: 64, render: (_, a) => `v${a.version}` },
    {
      key: 'lastRun',
      title: t.list.lastRun,
      render: (_, a) =>
        a.last_run_at ? (
          <Flex vertical gap={2}>
            <span>{formatInstant(a.last_run_at)}</span>
            {a.last_run_status && <RunStatusTag status={a.last_run_status} />}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t.list.never}</Typography.Text>
        ),
    },
    {
      key: 'health',
      title: t.list.health,
      render: (_, a) => (
        <Flex gap={6} wrap>
          <span>{format(t.list.healthValue, { runs: a.health?.runs_7d ?? 0 })}</span>
          {(a.health?.failed_7d ?? 0) > 0 && (
            <Typography.Text type="danger">
              {format(t.list.healthFailed, { n: a.health!.failed_7d })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'notes',
      title: t.list.notes,
      width: 160,
      ellipsis: { showTitle: false },
      render: (_, a) =>
        a.notes ? (
          <Tooltip title={a.notes}>
            <span>{a.notes}</span>
          </Tooltip>
        ) : (
          m.common.none
        ),
    },
    {
      key: 'actions',
      title: m.common.actions,
      width: 200,
      fixed: 'right',
      render: (_, a) => (
        <Flex gap={0}>
          <Button size="small" type="link" onClick={() => navigate(`/automations/${a.id}`)}>
            {t.actions.edit}
          </Button>
          <Button size="small" type="link" onClick={() => navigate(`/automations/${a.id}/runs`)}>
            {t.actions.runs}
          </Button>
          {manage && (
            <Popconfirm
              title={format(t.list.deleteConfirm, { name: a.name })}
              okText={m.common.delete}
              cancelText={m.common.cancel}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(a.id).catch((e: unknown) => void message.error(refusal(e)))}
            >
              <Button size="small" type="link" danger>
                {t.actions.delete}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Link to="/automations/runs">
            <Button icon={<HistoryOutlined />}>{t.actions.allRuns}</Button>
          </Link>
          {manage && (
            <Link to="/settings/calendar">
              <Button icon={<CalendarOutlined />}>{t.actions.calendar}</Button>
            </Link>
          )}
          <Link to="/automations/templates">
            <Button icon={<AppstoreOutlined />}>{t.actions.templates}</Button>
          </Link>
          {manage && (
            <Link to="/automations/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t.actions.create}
              </Button>
            </Link>
          )}
        </Flex>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        {query.isError ? (
          <Result
            status="warning"
            title={t.list.errorTitle}
            subTitle={refusal(query.error)}
            extra={<Button onClick={() => void query.refetch()}>{m.common.retry}</Button>}
          />
        ) : (
          <Table<AutomationItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={query.isPending}
            pagination={items.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: 1200 }}
            locale={{
              emptyText: query.isPending ? (
                ' '
              ) : (
                <Empty
                  style={{ padding: '32px 0' }}
                  description={
                    <>
                      <Typography.Title level={5} style={{ marginBottom: 4 }}>
                        {t.list.emptyTitle}
                      </Typography.Title>
                      <Typography.Text type="secondary">{t.list.emptyBody}</Typography.Text>
                    </>
                  }
                >
                  <Flex gap={8} justify="center">
                    <Button onClick={() => navigate('/automations/templates')}>{t.actions.templates}</Button>
                    {manage && (
                      <Button type="primary" onClick={() => navigate('/automations/new')}>
                        {t.actions.create}
                      </Button>
                    )}
                  </Flex>
                </Empty>
              ),
            }}
          />
        )}
      </Card>
    </Flex>
  );
}
