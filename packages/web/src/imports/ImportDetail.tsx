import { Link, useParams } from 'react-router';
import { Button, Card, Flex, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ImportProgress } from './ImportProgress';
import { useImportText } from './useImportText';

/** /imports/:id: one import's progress, or its result and report once it has ended. */
export function ImportDetail() {
  const t = useImportText();
  const id = useParams().id ?? '';
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Link to="/imports">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t.nav.history} />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
      </Flex>
      <Card>
        <ImportProgress id={id} />
      </Card>
    </Flex>
  );
}
