import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Tabs, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { DEDUPE_ENTITIES, DUPLICATE_RULE_FIELDS } from '@tideline/shared';
import type { DedupeEntity, DuplicateRule } from '@tideline/shared';
import { isApiError } from '../api/client';
import { useCustomFields } from '../api/hooks';
import { useDuplicateRules, useSaveDuplicateRules } from './dedupeApi';
import { DuplicateRuleRow } from './DuplicateRuleRow';
import { ruleErrors } from './ruleErrors';
import type { RuleErrorAt } from './ruleErrors';
import { useDedupeText } from './useDedupeText';

type Draft = Record<DedupeEntity, DuplicateRule[]>;

/** What is sent: thresholds only on similar-name rules, as the server asks. */
const cleaned = (draft: Draft): Draft =>
  Object.fromEntries(
    DEDUPE_ENTITIES.map((e) => [
      e,
      draft[e].map(({ threshold, ...rule }) =>
        rule.match === 'fuzzy' && threshold !== undefined ? { ...rule, threshold } : rule,
      ),
    ]),
  ) as Draft;

function EntityRules({
  entity,
  rules,
  errors,
  onChange,
}: {
  entity: DedupeEntity;
  rules: DuplicateRule[];
  errors: RuleErrorAt[];
  onChange: (rules: DuplicateRule[]) => void;
}) {
  const t = useDedupeText();
  const { data: customDefs = [] } = useCustomFields(entity);
  const add = () =>
    onChange([...rules, { field: DUPLICATE_RULE_FIELDS[entity][0]!, match: 'exact', action: 'warn' }]);
  return (
    <Flex vertical gap={12}>
      {rules.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.rules.empty} />}
      {rules.map((rule, i) => (
        <DuplicateRuleRow
          key={i}
          entity={entity}
          index={i}
          rule={rule}
          customDefs={customDefs}
          errors={errors.filter((e) => e.index === i)}
          t={t}
          onChange={(next) => onChange(rules.map((r, j) => (j === i ? next : r)))}
          onRemove={() => onChange(rules.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <Button icon={<PlusOutlined />} onClick={add} disabled={rules.length >= 20}>
          {t.rules.add}
        </Button>
      </div>
    </Flex>
  );
}

/** Settings › 查重规则: per entity, which fields count as the same record and what happens then. */
export function DuplicateRulesPage() {
  const t = useDedupeText();
  const { message } = App.useApp();
  const { data, isPending, isError } = useDuplicateRules();
  const save = useSaveDuplicateRules();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<RuleErrorAt[]>([]);
  const [tab, setTab] = useState<DedupeEntity>('customer');
  useEffect(() => {
    if (data && !draft) setDraft(data);
  }, [data, draft]);
  if (isError) return <Alert type="error" title={t.rules.failed} />;
  if (isPending || !draft) return <Card loading />;

  const change = (entity: DedupeEntity, rules: DuplicateRule[]) => {
    setDraft({ ...draft, [entity]: rules });
    // Indexes may have shifted: the entity's old errors no longer point at the right rows.
    setErrors((all) => all.filter((e) => e.entity !== entity));
  };
  const submit = () =>
    save.mutate(cleaned(draft), {
      onSuccess: (saved) => {
        setDraft(saved);
        setErrors([]);
        void message.success(t.rules.saved);
      },
      onError: (e) => {
        const found = isApiError(e) ? ruleErrors(e.errors) : [];
        setErrors(found);
        if (found[0]) setTab(found[0].entity);
        void message.error(t.rules.failed);
      },
    });
  const hasErrors = (e: DedupeEntity) => errors.some((x) => x.entity === e);
  return (
    <Card
      title={t.rules.title}
      extra={
        <Link to="/duplicates">
          <SearchOutlined /> {t.rules.openFinder}
        </Link>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t.rules.intro}</Typography.Text>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as DedupeEntity)}
          items={DEDUPE_ENTITIES.map((entity) => ({
            key: entity,
            label: (
              <Typography.Text
                type={hasErrors(entity) ? 'danger' : undefined}
                style={{ textTransform: 'capitalize' }}
              >
                {t.entities[entity]}
              </Typography.Text>
            ),
            children: (
              <EntityRules
                entity={entity}
                rules={draft[entity]}
                errors={errors.filter((e) => e.entity === entity)}
                onChange={(rules) => change(entity, rules)}
              />
            ),
          }))}
        />
        <div>
          <Button type="primary" onClick={submit} loading={save.isPending}>
            {t.rules.save}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
