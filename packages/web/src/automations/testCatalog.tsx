import type { ReactNode } from 'react';
import { within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import type { FieldCatalog } from '@tideline/shared';
import { mockFetch, TestProviders } from '../test/TestProviders';
import { CatalogContext } from './catalogContext';
import { useFieldLabeler } from './fieldCatalog';

/** A customer catalog for component tests: built-in, custom and multi-valued fields of each type. */
export const TEST_CATALOG: FieldCatalog = {
  name: { type: 'text', writable: true },
  status: { type: 'enum', values: ['potential', 'active', 'inactive', 'lost'], writable: true },
  owner_id: { type: 'user', writable: true },
  last_contact_at: { type: 'instant' },
  'custom.budget': { type: 'money', label: '预算', writable: true },
  'custom.renewal': { type: 'date', label: '续约日', writable: true },
  tags: { type: 'multi' },
};

function CatalogProvider({ children, catalog }: { children: ReactNode; catalog: FieldCatalog }) {
  const label = useFieldLabeler('customer', catalog);
  return (
    <CatalogContext.Provider value={{ entity: 'customer', catalog, label, loading: false }}>
      {children}
    </CatalogContext.Provider>
  );
}

/** The app's providers, a customer catalog, and an API that knows users, tags and pipelines. */
export function BuilderTestProviders({
  children,
  catalog = TEST_CATALOG,
}: {
  children: ReactNode;
  catalog?: FieldCatalog;
}) {
  return (
    <TestProviders>
      <CatalogProvider catalog={catalog}>{children}</CatalogProvider>
    </TestProviders>
  );
}

export function mockBuilderApi() {
  return mockFetch((url) => {
    if (url.pathname === '/api/v1/users')
      return {
        body: { items: [{ id: 'u1', name: '李娜', email: 'li@x', status: 'active' }], next_cursor: null },
      };
    if (url.pathname === '/api/v1/tags') return { body: { items: [] } };
    if (url.pathname === '/api/v1/pipelines') return { body: { items: [] } };
    if (url.pathname === '/api/v1/custom-fields') return { body: { items: [] } };
    return undefined;
  });
}

/** The select popup open now (antd keeps closed ones in the page, hidden or leaving). */
export function popupOf(): HTMLElement {
  const open = [...document.querySelectorAll<HTMLElement>('.ant-select-dropdown')].filter(
    (p) => !p.className.includes('-hidden') && !p.className.includes('-leave'),
  );
  if (!open.length) throw new Error('no select is open');
  return open[open.length - 1]!;
}

export async function choose(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, option: string) {
  await user.click(box);
  await user.click(await within(popupOf()).findByTitle(option));
}

/** Open a select and read its options' titles (it stays open). */
export async function optionsOf(
  user: ReturnType<typeof userEvent.setup>,
  box: HTMLElement,
): Promise<string[]> {
  await user.click(box);
  const titles = [...popupOf().querySelectorAll('.ant-select-item-option')].map(
    (o) => o.getAttribute('title') ?? '',
  );
  return titles;
}
