import { Col, Input, Row, Switch } from 'antd';
import { UserSelect } from '../forms/UserSelect';
import { BuilderField } from './BuilderErrors';
import { useAutomationText } from './useAutomationText';

export interface MetaDraft {
  name: string;
  notes: string;
  owner_id: string | null;
  enabled: boolean;
}

/** Name, owner, on/off and notes of an automation. */
export function BuilderMeta({ value, onChange }: { value: MetaDraft; onChange: (value: MetaDraft) => void }) {
  const t = useAutomationText();
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <BuilderField label={t.builder.name} path="name">
          <Input
            aria-label={t.builder.name}
            value={value.name}
            maxLength={200}
            placeholder={t.builder.namePlaceholder}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
          />
        </BuilderField>
      </Col>
      <Col xs={16} md={8}>
        <BuilderField label={t.builder.owner} path="owner_id" help={t.builder.ownerHelp}>
          <UserSelect
            value={value.owner_id}
            allowClear={false}
            style={{ width: '100%' }}
            onChange={(v) => onChange({ ...value, owner_id: typeof v === 'string' ? v : null })}
          />
        </BuilderField>
      </Col>
      <Col xs={8} md={4}>
        <BuilderField label={t.builder.enabled} path="enabled">
          <Switch
            aria-label={t.builder.enabled}
            checked={value.enabled}
            onChange={(enabled) => onChange({ ...value, enabled })}
          />
        </BuilderField>
      </Col>
      <Col span={24}>
        <BuilderField label={t.builder.notes} path="notes" style={{ marginBottom: 0 }}>
          <Input.TextArea
            aria-label={t.builder.notes}
            value={value.notes}
            maxLength={5000}
            autoSize={{ minRows: 1, maxRows: 4 }}
            onChange={(e) => onChange({ ...value, notes: e.target.value })}
          />
        </BuilderField>
      </Col>
    </Row>
  );
}
