import type { DedupeMessages } from './dedupe.zh-CN';

/** Texts of the duplicate dialog (en-US). */
export const dedupeEnUS: DedupeMessages = {
  blockedTitle: 'This {entity} already exists',
  warnTitle: 'This may be a duplicate',
  blockedHint: 'It cannot be created twice. Open the existing record, or change the details and save again.',
  warnHint: 'If it is not the same, you can create it anyway.',
  exists: 'A {entity} already exists',
  existsNamed: '{entity} “{name}” already exists',
  owner: 'owner: {owner}',
  inPool: 'in a public pool',
  noOwner: 'no owner',
  same: 'same {field}',
  similar: 'similar {field} ({percent}%)',
  line: '{head}, {who} ({why})',
  open: 'Open',
  back: 'Go back',
  createAnyway: 'Create anyway',
  ok: 'OK',
  entities: { customer: 'customer', contact: 'contact', lead: 'lead' },
  fields: { name: 'name', company_name: 'company name', phone: 'phone', mobile: 'mobile', email: 'e-mail' },
};
