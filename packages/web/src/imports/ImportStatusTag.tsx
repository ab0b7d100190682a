import { Badge } from 'antd';
import type { ImportStatus } from './importTypes';
import { useImportText } from './useImportText';

const STATUS: Record<ImportStatus, 'default' | 'processing' | 'warning' | 'success' | 'error'> = {
  uploaded: 'default',
  queued: 'default',
  running: 'processing',
  completed: 'success',
  failed: 'error',
  cancelled: 'warning',
};

/** An import's status as a coloured dot and its name. */
export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const t = useImportText();
  return <Badge status={STATUS[status] ?? 'default'} text={t.statuses[status] ?? status} />;
}
