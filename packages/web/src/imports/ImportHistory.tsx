import { Link, useNavigate } from 'react-router';
import { Button, Card, Dropdown, Empty, Flex, Result, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { useUserNames } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { formatInstant } from '../records/format';
import { refusalLine } from './importErrors';
import { importableEntities, wizardRoute } from './importAccess';
import { reportUrl, useImports } from './importApi';
import type { ImportJob } from './importTypes';
import { isFinished } from './importTypes';
import { ImportStatusTag } from './ImportStatusTag';
import { useImportText } from './useImportText';

/** /imports: recent imports, newest first, with their outcome and report. */
export function ImportHistory() {
  const t = useImportText();
  const { m } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const names = useUserNames();
  const { data, isPending, isError, error, refetch } = useImports();
  const entities = importableEntities(can);
  const columns: TableColumnsType<ImportJob> = [
    {
      key: 'file',
      title: t.history.file,
      render: (_, r) => <Link to={`/imports/${r.id}`}>{r.filename}</Link>,
    },
    { key: 'entity', title: t.history.entity, width: 90, render: (_, r) => t.entities[r.entity] },
    {
      key: 'status',
      title: t.history.status,
      width: 110,
      render: (_, r) => <ImportStatusTag status={r.status} />,
    },
    {
      key: 'result',
      title: t.history.result,
      render: (_, r) =>
        r.status === 'uploaded'
          ? m.common.none
          : format(t.history.resultValue, {
              created: r.created,
              updated: r.updated,
              skipped: r.skipped,
              failed: r.failed,
            }),
    },
    {
      key: 'by',
      title: t.history.createdBy,
      width: 120,
      render: (_, r) => (r.created_by ? (names.get(r.created_by) ?? m.common.none) : m.common.none),
    },
    { key: 'at', title: t.history.createdAt, width: 160, render: (_, r) => formatInstant(r.created_at) },
    {
      key: 'report',
      title: t.history.report,
      width: 120,
      render: (_, r) =>
        isFinished(r.status) ? (
          <Button type="link" size="small" icon={<DownloadOutlined />} href={reportUrl(r.id)} download>
            XLSX
          </Button>
        ) : null,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        {entities.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: entities.map((e) => ({ key: e, label: t.entities[e] })),
              onClick: ({ key }) => navigate(wizardRoute(key as (typeof entities)[number])),
            }}
          >
            <Button type="primary" icon={<ImportOutlined />}>
              {t.newImport}
            </Button>
          </Dropdown>
        )}
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        {isError && !data ? (
          <Result
            status="warning"
            title={t.history.errorTitle}
            subTitle={refusalLine(error, m)}
            extra={<Button onClick={() => refetch()}>{m.common.retry}</Button>}
          />
        ) : (
          <Table<ImportJob>
            rowKey="id"
            size="middle"
            loading={isPending}
            columns={columns}
            dataSource={data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: isPending ? (
                <div style={{ height: 120 }} />
              ) : (
                <Empty
                  style={{ padding: '32px 0' }}
                  description={
                    <>
                      <Typography.Title level={5} style={{ marginBottom: 4 }}>
                        {t.history.emptyTitle}
                      </Typography.Title>
                      <Typography.Text type="secondary">{t.history.emptyBody}</Typography.Text>
                    </>
                  }
                />
              ),
            }}
          />
        )}
      </Card>
    </Flex>
  );
}
