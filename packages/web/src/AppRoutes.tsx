import { lazy } from 'react';
import type { ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { AppLayout } from './layout/AppLayout';

/** Each page is its own chunk, so the first screen loads only what it shows. */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const LoginPage = page(() => import('./auth/LoginPage'), 'LoginPage');
const Workbench = page(() => import('./workbench/Workbench'), 'Workbench');
const LeadList = page(() => import('./leads/LeadList'), 'LeadList');
const CustomerList = page(() => import('./customers/CustomerList'), 'CustomerList');
const ContactList = page(() => import('./contacts/ContactList'), 'ContactList');
const DealList = page(() => import('./deals/DealList'), 'DealList');
const DealBoard = page(() => import('./deals/DealBoard'), 'DealBoard');
const LeadDetailPage = page(() => import('./leads/LeadDetailPage'), 'LeadDetailPage');
const Customer360Page = page(() => import('./customers/Customer360Page'), 'Customer360Page');
const ContactDetailPage = page(() => import('./contacts/ContactDetailPage'), 'ContactDetailPage');
const DealDetailPage = page(() => import('./deals/DealDetailPage'), 'DealDetailPage');
const HandoverWizard = page(() => import('./ownership/HandoverWizard'), 'HandoverWizard');
const TasksPage = page(() => import('./tasks/TasksPage'), 'TasksPage');
const SettingsPage = page(() => import('./settings/SettingsPage'), 'SettingsPage');
const PoolPage = page(() => import('./pools/PoolPage'), 'PoolPage');
const AutomationsPage = page(() => import('./automations/AutomationsPage'), 'AutomationsPage');
const ImportsPage = page(() => import('./imports/ImportsPage'), 'ImportsPage');
const DuplicateFinderPage = page(() => import('./dedupe/DuplicateFinderPage'), 'DuplicateFinderPage');
const NotFound = page(() => import('./pages/NotFound'), 'NotFound');

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Workbench />} />
        <Route path="leads" element={<LeadList />} />
        <Route path="leads/:id" element={<LeadDetailPage />} />
        <Route path="customers" element={<CustomerList />} />
        <Route path="customers/:id" element={<Customer360Page />} />
        <Route path="contacts" element={<ContactList />} />
        <Route path="contacts/:id" element={<ContactDetailPage />} />
        <Route path="deals" element={<DealList />} />
        <Route path="deals/board" element={<DealBoard />} />
        <Route path="deals/:id" element={<DealDetailPage />} />
        <Route path="handover" element={<HandoverWizard />} />
        <Route path="tasks/*" element={<TasksPage />} />
        <Route path="pools" element={<PoolPage />} />
        <Route path="pools/:id" element={<PoolPage />} />
        <Route path="automations/*" element={<AutomationsPage />} />
        <Route path="imports/*" element={<ImportsPage />} />
        <Route path="settings/*" element={<SettingsPage />} />
        <Route path="duplicates" element={<DuplicateFinderPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
