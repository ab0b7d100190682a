import { Flex, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { format, useI18n } from '../i18n/I18nProvider';
import type { ExplainedNode } from './automationTypes';
import { useCatalogContext } from './catalogContext';
import { conditionOpLabel } from './ConditionLeafRow';
import { useAutomationText } from './useAutomationText';
import { useValueLabels } from './useValueLabels';

/** A value as the dry run shows it: lists joined, empty as "(空)". */
export function showValue(v: unknown, empty: string): string {
  if (v === null || v === undefined || v === '') return empty;
  if (Array.isArray(v)) return v.length ? v.map((x) => showValue(x, empty)).join('、') : empty;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function Mark({ ok }: { ok: boolean }) {
  return ok ? (
    <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="pass" />
  ) : (
    <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label="fail" />
  );
}

/** The dry run's verdict on every node of a condition tree: which leaf held, on what actual value. */
export function ExplainTree({ node }: { node: ExplainedNode }) {
  const { m } = useI18n();
  const t = useAutomationText();
  const { catalog, label, entity } = useCatalogContext();
  const valueLabel = useValueLabels(entity);
  if (node.kind === 'leaf') {
    const type = catalog[node.field]?.type;
    const named = (v: unknown): unknown =>
      typeof v === 'string' ? valueLabel(node.field, v) : Array.isArray(v) ? v.map(named) : v;
    const takesValue = node.op !== 'empty' && node.op !== 'not_empty';
    return (
      <Flex
        gap={6}
        align="baseline"
        wrap
        data-testid="explain-leaf"
        data-result={node.result ? 'pass' : 'fail'}
      >
        <Mark ok={node.result} />
        <Typography.Text strong>{label(node.field)}</Typography.Text>
        <Typography.Text>{conditionOpLabel(m, type, node.op)}</Typography.Text>
        {takesValue && <Typography.Text code>{showValue(named(node.value), t.dryRun.empty)}</Typography.Text>}
        <Typography.Text type={node.result ? 'secondary' : 'danger'}>
          {format(t.dryRun.actual, { value: showValue(named(node.actual), t.dryRun.empty) })}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <div data-testid="explain-group">
      <Flex gap={6} align="center">
        <Mark ok={node.result} />
        <Tag color={node.kind === 'all' ? 'blue' : 'orange'}>{t.conditions[node.kind]}</Tag>
      </Flex>
      <Flex vertical gap={4} style={{ paddingInlineStart: 20, marginTop: 4 }}>
        {node.children.map((child) => (
          <ExplainTree key={child.path} node={child} />
        ))}
      </Flex>
    </div>
  );
}
