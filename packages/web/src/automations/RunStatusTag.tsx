import { Badge } from 'antd';
import type { RunStatus } from '@tideline/shared';
import { useAutomationText } from './useAutomationText';

const STATUS: Record<RunStatus, 'default' | 'processing' | 'warning' | 'success' | 'error'> = {
  pending: 'default',
  running: 'processing',
  waiting: 'warning',
  completed: 'success',
  failed: 'error',
  stopped: 'default',
};

/** A run's status as a coloured dot and its name. */
export function RunStatusTag({ status }: { status: RunStatus }) {
  const t = useAutomationText();
  return <Badge status={STATUS[status] ?? 'default'} text={t.runStatus[status] ?? status} />;
}
