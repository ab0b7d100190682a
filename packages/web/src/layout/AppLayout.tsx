import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { Drawer, Grid, Layout } from 'antd';
import { Brand } from './Brand';
import { FullPageSpinner } from './FullPageSpinner';
import { HeaderBar } from './HeaderBar';
import { SideNav } from './SideNav';

/** The signed-in shell: side navigation (a drawer on phones), header, and the page. */
export function AppLayout() {
  const screens = Grid.useBreakpoint();
  // Before the first measurement `md` is undefined: assume a desktop rather than flash the drawer.
  const mobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawer, setDrawer] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider
          theme="light"
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          style={{
            borderInlineEnd: '1px solid rgba(5,5,5,0.06)',
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
        >
          <Brand compact={collapsed} />
          <SideNav />
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          size={240}
          styles={{ body: { padding: 0 } }}
          title={<Brand />}
        >
          <SideNav onNavigate={() => setDrawer(false)} />
        </Drawer>
      )}
      <Layout>
        <HeaderBar mobile={mobile} onMenu={() => setDrawer(true)} />
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
