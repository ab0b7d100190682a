import { CUSTOMER_SIZES, CUSTOMER_STATUSES, DEAL_STATUSES, LEAD_STATUSES } from '@tideline/shared';
import type { CustomFieldDef, Pipeline } from '../api/types';
import type { Messages } from '../i18n/zh-CN';
import { CUSTOM_KIND } from './filterModel';
import type { FieldDef, FieldOption } from './filterModel';

export type ListEntity = 'customer' | 'lead' | 'contact' | 'deal';

const opts = (values: readonly string[], labels?: Record<string, string>): FieldOption[] =>
  values.map((value) => ({ value, label: labels?.[value] ?? value }));

/** Built-in fields of each list, mirroring what the server's list query filters and sorts on. */
export function builtinFields(entity: ListEntity, m: Messages, pipelines: Pipeline[] = []): FieldDef[] {
  const f = m.fields;
  const common = {
    owner: { key: 'owner_id', label: f.owner_id, kind: 'user' } as FieldDef,
    createdBy: { key: 'created_by', label: f.created_by, kind: 'user' } as FieldDef,
    createdAt: { key: 'created_at', label: f.created_at, kind: 'instant', sortable: true } as FieldDef,
    updatedAt: { key: 'updated_at', label: f.updated_at, kind: 'instant', sortable: true } as FieldDef,
    tags: { key: 'tags', label: f.tags, kind: 'tags' } as FieldDef,
  };
  const text = (key: string, label: string, sortable = true): FieldDef => ({
    key,
    label,
    kind: 'text',
    sortable,
  });
  switch (entity) {
    case 'customer':
      return [
        text('name', f.customer.name),
        {
          key: 'status',
          label: f.status,
          kind: 'enum',
          options: opts(CUSTOMER_STATUSES, m.enums.customerStatus),
          sortable: true,
        },
        common.owner,
        text('industry', f.industry),
        text('region', f.region),
        { key: 'size', label: f.customer.size, kind: 'enum', options: opts(CUSTOMER_SIZES), sortable: true },
        text('level', f.customer.level),
        text('source', f.source),
        text('phone', f.phone, false),
        text('email', f.email, false),
        text('website', f.customer.website, false),
        text('address', f.customer.address, false),
        { key: 'last_contact_at', label: f.last_contact_at, kind: 'instant', sortable: true },
        { key: 'last_won_at', label: f.customer.last_won_at, kind: 'instant', sortable: true },
        { key: 'last_purchase_at', label: f.customer.last_purchase_at, kind: 'instant', sortable: true },
        common.tags,
        common.createdBy,
        common.createdAt,
        common.updatedAt,
      ];
    case 'lead':
      return [
        text('name', f.lead.name),
        text('company_name', f.lead.company_name),
        {
          key: 'status',
          label: f.status,
          kind: 'enum',
          options: opts(LEAD_STATUSES, m.enums.leadStatus),
          sortable: true,
        },
        common.owner,
        text('title', f.title),
        text('mobile', f.mobile, false),
        text('phone', f.phone, false),
        text('email', f.email, false),
        text('source', f.source),
        text('channel', f.lead.channel),
        text('region', f.region),
        text('industry', f.industry),
        text('grade', f.lead.grade),
        { key: 'score', label: f.lead.score, kind: 'number', sortable: true },
        { key: 'last_contact_at', label: f.last_contact_at, kind: 'instant', sortable: true },
        { key: 'converted_at', label: f.lead.converted_at, kind: 'instant', sortable: true },
        common.tags,
        common.createdBy,
        common.createdAt,
        common.updatedAt,
      ];
    case 'contact':
      return [
        text('name', f.contact.name),
        { key: 'customer_id', label: f.contact.customer_id, kind: 'ref' },
        text('title', f.title),
        text('mobile', f.mobile, false),
        text('phone', f.phone, false),
        text('email', f.email),
        text('wechat', f.contact.wechat, false),
        { key: 'is_primary', label: f.contact.is_primary, kind: 'boolean', sortable: true },
        common.tags,
        common.createdBy,
        common.createdAt,
        common.updatedAt,
      ];
    case 'deal': {
      const stages = pipelines.flatMap((p) =>
        p.stages.map((s) => ({
          value: s.id,
          label: pipelines.length > 1 ? `${p.name} · ${s.name}` : s.name,
        })),
      );
      return [
        text('name', f.deal.name),
        { key: 'customer_id', label: f.deal.customer_id, kind: 'ref' },
        { key: 'amount', label: f.deal.amount, kind: 'money', sortable: true },
        {
          key: 'status',
          label: f.status,
          kind: 'enum',
          options: opts(DEAL_STATUSES, m.enums.dealStatus),
          sortable: true,
        },
        { key: 'stage_id', label: f.deal.stage_id, kind: 'enum', options: stages },
        {
          key: 'pipeline_id',
          label: f.deal.pipeline_id,
          kind: 'enum',
          options: pipelines.map((p) => ({ value: p.id, label: p.name })),
        },
        { key: 'expected_close_date', label: f.deal.expected_close_date, kind: 'date', sortable: true },
        common.owner,
        { key: 'stage_entered_at', label: f.deal.stage_entered_at, kind: 'instant', sortable: true },
        { key: 'won_at', label: f.deal.won_at, kind: 'instant', sortable: true },
        { key: 'lost_at', label: f.deal.lost_at, kind: 'instant', sortable: true },
        text('lost_reason', f.deal.lost_reason, false),
        common.tags,
        common.createdBy,
        common.createdAt,
        common.updatedAt,
      ];
    }
  }
}

/** A workspace's custom field as a filterable, sortable list field. */
export function customFieldDef(def: CustomFieldDef): FieldDef {
  const kind = CUSTOM_KIND[def.type] ?? 'text';
  return {
    key: `custom.${def.key}`,
    label: def.label,
    kind,
    custom: true,
    sortable: kind !== 'multi',
    ...(def.options.length ? { options: def.options } : {}),
  };
}

export function listFields(
  entity: ListEntity,
  m: Messages,
  customDefs: CustomFieldDef[] = [],
  pipelines: Pipeline[] = [],
) {
  return [...builtinFields(entity, m, pipelines), ...customDefs.map(customFieldDef)];
}
