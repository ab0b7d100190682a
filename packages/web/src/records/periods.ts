import type { RelativePeriod } from '@tideline/shared';

/**
 * The relative periods a date filter offers, in menu order. Kept here rather than imported from
 * @tideline/shared's filters module, which would pull zod into the browser bundle; the type check
 * below fails the build if the server gains a period this list lacks.
 */
export const PERIODS = [
  'today',
  'yesterday',
  'tomorrow',
  'this_week',
  'last_week',
  'next_week',
  'this_month',
  'last_month',
  'next_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const satisfies readonly RelativePeriod[];

type Missing = Exclude<RelativePeriod, (typeof PERIODS)[number]>;
export const periodsComplete: Missing extends never ? true : never = true;
