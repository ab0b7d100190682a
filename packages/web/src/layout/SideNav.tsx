import { useLocation, useNavigate } from 'react-router';
import { Menu } from 'antd';
import {
  AimOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FundOutlined,
  InboxOutlined,
  SettingOutlined,
  TeamOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';

/** The main navigation; the selected item follows the first segment of the path. */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const { m } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = `/${pathname.split('/')[1] ?? ''}`;
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: m.nav.workbench },
    { key: '/leads', icon: <AimOutlined />, label: m.nav.leads },
    { key: '/customers', icon: <TeamOutlined />, label: m.nav.customers },
    { key: '/contacts', icon: <ContactsOutlined />, label: m.nav.contacts },
    { key: '/deals', icon: <FundOutlined />, label: m.nav.deals },
    { key: '/pools', icon: <InboxOutlined />, label: m.nav.pools },
    { key: '/tasks', icon: <CheckSquareOutlined />, label: m.nav.tasks },
    ...(can('automations:read')
      ? [{ key: '/automations', icon: <ThunderboltOutlined />, label: m.nav.automations }]
      : []),
    { key: '/settings', icon: <SettingOutlined />, label: m.nav.settings },
  ];
  return (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
    />
  );
}
