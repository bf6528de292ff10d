import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { readSetting, writeSetting } from '../organisation/admin.repository.ts';

/**
 * How Grip tells petitioners (the `settings` row 'notices'): on which day
 * after receipt the delay notice goes out, by how many weeks a worse
 * expectation earns a new one, which domains call instead (the pilot), and
 * from which date the job sends at all (so switching it on does not write to
 * everyone whose complaint has waited for months already: the first run sets
 * it to its own day unless someone chose a date).
 */
export const ZNoticeSettings = z.strictObject({
  /** Day after receipt (receipt = day 0): the 2nd week, day 8 by default. */
  delayDay: z.number().int().min(1).max(28).default(8),
  /** A re-notice when the expected date moved later by more than this many weeks. */
  renoticeWeeks: z.number().min(0.5).max(26).default(2),
  /** Domains where front office calls the petitioner instead (the call-list pilot). */
  pilotDomains: z.array(z.string().min(1).max(60)).max(20).default([]),
  /**
   * Cases whose notice day falls before this date get none (YYYY-MM-DD): switching Grip on, or importing a
   * history, must not write to everyone who has waited for months. Null until the job's first run sets it to that day.
   */
  startsOn: z.iso.date().nullable().default(null),
  /** Where citizens find the current waiting times, for the texts' {{wachttijden}}. */
  waitingTimesUrl: z.string().trim().min(1).max(300).default('onze website, onder Wachttijden'),
});
export type NoticeSettings = z.output<typeof ZNoticeSettings>;

const KEY = 'notices';

export async function readNoticeSettings(db: Executor): Promise<NoticeSettings> {
  const parsed = ZNoticeSettings.safeParse((await readSetting(db, KEY)) ?? {});
  // A row from an older version that no longer fits: the defaults, rather than no notices at all.
  return parsed.success ? parsed.data : ZNoticeSettings.parse({});
}

export async function writeNoticeSettings(db: Executor, settings: z.input<typeof ZNoticeSettings>): Promise<NoticeSettings> {
  const value = ZNoticeSettings.parse(settings);
  await writeSetting(db, KEY, value);
  return value;
}
