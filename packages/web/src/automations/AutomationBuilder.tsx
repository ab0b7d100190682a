import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Flex,
  Form,
  Result,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, HistoryOutlined, PlayCircleOutlined, SaveOutlined } from '@ant-design/icons';
import type { FieldCatalog } from '@tideline/shared';
import { usePipelines } from '../api/hooks';
import { isApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText } from '../settings/apiRefusal';
import { useAutomation, useCatalog } from './automationApi';
import type { AutomationDetail } from './automationTypes';
import { BuilderErrorsProvider, useErrorCount, useUnclaimedErrors } from './BuilderErrors';
import { BuilderMeta } from './BuilderMeta';
import { CatalogContext } from './catalogContext';
import { ConditionTree } from './ConditionTree';
import { DryRunDrawer } from './DryRunDrawer';
import { useFieldLabeler } from './fieldCatalog';
import { stageNamer } from './StagePicker';
import { StepList } from './StepList';
import { TriggerEditor } from './TriggerEditor';
import { triggerEntity, triggerSummary } from './triggerModel';
import { useAutomationText } from './useAutomationText';
import { useBuilderDraft } from './useBuilderDraft';

/** Without a record, conditions may read only the data of the event that started the run. */
const EVENT_ONLY: FieldCatalog = {
  'event.type': { type: 'text' },
  'event.text': { type: 'text' },
  'event.url': { type: 'text' },
};

const BASICS = ['name', 'notes', 'owner_id', 'enabled'] as const;

/** /automations/new and /automations/:id: load the rule (if any), then edit it. */
export function AutomationBuilder() {
  const { id } = useParams();
  const t = useAutomationText();
  const { m } = useI18n();
  const query = useAutomation(id ?? null);
  if (id && query.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (id && query.isError) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t.builder.notFound : t.builder.loadError}
        extra={
          <Flex gap={8} justify="center">
            {!missing && <Button onClick={() => void query.refetch()}>{m.common.retry}</Button>}
            <Link to="/automations">
              <Button type="primary">{t.actions.back}</Button>
            </Link>
          </Flex>
        }
      />
    );
  }
  return <BuilderForm key={id ?? 'new'} saved={query.data ?? null} />;
}

function BuilderForm({ saved }: { saved: AutomationDetail | null }) {
  const t = useAutomationText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me, can } = useAuth();
  const readOnly = !can('automations:manage');
  const [dryRunOpen, setDryRunOpen] = useState(false);
  const { draft, setDraft, dirty, errors, setErrors, save } = useBuilderDraft(
    saved,
    me?.user.id ?? null,
    (item, created) => {
      message.success(created ? t.builder.created : t.builder.saved);
      if (created) navigate(`/automations/${item.id}`, { replace: true });
    },
  );
  const { definition } = draft;
  const entity = triggerEntity(definition.trigger);
  const catalogQuery = useCatalog(entity);
  const catalog = useMemo(
    () => (entity ? (catalogQuery.data ?? {}) : EVENT_ONLY),
    [entity, catalogQuery.data],
  );
  const label = useFieldLabeler(entity, catalog);
  const catalogValue = useMemo(
    () => ({ entity, catalog, label, loading: catalogQuery.isFetching }),
    [entity, catalog, label, catalogQuery.isFetching],
  );
  const { data: pipelines } = usePipelines();
  const summary = triggerSummary(definition.trigger, {
    t,
    label: (_e, path) => label(path),
    stageName: stageNamer(pipelines),
  });
  return (
    <CatalogContext.Provider value={catalogValue}>
      <BuilderErrorsProvider errors={errors}>
        <Flex vertical gap={12}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Flex gap={8} align="center" wrap>
              <Link to="/automations">
                <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t.actions.back} />
              </Link>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {saved ? draft.meta.name || saved.name : t.builder.newTitle}
              </Typography.Title>
              {saved && (
                <Tooltip title={t.builder.versionHelp}>
                  <Tag>{format(t.builder.versionTag, { n: saved.version })}</Tag>
                </Tooltip>
              )}
              {dirty && <Tag color="orange">{t.builder.unsaved}</Tag>}
            </Flex>
            <Flex gap={8} wrap>
              {saved && (
                <Link to={`/automations/${saved.id}/runs`}>
                  <Button icon={<HistoryOutlined />}>{t.actions.runs}</Button>
                </Link>
              )}
              {!readOnly && (
                <Button icon={<PlayCircleOutlined />} onClick={() => setDryRunOpen(true)}>
                  {t.actions.dryRun}
                </Button>
              )}
              {!readOnly && (
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  loading={save.isPending}
                  onClick={() => save.mutate()}
                >
                  {t.actions.save}
                </Button>
              )}
            </Flex>
          </Flex>
          <Typography.Text type="secondary" data-testid="trigger-summary">
            {summary}
          </Typography.Text>
          {readOnly && <Alert type="info" showIcon title={t.readOnly} />}
          <SaveProblems error={save.error} count={errors.length} />
          <Form layout="vertical" component="div" disabled={readOnly}>
            <Flex vertical gap={12}>
              <Section title={t.builder.basics} path={BASICS}>
                <BuilderMeta value={draft.meta} onChange={(meta) => setDraft({ ...draft, meta })} />
              </Section>
              <Section title={t.trigger.title} path="trigger">
                <TriggerEditor
                  trigger={definition.trigger}
                  webhookPath={saved?.webhook_path ?? null}
                  onChange={(trigger) => setDraft({ ...draft, definition: { ...definition, trigger } })}
                />
              </Section>
              <Section title={t.conditions.title} path="conditions" intro={t.conditions.intro}>
                <ConditionTree
                  optional
                  path="conditions"
                  value={definition.conditions}
                  onChange={(conditions) => {
                    const { conditions: _drop, ...rest } = definition;
                    setDraft({ ...draft, definition: conditions ? { ...rest, conditions } : rest });
                  }}
                />
              </Section>
              <Section title={t.steps.title} path="steps" intro={t.steps.intro}>
                <StepList
                  path="steps"
                  steps={definition.steps}
                  onChange={(steps) => setDraft({ ...draft, definition: { ...definition, steps } })}
                />
              </Section>
            </Flex>
          </Form>
        </Flex>
        <DryRunDrawer
          open={dryRunOpen}
          onClose={() => setDryRunOpen(false)}
          definition={definition}
          entity={entity}
          onProblems={setErrors}
        />
      </BuilderErrorsProvider>
    </CatalogContext.Provider>
  );
}

function Section({
  title,
  path,
  intro,
  children,
}: {
  title: string;
  path: string | readonly string[];
  intro?: string;
  children: React.ReactNode;
}) {
  const count = useErrorCount(path);
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <span>{title}</span>
          {count > 0 && <Badge count={count} />}
          {intro && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {intro}
            </Typography.Text>
          )}
        </Flex>
      }
    >
      {children}
    </Card>
  );
}

/** Above the builder: how many problems the last save had, and any that no visible part shows. */
function SaveProblems({ error, count }: { error: unknown; count: number }) {
  const t = useAutomationText();
  const refusal = useRefusalText();
  const unclaimed = useUnclaimedErrors();
  if (!error) return null;
  if (!isApiError(error) || count === 0) return <Alert type="error" showIcon title={refusal(error)} />;
  return (
    <Alert
      type="error"
      showIcon
      title={format(t.builder.problems, { n: count })}
      description={
        unclaimed.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="unplaced-errors">
            {unclaimed.map((e, i) => (
              <li key={i}>
                <Typography.Text code>{e.path || 'definition'}</Typography.Text> {e.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
