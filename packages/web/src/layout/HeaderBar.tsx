import { useEffect, useState } from 'react';
import { Button, Flex, Layout, Typography } from 'antd';
import { MenuOutlined, SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import { GlobalSearch } from './GlobalSearch';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/** Top bar: the search box (Ctrl/⌘+K), the notification bell and the user menu. */
export function HeaderBar({ mobile, onMenu }: { mobile: boolean; onMenu: () => void }) {
  const { m } = useI18n();
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearching(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Layout.Header
      style={{
        background: '#fff',
        padding: mobile ? '0 8px' : '0 24px',
        height: 56,
        lineHeight: '56px',
        borderBottom: '1px solid rgba(5,5,5,0.06)',
        position: 'sticky',
        top: 0,
        // Above the table's fixed columns, which stack over plain content.
        zIndex: 100,
      }}
    >
      <Flex align="center" gap={8} style={{ height: '100%' }}>
        {mobile && <Button type="text" icon={<MenuOutlined />} aria-label={m.nav.menu} onClick={onMenu} />}
        {mobile ? (
          <Button
            type="text"
            icon={<SearchOutlined />}
            aria-label={m.header.search}
            onClick={() => setSearching(true)}
          />
        ) : (
          <Button
            onClick={() => setSearching(true)}
            style={{
              width: 360,
              maxWidth: '40vw',
              justifyContent: 'space-between',
              color: 'rgba(0,0,0,0.45)',
            }}
            aria-label={m.header.search}
          >
            <span>
              <SearchOutlined /> {m.header.search}
            </span>
            <Typography.Text keyboard type="secondary" style={{ fontSize: 12 }}>
              {m.header.searchShortcut}
            </Typography.Text>
          </Button>
        )}
        <div style={{ flex: 1 }} />
        <NotificationBell />
        <UserMenu compact={mobile} />
      </Flex>
      <GlobalSearch open={searching} onClose={() => setSearching(false)} />
    </Layout.Header>
  );
}
