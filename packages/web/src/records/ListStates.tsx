import { Button, Empty, Result, Typography } from 'antd';
import { isApiError } from '../api/client';
import { format, useI18n } from '../i18n/I18nProvider';

/** Shown instead of an empty table: says why it is empty and what to do next. */
export function ListEmpty(props: {
  title: string;
  noun: string;
  createLabel: string;
  filtered: boolean;
  onClear: () => void;
  onCreate?: (() => void) | undefined;
}) {
  const { m } = useI18n();
  const { title, noun, filtered } = props;
  return (
    <Empty
      style={{ padding: '40px 0' }}
      description={
        <>
          <Typography.Title level={5} style={{ marginBottom: 4 }}>
            {format(filtered ? m.list.emptyFilteredTitle : m.list.emptyTitle, { entity: title })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {format(filtered ? m.list.emptyFilteredBody : m.list.emptyBody, { entity: noun })}
          </Typography.Text>
        </>
      }
    >
      {filtered ? (
        <Button onClick={props.onClear}>{m.list.clearFilters}</Button>
      ) : (
        props.onCreate && (
          <Button type="primary" onClick={props.onCreate}>
            {props.createLabel}
          </Button>
        )
      )}
    </Empty>
  );
}

/** A failed load, with the server's explanation (e.g. which filter condition is wrong) and a retry. */
export function ListError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { m } = useI18n();
  let detail = m.common.unknownError;
  if (isApiError(error)) {
    if (error.status === 0) detail = m.common.networkError;
    else if (error.status === 403) detail = m.common.forbidden;
    else detail = [error.message, ...error.errors.map((e) => `${e.path}: ${e.message}`)].join(' · ');
  }
  return (
    <Result
      status="warning"
      title={m.list.errorTitle}
      subTitle={detail}
      extra={
        <Button type="primary" onClick={onRetry}>
          {m.common.retry}
        </Button>
      }
    />
  );
}
