import type { Executor, Tx } from '../db/database.ts';
import { expectedForNew } from '../forecast/forecast.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { readNoticeSettings } from './notice.settings.ts';
import { insertNotice, setNoticeMail } from './notice.repository.ts';
import { readTemplate } from './template.repository.ts';
import { renderTemplate, templateValues, type ExpectedRange, type Template, type TemplateKind } from './template.ts';

/**
 * Telling petitioners (issue 6). Every message is decided in a transaction
 * that also writes its case_notices row (unique per case, kind and seq) and
 * queues it — an e-mail in the mail outbox, a letter kept for the next print
 * batch. So a message exists once or not at all, whatever crashes or runs
 * twice; delivery of e-mail is the outbox's (at least once, the same
 * Message-ID; see mail.service.ts).
 */

export interface NoticeCase {
  caseId: string;
  dossierNumber: string;
  receivedAt: Date;
  name: string;
  email: string | null;
  address: string | null;
  agency: string;
}

/** The channel a petitioner is reached by: e-mail when we have an address, else a letter, else nothing. */
export function channelOf(c: Pick<NoticeCase, 'email' | 'address'>): 'email' | 'letter' | 'none' {
  if (c.email) return 'email';
  if (c.address) return 'letter';
  return 'none';
}

/** Whom a notice goes to: the e-mail address, or for a letter the name above the postal address (the envelope's window). */
export function recipientOf(c: Pick<NoticeCase, 'name' | 'email' | 'address'>, channel: string): string | null {
  if (channel === 'email') return c.email;
  if (channel === 'letter') return `${c.name}\n${c.address}`;
  return null;
}

/** The message for one case from a template: its subject and text with the placeholders filled in. */
export async function composeNotice(db: Executor, kind: TemplateKind, c: NoticeCase, expected: ExpectedRange | null, template?: Template): Promise<Template> {
  const settings = await readNoticeSettings(db);
  const t = template ?? (await readTemplate(db, kind));
  return renderTemplate(t, templateValues({
    name: c.name, dossierNumber: c.dossierNumber, receivedAt: c.receivedAt, agency: c.agency, expected, waitingTimesUrl: settings.waitingTimesUrl,
  }));
}

/**
 * Queues the receipt of a case just registered, in the registering
 * transaction: by e-mail, or as a letter when the petitioner gave only a
 * postal address. The expected wait is that of a complaint received now in
 * the suggested domain (all domains' widest band without one). Answers the
 * channel and what was promised.
 */
export async function queueReceiptIn(
  tx: Tx,
  now: Date,
  c: NoticeCase & { suggestedDomainId: string | null; urgent: boolean },
): Promise<{ channel: 'email' | 'letter' | 'none'; expected: ExpectedRange | null; message: Template }> {
  const expected = await expectedForNew(tx, now, c.suggestedDomainId, c.urgent ? 'urgent' : 'regular');
  const message = await composeNotice(tx, 'receipt', c, expected);
  const channel = channelOf(c);
  const noticeId = await insertNotice(tx, {
    caseId: c.caseId, kind: 'receipt', seq: 0, channel, expected, createdAt: now,
    recipient: recipientOf(c, channel),
    subject: message.subject, body: message.body,
  });
  if (noticeId && channel === 'email') {
    const mail = await queueMail(tx, {
      kind: 'receipt', dedupeKey: `notice:${c.caseId}:receipt:0`, recipient: c.email!, subject: message.subject, text: message.body,
    }, now);
    if (mail.id) await setNoticeMail(tx, noticeId, mail.id);
  }
  return { channel, expected, message };
}
