import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Button, Divider, Flex, Modal, Select, Typography } from 'antd';
import type { StageGate } from '@tideline/shared';
import { useCustomFields, usePipelines } from '../api/hooks';
import { useGateText } from '../deals/useGateText';
import { format, useI18n } from '../i18n/I18nProvider';
import { GateConditionRows } from './GateConditionRows';
import { fromGateDraft, gateFields, toGateDraft } from './gateModel';
import type { GateDraft } from './gateModel';
import { OnEntryRows } from './OnEntryRows';

interface Props {
  open: boolean;
  stageName: string;
  value: StageGate | null | undefined;
  onCancel: () => void;
  /** The edited gate; null when it was emptied (the stage then has no gate). */
  onOk: (gate: StageGate | null) => void;
}

function Section({ title, help, children }: { title: string; help: string; children: ReactNode }) {
  return (
    <>
      <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px' }}>
        {title}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {help}
      </Typography.Paragraph>
      {children}
    </>
  );
}

/** Edit one stage's gate: required fields, an entry condition and the fields set on entry. */
export function StageGateModal({ open, stageName, value, onCancel, onOk }: Props) {
  const { m } = useI18n();
  const g = useGateText();
  const { data: defs = [] } = useCustomFields('deal');
  const { data: pipelines = [] } = usePipelines();
  const fields = useMemo(() => gateFields(m, defs, pipelines), [m, defs, pipelines]);
  const [draft, setDraft] = useState<GateDraft>(() => toGateDraft(value));
  // Start from the stage's gate each time the dialog opens.
  useEffect(() => {
    if (open) setDraft(toGateDraft(value));
  }, [open]);
  const set = (patch: Partial<GateDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <Modal
      open={open}
      width={760}
      title={format(g.title, { stage: stageName })}
      okText={m.common.confirm}
      cancelText={m.common.cancel}
      onOk={() => onOk(fromGateDraft(draft, fields.condition))}
      onCancel={onCancel}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex justify="space-between">
          <Button danger onClick={() => onOk(null)}>
            {g.clearGate}
          </Button>
          <Flex gap={8}>
            <CancelBtn />
            <OkBtn />
          </Flex>
        </Flex>
      )}
    >
      <Typography.Paragraph type="secondary">{g.intro}</Typography.Paragraph>
      <Section title={g.required} help={g.requiredHelp}>
        <Select
          mode="multiple"
          aria-label={g.required}
          style={{ width: '100%' }}
          value={draft.required}
          placeholder={m.common.selectPlaceholder}
          showSearch={{ optionFilterProp: 'label' }}
          options={fields.required.map((f) => ({ value: f.key, label: f.label }))}
          onChange={(required: string[]) => set({ required })}
        />
      </Section>
      <Section title={g.condition} help={g.conditionHelp}>
        {draft.fixedCondition ? (
          <Alert
            type="info"
            showIcon
            title={g.fixedCondition}
            action={
              <Button size="small" onClick={() => set({ fixedCondition: null })}>
                {g.clearCondition}
              </Button>
            }
          />
        ) : (
          <GateConditionRows
            fields={fields.condition}
            value={draft.conditions}
            onChange={(conditions) => set({ conditions })}
          />
        )}
      </Section>
      <Section title={g.onEntry} help={g.onEntryHelp}>
        <OnEntryRows fields={fields.onEntry} value={draft.onEntry} onChange={(onEntry) => set({ onEntry })} />
      </Section>
    </Modal>
  );
}
