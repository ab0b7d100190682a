import { Link } from 'react-router';
import { Alert, Card, Collapse, Descriptions, Drawer, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { format } from '../i18n/I18nProvider';
import { formatInstant } from '../records/format';
import { recordRoute } from '../records/recordRoute';
import { useRefusalText } from '../settings/apiRefusal';
import { useRun } from './automationApi';
import type { RunStepRow } from './automationTypes';
import { JsonBlock } from './JsonBlock';
import { RunStatusTag } from './RunStatusTag';
import { useAutomationText } from './useAutomationText';

const STEP_COLORS: Record<string, string> = {
  completed: 'green',
  failed: 'red',
  skipped: 'default',
  waiting: 'gold',
  dry_run: 'blue',
};

/** One run with every step it took: status, input, output, error, attempts and time. */
export function RunDrawer({
  id,
  automationName,
  onClose,
}: {
  id: string | null;
  automationName: (id: string) => string | undefined;
  onClose: () => void;
}) {
  const t = useAutomationText();
  const refusal = useRefusalText();
  const { data: run, isPending, isError, error } = useRun(id);
  const route = run ? recordRoute(run.entity, run.record_id) : null;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={t.runs.detail} size={640}>
      {isPending && id && <Skeleton active />}
      {isError && <Alert type="error" showIcon title={refusal(error)} />}
      {run && (
        <Flex vertical gap={16} data-testid="run-detail">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t.runs.status}>
              <RunStatusTag status={run.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t.runs.version}>v{run.version}</Descriptions.Item>
            <Descriptions.Item label={t.runs.automation} span={2}>
              <Link to={`/automations/${run.automation_id}`}>
                {automationName(run.automation_id) ?? t.runs.deletedAutomation}
              </Link>
            </Descriptions.Item>
            <Descriptions.Item label={t.runs.record} span={2}>
              {run.entity && run.record_id ? (
                route ? (
                  <Link to={route}>{t.entities[run.entity as keyof typeof t.entities] ?? run.entity}</Link>
                ) : (
                  run.record_id
                )
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t.runs.time}>{formatInstant(run.created_at)}</Descriptions.Item>
            <Descriptions.Item label={t.runs.finished}>
              {run.finished_at ? formatInstant(run.finished_at) : '—'}
            </Descriptions.Item>
          </Descriptions>
          {run.error && <Alert type="error" showIcon title={t.runs.error} description={run.error} />}
          <Collapse
            size="small"
            items={[
              { key: 'trigger', label: t.runs.trigger, children: <JsonBlock value={run.trigger_data} /> },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t.runs.stepsTitle}
          </Typography.Title>
          {run.steps.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.runs.noSteps} />
          ) : (
            run.steps.map((step) => <RunStepCard key={step.seq} step={step} />)
          )}
        </Flex>
      )}
    </Drawer>
  );
}

function RunStepCard({ step }: { step: RunStepRow }) {
  const t = useAutomationText();
  const kind = t.steps.kinds[step.kind as keyof typeof t.steps.kinds] ?? step.kind;
  const action = step.action
    ? (t.actionTypes[step.action as keyof typeof t.actionTypes] ?? step.action)
    : null;
  const status = t.stepStatus[step.status as keyof typeof t.stepStatus] ?? step.status;
  return (
    <Card
      size="small"
      data-testid="run-step"
      title={
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">#{step.seq}</Typography.Text>
          <span>{action ?? kind}</span>
          <Typography.Text type="secondary" code style={{ fontWeight: 'normal' }}>
            {step.step_id}
          </Typography.Text>
        </Flex>
      }
      extra={<Tag color={STEP_COLORS[step.status] ?? 'default'}>{status}</Tag>}
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatInstant(step.started_at)} · {format(t.runs.duration, { ms: step.duration_ms })} ·{' '}
          {format(t.runs.attempts, { n: step.attempts })}
        </Typography.Text>
        {step.error && <Typography.Text type="danger">{step.error}</Typography.Text>}
        {step.input !== null && step.input !== undefined && (
          <div>
            <Typography.Text strong>{t.runs.input}</Typography.Text>
            <JsonBlock value={step.input} label={t.runs.input} />
          </div>
        )}
        {step.output !== null && step.output !== undefined && (
          <div>
            <Typography.Text strong>{t.runs.output}</Typography.Text>
            <JsonBlock value={step.output} label={t.runs.output} />
          </div>
        )}
      </Flex>
    </Card>
  );
}
