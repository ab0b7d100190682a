import { Flex, Input, Radio, Select } from 'antd';
import type { ActionParams, RobotPlatform } from '@tideline/shared';
import { BuilderField } from './BuilderErrors';
import { RecipientsInput } from './RecipientInput';
import { useAutomationText } from './useAutomationText';
import { ROBOT_PLATFORMS } from './automationLists';

type Notify = Extract<ActionParams, { action: 'notify' }>;
type Channel = Notify['channel'];

const CHANNELS: readonly Channel[] = ['in_app', 'email', 'robot', 'webhook'];

/** Keep only what a channel uses: people for in-app and e-mail, an address for robots and webhooks. */
function switchChannel(p: Notify, channel: Channel): Notify {
  const { platform: _p, url: _u, secret: _s, ...rest } = p;
  if (channel === 'robot')
    return { ...rest, channel, recipients: [], platform: p.platform ?? 'wecom', url: p.url ?? '' };
  if (channel === 'webhook') return { ...rest, channel, recipients: [], url: p.url ?? '' };
  return { ...rest, channel, recipients: p.recipients.length ? p.recipients : [{ type: 'owner' }] };
}

/** notify: the channel, who or where it goes, and a title and body (Liquid templates). */
export function NotifyForm({
  params,
  path,
  onChange,
}: {
  params: Notify;
  path: string;
  onChange: (p: Notify) => void;
}) {
  const t = useAutomationText();
  const addressed = params.channel === 'robot' || params.channel === 'webhook';
  return (
    <>
      <BuilderField label={t.action.channel} path={`${path}.channel`}>
        <Radio.Group
          value={params.channel}
          optionType="button"
          onChange={(e) => onChange(switchChannel(params, e.target.value as Channel))}
          options={CHANNELS.map((c) => ({ value: c, label: t.action.channels[c] }))}
        />
      </BuilderField>
      {!addressed && (
        <BuilderField label={t.action.recipients} path={`${path}.recipients`}>
          <RecipientsInput
            value={params.recipients}
            onChange={(recipients) => onChange({ ...params, recipients })}
          />
        </BuilderField>
      )}
      {addressed && (
        <Flex gap={12} wrap>
          {params.channel === 'robot' && (
            <BuilderField label={t.action.platform} path={`${path}.platform`}>
              <Select<RobotPlatform>
                aria-label={t.action.platform}
                value={params.platform}
                style={{ width: 140 }}
                options={ROBOT_PLATFORMS.map((p) => ({ value: p, label: t.action.platforms[p] }))}
                onChange={(platform) => onChange({ ...params, platform })}
              />
            </BuilderField>
          )}
          <BuilderField
            label={params.channel === 'robot' ? t.action.robotUrl : t.action.url}
            path={`${path}.url`}
            style={{ flex: 1, minWidth: 260 }}
          >
            <Input
              aria-label={params.channel === 'robot' ? t.action.robotUrl : t.action.url}
              value={params.url ?? ''}
              placeholder="https://"
              onChange={(e) => onChange({ ...params, url: e.target.value })}
            />
          </BuilderField>
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
        </Flex>
      )}
      <BuilderField label={t.action.notifyTitle} path={`${path}.title`}>
        <Input
          aria-label={t.action.notifyTitle}
          value={params.title}
          maxLength={500}
          onChange={(e) => onChange({ ...params, title: e.target.value })}
        />
      </BuilderField>
      <BuilderField label={t.action.body} path={`${path}.body`} help={t.action.templateHelp}>
        <Input.TextArea
          aria-label={t.action.body}
          value={params.body}
          autoSize={{ minRows: 2, maxRows: 8 }}
          onChange={(e) => onChange({ ...params, body: e.target.value })}
        />
      </BuilderField>
    </>
  );
}
