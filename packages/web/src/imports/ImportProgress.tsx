import { Link } from 'react-router';
import { App, Button, Col, Flex, Popconfirm, Progress, Result, Row, Spin, Statistic, Typography } from 'antd';
import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { format, useI18n } from '../i18n/I18nProvider';
import { refusalLine } from './importErrors';
import { reportUrl, useCancelImport, useImportJob } from './importApi';
import type { ImportJob } from './importTypes';
import { isFinished } from './importTypes';
import { ImportStatusTag } from './ImportStatusTag';
import { useImportText } from './useImportText';

const LIST_ROUTES = { customer: '/customers', lead: '/leads', contact: '/contacts' } as const;

function percentOf(job: ImportJob): number {
  if (job.status === 'completed') return 100;
  if (!job.total_rows) return 0;
  return Math.min(99, Math.floor((job.processed_rows / job.total_rows) * 100));
}

function Counts({ job }: { job: ImportJob }) {
  const t = useImportText();
  const counts = [
    { key: 'created', title: t.progress.created, value: job.created },
    { key: 'updated', title: t.progress.updated, value: job.updated },
    { key: 'skipped', title: t.progress.skipped, value: job.skipped },
    { key: 'failed', title: t.progress.failed, value: job.failed },
  ];
  return (
    <Row gutter={16} role="list" aria-label={t.history.result}>
      {counts.map((c) => (
        <Col key={c.key} xs={12} sm={6} role="listitem">
          <Statistic
            title={c.title}
            value={c.value}
            styles={c.key === 'failed' && c.value > 0 ? { content: { color: '#cf1322' } } : undefined}
          />
        </Col>
      ))}
    </Row>
  );
}

/** The end of an import: how it ended, the counts, the report and the way back to the list. */
function Finished({ job }: { job: ImportJob }) {
  const t = useImportText();
  const title =
    job.status === 'completed'
      ? t.progress.doneTitle
      : job.status === 'failed'
        ? t.progress.failedTitle
        : t.progress.cancelledTitle;
  const status = job.status === 'completed' ? 'success' : job.status === 'failed' ? 'error' : 'warning';
  return (
    <Result
      status={status}
      title={title}
      subTitle={job.error ?? t.progress.reportHelp}
      extra={[
        <Button key="report" type="primary" icon={<DownloadOutlined />} href={reportUrl(job.id)} download>
          {t.progress.report}
        </Button>,
        <Link key="list" to={LIST_ROUTES[job.entity]}>
          <Button>{format(t.progress.toList, { noun: t.entities[job.entity] })}</Button>
        </Link>,
      ]}
    >
      <Counts job={job} />
    </Result>
  );
}

/** An import as it runs (asked every second) and, once it has ended, its result and report. */
export function ImportProgress({ id, pollMs }: { id: string; pollMs?: number }) {
  const t = useImportText();
  const { m } = useI18n();
  const { message } = App.useApp();
  const { data: job, isPending, isError, refetch } = useImportJob(id, pollMs);
  const cancel = useCancelImport(id);
  if (isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (isError || !job)
    return (
      <Result
        status="error"
        title={t.progress.loadFailed}
        extra={<Button onClick={() => refetch()}>{m.common.retry}</Button>}
      />
    );
  const rows =
    job.total_rows !== null
      ? format(t.progress.rows, { done: job.processed_rows, total: job.total_rows })
      : format(t.progress.rowsNoTotal, { done: job.processed_rows });
  if (isFinished(job.status)) return <Finished job={job} />;
  return (
    <Flex vertical gap={16} style={{ padding: '24px 0' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{job.filename}</Typography.Text>
        <ImportStatusTag status={job.status} />
      </Flex>
      <Progress percent={percentOf(job)} status="active" />
      <Typography.Text type="secondary">{rows}</Typography.Text>
      <Counts job={job} />
      <Flex justify="flex-end">
        <Popconfirm
          title={t.progress.cancelConfirm}
          onConfirm={() =>
            cancel.mutateAsync().then(
              () => void message.info(t.progress.cancelled),
              (e: unknown) => void message.error(refusalLine(e, m)),
            )
          }
        >
          <Button danger icon={<StopOutlined />} loading={cancel.isPending}>
            {t.progress.cancel}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
