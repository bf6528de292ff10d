import { isMailAddress, mailProblem, queueMail, type QueueMail } from '../mail/mail.service.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { getTrayCounts } from '../tray/tray.service.ts';
import { composeWeekmail, type DomainTray } from './weekmail.compose.tsx';
import {
  claimWeekmailRun, findWeekmailRun, finishWeekmailRun, listCasesInProgress, listWeekmailRuns, listWeekmailStaff,
} from './weekmail.repository.ts';
import { weekmailPeriod } from './week.ts';

/**
 * The weekly overview: once per ISO week every investigator and coordinator
 * with an e-mail address gets one message in the mail outbox. Exactly once
 * holds in the database, whoever runs it and however often: the week is
 * claimed in `weekmail_runs` in the same transaction that queues the
 * messages, and each message has the dedupe key `weekmail:<staff id>:<week>`.
 * Every message is made and checked before that transaction, so a message the
 * outbox would refuse costs only that person theirs (named in the run).
 */
export const WEEKMAIL_KIND = 'weekmail';
export const weekmailKey = (staffId: string, week: string) => `weekmail:${staffId}:${week}`;

export interface WeekmailRunResult {
  week: string;
  /** True when this call produced the week's overviews; false when they were produced before. */
  produced: boolean;
  producedAt: Date;
  queued: number;
  /** People who got none because they have no e-mail address. */
  skipped: string[];
  /** People who got none because their overview could not be made (the outbox refused it). */
  failed: string[];
  /** Why, per person in `failed` (this call only: a run read back has the names alone). */
  failures: { name: string; error: string }[];
}

/** The week due at `at` (default: now), and whether its overviews exist already. */
export async function weekmailStatus(ctx: AppContext, at: Date = ctx.clock()) {
  const period = weekmailPeriod(at);
  const run = await findWeekmailRun(ctx.db, period.week);
  return { period, run: run ?? null };
}

/**
 * Produces the overviews of the week due now. `periodLeadMs` counts the week
 * from a little later: the scheduled run fires at Monday 07:00 by the
 * database's clock, and this node's clock may lag it by a moment.
 */
export async function produceWeeklyOverviews(ctx: AppContext, options: { periodLeadMs?: number } = {}): Promise<WeekmailRunResult> {
  const now = ctx.clock();
  const { period, run } = await weekmailStatus(ctx, new Date(now.getTime() + (options.periodLeadMs ?? 0)));
  const done = (r: { produced_at: Date; queued: number; skipped: string[]; failed: string[] }): WeekmailRunResult =>
    ({ week: period.week, produced: false, producedAt: r.produced_at, queued: r.queued, skipped: r.skipped, failed: r.failed, failures: [] });
  if (run) return done(run);

  // Read everything first: on the embedded database the transaction below holds the only connection.
  const [staff, inProgress, trayCounts, domains] = await Promise.all([
    listWeekmailStaff(ctx.db), listCasesInProgress(ctx.db), getTrayCounts(ctx), listDomains(ctx.db),
  ]);
  const trays = new Map<string, DomainTray>(domains.map((d) => [d.id, { domainId: d.id, domainName: d.name, waiting: { standard: 0, extended: 0 }, oldestReceivedAt: null }]));
  for (const t of trayCounts.items) {
    const tray = trays.get(t.domain);
    if (!tray || (t.unit !== 'standard' && t.unit !== 'extended')) continue;
    tray.waiting[t.unit] += t.total;
    const oldest = t.oldestReceivedAt ? new Date(t.oldestReceivedAt) : null;
    if (oldest && (!tray.oldestReceivedAt || oldest < tray.oldestReceivedAt)) tray.oldestReceivedAt = oldest;
  }

  // Every message is made and checked here, before the week is claimed: one that the outbox would
  // refuse leaves that person out (named in the run and the log), never the week for everyone.
  const mails: QueueMail[] = [];
  const skipped: string[] = [];
  const failures: { name: string; error: string }[] = [];
  for (const person of staff) {
    let message: QueueMail | null;
    try {
      const mail = composeWeekmail({
        recipient: person,
        period,
        now,
        ownCases: inProgress.filter((c) => c.investigatorId === person.id),
        domains: person.domains.flatMap((id) => {
          const tray = trays.get(id);
          return tray ? [{ tray, cases: inProgress.filter((c) => c.domainId === id) }] : [];
        }),
      });
      if (!mail) continue;
      if (!person.email || !isMailAddress(person.email)) {
        skipped.push(person.name);
        continue;
      }
      message = {
        kind: WEEKMAIL_KIND, dedupeKey: weekmailKey(person.id, period.week), staffId: person.id,
        recipient: person.email, subject: mail.subject, text: mail.text, html: mail.html,
      };
    } catch (err) {
      failures.push({ name: person.name, error: String((err as Error)?.message ?? err).slice(0, 500) });
      continue;
    }
    const problem = mailProblem(message);
    if (problem) {
      failures.push({ name: person.name, error: problem.slice(0, 500) });
      continue;
    }
    mails.push(message);
  }
  const failed = failures.map((f) => f.name);

  return ctx.db.transaction().execute(async (tx) => {
    if (!(await claimWeekmailRun(tx, period.week, now))) {
      // Another node claimed the week between our check and here; it has committed by now.
      const other = await findWeekmailRun(tx, period.week);
      return done(other ?? { produced_at: now, queued: 0, skipped: [], failed: [] });
    }
    let queued = 0;
    for (const m of mails) {
      // checked above: queueing it cannot fail on its content
      const { created } = await queueMail(tx, m, now);
      if (created) queued += 1;
    }
    await finishWeekmailRun(tx, period.week, queued, skipped, failed);
    return { week: period.week, produced: true, producedAt: now, queued, skipped, failed, failures };
  });
}

/** The latest weeks' runs, newest first: when they were produced, how many messages, who got none (no address, or no overview could be made). */
export async function recentWeekmailRuns(ctx: AppContext, weeks: number) {
  return listWeekmailRuns(ctx.db, weeks);
}
