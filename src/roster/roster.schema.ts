import { z } from 'zod';
import { MONTH_PATTERN } from './roster.ts';

/** One zod schema per operation on the on-call roster; the API and the pages share them. */
const ZDomainId = z.string().trim().min(1).max(60);
export const ZMonth = z.string().regex(MONTH_PATTERN, 'a month as YYYY-MM (2000-2099)');
const ZDay = z.iso.date();

/** GET /api/v1/roster: a domain's roster for a month. */
export const ZRosterQuery = z.strictObject({ domain: ZDomainId, month: ZMonth });
export type RosterQuery = z.output<typeof ZRosterQuery>;

export const ZRosterItems = z.object({
  /** One item per working day of the month, in date order. */
  items: z.array(z.object({
    date: ZDay,
    /** The investigator on call; null when nobody is available (front office makes a callback request). */
    investigatorId: z.uuid().nullable(),
  })),
});
export type RosterItems = z.output<typeof ZRosterItems>;

/** Setting one day by hand. */
export const ZEditRosterDay = z.strictObject({ domain: ZDomainId, day: ZDay, investigatorId: z.uuid() });
export type EditRosterDay = z.output<typeof ZEditRosterDay>;

/** (Re)generating a month; days edited by hand are kept. */
export const ZGenerateRoster = z.strictObject({ domain: ZDomainId, month: ZMonth });
export type GenerateRoster = z.output<typeof ZGenerateRoster>;
