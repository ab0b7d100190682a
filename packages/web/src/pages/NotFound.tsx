import { Link } from 'react-router';
import { Button, Result } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function NotFound() {
  const { m } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={m.common.pageNotFound}
      extra={
        <Link to="/">
          <Button type="primary">{m.common.backHome}</Button>
        </Link>
      }
    />
  );
}
