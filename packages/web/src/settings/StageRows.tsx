import { useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Select, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { STAGE_KINDS } from '@tideline/shared';
import { format, useI18n } from '../i18n/I18nProvider';
import { StageGateButton } from './StageGateButton';
import { useSettingsText } from './useSettingsText';

const NEW_STAGE_PROBABILITY = 20;

/**
 * The ordered stages of a pipeline inside its form (Form.List "stages"). Rows reorder by dragging the
 * handle, or with the arrow buttons for keyboards; errors the server puts on `stages[i].name` land on
 * their row, and list-wide refusals (a removed stage still holding deals) under the list.
 */
export function StageRows() {
  const { m } = useI18n();
  const t = useSettingsText();
  const p = t.pipelines;
  const form = Form.useFormInstance();
  const [armed, setArmed] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  return (
    <Form.List name="stages">
      {(fields, { add, remove, move }, { errors }) => (
        <Flex vertical gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.dragHint}
          </Typography.Text>
          {fields.map((field, index) => (
            <Flex
              key={field.key}
              gap={8}
              align="flex-start"
              draggable={armed === index}
              data-stage-row={index}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = 'move';
                setDragging(index);
              }}
              onDragOver={(e) => {
                if (dragging === null) return;
                e.preventDefault();
                setOver(index);
              }}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging !== null && dragging !== index) move(dragging, index);
                setDragging(null);
                setOver(null);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
                setArmed(null);
              }}
              style={{
                padding: 6,
                borderRadius: 6,
                background: over === index && dragging !== index ? '#e6f4ff' : '#fafafa',
                opacity: dragging === index ? 0.5 : 1,
              }}
            >
              <HolderOutlined
                aria-hidden
                style={{ cursor: 'grab', padding: '9px 2px' }}
                onMouseDown={() => setArmed(index)}
                onMouseUp={() => setArmed(null)}
              />
              <Form.Item
                name={[field.name, 'name']}
                style={{ flex: 1, marginBottom: 0 }}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: format(m.forms.requiredField, { field: p.stageName }),
                  },
                ]}
              >
                <Input placeholder={p.stageName} maxLength={200} aria-label={p.stageName} />
              </Form.Item>
              <Form.Item name={[field.name, 'kind']} style={{ width: 110, marginBottom: 0 }}>
                <Select
                  aria-label={p.kind}
                  options={STAGE_KINDS.map((k) => ({ value: k, label: p.kinds[k] }))}
                  // Won is certain and lost is not: suggest the probability that goes with the kind.
                  onChange={(kind: string) => {
                    if (kind !== 'open')
                      form.setFieldValue(['stages', field.name, 'probability'], kind === 'won' ? 100 : 0);
                  }}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'probability']} style={{ width: 90, marginBottom: 0 }}>
                <InputNumber min={0} max={100} precision={0} aria-label={p.probability} suffix="%" />
              </Form.Item>
              <Form.Item name={[field.name, 'gate']} noStyle>
                <StageGateButton index={field.name} />
              </Form.Item>
              <Tooltip title={p.moveUp}>
                <Button
                  icon={<ArrowUpOutlined />}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                />
              </Tooltip>
              <Tooltip title={p.moveDown}>
                <Button
                  icon={<ArrowDownOutlined />}
                  disabled={index === fields.length - 1}
                  onClick={() => move(index, index + 1)}
                />
              </Tooltip>
              <Tooltip title={p.removeStage}>
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= 2}
                  onClick={() => remove(index)}
                />
              </Tooltip>
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            // A new stage goes before the won/lost ones, where open stages belong.
            onClick={() => {
              const stages = (form.getFieldValue('stages') ?? []) as { kind?: string }[];
              const at = stages.findIndex((s) => s.kind !== 'open');
              add(
                { name: '', kind: 'open', probability: NEW_STAGE_PROBABILITY, gate: null },
                at === -1 ? stages.length : at,
              );
            }}
          >
            {p.addStage}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
