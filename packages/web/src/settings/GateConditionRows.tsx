import { Button, Col, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilterOp } from '@tideline/shared';
import { useI18n } from '../i18n/I18nProvider';
import { FilterValueInput } from '../records/FilterValueInput';
import { opLabel } from '../records/RecordFilters';
import { OPS_BY_KIND, changeOp, newCondition, nextConditionId, valueShape } from '../records/filterModel';
import type { DraftCondition, FieldDef } from '../records/filterModel';
import { useGateText } from '../deals/useGateText';

interface Props {
  fields: FieldDef[];
  value: DraftCondition[];
  onChange: (next: DraftCondition[]) => void;
}

/**
 * The entry condition as rows of field · operator · value, all of which must hold: the list filter
 * builder's parts, since conditions take the same operators.
 */
export function GateConditionRows({ fields, value, onChange }: Props) {
  const { m } = useI18n();
  const g = useGateText();
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const update = (id: string, fn: (d: DraftCondition) => DraftCondition) =>
    onChange(value.map((d) => (d.id === id ? fn(d) : d)));
  return (
    <div role="group" aria-label={g.condition}>
      {value.length === 0 && <Typography.Text type="secondary">{g.noConditions}</Typography.Text>}
      {value.map((d) => {
        const field = byKey.get(d.field);
        if (!field) return null;
        return (
          <Row
            key={d.id}
            gutter={[8, 8]}
            align="middle"
            style={{ marginBottom: 8 }}
            data-testid="gate-condition"
          >
            <Col xs={24} sm={8}>
              <Select
                aria-label={m.list.field}
                style={{ width: '100%' }}
                value={d.field}
                showSearch={{ optionFilterProp: 'label' }}
                options={fields.map((f) => ({ value: f.key, label: f.label }))}
                onChange={(key: string) => {
                  const next = byKey.get(key);
                  if (next) update(d.id, () => newCondition(next, d.id));
                }}
              />
            </Col>
            <Col xs={24} sm={6}>
              <Select
                aria-label={m.list.operator}
                style={{ width: '100%' }}
                value={d.op}
                options={OPS_BY_KIND[field.kind].map((op) => ({
                  value: op,
                  label: opLabel(m, field.kind, op),
                }))}
                onChange={(op: FilterOp) => update(d.id, (c) => changeOp(c, field, op))}
              />
            </Col>
            <Col xs={20} sm={8}>
              <FilterValueInput
                field={field}
                shape={valueShape(field.kind, d.op)}
                value={d.value}
                onChange={(v) => update(d.id, (c) => ({ ...c, value: v }))}
              />
            </Col>
            <Col xs={4} sm={2}>
              <Button
                type="text"
                aria-label={g.remove}
                icon={<DeleteOutlined />}
                onClick={() => onChange(value.filter((x) => x.id !== d.id))}
              />
            </Col>
          </Row>
        );
      })}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ marginTop: 4 }}
          onClick={() => fields[0] && onChange([...value, newCondition(fields[0], nextConditionId())])}
        >
          {g.addCondition}
        </Button>
      </div>
    </div>
  );
}
