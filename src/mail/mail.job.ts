import type { JobDef } from '../jobs/jobs.ts';
import { deliverDueMail } from './mail.service.ts';
import type { MailTransport } from './mail.transport.ts';

export const MAIL_DELIVERY_JOB = 'mail-delivery';

/**
 * Delivers the due messages of the outbox: every minute (which also retries
 * failures whose backoff is over), at every start (whatever was left when a
 * node stopped), and when a producer asks for it.
 */
export function mailDeliveryJob(transport: MailTransport): JobDef {
  return {
    name: MAIL_DELIVERY_JOB,
    schedule: { cron: '* * * * *', tz: 'UTC' },
    atStart: async () => true,
    async run({ ctx, log }, reason) {
      const r = await deliverDueMail(ctx, transport);
      const where = r.transport === 'smtp' ? 'sent over SMTP' : 'kept in the outbox folder';
      if (r.delivered > 0 || r.failed.length > 0 || reason === 'start') {
        log(`Mail delivery (${reason}): ${r.delivered} ${where}, ${r.failed.length} failed.`);
      }
      for (const f of r.failed) log(`Mail to ${f.recipient} failed${f.willRetry ? ' (will retry)' : ' (given up)'}: ${f.error}`);
    },
  };
}
