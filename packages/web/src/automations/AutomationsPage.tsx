import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { Result } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { FullPageSpinner } from '../layout/FullPageSpinner';
import { NotFound } from '../pages/NotFound';
import { useAutomationText } from './useAutomationText';

/** Each screen is its own chunk: the list does not load the builder's editors and date pickers. */
const screen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const AutomationList = screen(() => import('./AutomationList'), 'AutomationList');
const AutomationBuilder = screen(() => import('./AutomationBuilder'), 'AutomationBuilder');
const RunHistory = screen(() => import('./RunHistory'), 'RunHistory');
const TemplateGallery = screen(() => import('./TemplateGallery'), 'TemplateGallery');

/** /automations/*: the list, the rule builder, run history and the template gallery. */
export function AutomationsPage() {
  const t = useAutomationText();
  const { can } = useAuth();
  if (!can('automations:read')) return <Result status="403" title={t.noAccess} />;
  const manage = can('automations:manage');
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Routes>
        <Route index element={<AutomationList />} />
        <Route path="runs" element={<RunHistory />} />
        <Route path="templates" element={<TemplateGallery />} />
        <Route
          path="new"
          element={manage ? <AutomationBuilder /> : <Result status="403" title={t.readOnly} />}
        />
        <Route path=":id" element={<AutomationBuilder />} />
        <Route path=":id/runs" element={<RunHistory />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
