import { Segmented } from 'antd';
import { AppstoreOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

/** Switch between the deal list (/deals) and the pipeline board (/deals/board). */
export function DealViewSwitch() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const board = useLocation().pathname.startsWith('/deals/board');
  return (
    <Segmented
      value={board ? 'board' : 'list'}
      onChange={(v) => navigate(v === 'board' ? '/deals/board' : '/deals')}
      options={[
        { value: 'list', label: m.deals.listView, icon: <UnorderedListOutlined /> },
        { value: 'board', label: m.deals.boardView, icon: <AppstoreOutlined /> },
      ]}
    />
  );
}
