import { expectedForNew, expectedWait, FORECAST_WEEKS } from '../forecast/forecast.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import type { AppContext } from '../shared/context.ts';
import { amsterdamDay } from './calllist.report.ts';
import { channelOf, composeNotice, recipientOf } from './notice.service.ts';
import { readNoticeSettings, writeNoticeSettings } from './notice.settings.ts';
import { dueFirstNotices, insertNotice, setNoticeMail, toldCases, type WaitingCase } from './notice.repository.ts';
import type { ExpectedRange } from './template.ts';

/**
 * The delay notice (uitstelbericht). On day `delayDay` after receipt (day 8:
 * the 2nd week) every complaint still waiting for an investigator gets one
 * notice with the expected assignment dates as the forecast sees them now —
 * by e-mail or by letter; in a pilot domain a place on the front office's
 * call list instead (when there is a phone number to call). When the expectation later moves more than
 * `renoticeWeeks` further away, a new notice says so.
 *
 * Exactly once: each notice is a case_notices row, unique per (case, 'delay',
 * seq), written in one transaction with its outbox message. A second node, a
 * retry or a run after a crash finds the row and sends nothing; a run that
 * dies mid-way has committed whole notices only. The one place a message can
 * go twice is after it: an SMTP server accepts it and the node dies before
 * the outbox records that (mail.service.ts) — then it goes again, with the
 * same Message-ID.
 */

const DAY_MS = 86_400_000;

/** The expected assignment dates of one waiting case now: its kept expectation in a domain tray, or a new complaint's in its suggested domain. */
async function expectationOf(ctx: AppContext, c: WaitingCase): Promise<(ExpectedRange & { p50: Date }) | null> {
  if (c.status === 'queued') {
    const e = await expectedWait(ctx, c.caseId);
    // The forecast caps "beyond its horizon" at the horizon's end: say "not before" rather than that date.
    if (e) return { p10: e.p10, p50: e.p50, p90: e.p90, open: e.p90.getTime() >= e.madeAt.getTime() + (FORECAST_WEEKS * 7 - 1) * DAY_MS };
  }
  return expectedForNew(ctx.db, ctx.clock(), c.domainId ?? c.suggestedDomainId, c.urgent ? 'urgent' : 'regular');
}

export interface DelayRun {
  /** Notices made now, per channel (a second run at once makes none). */
  made: { email: number; letter: number; call: number; none: number };
  renotices: number;
}

/** One notice: its row and, by e-mail, its outbox message, in one transaction. Answers whether it was made now. */
async function giveNotice(ctx: AppContext, c: WaitingCase, seq: number, channel: 'email' | 'letter' | 'call' | 'none', expected: (ExpectedRange & { p50: Date }) | null): Promise<boolean> {
  const now = ctx.clock();
  const kind = seq === 0 ? 'delay' : 'renotice';
  const message = channel === 'email' || channel === 'letter' ? await composeNotice(ctx.db, `${kind}.${channel}`, c, expected) : null;
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertNotice(tx, {
      caseId: c.caseId, kind: 'delay', seq, channel, expected, createdAt: now,
      recipient: recipientOf(c, channel),
      subject: message?.subject ?? null, body: message?.body ?? null,
    });
    if (!id) return false;
    if (channel === 'email' && message) {
      const mail = await queueMail(tx, { kind: 'delayNotice', dedupeKey: `notice:${c.caseId}:delay:${seq}`, recipient: c.email!, subject: message.subject, text: message.body }, now);
      if (mail.id) await setNoticeMail(tx, id, mail.id);
    }
    return true;
  });
}

/** The daily run: first notices that are due, then re-notices where the expectation worsened. */
export async function runDelayNotices(ctx: AppContext): Promise<DelayRun> {
  const now = ctx.clock();
  let settings = await readNoticeSettings(ctx.db);
  // The first run starts the notices from its own day (see notice.settings.ts).
  if (settings.startsOn === null) settings = await writeNoticeSettings(ctx.db, { ...settings, startsOn: amsterdamDay(now) });
  const run: DelayRun = { made: { email: 0, letter: 0, call: 0, none: 0 }, renotices: 0 };
  for (const c of await dueFirstNotices(ctx.db, amsterdamDay(now), settings)) {
    // A pilot domain calls instead of writing — those it can call: without a phone number the notice is written.
    const pilot = settings.pilotDomains.includes(c.domainId ?? c.suggestedDomainId ?? '') && Boolean(c.phone?.trim());
    const channel = pilot ? 'call' : channelOf(c);
    const expected = await expectationOf(ctx, c);
    if (await giveNotice(ctx, c, 0, channel, expected)) run.made[channel] += 1;
  }
  const margin = settings.renoticeWeeks * 7 * DAY_MS;
  for (const c of await toldCases(ctx.db)) {
    const expected = await expectationOf(ctx, c);
    if (!expected || !c.expected_p50 || expected.p50.getTime() - c.expected_p50.getTime() <= margin) continue;
    const channel = channelOf(c);
    if (channel === 'none') continue;
    if (await giveNotice(ctx, c, c.seq + 1, channel, expected)) run.renotices += 1;
  }
  return run;
}
