import { Flex, Input, Select } from 'antd';
import type { ActionParams } from '@tideline/shared';
import { AssignOwnerForm } from './AssignOwnerForm';
import { BuilderField } from './BuilderErrors';
import { DurationInput } from './DurationInput';
import { NotifyForm } from './NotifyForm';
import { RecipientInput } from './RecipientInput';
import { SetFieldsEditor } from './SetFieldsEditor';
import { StagePicker } from './StagePicker';
import { TagNameSelect } from './TagNameSelect';
import { useAutomationText } from './useAutomationText';

interface Props {
  params: ActionParams;
  /** `steps[0].params`: each input shows the errors at its parameter's path. */
  path: string;
  onChange: (params: ActionParams) => void;
}

/** The form of one action, by its type. */
export function ActionForm({ params, path, onChange }: Props) {
  const t = useAutomationText();
  const text = (key: 'title' | 'subject' | 'url', label: string, value: string, set: (v: string) => void) => (
    <BuilderField label={label} path={`${path}.${key}`}>
      <Input aria-label={label} value={value} onChange={(e) => set(e.target.value)} />
    </BuilderField>
  );
  const area = (
    key: 'description' | 'body',
    label: string,
    value: string,
    set: (v: string) => void,
    help?: string,
  ) => (
    <BuilderField label={label} path={`${path}.${key}`} help={help ?? t.action.templateHelp}>
      <Input.TextArea
        aria-label={label}
        value={value}
        autoSize={{ minRows: 2, maxRows: 10 }}
        onChange={(e) => set(e.target.value)}
      />
    </BuilderField>
  );
  switch (params.action) {
    case 'set_fields':
      return (
        <SetFieldsEditor
          path={path}
          values={params.values}
          onChange={(values) => onChange({ ...params, values })}
        />
      );
    case 'add_tags':
    case 'remove_tags':
      return (
        <BuilderField label={t.action.tags} path={`${path}.tags`} help={t.action.tagsHelp}>
          <TagNameSelect value={params.tags} onChange={(tags) => onChange({ ...params, tags })} />
        </BuilderField>
      );
    case 'assign_owner':
      return <AssignOwnerForm params={params} path={path} onChange={onChange} />;
    case 'create_task':
      return (
        <>
          {text('title', t.action.taskTitle, params.title, (title) => onChange({ ...params, title }))}
          {area('description', t.action.taskDescription, params.description ?? '', (description) =>
            onChange({ ...params, description }),
          )}
          <Flex gap={12} wrap>
            <BuilderField label={t.action.assignee} path={`${path}.assignee`}>
              <RecipientInput
                ariaLabel={t.action.assignee}
                value={params.assignee}
                onChange={(assignee) => onChange({ ...params, assignee })}
              />
            </BuilderField>
            <BuilderField label={t.action.dueIn} path={`${path}.due_in`} help={t.action.dueInHelp}>
              <DurationInput
                optional
                ariaLabel={t.action.dueIn}
                value={params.due_in}
                onChange={(due_in) => {
                  const { due_in: _drop, ...rest } = params;
                  onChange(due_in ? { ...rest, due_in } : rest);
                }}
              />
            </BuilderField>
          </Flex>
        </>
      );
    case 'notify':
      return <NotifyForm params={params} path={path} onChange={onChange} />;
    case 'send_email':
      return (
        <>
          <BuilderField label={t.action.emailTo} path={`${path}.to`}>
            <Select
              value={params.to}
              style={{ maxWidth: 240 }}
              options={[{ value: 'record_contact', label: t.action.emailToContact }]}
            />
          </BuilderField>
          {text('subject', t.action.subject, params.subject, (subject) => onChange({ ...params, subject }))}
          {area('body', t.action.body, params.body, (body) => onChange({ ...params, body }))}
        </>
      );
    case 'move_stage':
      return (
        <BuilderField label={t.action.stage} path={`${path}.stage_id`}>
          <StagePicker
            ariaLabel={t.action.stage}
            value={params.stage_id || undefined}
            onChange={(stage_id) => onChange({ ...params, stage_id: stage_id ?? '' })}
          />
        </BuilderField>
      );
    case 'call_webhook':
      return (
        <>
          <Flex gap={12} wrap>
            <BuilderField label={t.action.method} path={`${path}.method`}>
              <Select
                aria-label={t.action.method}
                value={params.method}
                style={{ width: 110 }}
                options={(['POST', 'PUT', 'PATCH'] as const).map((v) => ({ value: v, label: v }))}
                onChange={(method: 'POST' | 'PUT' | 'PATCH') => onChange({ ...params, method })}
              />
            </BuilderField>
            <div style={{ flex: 1, minWidth: 260 }}>
              {text('url', t.action.url, params.url, (url) => onChange({ ...params, url }))}
            </div>
          </Flex>
          <BuilderField label={t.action.secret} path={`${path}.secret`} help={t.action.secretHelp}>
            <Input.Password
              aria-label={t.action.secret}
              value={params.secret ?? ''}
              autoComplete="new-password"
              onChange={(e) => {
                const { secret: _drop, ...rest } = params;
                onChange(e.target.value ? { ...rest, secret: e.target.value } : rest);
              }}
            />
          </BuilderField>
          {area(
            'body',
            t.action.webhookBody,
            params.body,
            (body) => onChange({ ...params, body }),
            t.action.webhookBodyHelp,
          )}
        </>
      );
  }
}
