import { useState } from 'react';
import { App, Button, List, Modal, Typography } from 'antd';
import type { DedupeEntity } from '@tideline/shared';
import { isApiError } from '../api/client';
import { format } from '../i18n/I18nProvider';
import { bulkMerge } from './dedupeApi';
import type { BulkPreview, BulkResult } from './dedupeApi';
import { useDedupeText } from './useDedupeText';

/**
 * Merge every group at 95% or more: first a preview of what would merge, then a confirmation; the
 * server merges each group in its own transaction and says which failed.
 */
export function BulkMergeButton({ entity, onDone }: { entity: DedupeEntity; onDone: () => void }) {
  const t = useDedupeText();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const fail = (e: unknown) => void message.error(isApiError(e) ? e.message : String(e));

  const open = async () => {
    setBusy(true);
    try {
      const p = (await bulkMerge(entity, true)) as BulkPreview;
      if (p.total === 0) void message.info(t.finder.bulkNone);
      else setPreview(p);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const run = async () => {
    setBusy(true);
    try {
      const r = (await bulkMerge(entity, false)) as BulkResult;
      void message.success(format(t.finder.bulkDone, { groups: r.merged_groups, records: r.merged_records }));
      if (r.failed.length) void message.warning(format(t.finder.bulkFailed, { n: r.failed.length }));
      setPreview(null);
      onDone();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button onClick={open} loading={busy && !preview}>
        {t.finder.bulk}
      </Button>
      {preview && (
        <Modal
          open
          title={format(t.finder.bulkTitle, { n: preview.total })}
          okText={t.finder.bulkConfirm}
          okButtonProps={{ danger: true, loading: busy }}
          onOk={run}
          onCancel={() => setPreview(null)}
        >
          <Typography.Paragraph type="secondary">{t.finder.bulkHint}</Typography.Paragraph>
          <List
            size="small"
            dataSource={preview.groups}
            renderItem={(g) => (
              <List.Item extra={`${Math.round(g.confidence * 100)}%`}>{g.names.join(' ⇐ ')}</List.Item>
            )}
            style={{ maxHeight: 320, overflow: 'auto' }}
          />
        </Modal>
      )}
    </>
  );
}
