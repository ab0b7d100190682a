import { lazy, Suspense } from 'react';
import type { ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { FullPageSpinner } from '../layout/FullPageSpinner';
import { NotFound } from '../pages/NotFound';

/** Each screen is its own chunk: the history list does not load the wizard's upload and form code. */
const screen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const ImportHistory = screen(() => import('./ImportHistory'), 'ImportHistory');
const ImportWizard = screen(() => import('./ImportWizard'), 'ImportWizard');
const ImportDetail = screen(() => import('./ImportDetail'), 'ImportDetail');

/** /imports/*: the history, the wizard (new?entity=…) and one import's progress and report. */
export function ImportsPage() {
  return (
    <Suspense fallback={<FullPageSpinner />}>
      <Routes>
        <Route index element={<ImportHistory />} />
        <Route path="new" element={<ImportWizard />} />
        <Route path=":id" element={<ImportDetail />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
