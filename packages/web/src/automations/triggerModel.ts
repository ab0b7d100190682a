import type { AutomationEntity, Trigger, TriggerType } from '@tideline/shared';
import { format } from '../i18n/I18nProvider';
import type { AutomationMessages } from '../i18n/automations.zh-CN';

/**
 * Triggers as the builder starts them, the record type each one runs on (as the engine's
 * triggerEntity decides), and a sentence that says what starts the rule ("客户 最近跟进 之后 30 天").
 */

export const TRIGGER_TYPES: readonly TriggerType[] = [
  'record_created',
  'record_updated',
  'stage_changed',
  'owner_changed',
  'relative_time',
  'schedule',
  'client_event',
  'webhook',
];

/** The record a trigger's runs are about; null when its runs have none (webhooks, plain schedules). */
export function triggerEntity(trigger: Trigger): AutomationEntity | null {
  switch (trigger.type) {
    case 'stage_changed':
      return 'deal';
    case 'webhook':
      return null;
    case 'schedule':
    case 'client_event':
      return trigger.entity ?? null;
    default:
      return trigger.entity;
  }
}

/** A fresh trigger of a type, keeping the record type chosen before when the new type has one. */
export function defaultTrigger(type: TriggerType, entity: AutomationEntity | null): Trigger {
  const e = entity ?? 'customer';
  switch (type) {
    case 'record_created':
    case 'owner_changed':
      return { type, entity: e };
    case 'record_updated':
      return { type, entity: e, fields: [], debounce_seconds: 0 };
    case 'stage_changed':
      return { type, from_stage_ids: [], to_stage_ids: [] };
    case 'relative_time':
      return {
        type,
        entity: e,
        field: 'last_contact_at',
        direction: 'after',
        offset: { amount: 30, unit: 'days' },
      };
    case 'schedule':
      return { type, cron: '0 9 * * 1-5' };
    case 'webhook':
      return { type };
    case 'client_event':
      return {
        type,
        event: 'email_opened',
        keywords: [],
        ...(entity && entity !== 'task' && entity !== 'activity' ? { entity } : {}),
      };
  }
}

const pad = (n: string) => n.padStart(2, '0');
const NUM = /^\d+$/;

/** A person's reading of the common five-field cron shapes; null for anything else. */
export function cronHint(cron: string, t: AutomationMessages): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = parts as [string, string, string, string, string];
  const every = /^\*\/(\d+)$/.exec(minute);
  if (every && hour === '*' && dom === '*' && month === '*' && dow === '*')
    return format(t.cron.everyMinutes, { n: every[1]! });
  if (NUM.test(minute) && hour === '*' && dom === '*' && month === '*' && dow === '*')
    return format(t.cron.everyHour, { minute: Number(minute) });
  if (!NUM.test(minute) || !NUM.test(hour) || Number(hour) > 23 || Number(minute) > 59) return null;
  const time = `${pad(hour)}:${pad(minute)}`;
  if (month !== '*') return null;
  if (dom === '*' && dow === '*') return format(t.cron.daily, { time });
  if (dom === '*' && dow === '1-5') return format(t.cron.weekdays, { time });
  if (dom === '*' && NUM.test(dow) && Number(dow) <= 7)
    return format(t.cron.weekly, { day: t.cron.days[Number(dow)]!, time });
  if (NUM.test(dom) && dow === '*') return format(t.cron.monthly, { day: Number(dom), time });
  return null;
}

export interface SummaryContext {
  t: AutomationMessages;
  /** A field's name on a record type. */
  label: (entity: AutomationEntity, path: string) => string;
  /** A stage's name by id (the id itself when unknown). */
  stageName: (id: string) => string;
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** One line saying what starts the rule, for the list and the builder's header. */
export function triggerSummary(trigger: Trigger, ctx: SummaryContext): string {
  const { t } = ctx;
  const s = t.summary;
  const join = (xs: string[], sep = s.listSep) => xs.join(sep);
  switch (trigger.type) {
    case 'record_created':
    case 'owner_changed':
      return format(s[trigger.type], { entity: t.entities[trigger.entity] });
    case 'record_updated': {
      const entity = t.entities[trigger.entity];
      if (!trigger.fields.length) return format(s.record_updated_any, { entity });
      const fields = join(trigger.fields.map((f) => ctx.label(trigger.entity, f)));
      const change = [
        trigger.from !== undefined && trigger.from !== null
          ? format(s.from, { value: show(trigger.from) })
          : '',
        trigger.to !== undefined && trigger.to !== null ? format(s.to, { value: show(trigger.to) }) : '',
      ].filter(Boolean);
      const base = format(s.record_updated, { entity, fields });
      return change.length ? `${base}${format(s.change, { change: change.join(' ') })}` : base;
    }
    case 'stage_changed': {
      const parts = [s.stage_changed];
      if (trigger.from_stage_ids.length)
        parts.push(format(s.stage_from, { stages: join(trigger.from_stage_ids.map(ctx.stageName), s.or) }));
      if (trigger.to_stage_ids.length)
        parts.push(format(s.stage_to, { stages: join(trigger.to_stage_ids.map(ctx.stageName), s.or) }));
      return parts.join(' ');
    }
    case 'relative_time':
      return format(s.relative_time, {
        entity: t.entities[trigger.entity],
        field: ctx.label(trigger.entity, trigger.field),
        direction: t.directions[trigger.direction],
        amount: trigger.offset.amount,
        unit: t.units[trigger.offset.unit],
      });
    case 'schedule': {
      const when = cronHint(trigger.cron, t) ?? format(t.cron.raw, { expr: trigger.cron });
      return trigger.entity
        ? format(s.schedule_each, { when, entity: t.entities[trigger.entity] })
        : format(s.schedule, { when });
    }
    case 'webhook':
      return s.webhook;
    case 'client_event': {
      const entity = trigger.entity ? t.entities[trigger.entity] : '';
      const base = format(s.client_event, { entity, event: t.clientEvents[trigger.event] }).trim();
      return trigger.keywords.length
        ? `${base}${format(s.keywords, { words: join(trigger.keywords) })}`
        : base;
    }
  }
}
