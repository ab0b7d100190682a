import { Col, Flex, Row, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMe } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { MyDealsCard } from './MyDealsCard';
import { MyTasksCard } from './MyTasksCard';
import { RecentCustomersCard } from './RecentCustomersCard';
import { UnreadNotificationsCard } from './UnreadNotificationsCard';

/** Home: what needs me today. */
export function Workbench() {
  const { m } = useI18n();
  const me = useMe();
  const today = dayjs().format(m.workbench.dateFormat);
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {format(m.workbench.greeting, { name: me.user.name })}
        </Typography.Title>
        <Typography.Text type="secondary">{format(m.workbench.today, { date: today })}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <MyTasksCard />
        </Col>
        <Col xs={24} xl={12}>
          <MyDealsCard />
        </Col>
        <Col xs={24} xl={12}>
          <RecentCustomersCard />
        </Col>
        <Col xs={24} xl={12}>
          <UnreadNotificationsCard />
        </Col>
      </Row>
    </Flex>
  );
}
