import { Button, Col, Row, Select } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { ConditionLeaf, FilterOp, ValueType } from '@tideline/shared';
import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/zh-CN';
import { BuilderField } from './BuilderErrors';
import { useCatalogContext } from './catalogContext';
import { changeField, changeOp, opsFor, valueInputKind } from './conditionModel';
import { ConditionValueInput } from './ConditionValueInput';
import { FieldPicker } from './FieldPicker';
import { useAutomationText } from './useAutomationText';

interface Props {
  leaf: ConditionLeaf;
  /** The leaf's path in the definition, e.g. `conditions.all[1]`; errors under it show here. */
  path: string;
  onChange: (leaf: ConditionLeaf) => void;
  onRemove: () => void;
}

/** Operator names; dates read "早于 / 晚于" rather than "小于 / 大于". */
export function conditionOpLabel(m: Messages, type: ValueType | undefined, op: FilterOp): string {
  if ((type === 'date' || type === 'instant') && op in m.dateOps)
    return m.dateOps[op as keyof Messages['dateOps']];
  return m.ops[op];
}

/** One condition: field · operator · value, each showing the server's errors for its part. */
export function ConditionLeafRow({ leaf, path, onChange, onRemove }: Props) {
  const { m } = useI18n();
  const t = useAutomationText();
  const { catalog, label } = useCatalogContext();
  const info = catalog[leaf.field];
  const kind = info ? valueInputKind(info, leaf.op) : 'text';
  const fieldName = label(leaf.field);
  return (
    <Row gutter={[8, 0]} align="top" wrap data-testid="condition-leaf">
      <Col xs={24} md={8}>
        <BuilderField path={`${path}.field`}>
          <FieldPicker
            ariaLabel={t.conditions.field}
            value={leaf.field || undefined}
            onChange={(field) => field && onChange(changeField(leaf, field, catalog))}
          />
        </BuilderField>
      </Col>
      <Col xs={24} md={6}>
        <BuilderField path={`${path}.op`}>
          <Select<FilterOp>
            aria-label={t.conditions.operator}
            style={{ width: '100%' }}
            value={leaf.op}
            options={(info ? opsFor(info) : [leaf.op]).map((op) => ({
              value: op,
              label: conditionOpLabel(m, info?.type, op),
            }))}
            onChange={(op) => onChange(changeOp(leaf, op, info))}
          />
        </BuilderField>
      </Col>
      <Col xs={20} md={9}>
        {kind !== 'none' && info && (
          <BuilderField path={`${path}.value`}>
            <ConditionValueInput
              path={leaf.field}
              info={info}
              kind={kind}
              value={leaf.value}
              ariaLabel={`${fieldName} ${t.conditions.value}`}
              onChange={(value) =>
                onChange(value === undefined ? { field: leaf.field, op: leaf.op } : { ...leaf, value })
              }
            />
          </BuilderField>
        )}
      </Col>
      <Col xs={4} md={1}>
        <Button
          type="text"
          aria-label={t.conditions.removeCondition}
          icon={<DeleteOutlined />}
          onClick={onRemove}
        />
      </Col>
    </Row>
  );
}
