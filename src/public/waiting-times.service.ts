import { z } from 'zod';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { readRun } from '../forecast/forecast.repository.ts';
import { forecast, TARGET_DAYS, type ForecastRun } from '../forecast/forecast.service.ts';

/**
 * The public waiting times (issue 6): per domain, the expected wait for a
 * written complaint received today — the 10th, 50th and 90th percentile of
 * the days until an investigator takes it up, from the plan's forecast — and
 * a short cause in Dutch. No personal data; the organisation's website reads
 * the JSON, citizens the page. Cached for CACHE_SECONDS.
 */
export const CACHE_SECONDS = 300;

export const ZWaitingTimes = z.object({
  items: z.array(z.object({
    domain: z.string(),
    p10Days: z.number().int().nullable(),
    p50Days: z.number().int().nullable(),
    p90Days: z.number().int().nullable(),
    cause: z.string(),
  })),
});
export type WaitingTimes = z.output<typeof ZWaitingTimes>;

/** Per database (one per app; tests make many). */
const cache = new WeakMap<object, { at: number; day: string; value: WaitingTimes & { names: Record<string, string> } }>();

const dateNl = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function causeOf(d: ForecastRun['result']['domains'][number]): string {
  const p50 = d.waitNowDays.regular.p50;
  if (p50 !== null && p50 <= TARGET_DAYS) return 'De wachttijd valt binnen ons doel van 3 weken.';
  if (d.targetMetFrom) return `Er liggen meer klachten dan we direct kunnen oppakken. Naar verwachting wacht een nieuwe klacht vanaf ${dateNl(d.targetMetFrom)} weer hoogstens 3 weken.`;
  return 'Er liggen veel meer klachten dan we direct kunnen oppakken; het halve jaar dat we vooruitkijken blijft de wachttijd langer dan 3 weken.';
}

/** Days rounded up to whole days; "after the horizon" stays null (later than half a year). */
const days = (v: number | null) => (v === null ? null : Math.ceil(v));

export async function publicWaitingTimes(ctx: AppContext): Promise<WaitingTimes & { names: Record<string, string> }> {
  const now = ctx.clock();
  const today = now.toISOString().slice(0, 10);
  const cached = cache.get(ctx.db);
  if (cached && cached.day === today && now.getTime() - cached.at < CACHE_SECONDS * 1000) return cached.value;
  const saved = (await readRun(ctx.db, 'plan'))?.result as ForecastRun | undefined;
  const run = saved ?? (await forecast(ctx, null));
  const domains = await listDomains(ctx.db);
  const names = Object.fromEntries(domains.map((d) => [d.id, d.name]));
  const value = {
    names,
    items: run.result.domains.map((d) => ({
      domain: d.domain, p10Days: days(d.waitNowDays.regular.p10), p50Days: days(d.waitNowDays.regular.p50), p90Days: days(d.waitNowDays.regular.p90), cause: causeOf(d),
    })),
  };
  cache.set(ctx.db, { at: now.getTime(), day: today, value });
  return value;
}
