import { useEffect, useMemo, useState } from 'react';
import { Button, Col, Empty, Row, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilterCondition, FilterOp } from '@tideline/shared';
import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/zh-CN';
import { FilterValueInput } from './FilterValueInput';
import {
  OPS_BY_KIND,
  changeOp,
  isComplete,
  newCondition,
  nextConditionId,
  toDrafts,
  toFilter,
  valueShape,
} from './filterModel';
import type { DraftCondition, FieldDef } from './filterModel';

interface Props {
  fields: FieldDef[];
  /** The conditions the list runs now. */
  applied: FilterCondition[];
  onApply: (conditions: FilterCondition[]) => void;
}

/** How an operator reads for a kind of field: dates say before/after, tags say has any/all. */
export function opLabel(m: Messages, kind: FieldDef['kind'], op: FilterOp): string {
  if (kind === 'tags' && op in m.tagOps) return m.tagOps[op as keyof Messages['tagOps']];
  if ((kind === 'date' || kind === 'instant') && op in m.dateOps)
    return m.dateOps[op as keyof Messages['dateOps']];
  return m.ops[op];
}

const sameConditions = (a: FilterCondition[], b: FilterCondition[]) =>
  JSON.stringify(a) === JSON.stringify(b);
const keepComplete = (ds: DraftCondition[], byKey: Map<string, FieldDef>) => {
  const complete = ds.filter((d) => isComplete(d, byKey.get(d.field)));
  return complete.length === ds.length ? ds : complete;
};

/**
 * The filter builder: rows of field · operator · value over every filterable field (custom fields
 * included), applied together (AND). Operators and value editors follow each field's type.
 */
export function RecordFilters({ fields, applied, onApply }: Props) {
  const { m } = useI18n();
  const [drafts, setDrafts] = useState<DraftCondition[]>(() => toDrafts(applied));
  const filterable = useMemo(() => fields.filter((f) => f.filterable !== false), [fields]);
  const byKey = useMemo(() => new Map(filterable.map((f) => [f.key, f])), [filterable]);
  // Show what the list runs whenever that changes. When it is what these rows just applied, keep the
  // rows (dropping incomplete ones) rather than rebuild them: remounting every editor delays the new
  // page. Only `applied` triggers this; edits in progress survive other re-renders.
  useEffect(
    () =>
      setDrafts((ds) =>
        sameConditions(toFilter(ds, filterable), applied) ? keepComplete(ds, byKey) : toDrafts(applied),
      ),
    [applied],
  );
  const fieldOptions = filterable.map((f) => ({ value: f.key, label: f.label }));

  const update = (id: string, fn: (d: DraftCondition) => DraftCondition) =>
    setDrafts((ds) => ds.map((d) => (d.id === id ? fn(d) : d)));
  const add = () => {
    const first = filterable[0];
    if (first) setDrafts((ds) => [...ds, newCondition(first, nextConditionId())]);
  };

  return (
    <div role="region" aria-label={m.list.filters}>
      {drafts.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={m.list.noConditions}
          style={{ margin: '8px 0' }}
        />
      ) : (
        drafts.map((d) => {
          const field = byKey.get(d.field);
          if (!field) return null;
          const shape = valueShape(field.kind, d.op);
          return (
            <Row
              key={d.id}
              gutter={[8, 8]}
              align="middle"
              style={{ marginBottom: 8 }}
              data-testid="filter-row"
            >
              <Col xs={24} sm={7}>
                <Select
                  aria-label={m.list.field}
                  style={{ width: '100%' }}
                  value={d.field}
                  options={fieldOptions}
                  showSearch={{ optionFilterProp: 'label' }}
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
              <Col xs={20} sm={9}>
                <FilterValueInput
                  field={field}
                  shape={shape}
                  value={d.value}
                  onChange={(value) => update(d.id, (c) => ({ ...c, value }))}
                />
              </Col>
              <Col xs={4} sm={2}>
                <Button
                  type="text"
                  aria-label={m.list.removeCondition}
                  icon={<DeleteOutlined />}
                  onClick={() => setDrafts((ds) => ds.filter((x) => x.id !== d.id))}
                />
              </Col>
            </Row>
          );
        })
      )}
      <Space wrap style={{ marginTop: 4 }}>
        <Button icon={<PlusOutlined />} onClick={add}>
          {m.list.addCondition}
        </Button>
        <Button type="primary" onClick={() => onApply(toFilter(drafts, filterable))}>
          {m.common.apply}
        </Button>
        <Button
          onClick={() => {
            setDrafts([]);
            onApply([]);
          }}
        >
          {m.common.clear}
        </Button>
      </Space>
    </div>
  );
}
