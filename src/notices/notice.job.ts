import type { JobDef } from '../jobs/jobs.ts';
import { MAIL_DELIVERY_JOB } from '../mail/mail.job.ts';
import { runDelayNotices } from './notice.delay.ts';

export const DELAY_NOTICE_JOB = 'delay-notices';

/**
 * The delay notices: every morning at 07:00 in Amsterdam (after the 05:30
 * forecast, so the dates told are today's), and at every start (a node that
 * was down catches up). Running twice is harmless: see notice.delay.ts.
 */
export const delayNoticeJob: JobDef = {
  name: DELAY_NOTICE_JOB,
  schedule: { cron: '0 7 * * *', tz: 'Europe/Amsterdam' },
  atStart: async () => true,
  async run({ ctx, log, request }, reason) {
    const r = await runDelayNotices(ctx);
    const made = r.made.email + r.made.letter + r.made.call + r.made.none;
    if (made > 0 || r.renotices > 0 || reason !== 'schedule') {
      log(`Delay notices (${reason}): ${r.made.email} by e-mail, ${r.made.letter} by letter, ${r.made.call} on the call list, ${r.made.none} without address; ${r.renotices} re-notices.`);
    }
    if (r.made.email > 0 || r.renotices > 0) await request(MAIL_DELIVERY_JOB);
  },
};
