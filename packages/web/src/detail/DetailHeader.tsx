import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import './detail.css';

interface Props {
  listPath: string;
  listTitle: string;
  title: ReactNode;
  /** Tags beside the title (status, grade…). */
  badges?: ReactNode;
  /** One line of facts under the title (owner, customer…). */
  meta?: ReactNode;
  /** Buttons on the right (below on a phone). */
  actions?: ReactNode;
  children?: ReactNode;
}

/** The top of a record page: the way back, the record's name and status, its facts and actions. */
export function DetailHeader({ listPath, listTitle, title, badges, meta, actions, children }: Props) {
  return (
    <>
      <Link to={listPath} style={{ alignSelf: 'flex-start' }}>
        <Button type="text" icon={<ArrowLeftOutlined />}>
          {listTitle}
        </Button>
      </Link>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" gap={12} wrap>
          <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Flex align="center" gap={8} wrap>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {title}
              </Typography.Title>
              {badges}
            </Flex>
            {meta && (
              <Space wrap size={[16, 4]}>
                {meta}
              </Space>
            )}
          </Flex>
          {actions && (
            <Flex gap={8} wrap align="flex-start">
              {actions}
            </Flex>
          )}
        </Flex>
        {children}
      </Card>
    </>
  );
}
