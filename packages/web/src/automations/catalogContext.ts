import { createContext, useContext } from 'react';
import type { AutomationEntity, FieldCatalog } from '@tideline/shared';
import type { FieldLabeler } from './fieldCatalog';

/** The trigger's record type and its field catalog, for every field picker of the builder. */
export interface CatalogValue {
  entity: AutomationEntity | null;
  catalog: FieldCatalog;
  label: FieldLabeler;
  loading: boolean;
}

export const CatalogContext = createContext<CatalogValue>({
  entity: null,
  catalog: {},
  label: (path) => path,
  loading: false,
});

export const useCatalogContext = () => useContext(CatalogContext);
