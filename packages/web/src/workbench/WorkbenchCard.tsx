import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Flex, Result, Skeleton, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

interface Props {
  title: ReactNode;
  extra?: ReactNode;
  moreHref?: string;
  loading: boolean;
  error: boolean;
  empty: boolean;
  emptyText: string;
  onRetry: () => void;
  children: ReactNode;
}

/** A workbench panel with its loading, error and empty states designed in. */
export function WorkbenchCard({
  title,
  extra,
  moreHref,
  loading,
  error,
  empty,
  emptyText,
  onRetry,
  children,
}: Props) {
  const { m } = useI18n();
  return (
    <Card
      title={title}
      extra={
        <Flex gap={8} align="center">
          {extra}
          {moreHref && <Link to={moreHref}>{m.workbench.viewAll}</Link>}
        </Flex>
      }
      styles={{ body: { padding: '8px 16px', minHeight: 200, maxHeight: 440, overflowY: 'auto' } }}
      style={{ height: '100%' }}
    >
      {loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : error ? (
        <Result
          status="warning"
          title={m.workbench.loadFailed}
          extra={<Button onClick={onRetry}>{m.common.retry}</Button>}
        />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} style={{ paddingTop: 24 }} />
      ) : (
        children
      )}
    </Card>
  );
}

/** One line of a workbench panel: a linked title, a second line, something on the right. */
export function WorkbenchRow({
  href,
  title,
  sub,
  right,
}: {
  href: string | null;
  title: ReactNode;
  sub?: ReactNode;
  right?: ReactNode;
}) {
  const name = href ? <Link to={href}>{title}</Link> : title;
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={12}
      style={{ padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
    >
      <div style={{ minWidth: 0 }}>
        <Typography.Text ellipsis style={{ display: 'block' }}>
          {name}
        </Typography.Text>
        {sub && (
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
            {sub}
          </Typography.Text>
        )}
      </div>
      {right && <div style={{ flexShrink: 0 }}>{right}</div>}
    </Flex>
  );
}
