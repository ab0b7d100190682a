import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useCustomerName } from '../api/hooks';
import type { TagRef } from '../api/types';
import type { Locale } from '../i18n/I18nProvider';
import type { FieldDef } from './filterModel';
import { formatDate, formatInstant, formatMoney, readField } from './format';

export interface CellContext {
  locale: Locale;
  userNames: Map<string, string>;
  none: string;
  yes: string;
  no: string;
}

const STATUS_COLORS: Record<string, string> = {
  potential: 'blue',
  active: 'green',
  inactive: 'default',
  lost: 'red',
  new: 'blue',
  contacted: 'cyan',
  qualified: 'green',
  disqualified: 'default',
  converted: 'purple',
  open: 'blue',
  won: 'green',
};

function CustomerName({ id, fallback }: { id: string; fallback: string }) {
  const { data } = useCustomerName(id);
  return <>{data ?? fallback}</>;
}

/** One table cell of a record list, formatted by the field's kind. */
export function renderCell(field: FieldDef, record: Record<string, unknown>, ctx: CellContext): ReactNode {
  const value = readField(record, field.key);
  if (field.kind === 'tags') {
    const tags = (value as TagRef[] | undefined) ?? [];
    return tags.length
      ? tags.map((t) => (
          <Tag key={t.id} color={t.color}>
            {t.name}
          </Tag>
        ))
      : ctx.none;
  }
  if (value === null || value === undefined || value === '')
    return <Typography.Text type="secondary">{ctx.none}</Typography.Text>;
  switch (field.kind) {
    case 'user':
      return ctx.userNames.get(String(value)) ?? ctx.none;
    case 'ref': {
      const known = typeof record.customer_name === 'string' ? record.customer_name : null;
      return known ?? <CustomerName id={String(value)} fallback={ctx.none} />;
    }
    case 'enum': {
      const label = field.options?.find((o) => o.value === value)?.label ?? String(value);
      return field.key === 'status' ? (
        <Tag color={STATUS_COLORS[String(value)] ?? 'default'}>{label}</Tag>
      ) : (
        label
      );
    }
    case 'multi':
      return Array.isArray(value)
        ? value.map((v) => field.options?.find((o) => o.value === v)?.label ?? String(v)).join('、')
        : String(value);
    case 'money':
      return typeof value === 'number'
        ? formatMoney(value, typeof record.currency === 'string' ? record.currency : 'CNY', ctx.locale)
        : String(value);
    case 'instant':
      return formatInstant(String(value));
    case 'date':
      return formatDate(String(value));
    case 'boolean':
      return value === true || value === 1 ? ctx.yes : ctx.no;
    case 'number':
      return typeof value === 'number' ? value.toLocaleString(ctx.locale) : String(value);
    default:
      return String(value);
  }
}
