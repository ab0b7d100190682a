const ROUTES: Record<string, string> = {
  customer: '/customers',
  lead: '/leads',
  contact: '/contacts',
  deal: '/deals',
  task: '/tasks',
};

/** Where a record opens in the app, from the entity names the API uses; null when it has no page. */
export function recordRoute(entity: string | null | undefined, id: string | null | undefined): string | null {
  if (!entity || !id) return null;
  const base = ROUTES[entity];
  return base ? `${base}/${id}` : null;
}

/** The list page (and API collection) of an entity, e.g. customer → /customers. */
export function entityPath(entity: string | null | undefined): string | null {
  return entity ? (ROUTES[entity] ?? null) : null;
}
