import { Button, Col, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useGateText } from '../deals/useGateText';
import { FilterValueInput } from '../records/FilterValueInput';
import { nextConditionId, valueShape } from '../records/filterModel';
import type { FieldDef } from '../records/filterModel';
import { ENTRY_UNITS, entryModes } from './gateModel';
import type { EntryMode, EntryUnit, OnEntryRow } from './gateModel';

interface Props {
  fields: FieldDef[];
  value: OnEntryRow[];
  onChange: (next: OnEntryRow[]) => void;
}

/** A fresh row for a field: dates and times start at "now", other fields at a constant. */
const rowFor = (field: FieldDef, id: string): OnEntryRow => ({
  id,
  field: field.key,
  mode: entryModes(field)[0]!,
});

/** The fields set as a deal enters the stage: field · how (now, relative, constant) · value. */
export function OnEntryRows({ fields, value, onChange }: Props) {
  const g = useGateText();
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const used = new Set(value.map((r) => r.field));
  const update = (id: string, patch: Partial<OnEntryRow>) =>
    onChange(value.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const free = fields.find((f) => !used.has(f.key));
  return (
    <div role="group" aria-label={g.onEntry}>
      {value.length === 0 && <Typography.Text type="secondary">{g.noOnEntry}</Typography.Text>}
      {value.map((row) => {
        const field = byKey.get(row.field);
        if (!field) return null;
        // A constant for a multi-select is a list of options; otherwise the filter's "equals" editor.
        const shape = field.kind === 'multi' ? 'options' : valueShape(field.kind, 'eq');
        return (
          <Row
            key={row.id}
            gutter={[8, 8]}
            align="middle"
            style={{ marginBottom: 8 }}
            data-testid="gate-on-entry"
          >
            <Col xs={24} sm={8}>
              <Select
                aria-label={g.field}
                style={{ width: '100%' }}
                value={row.field}
                options={fields.map((f) => ({
                  value: f.key,
                  label: f.label,
                  disabled: f.key !== row.field && used.has(f.key),
                }))}
                onChange={(key: string) => {
                  const next = byKey.get(key);
                  if (next) onChange(value.map((r) => (r.id === row.id ? rowFor(next, row.id) : r)));
                }}
              />
            </Col>
            <Col xs={24} sm={6}>
              <Select
                aria-label={g.mode}
                style={{ width: '100%' }}
                value={row.mode}
                options={entryModes(field).map((mode) => ({ value: mode, label: g.modes[mode] }))}
                onChange={(mode: EntryMode) => update(row.id, { mode, value: undefined })}
              />
            </Col>
            <Col xs={20} sm={8}>
              {row.mode === 'relative' && (
                <Space.Compact style={{ width: '100%' }}>
                  <InputNumber
                    aria-label={g.amount}
                    style={{ width: '100%' }}
                    precision={0}
                    value={row.amount ?? null}
                    onChange={(v) => update(row.id, { amount: v ?? undefined })}
                  />
                  <Select
                    aria-label={g.mode}
                    style={{ width: 100 }}
                    value={row.unit ?? 'days'}
                    options={ENTRY_UNITS.map((u) => ({ value: u, label: g.units[u] }))}
                    onChange={(unit: EntryUnit) => update(row.id, { unit })}
                  />
                </Space.Compact>
              )}
              {row.mode === 'const' && (
                <FilterValueInput
                  field={field}
                  shape={shape}
                  value={row.value}
                  onChange={(v) => update(row.id, { value: v })}
                />
              )}
            </Col>
            <Col xs={4} sm={2}>
              <Button
                type="text"
                aria-label={g.remove}
                icon={<DeleteOutlined />}
                onClick={() => onChange(value.filter((r) => r.id !== row.id))}
              />
            </Col>
          </Row>
        );
      })}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={!free}
          style={{ marginTop: 4 }}
          onClick={() => free && onChange([...value, rowFor(free, nextConditionId())])}
        >
          {g.addOnEntry}
        </Button>
      </div>
    </div>
  );
}
