import { useMemo } from 'react';
import { Link } from 'react-router';
import type { TableColumnsType } from 'antd';
import { useUserNames } from '../api/hooks';
import type { RecordBase } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { FieldDef } from './filterModel';
import { renderCell } from './RecordCell';

/** Table columns for the chosen field keys; the first links to the record, sortable headers sort. */
export function useListColumns(
  fields: FieldDef[],
  keys: string[],
  sort: string,
  recordPath: string,
): TableColumnsType<RecordBase> {
  const { m, locale } = useI18n();
  const userNames = useUserNames();
  return useMemo(() => {
    const byKey = new Map(fields.map((f) => [f.key, f]));
    const desc = sort.startsWith('-');
    const sortField = desc ? sort.slice(1) : sort;
    const ctx = { locale, userNames, none: m.common.none, yes: m.common.yes, no: m.common.no };
    const chosen = keys.map((k) => byKey.get(k)).filter((f): f is FieldDef => Boolean(f));
    const first = fields[0];
    if (first && !chosen.some((f) => f.key === first.key)) chosen.unshift(first);
    return chosen.map((field, i) => ({
      key: field.key,
      dataIndex: field.key,
      title: field.label,
      ellipsis: field.kind === 'text' && i > 0,
      fixed: i === 0 ? ('left' as const) : undefined,
      width: i === 0 ? 220 : field.kind === 'tags' ? 200 : undefined,
      sorter: field.sortable ? true : undefined,
      sortOrder: field.key === sortField ? (desc ? ('descend' as const) : ('ascend' as const)) : null,
      sortDirections: ['ascend' as const, 'descend' as const, 'ascend' as const],
      render: (_: unknown, record: RecordBase) =>
        i === 0 ? (
          <Link to={`${recordPath}/${record.id}`}>{renderCell(field, record, ctx)}</Link>
        ) : (
          renderCell(field, record, ctx)
        ),
    }));
  }, [fields, keys, sort, recordPath, locale, userNames, m]);
}
