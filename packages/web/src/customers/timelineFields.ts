import { useMemo } from 'react';
import dayjs from 'dayjs';
import { useCustomFields, usePipelines } from '../api/hooks';
import type { Messages } from '../i18n/zh-CN';
import type { DetailMessages } from '../i18n/detail.zh-CN';
import { useI18n } from '../i18n/I18nProvider';
import { listFields } from '../records/entityFields';
import type { ListEntity } from '../records/entityFields';
import type { FieldDef } from '../records/filterModel';

export type FieldsByEntity = Map<string, Map<string, FieldDef>>;

const ENTITIES: ListEntity[] = ['customer', 'contact', 'deal'];

/** Labels and value kinds of the fields a timeline change can name, per entity. */
export function useTimelineFields(): FieldsByEntity {
  const { m } = useI18n();
  const { data: customer = [] } = useCustomFields('customer');
  const { data: contact = [] } = useCustomFields('contact');
  const { data: deal = [] } = useCustomFields('deal');
  const { data: pipelines = [] } = usePipelines();
  return useMemo(() => {
    const defs = { customer, contact, deal, lead: [] };
    const out: FieldsByEntity = new Map();
    for (const entity of ENTITIES) {
      const fields = listFields(entity, m, defs[entity], entity === 'deal' ? pipelines : []);
      out.set(entity, new Map(fields.map((f) => [f.key, f])));
    }
    return out;
  }, [m, customer, contact, deal, pipelines]);
}

/** A field the lists do not show (description, notes…): a label from the dictionary, shown as text. */
export function fallbackField(key: string, m: Messages): FieldDef {
  const generic = (m.fields as Record<string, unknown>)[key];
  return { key, label: typeof generic === 'string' ? generic : key, kind: 'text' };
}

/** A one-field record for the list cell renderer: custom values live under `custom`. */
export function asRecord(key: string, value: unknown): Record<string, unknown> {
  return key.startsWith('custom.') ? { custom: { [key.slice('custom.'.length)]: value } } : { [key]: value };
}

/** 今天 / 昨天 / 2026-11-20 周五 — the heading of a day on the timeline. */
export function dayLabel(at: string, t: DetailMessages, now = dayjs()): string {
  const day = dayjs(at);
  if (day.isSame(now, 'day')) return t.timeline.today;
  if (day.isSame(now.subtract(1, 'day'), 'day')) return t.timeline.yesterday;
  return day.format(day.isSame(now, 'year') ? 'MM-DD dddd' : 'YYYY-MM-DD dddd');
}
