import { Link } from 'react-router';
import { Button, Card, Flex, Result } from 'antd';
import { ArrowLeftOutlined, HomeOutlined } from '@ant-design/icons';
import { format, useI18n } from '../i18n/I18nProvider';
import { useDetailText } from './useDetailText';

interface Props {
  /** The list to go back to, e.g. "/customers". */
  listPath: string;
  /** The list's name, e.g. 客户. */
  listTitle: string;
  /** Why it may be missing; defaults to the general sentence. */
  body?: string;
}

/**
 * A record that does not exist or lies outside the user's data scope (the API answers 404 for both,
 * so ids of other reps' records reveal nothing): say so plainly and offer the way back.
 */
export function RecordNotFound({ listPath, listTitle, body }: Props) {
  const { m } = useI18n();
  const t = useDetailText();
  return (
    <Card style={{ maxWidth: 640, margin: '24px auto' }}>
      <Result
        status="404"
        title={m.common.notFound}
        subTitle={body ?? t.notFound.body}
        extra={
          <Flex gap={8} wrap justify="center">
            <Link to={listPath}>
              <Button type="primary" size="large" icon={<ArrowLeftOutlined />}>
                {format(t.notFound.backToList, { entity: listTitle })}
              </Button>
            </Link>
            <Link to="/">
              <Button size="large" icon={<HomeOutlined />}>
                {m.common.backHome}
              </Button>
            </Link>
          </Flex>
        }
      />
    </Card>
  );
}
