import type { Executor } from '../db/database.ts';
import { readSetting, writeSetting } from '../organisation/admin.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { anonymiseCases, closedCandidates, lockUnanonymised } from './retention.repository.ts';
import {
  countByDomainAndYear, fingerprint, holdOf, monthsBefore, select, ZRetentionSettings,
  type DomainYearCount, type DueCase, type HoldReason, type RetentionSettings,
} from './retention.ts';

/**
 * Retention: the period (the `settings` row 'retention'), the dry-run report
 * and anonymising what it showed, batch by batch.
 */
const KEY = 'retention';

export async function readRetentionSettings(db: Executor): Promise<RetentionSettings> {
  const parsed = ZRetentionSettings.safeParse((await readSetting(db, KEY)) ?? {});
  // A row that no longer fits: the default period, never a shorter one by accident.
  return parsed.success ? parsed.data : ZRetentionSettings.parse({});
}

export async function writeRetentionSettings(db: Executor, input: unknown): Promise<RetentionSettings> {
  const value = ZRetentionSettings.parse(input);
  await writeSetting(db, KEY, value);
  return value;
}

export interface RetentionReport {
  months: number;
  /** Cases whose latest closing and latest event lie at or before this moment are due. */
  cutoff: Date;
  due: DueCase[];
  byDomainAndYear: DomainYearCount[];
  held: Partial<Record<HoldReason, number>>;
  fingerprint: string;
}

/** The dry run: what anonymising would do now (or at the given cutoff). Writes nothing. */
export async function retentionReport(ctx: AppContext, at?: { cutoff: Date }): Promise<RetentionReport> {
  const { months } = await readRetentionSettings(ctx.db);
  const cutoff = at?.cutoff ?? monthsBefore(ctx.clock(), months);
  const { due, held } = select(await closedCandidates(ctx.db, cutoff), cutoff);
  return { months, cutoff, due, byDomainAndYear: countByDomainAndYear(due), held, fingerprint: fingerprint(due) };
}

export const BATCH_SIZE = 200;

export interface AnonymiseResult {
  cases: number;
  petitioners: number;
  cutoff: Date;
}

/**
 * Anonymises the cases the report shows. With `expected` (what a person saw:
 * the report's cutoff and fingerprint) it refuses when the selection is no
 * longer the one shown. One transaction per batch: a run cut short leaves
 * whole batches done, and the next run carries on with the rest (each case
 * is re-checked and locked, so overlapping runs do each case once).
 */
export async function anonymiseDue(
  ctx: AppContext,
  options: {
    actorId: string | null;
    expected?: { cutoff: Date; fingerprint: string };
    batchSize?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<AnonymiseResult> {
  const { months } = await readRetentionSettings(ctx.db);
  const current = monthsBefore(ctx.clock(), months);
  const cutoff = options.expected?.cutoff ?? current;
  if (cutoff.getTime() > current.getTime()) {
    throw new AppError('version_conflict', 'the retention period was lengthened since the report: look at the report again', {
      errors: [{ field: '_form', message: 'the retention period changed', nl: 'De bewaartermijn is intussen verlengd. Bekijk het overzicht opnieuw.' }],
    });
  }
  const report = await retentionReport(ctx, { cutoff });
  if (options.expected && options.expected.fingerprint !== report.fingerprint) {
    throw new AppError('version_conflict', `the selection changed since the report: ${report.due.length} cases are due now`, {
      errors: [{ field: '_form', message: 'the selection changed', nl: `De selectie is veranderd sinds het overzicht: nu zijn ${report.due.length} dossiers aan de beurt. Bekijk het overzicht opnieuw.` }],
      due: report.due.length,
    });
  }
  const size = options.batchSize ?? BATCH_SIZE;
  const total = report.due.length;
  let cases = 0;
  let petitioners = 0;
  for (let i = 0; i < total; i += size) {
    const batch = report.due.slice(i, i + size).map((c) => c.id);
    const done = await ctx.db.transaction().execute(async (tx) => {
      const locked = await lockUnanonymised(tx, batch);
      // Still due under the lock: aftercare added meanwhile, a cluster reopened... holds it after all.
      const still = (await closedCandidates(tx, cutoff, locked)).filter((c) => holdOf(c, cutoff) === null).map((c) => c.id);
      const p = await anonymiseCases(tx, still, { at: ctx.clock(), actorId: options.actorId, months, cutoff });
      return { cases: still.length, petitioners: p };
    });
    cases += done.cases;
    petitioners += done.petitioners;
    options.onProgress?.(Math.min(i + size, total), total);
  }
  return { cases, petitioners, cutoff };
}
