import { Button, Col, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ConditionLeaf, DurationUnit, FieldInfo, ValueExpr } from '@tideline/shared';
import { useI18n } from '../i18n/I18nProvider';
import { BuilderField } from './BuilderErrors';
import { useCatalogContext } from './catalogContext';
import { valueInputKind } from './conditionModel';
import { ConditionValueInput } from './ConditionValueInput';
import { FieldPicker } from './FieldPicker';
import { isWritable } from './fieldCatalog';
import { useAutomationText } from './useAutomationText';
import { DURATION_UNITS } from './automationLists';

type Values = Record<string, ValueExpr>;
type ConstValue = Extract<ValueExpr, { type: 'const' }>['value'];

const dateLike = (info: FieldInfo | undefined) => info?.type === 'date' || info?.type === 'instant';

/** The editor a constant of this field uses: lists for multi-valued fields, one value otherwise. */
const constKind = (info: FieldInfo) => valueInputKind(info, info.type === 'multi' ? 'in' : 'eq');

/** Rename a key of the values without moving it, so rows keep their order. */
function renameKey(values: Values, from: string, to: string, expr: ValueExpr): Values {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => (k === from ? [to, expr] : [k, v])));
}

/** set_fields: rows of field · how the value is made (fixed, now, relative to now, template) · value. */
export function SetFieldsEditor({
  values,
  path,
  onChange,
}: {
  values: Values;
  path: string;
  onChange: (values: Values) => void;
}) {
  const { m } = useI18n();
  const t = useAutomationText();
  const { catalog, label } = useCatalogContext();
  const rows = Object.entries(values);
  const free = Object.entries(catalog).find(([p, info]) => isWritable(info, p) && !(p in values))?.[0];
  return (
    <BuilderField label={t.actionTypes.set_fields} path={`${path}.values`} exact>
      <div data-testid="set-fields">
        {rows.length === 0 && <Typography.Text type="secondary">{t.action.setFieldsEmpty}</Typography.Text>}
        {rows.map(([field, expr]) => {
          const info = catalog[field];
          const types: ValueExpr['type'][] = dateLike(info)
            ? ['const', 'now', 'relative', 'template']
            : ['const', 'template'];
          const rowPath = `${path}.values.${field}`;
          return (
            <Row key={field} gutter={[8, 0]} align="top">
              <Col xs={24} md={8}>
                <BuilderField path={rowPath} exact>
                  <FieldPicker
                    ariaLabel={t.action.field}
                    filter={isWritable}
                    value={field}
                    onChange={(next) =>
                      next && next !== field && !(next in values)
                        ? onChange(renameKey(values, field, next, { type: 'const', value: null }))
                        : undefined
                    }
                  />
                </BuilderField>
              </Col>
              <Col xs={24} md={5}>
                <BuilderField path={`${rowPath}.type`}>
                  <Select<ValueExpr['type']>
                    aria-label={t.action.valueType}
                    value={expr.type}
                    options={types.map((v) => ({ value: v, label: t.action.valueTypes[v] }))}
                    onChange={(type) => onChange({ ...values, [field]: freshExpr(type) })}
                  />
                </BuilderField>
              </Col>
              <Col xs={20} md={10}>
                <BuilderField path={`${rowPath}.${expr.type === 'template' ? 'template' : 'value'}`}>
                  <ExprValue
                    field={field}
                    info={info}
                    expr={expr}
                    ariaLabel={`${label(field)} ${t.conditions.value}`}
                    onChange={(next) => onChange({ ...values, [field]: next })}
                  />
                </BuilderField>
              </Col>
              <Col xs={4} md={1}>
                <Button
                  type="text"
                  aria-label={m.common.delete}
                  icon={<DeleteOutlined />}
                  onClick={() => onChange(Object.fromEntries(rows.filter(([k]) => k !== field)))}
                />
              </Col>
            </Row>
          );
        })}
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={!free}
          onClick={() => free && onChange({ ...values, [free]: { type: 'const', value: null } })}
        >
          {t.action.addField}
        </Button>
      </div>
    </BuilderField>
  );
}

function freshExpr(type: ValueExpr['type']): ValueExpr {
  switch (type) {
    case 'const':
      return { type, value: null };
    case 'now':
      return { type };
    case 'relative':
      return { type, amount: 1, unit: 'days' };
    case 'template':
      return { type, template: '' };
  }
}

function ExprValue({
  field,
  info,
  expr,
  ariaLabel,
  onChange,
}: {
  field: string;
  info: FieldInfo | undefined;
  expr: ValueExpr;
  ariaLabel: string;
  onChange: (expr: ValueExpr) => void;
}) {
  const t = useAutomationText();
  switch (expr.type) {
    case 'now':
      return null;
    case 'relative':
      return (
        <Space.Compact>
          <InputNumber
            aria-label={ariaLabel}
            precision={0}
            value={expr.amount}
            onChange={(amount) => onChange({ ...expr, amount: amount ?? 0 })}
          />
          <Select<DurationUnit>
            value={expr.unit}
            style={{ width: 130 }}
            options={DURATION_UNITS.map((u) => ({ value: u, label: t.units[u] }))}
            onChange={(unit) => onChange({ ...expr, unit })}
          />
        </Space.Compact>
      );
    case 'template':
      return (
        <Input
          aria-label={ariaLabel}
          value={expr.template}
          placeholder="{{ record.name }}"
          onChange={(e) => onChange({ type: 'template', template: e.target.value })}
        />
      );
    case 'const':
      if (!info) return null;
      return (
        <ConditionValueInput
          path={field}
          info={info}
          kind={constKind(info)}
          ariaLabel={ariaLabel}
          value={(expr.value ?? undefined) as ConditionLeaf['value']}
          onChange={(v) => onChange({ type: 'const', value: (v ?? null) as ConstValue })}
        />
      );
  }
}
