import type { JobDef } from '../jobs/jobs.ts';
import { MAIL_DELIVERY_JOB } from '../mail/mail.job.ts';
import { produceWeeklyOverviews, weekmailStatus } from './weekmail.service.ts';
import { WEEKMAIL_CRON, WEEKMAIL_TIME_ZONE } from './week.ts';

export const WEEKMAIL_JOB = 'weekmail';

/**
 * The weekly overview: Monday 07:00 in Amsterdam, and at every start when
 * the week now due has not been produced (a node that was down on Monday
 * catches up). Producing twice is harmless: see weekmail.service.ts.
 */
export const weekmailJob: JobDef = {
  name: WEEKMAIL_JOB,
  schedule: { cron: WEEKMAIL_CRON, tz: WEEKMAIL_TIME_ZONE },
  async atStart({ ctx, log }) {
    const { period, run } = await weekmailStatus(ctx);
    if (run) log(`Weekly overview ${period.week}: already produced (${run.produced_at.toISOString()}, ${run.queued} messages).`);
    return run === null;
  },
  async run({ ctx, log, request }, reason) {
    // A scheduled run is for the week starting at its Monday 07:00, even if this node's clock is a little behind.
    const r = await produceWeeklyOverviews(ctx, { periodLeadMs: reason === 'schedule' ? 10 * 60_000 : 0 });
    if (!r.produced) {
      log(`Weekly overview ${r.week}: already produced (${r.producedAt.toISOString()}, ${r.queued} messages).`);
      return;
    }
    const without = r.skipped.length ? `; without an e-mail address, so none for: ${r.skipped.join(', ')}` : '';
    const unmade = r.failures.length ? `; the overview could not be made, so none for: ${r.failures.map((f) => `${f.name} (${f.error})`).join(', ')}` : '';
    log(`Weekly overview ${r.week}: ${r.queued} messages queued${without}${unmade}.`);
    await request(MAIL_DELIVERY_JOB);
  },
};
