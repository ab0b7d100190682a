import { Button, Flex, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Recipient } from '@tideline/shared';
import { UserSelect } from '../forms/UserSelect';
import { useI18n } from '../i18n/I18nProvider';
import { useAutomationText } from './useAutomationText';

const TYPES: readonly Recipient['type'][] = ['owner', 'owner_manager', 'previous_owner', 'user'];

/** One person a step names: the record's owner, their manager, the previous owner, or a member. */
export function RecipientInput({
  value,
  onChange,
  ariaLabel,
}: {
  value: Recipient;
  onChange: (value: Recipient) => void;
  ariaLabel?: string;
}) {
  const t = useAutomationText();
  return (
    <Flex gap={8} wrap>
      <Select<Recipient['type']>
        aria-label={ariaLabel}
        value={value.type}
        style={{ width: 160 }}
        options={TYPES.map((type) => ({ value: type, label: t.action.recipientTypes[type] }))}
        onChange={(type) => onChange(type === 'user' ? { type, user_id: '' } : { type })}
      />
      {value.type === 'user' && (
        <UserSelect
          value={value.user_id || null}
          allowClear={false}
          style={{ width: 180 }}
          onChange={(id) => onChange({ type: 'user', user_id: typeof id === 'string' ? id : '' })}
        />
      )}
    </Flex>
  );
}

/** The people a notification goes to. */
export function RecipientsInput({
  value,
  onChange,
}: {
  value: Recipient[];
  onChange: (value: Recipient[]) => void;
}) {
  const t = useAutomationText();
  const { m } = useI18n();
  return (
    <Flex vertical gap={6}>
      {value.map((r, i) => (
        <Flex key={i} gap={4} align="center">
          <RecipientInput
            ariaLabel={t.action.recipients}
            value={r}
            onChange={(next) => onChange(value.map((x, j) => (j === i ? next : x)))}
          />
          <Button
            type="text"
            aria-label={m.common.delete}
            icon={<DeleteOutlined />}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <div>
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { type: 'owner' }])}>
          {t.action.recipients}
        </Button>
      </div>
    </Flex>
  );
}
