import { Button, Checkbox, Divider, Popover } from 'antd';
import { TableOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import type { FieldDef } from './filterModel';

interface Props {
  fields: FieldDef[];
  value: string[];
  defaults: string[];
  onChange: (columns: string[]) => void;
}

/** Choose which columns the list shows; the first field (the name) always stays. */
export function ColumnChooser({ fields, value, defaults, onChange }: Props) {
  const { m } = useI18n();
  const [first, ...rest] = fields;
  const chosen = new Set(value);
  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    // Keep the order of the field list, so columns do not jump around.
    onChange(fields.map((f) => f.key).filter((k) => next.has(k) || k === first?.key));
  };
  const content = (
    <div style={{ maxHeight: 360, overflowY: 'auto', minWidth: 200 }}>
      {first && (
        <Checkbox checked disabled style={{ display: 'flex', marginBottom: 4 }}>
          {first.label}
        </Checkbox>
      )}
      {rest.map((f) => (
        <Checkbox
          key={f.key}
          checked={chosen.has(f.key)}
          onChange={(e) => toggle(f.key, e.target.checked)}
          style={{ display: 'flex', marginBottom: 4 }}
        >
          {f.label}
        </Checkbox>
      ))}
      <Divider style={{ margin: '8px 0' }} />
      <Button size="small" type="link" onClick={() => onChange(defaults)}>
        {m.list.resetColumns}
      </Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={m.list.columnsTitle} content={content}>
      <Button icon={<TableOutlined />}>{m.list.columns}</Button>
    </Popover>
  );
}
