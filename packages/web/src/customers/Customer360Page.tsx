import { Link, useParams } from 'react-router';
import { Button, Col, Flex, Grid, Result, Row, Skeleton, Tabs } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { isApiError } from '../api/client';
import { RecordNotFound } from '../detail/RecordNotFound';
import { useDetailText } from '../detail/useDetailText';
import { useI18n } from '../i18n/I18nProvider';
import { useCustomer360 } from './customer360Api';
import { CustomerContacts } from './CustomerContacts';
import { CustomerDeals } from './CustomerDeals';
import { CustomerHeader } from './CustomerHeader';
import { CustomerProfile } from './CustomerProfile';
import { CustomerTimeline } from './CustomerTimeline';
import { FollowUpBox } from './FollowUpBox';
import { PoolCountdown } from '../pools/PoolCountdown';

/** /customers/:id — the customer 360° page. */
export function Customer360Page() {
  const { id = '' } = useParams();
  return <Customer360View key={id} id={id} />;
}

/**
 * Everything about one customer on one page: header, profile, contacts, open deals and one timeline
 * with the follow-up box on top. Two columns on a desktop; tabs on a phone, timeline first, because
 * that is what a rep in the field opens the page for.
 */
export function Customer360View({ id }: { id: string }) {
  const { m } = useI18n();
  const t = useDetailText();
  const mobile = Grid.useBreakpoint().lg === false;
  const query = useCustomer360(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (query.isError) {
    const status = isApiError(query.error) ? query.error.status : 0;
    if (status === 404 || status === 400)
      return (
        <RecordNotFound listPath="/customers" listTitle={m.nav.customers} body={t.notFound.customerBody} />
      );
    return (
      <Result
        status="warning"
        title={t.loadFailed}
        extra={<Button onClick={() => query.refetch()}>{m.common.retry}</Button>}
      />
    );
  }
  const data = query.data;
  const activity = (
    <Flex vertical gap={12}>
      <FollowUpBox customerId={id} contacts={data.contacts} />
      <CustomerTimeline
        customerId={id}
        first={data.timeline}
        firstAt={query.dataUpdatedAt}
        contacts={data.contacts}
      />
    </Flex>
  );
  const profile = <CustomerProfile customer={data.customer} />;
  const contacts = <CustomerContacts customerId={id} contacts={data.contacts} />;
  const deals = <CustomerDeals customerId={id} deals={data.open_deals} total={data.counts.deals} />;

  return (
    <Flex vertical gap={12}>
      <Link to="/customers" style={{ alignSelf: 'flex-start' }}>
        <Button type="text" icon={<ArrowLeftOutlined />}>
          {m.nav.customers}
        </Button>
      </Link>
      <CustomerHeader data={data} />
      <PoolCountdown customerId={id} owned={Boolean(data.customer.owner_id)} />
      {mobile ? (
        <Tabs
          size="large"
          items={[
            { key: 'activity', label: t.timeline.title, children: activity },
            { key: 'profile', label: t.profile.title, children: profile },
            { key: 'contacts', label: `${t.contacts.title} ${data.contacts.length}`, children: contacts },
            { key: 'deals', label: `${m.records.deal} ${data.open_deals.length}`, children: deals },
          ]}
        />
      ) : (
        <Row gutter={[16, 16]}>
          <Col span={10}>
            <Flex vertical gap={12}>
              {contacts}
              {deals}
              {profile}
            </Flex>
          </Col>
          <Col span={14}>{activity}</Col>
        </Row>
      )}
    </Flex>
  );
}
