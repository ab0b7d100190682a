import { App, Button, Flex, Input, Select, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { AutomationEntity, ClientEventType, Trigger, TriggerType } from '@tideline/shared';
import { BuilderField } from './BuilderErrors';
import { cronHint, defaultTrigger, TRIGGER_TYPES, triggerEntity } from './triggerModel';
import { RecordUpdatedFields, RelativeTimeFields, StageChangedFields } from './TriggerFields';
import { useAutomationText } from './useAutomationText';
import { AUTOMATION_ENTITIES, CLIENT_EVENT_TYPES } from './automationLists';

interface Props {
  trigger: Trigger;
  onChange: (trigger: Trigger) => void;
  /** The saved automation's inbound address (webhook triggers), once it exists. */
  webhookPath: string | null;
}

const EVENT_ENTITIES: readonly AutomationEntity[] = ['lead', 'customer', 'contact', 'deal'];

/** The trigger: its type, the record type it watches, and each type's own settings. */
export function TriggerEditor({ trigger, onChange, webhookPath }: Props) {
  const t = useAutomationText();
  const { message } = App.useApp();
  const entity = triggerEntity(trigger);
  const entityOptions = (list: readonly AutomationEntity[]) =>
    list.map((e) => ({ value: e, label: t.entities[e] }));
  const withEntity = (next: AutomationEntity | undefined): Trigger => {
    switch (trigger.type) {
      case 'record_created':
      case 'owner_changed':
        return { ...trigger, entity: next ?? trigger.entity };
      case 'record_updated':
        // Watched fields belong to the old record type.
        return {
          type: trigger.type,
          entity: next ?? trigger.entity,
          fields: [],
          debounce_seconds: trigger.debounce_seconds,
        };
      case 'relative_time':
        return { ...trigger, entity: next ?? trigger.entity, field: 'created_at' };
      case 'schedule':
      case 'client_event': {
        const { entity: _drop, ...rest } = trigger;
        return next ? ({ ...rest, entity: next } as Trigger) : (rest as Trigger);
      }
      default:
        return trigger;
    }
  };
  const optionalEntity = trigger.type === 'schedule' || trigger.type === 'client_event';
  const hasEntity = trigger.type !== 'stage_changed' && trigger.type !== 'webhook';
  const address = webhookPath ? `${window.location.origin}${webhookPath}` : null;
  return (
    <>
      <Flex gap={12} wrap>
        <BuilderField label={t.trigger.type} path="trigger.type" style={{ minWidth: 240 }}>
          <Select<TriggerType>
            aria-label={t.trigger.type}
            value={trigger.type}
            options={TRIGGER_TYPES.map((type) => ({ value: type, label: t.triggerTypes[type] }))}
            onChange={(type) => onChange(defaultTrigger(type, entity))}
          />
        </BuilderField>
        {hasEntity && (
          <BuilderField label={t.trigger.entity} path="trigger.entity" style={{ minWidth: 160 }}>
            <Select<AutomationEntity>
              aria-label={t.trigger.entity}
              value={entity ?? undefined}
              allowClear={optionalEntity}
              placeholder={t.trigger.entityAny}
              options={entityOptions(trigger.type === 'client_event' ? EVENT_ENTITIES : AUTOMATION_ENTITIES)}
              onChange={(e) => onChange(withEntity(e ?? undefined))}
            />
          </BuilderField>
        )}
      </Flex>
      {trigger.type === 'record_updated' && <RecordUpdatedFields trigger={trigger} onChange={onChange} />}
      {trigger.type === 'stage_changed' && <StageChangedFields trigger={trigger} onChange={onChange} />}
      {trigger.type === 'relative_time' && <RelativeTimeFields trigger={trigger} onChange={onChange} />}
      {trigger.type === 'schedule' && (
        <BuilderField
          label={t.trigger.cron}
          path="trigger.cron"
          help={
            <>
              {cronHint(trigger.cron, t) && (
                <Typography.Text strong>{cronHint(trigger.cron, t)} · </Typography.Text>
              )}
              {t.cron.help}
            </>
          }
        >
          <Input
            aria-label={t.trigger.cron}
            value={trigger.cron}
            style={{ maxWidth: 280, fontFamily: 'monospace' }}
            onChange={(e) => onChange({ ...trigger, cron: e.target.value })}
          />
        </BuilderField>
      )}
      {trigger.type === 'client_event' && (
        <Flex gap={12} wrap>
          <BuilderField label={t.trigger.event} path="trigger.event" style={{ minWidth: 200 }}>
            <Select<ClientEventType>
              aria-label={t.trigger.event}
              value={trigger.event}
              options={CLIENT_EVENT_TYPES.map((e) => ({ value: e, label: t.clientEvents[e] }))}
              onChange={(event) =>
                onChange({
                  ...trigger,
                  event,
                  keywords: event === 'message_received' ? trigger.keywords : [],
                })
              }
            />
          </BuilderField>
          {trigger.event === 'message_received' && (
            <BuilderField
              label={t.trigger.keywords}
              path="trigger.keywords"
              help={t.trigger.keywordsHelp}
              style={{ flex: 1, minWidth: 240 }}
            >
              <Select
                aria-label={t.trigger.keywords}
                mode="tags"
                open={false}
                value={trigger.keywords}
                tokenSeparators={[',', '，']}
                onChange={(keywords: string[]) => onChange({ ...trigger, keywords })}
              />
            </BuilderField>
          )}
        </Flex>
      )}
      {trigger.type === 'webhook' && (
        <BuilderField
          label={t.trigger.webhookAddress}
          path="trigger.url"
          help={address ? t.trigger.webhookHelp : undefined}
        >
          {address ? (
            <Flex gap={8}>
              <Input
                readOnly
                value={address}
                style={{ fontFamily: 'monospace' }}
                aria-label={t.trigger.webhookAddress}
              />
              <Button
                icon={<CopyOutlined />}
                onClick={() =>
                  void navigator.clipboard?.writeText(address).then(() => message.success(t.actions.copied))
                }
              >
                {t.actions.copy}
              </Button>
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t.trigger.webhookAfterSave}</Typography.Text>
          )}
        </BuilderField>
      )}
    </>
  );
}
