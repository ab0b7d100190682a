import { Button, Result, Skeleton } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { RecordNotFound } from './RecordNotFound';
import { useDetailText } from './useDetailText';
import { isMissing } from './useRecordDetail';

interface Props {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  listPath: string;
  listTitle: string;
}

/** While a record page has no record: loading, not found (or not yours), or failed with a retry. */
export function RecordLoadState({ query, listPath, listTitle }: Props) {
  const { m } = useI18n();
  const t = useDetailText();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (isMissing(query.error)) return <RecordNotFound listPath={listPath} listTitle={listTitle} />;
  return (
    <Result
      status="warning"
      title={t.loadFailed}
      extra={<Button onClick={() => void query.refetch()}>{m.common.retry}</Button>}
    />
  );
}
