import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { DedupeEntity, DuplicateRule } from '@tideline/shared';
import { DUPLICATE_RULE_FIELDS } from '@tideline/shared';
import type { CustomFieldDef } from '../api/types';
import { format } from '../i18n/I18nProvider';
import type { DedupeMessages } from '../i18n/dedupe.zh-CN';
import type { RuleErrorAt } from './ruleErrors';

/** Company names are the only fields compared by similarity (docs/data-quality.md#rules). */
export const FUZZY_FIELDS: Record<DedupeEntity, string | null> = {
  customer: 'name',
  contact: null,
  lead: 'company_name',
};

interface Props {
  entity: DedupeEntity;
  index: number;
  rule: DuplicateRule;
  customDefs: CustomFieldDef[];
  errors: RuleErrorAt[];
  t: DedupeMessages;
  onChange: (rule: DuplicateRule) => void;
  onRemove: () => void;
}

/** One rule: field, exact or similar, block or warn, and a threshold for similar names. */
export function DuplicateRuleRow({ entity, index, rule, customDefs, errors, t, onChange, onRemove }: Props) {
  const r = t.rules;
  const errorOf = (part: string) => errors.find((e) => e.part === part)?.message;
  const status = (part: string) => (errorOf(part) ? 'error' : undefined);
  const fieldLabel = (f: string) => (t.fields as Record<string, string>)[f] ?? f;
  const fieldOptions = [
    ...DUPLICATE_RULE_FIELDS[entity].map((f) => ({ value: f, label: fieldLabel(f) })),
    ...customDefs.map((d) => ({ value: `custom.${d.key}`, label: format(r.custom, { label: d.label }) })),
  ];
  if (!fieldOptions.some((o) => o.value === rule.field))
    fieldOptions.push({ value: rule.field, label: rule.field });
  const canFuzzy = FUZZY_FIELDS[entity] === rule.field;
  const fuzzy = rule.match === 'fuzzy';
  const setField = (field: string) =>
    onChange({
      ...rule,
      field,
      ...(FUZZY_FIELDS[entity] === field ? {} : { match: 'exact', threshold: undefined }),
    });
  const setMatch = (match: DuplicateRule['match']) =>
    onChange({ ...rule, match, threshold: match === 'fuzzy' ? (rule.threshold ?? 0.85) : undefined });
  const messages = errors.map((e) => e.message);
  return (
    <div role="group" aria-label={`${r.title} ${index + 1}`} data-rule-index={index}>
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={r.field}
          value={rule.field}
          options={fieldOptions}
          status={status('field')}
          onChange={setField}
          style={{ width: 200 }}
        />
        <Select
          aria-label={r.match}
          value={rule.match}
          status={status('match')}
          options={[
            { value: 'exact', label: r.exact },
            { value: 'fuzzy', label: r.fuzzy, disabled: !canFuzzy },
          ]}
          onChange={setMatch}
          style={{ width: 130 }}
        />
        <Select
          aria-label={r.action}
          value={rule.action}
          status={status('action')}
          options={[
            { value: 'block', label: r.block },
            { value: 'warn', label: r.warn },
          ]}
          onChange={(action: DuplicateRule['action']) => onChange({ ...rule, action })}
          style={{ width: 110 }}
        />
        {fuzzy && (
          <InputNumber
            aria-label={r.threshold}
            value={rule.threshold ?? 0.85}
            min={0.5}
            max={1}
            step={0.05}
            status={status('threshold')}
            onChange={(v) => onChange({ ...rule, threshold: v ?? undefined })}
            style={{ width: 110 }}
          />
        )}
        <Button icon={<DeleteOutlined />} aria-label={r.remove} onClick={onRemove} type="text" />
      </Flex>
      {messages.length > 0 && (
        <Typography.Text type="danger" role="alert">
          {messages.join('；')}
        </Typography.Text>
      )}
    </div>
  );
}
