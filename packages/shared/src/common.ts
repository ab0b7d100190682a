import { z } from 'zod';

export const idSchema = z.uuid({ message: 'must be an id (UUID)' });
export const nameSchema = z.string().trim().min(1).max(200);
export const shortText = z.string().trim().max(200);
export const longText = z.string().max(20_000);
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+\d][\d\s\-()#转,]*$/, 'must be a phone number');
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** ISO 8601 instant with an offset or Z; stored in UTC. */
export const instantSchema = z.iso.datetime({ offset: true });
/** Calendar date, YYYY-MM-DD. */
export const dateSchema = z.iso.date();
/** Money in minor units (fen for CNY). */
export const moneySchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
export const customValuesSchema = z.record(z.string().max(80), z.unknown());

export const bulkIdsSchema = z.strictObject({ ids: z.array(idSchema).min(1).max(1000) });
