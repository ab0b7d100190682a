import { useState } from 'react';
import { Alert, Button, Card, Drawer, Empty, Flex, Form, Tag, Timeline, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { AutomationDefinition, AutomationEntity } from '@tideline/shared';
import { isApiError } from '../api/client';
import type { FieldError } from '../api/client';
import { useRefusalText } from '../settings/apiRefusal';
import { format } from '../i18n/I18nProvider';
import { dryRun } from './automationApi';
import type { DryRunResult, DryRunStep, ExplainedNode } from './automationTypes';
import { errorsAt, toBuilderErrors } from './errorPaths';
import { ExplainTree } from './ExplainTree';
import { JsonBlock } from './JsonBlock';
import { RecordPicker } from './RecordPicker';
import { useAutomationText } from './useAutomationText';

interface Props {
  open: boolean;
  onClose: () => void;
  definition: AutomationDefinition;
  entity: AutomationEntity | null;
  /** Problems the server finds in the draft go to the builder, next to the part they name. */
  onProblems: (errors: FieldError[]) => void;
}

const STATUS_COLORS = { would_run: 'green', would_wait: 'gold', error: 'red' } as const;

/** Test the unsaved rule on one record: the verdict of each condition and the steps it would take. */
export function DryRunDrawer({ open, onClose, definition, entity, onProblems }: Props) {
  const t = useAutomationText();
  const refusal = useRefusalText();
  const [recordId, setRecordId] = useState<string | undefined>();
  const run = useMutation({
    mutationFn: () => dryRun({ definition, ...(recordId ? { record_id: recordId } : {}) }),
    onSuccess: () => onProblems([]),
    onError: (e) => {
      if (isApiError(e)) onProblems(toBuilderErrors(e.errors).filter((x) => x.path !== 'record_id'));
    },
  });
  const recordError =
    run.error && isApiError(run.error) ? errorsAt(run.error.errors, 'record_id').map((e) => e.message) : [];
  const ruleProblems =
    run.error && isApiError(run.error) ? run.error.errors.filter((e) => e.path !== 'record_id').length : 0;
  return (
    <Drawer open={open} onClose={onClose} title={t.dryRun.title} size={560} destroyOnHidden={false}>
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t.dryRun.intro}
        </Typography.Paragraph>
        <Form layout="vertical" component="div">
          {entity ? (
            <Form.Item
              label={t.dryRun.record}
              validateStatus={recordError.length ? 'error' : undefined}
              help={recordError.join('；') || undefined}
            >
              <RecordPicker entity={entity} value={recordId} onChange={setRecordId} />
            </Form.Item>
          ) : (
            <Typography.Text type="secondary">{t.dryRun.noRecord}</Typography.Text>
          )}
        </Form>
        <div>
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={run.isPending}
            disabled={Boolean(entity) && !recordId}
            onClick={() => run.mutate()}
          >
            {t.dryRun.run}
          </Button>
        </div>
        {run.isError && recordError.length === 0 && (
          <Alert
            type="error"
            showIcon
            title={t.dryRun.error}
            description={ruleProblems ? format(t.dryRun.fixFirst, { n: ruleProblems }) : refusal(run.error)}
          />
        )}
        {run.data && <DryRunOutcome result={run.data} />}
      </Flex>
    </Drawer>
  );
}

function DryRunOutcome({ result }: { result: DryRunResult }) {
  const t = useAutomationText();
  const { passed, explain } = result.conditions;
  return (
    <Flex vertical gap={12} data-testid="dry-run-result">
      <Card
        size="small"
        title={t.dryRun.conditions}
        extra={<Tag color={passed ? 'green' : 'red'}>{passed ? t.dryRun.passed : t.dryRun.failed}</Tag>}
      >
        {explain ? (
          <ExplainTree node={explain} />
        ) : (
          <Typography.Text type="secondary">{t.dryRun.noConditions}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t.dryRun.steps}>
        {result.steps.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={passed ? t.steps.empty : t.dryRun.noSteps}
          />
        ) : (
          <Timeline
            items={result.steps.map((s) => ({
              key: `${s.path}:${s.step_id}`,
              color: STATUS_COLORS[s.status],
              content: <DryRunStepView step={s} />,
            }))}
          />
        )}
      </Card>
    </Flex>
  );
}

function DryRunStepView({ step }: { step: DryRunStep }) {
  const t = useAutomationText();
  const kind =
    step.kind in t.steps.kinds ? t.steps.kinds[step.kind as keyof typeof t.steps.kinds] : step.kind;
  const action =
    step.action && step.action in t.actionTypes
      ? t.actionTypes[step.action as keyof typeof t.actionTypes]
      : null;
  const branch =
    step.kind === 'branch'
      ? (step.output as { branch?: 'then' | 'else'; condition?: ExplainedNode } | undefined)
      : undefined;
  return (
    <Flex vertical gap={4} data-testid="dry-run-step">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{action ?? kind}</Typography.Text>
        <Typography.Text type="secondary" code>
          {step.step_id}
        </Typography.Text>
        <Tag color={STATUS_COLORS[step.status]}>{t.stepStatus[step.status]}</Tag>
      </Flex>
      {step.error && <Typography.Text type="danger">{step.error}</Typography.Text>}
      {branch?.branch ? (
        <>
          <Typography.Text>
            {format(t.dryRun.branchTaken, { arm: branch.branch === 'then' ? t.steps.then : t.steps.else })}
          </Typography.Text>
          {branch.condition && <ExplainTree node={branch.condition} />}
        </>
      ) : (
        step.output !== undefined && <JsonBlock value={step.output} />
      )}
    </Flex>
  );
}
