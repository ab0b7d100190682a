import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button, Card, Flex, Form, Input, Segmented, Select } from 'antd';
import {
  EnvironmentOutlined,
  FileTextOutlined,
  MessageOutlined,
  PhoneOutlined,
  SendOutlined,
} from '@ant-design/icons';
import type { ActivityKind } from '@tideline/shared';
import { useDetailText } from '../detail/useDetailText';
import type { ContactBrief } from './customer360Api';
import type { FollowUpInput } from './followUp';
import { useLogFollowUp } from './useLogFollowUp';

/** The kinds a rep logs from the field; email arrives through the mail integration. */
const KINDS: { kind: ActivityKind; icon: React.ReactNode }[] = [
  { kind: 'call', icon: <PhoneOutlined /> },
  { kind: 'visit', icon: <EnvironmentOutlined /> },
  { kind: 'message', icon: <MessageOutlined /> },
  { kind: 'note', icon: <FileTextOutlined /> },
];

interface Props {
  customerId: string;
  contacts: ContactBrief[];
}

/**
 * Log a call, visit, message or note in a few taps. The box clears and the entry shows on the
 * timeline at once; a refusal takes the entry back and returns the text to the box.
 */
export function FollowUpBox({ customerId, contacts }: Props) {
  const t = useDetailText();
  const [kind, setKind] = useState<ActivityKind>('call');
  const [content, setContent] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const log = useLogFollowUp(customerId, (input) => {
    // Give the rep their words back rather than make them type it all again.
    setKind(input.kind);
    setContent((now) => (now.trim() ? now : input.content));
    setContactId(input.contact_id ?? null);
  });

  const submit = () => {
    const text = content.trim();
    if (!text) {
      setMissing(true);
      return;
    }
    const input: FollowUpInput = { kind, content: text, contact_id: contactId };
    setContent('');
    setMissing(false);
    log.mutate(input);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <Card title={t.followUp.title} size="small" styles={{ body: { paddingTop: 12 } }}>
      <Flex vertical gap={10}>
        <Segmented<ActivityKind>
          block
          size="large"
          aria-label={t.followUp.kind}
          value={kind}
          onChange={setKind}
          options={KINDS.map((k) => ({ value: k.kind, icon: k.icon, label: t.timeline.kinds[k.kind] }))}
        />
        <Form.Item
          style={{ margin: 0 }}
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t.followUp.contentRequired : undefined}
        >
          <Input.TextArea
            aria-label={t.followUp.title}
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
            onKeyDown={onKeyDown}
            placeholder={t.followUp.placeholder}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={20_000}
          />
        </Form.Item>
        <Flex gap={8} wrap>
          {contacts.length > 0 && (
            <Select
              size="large"
              aria-label={t.followUp.contact}
              style={{ flex: '1 1 180px', minWidth: 0 }}
              value={contactId ?? ''}
              onChange={(v: string) => setContactId(v || null)}
              options={[
                { value: '', label: t.followUp.noContact },
                ...contacts.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name })),
              ]}
            />
          )}
          <Button
            type="primary"
            size="large"
            icon={<SendOutlined />}
            onClick={submit}
            style={{ flex: '1 1 140px' }}
          >
            {t.followUp.submit}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
