import { Fragment, useMemo } from 'react';
import { Button, Card, Empty, Flex, Result, Skeleton, Typography } from 'antd';
import { useDetailText } from '../detail/useDetailText';
import type { ContactBrief, TimelinePage } from './customer360Api';
import { useCustomerTimeline } from './customer360Api';
import { TimelineEntry } from './TimelineEntry';
import { dayLabel, useTimelineFields } from './timelineFields';
import './customers.css';

interface Props {
  customerId: string;
  /** The first page, as the 360° answer brought it. */
  first: TimelinePage | undefined;
  firstAt: number;
  contacts: ContactBrief[];
}

/** One timeline of everything that happened with the customer, newest first, grouped by day. */
export function CustomerTimeline({ customerId, first, firstAt, contacts }: Props) {
  const t = useDetailText();
  const fields = useTimelineFields();
  const query = useCustomerTimeline(customerId, first, firstAt);
  const contactNames = useMemo(() => new Map(contacts.map((c) => [c.id, c.name])), [contacts]);
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  let body;
  if (query.isPending) body = <Skeleton active avatar paragraph={{ rows: 4 }} />;
  else if (query.isError && items.length === 0)
    body = (
      <Result
        status="warning"
        title={t.timeline.loadFailed}
        extra={<Button onClick={() => query.refetch()}>{t.timeline.loadMore}</Button>}
      />
    );
  else if (items.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.timeline.empty} />;
  else {
    let lastDay = '';
    body = (
      <div role="feed" aria-label={t.timeline.title}>
        {items.map((item) => {
          const day = dayLabel(item.at, t);
          const heading = day !== lastDay;
          lastDay = day;
          return (
            <Fragment key={item.key}>
              {heading && <div className="tl-day">{day}</div>}
              <TimelineEntry item={item} contactNames={contactNames} fields={fields} />
            </Fragment>
          );
        })}
      </div>
    );
  }

  return (
    <Card title={t.timeline.title} size="small">
      {body}
      {items.length > 0 && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          {query.hasNextPage ? (
            <Button
              size="large"
              block
              loading={query.isFetchingNextPage}
              onClick={() => query.fetchNextPage()}
            >
              {t.timeline.loadMore}
            </Button>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.timeline.end}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
