import { forecastJob } from '../forecast/forecast.job.ts';
import { mailDeliveryJob } from '../mail/mail.job.ts';
import type { MailTransport } from '../mail/mail.transport.ts';
import { delayNoticeJob } from '../notices/notice.job.ts';
import { weekmailJob } from '../weekmail/weekmail.job.ts';
import type { JobDef } from './jobs.ts';

/** Every background job of `grip serve`. */
export function allJobs(mail: MailTransport): JobDef[] {
  return [mailDeliveryJob(mail), weekmailJob, forecastJob, delayNoticeJob];
}
