import { useState } from 'react';
import { Badge, Button, Form, Tooltip } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { StageGate } from '@tideline/shared';
import { useGateText } from '../deals/useGateText';
import { format } from '../i18n/I18nProvider';
import { gateSize } from './gateModel';
import { StageGateModal } from './StageGateModal';

interface Props {
  /** The stage's row in the pipeline form (its name titles the dialog). */
  index: number;
  /** Set by Form.Item: the stage's gate. */
  value?: StageGate | null;
  onChange?: (gate: StageGate | null) => void;
}

/** A stage row's gate: a button saying how many rules it holds, opening the gate editor. */
export function StageGateButton({ index, value, onChange }: Props) {
  const g = useGateText();
  const form = Form.useFormInstance();
  const stageName = (Form.useWatch(['stages', index, 'name'], form) as string | undefined) ?? '';
  const [open, setOpen] = useState(false);
  const size = gateSize(value);
  return (
    <>
      <Tooltip title={g.button}>
        <Badge count={size} size="small" color="blue">
          <Button
            icon={<SafetyCertificateOutlined />}
            aria-label={size ? format(g.buttonCount, { n: size }) : g.button}
            type={size ? 'primary' : 'default'}
            ghost={size > 0}
            onClick={() => setOpen(true)}
          />
        </Badge>
      </Tooltip>
      <StageGateModal
        open={open}
        stageName={stageName}
        value={value}
        onCancel={() => setOpen(false)}
        onOk={(gate) => {
          onChange?.(gate);
          setOpen(false);
        }}
      />
    </>
  );
}
