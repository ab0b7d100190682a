import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Alert, App, Modal, Radio, Table, Typography } from 'antd';
import type { DedupeEntity } from '@tideline/shared';
import { isApiError } from '../api/client';
import { useCustomFields, useUserNames } from '../api/hooks';
import { format, useI18n } from '../i18n/I18nProvider';
import { fetchRecord, mergeDuplicates } from './dedupeApi';
import type { DuplicateGroup, MergeResult } from './dedupeApi';
import { isBlank, MERGE_FIELDS, mergeFieldLabel, shown } from './mergeFields';
import { useDedupeText } from './useDedupeText';

type Rec = Awaited<ReturnType<typeof fetchRecord>>;

interface Props {
  entity: DedupeEntity;
  group: DuplicateGroup;
  onClose: () => void;
  onMerged: (result: MergeResult) => void;
}

const valueOf = (r: Rec, field: string) =>
  field.startsWith('custom.') ? r.custom?.[field.slice(7)] : r[field];

/**
 * The merge screen: which record survives, and per field whose value it keeps (a radio per record).
 * Only fields whose values differ are asked; the server fills the survivor's blanks from the others.
 */
export function DuplicateMergeModal({ entity, group, onClose, onMerged }: Props) {
  const t = useDedupeText();
  const { m } = useI18n();
  const { message } = App.useApp();
  const users = useUserNames();
  const { data: customDefs = [] } = useCustomFields(entity);
  const results = useQueries({
    queries: group.records.map((r) => ({
      queryKey: ['merge-record', entity, r.id],
      queryFn: () => fetchRecord(entity, r.id),
      staleTime: 0,
    })),
  });
  const [survivor, setSurvivor] = useState(group.records[0]!.id);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const records = results.map((q) => q.data).filter((r): r is Rec => !!r);
  const ready = records.length === group.records.length;
  const loadError = results.find((q) => q.error)?.error;

  const fields = [
    ...MERGE_FIELDS[entity].map((f) => ({ key: f, label: mergeFieldLabel(entity, f, m) })),
    ...customDefs.map((d) => ({ key: `custom.${d.key}`, label: d.label })),
  ].filter((f) => new Set(records.map((r) => shown(valueOf(r, f.key))).filter(Boolean)).size > 1);
  const byId = new Map(records.map((r) => [r.id, r]));
  /** The survivor's own value unless blank; then the first record that has one. */
  const defaultFor = (field: string) => {
    const own = byId.get(survivor);
    if (own && !isBlank(valueOf(own, field))) return survivor;
    return records.find((r) => !isBlank(valueOf(r, field)))?.id ?? survivor;
  };
  const choiceOf = (field: string) => picked[field] ?? defaultFor(field);
  const display = (field: string, v: unknown) => {
    if (isBlank(v)) return t.merge.blank;
    if (field === 'owner_id') return users.get(String(v)) ?? String(v);
    const enums = { customer: m.enums.customerStatus, lead: m.enums.leadStatus, contact: {} }[entity];
    if (field === 'status') return (enums as Record<string, string>)[String(v)] ?? String(v);
    return shown(v);
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await mergeDuplicates({
        entity,
        survivor_id: survivor,
        merged_ids: group.records.map((r) => r.id).filter((id) => id !== survivor),
        fields: Object.fromEntries(fields.map((f) => [f.key, choiceOf(f.key)])),
      });
      const moved = Object.entries(result.moved)
        .filter(([, n]) => n && n > 0)
        .map(([k, n]) => format(t.merge.movedKinds[k] ?? `${k} {n}`, { n: n ?? 0 }));
      void message.success(
        [
          format(t.merge.done, { name: result.survivor.name }),
          moved.length ? format(t.merge.moved, { list: moved.join('、') }) : '',
        ]
          .filter(Boolean)
          .join('；'),
      );
      onMerged(result);
    } catch (e) {
      setError(isApiError(e) ? [e.message, ...e.errors.map((x) => x.message)].join('：') : String(e));
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { key: 'field', title: '', dataIndex: 'label', width: 120 },
    ...group.records.map((rec) => ({
      key: rec.id,
      title: (
        <Radio
          checked={survivor === rec.id}
          onChange={() => setSurvivor(rec.id)}
          aria-label={`${t.merge.survivor}：${rec.name}`}
        >
          <Typography.Text strong>{rec.name}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t.merge.survivor}</Typography.Text>
        </Radio>
      ),
      render: (_: unknown, f: { key: string; label: string }) => {
        const r = byId.get(rec.id);
        if (!r) return null;
        const v = valueOf(r, f.key);
        const text = display(f.key, v);
        return (
          <Radio
            checked={choiceOf(f.key) === rec.id}
            disabled={isBlank(v)}
            onChange={() => setPicked({ ...picked, [f.key]: rec.id })}
            aria-label={`${f.label}：${text}`}
          >
            {text}
          </Radio>
        );
      },
    })),
  ];

  return (
    <Modal
      open
      width={Math.min(240 + 220 * group.records.length, 1100)}
      title={format(t.merge.title, { entity: t.entities[entity] })}
      okText={t.merge.confirm}
      okButtonProps={{ danger: true, disabled: !ready, loading: busy }}
      onOk={confirm}
      onCancel={onClose}
      destroyOnHidden
    >
      {loadError ? (
        <Alert type="error" title={String((loadError as Error).message)} />
      ) : !ready ? (
        <Typography.Text type="secondary">{t.merge.loading}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {fields.length ? t.merge.keepHint : t.merge.same}
          </Typography.Paragraph>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={fields.length ? fields : []}
            showHeader
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t.merge.same }}
          />
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={format(t.merge.moves, { what: t.merge.movesWhat[entity] })}
          />
        </>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Modal>
  );
}
