import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Card, Flex, Grid, Menu, Result, Select, Typography } from 'antd';
import {
  ApartmentOutlined,
  ApiOutlined,
  CalendarOutlined,
  CopyOutlined,
  FormOutlined,
  FundOutlined,
  InboxOutlined,
  SafetyOutlined,
  ShareAltOutlined,
  TagsOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { FullPageSpinner } from '../layout/FullPageSpinner';
import { allowedSections } from './settingsSections';
import type { SectionKey } from './settingsSections';
import { useSettingsText } from './useSettingsText';

const section = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const PAGES: Record<SectionKey, ComponentType> = {
  users: section(() => import('./UserList'), 'UserList'),
  departments: section(() => import('./DepartmentTree'), 'DepartmentTree'),
  roles: section(() => import('./RoleList'), 'RoleList'),
  pipelines: section(() => import('./PipelineList'), 'PipelineList'),
  fields: section(() => import('./CustomFieldList'), 'CustomFieldList'),
  tags: section(() => import('./TagList'), 'TagList'),
  tokens: section(() => import('./TokenList'), 'TokenList'),
  calendar: section(() => import('./BusinessCalendarPage'), 'BusinessCalendarPage'),
  duplicates: section(() => import('../dedupe/DuplicateRulesPage'), 'DuplicateRulesPage'),
  pools: section(() => import('../pools/settings/PoolSettings'), 'PoolSettings'),
  distribution: section(() => import('../distribution/DistributionSettings'), 'DistributionSettings'),
};

const ICONS: Record<SectionKey, ReactNode> = {
  users: <UserOutlined />,
  departments: <ApartmentOutlined />,
  roles: <SafetyOutlined />,
  pipelines: <FundOutlined />,
  fields: <FormOutlined />,
  tags: <TagsOutlined />,
  tokens: <ApiOutlined />,
  calendar: <CalendarOutlined />,
  duplicates: <CopyOutlined />,
  pools: <InboxOutlined />,
  distribution: <ShareAltOutlined />,
};

/** /settings/*: a menu of the areas this user may manage, and the chosen area. */
export function SettingsPage() {
  const t = useSettingsText();
  const { m } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const sections = allowedSections(can);
  const current = pathname.split('/')[2] ?? '';
  if (sections.length === 0) return <Result status="403" title={t.noAccess} />;
  const items = sections.map((key) => ({ key, icon: ICONS[key], label: t.sections[key] }));
  const narrow = screens.md === false;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Flex gap={16} vertical={narrow} align="flex-start">
        {narrow ? (
          <Select
            value={current || undefined}
            options={items.map((i) => ({ value: i.key, label: i.label }))}
            onChange={(key: string) => navigate(`/settings/${key}`)}
            style={{ width: '100%' }}
          />
        ) : (
          <Card styles={{ body: { padding: 4 } }} style={{ width: 200, flex: 'none' }}>
            <Menu
              mode="inline"
              selectedKeys={[current]}
              items={items}
              onClick={({ key }) => navigate(`/settings/${key}`)}
              style={{ borderInlineEnd: 'none' }}
            />
          </Card>
        )}
        <div style={{ flex: 1, minWidth: 0, width: '100%' }}>
          <Suspense fallback={<FullPageSpinner />}>
            <Routes>
              <Route index element={<Navigate to={`/settings/${sections[0]}`} replace />} />
              {sections.map((key) => {
                const Page = PAGES[key];
                return <Route key={key} path={`${key}/*`} element={<Page />} />;
              })}
              <Route path="*" element={<Result status="403" title={m.common.forbidden} />} />
            </Routes>
          </Suspense>
        </div>
      </Flex>
    </Flex>
  );
}
