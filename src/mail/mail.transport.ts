import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Config } from '../config.ts';

/**
 * Where a message goes: an SMTP server (SMTP_URL), or — without one — a
 * `.eml` file in the outbox folder, which any mail program opens. Both are
 * built by nodemailer, so the file is byte for byte what SMTP would carry.
 */
export interface OutgoingMail {
  id: string;
  kind: string;
  createdAt: Date;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** Hands one message over and answers a reference (the SMTP message id, or the file name); throws when that fails. */
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/** One Message-ID per outbox row: a message sent again after a crash carries the same id, so mail systems can tell. */
const messageId = (mail: OutgoingMail) => `<${mail.id}@grip>`;

function message(mail: OutgoingMail, from: string): SendMailOptions {
  return {
    from,
    to: mail.recipient,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    messageId: messageId(mail),
    date: mail.createdAt,
    // RFC 3834: an automatic message; out-of-office replies should not answer it.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Grip-Kind': mail.kind },
  };
}

export function createMailTransport(config: Config['mail']): MailTransport {
  if (config.smtpUrl) {
    // Short timeouts: a hanging server must fail well inside the delivery lease (see mail.service.ts).
    const smtp = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await smtp.sendMail(message(mail, config.from));
        return String(info.messageId ?? messageId(mail));
      },
      close: () => smtp.close(),
    };
  }
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await builder.sendMail(message(mail, config.from));
      fs.mkdirSync(config.outboxDir, { recursive: true });
      const name = outboxFileName(mail);
      const file = path.join(config.outboxDir, name);
      // Written aside and renamed: the folder never holds half a message.
      const partial = `${file}.${process.pid}.part`;
      fs.writeFileSync(partial, info.message as Buffer);
      fs.renameSync(partial, file);
      return name;
    },
    close: () => builder.close(),
  };
}

/** `2026-11-30T06-00-00Z-weekmail-<id>.eml`: sorted by time in any file manager, and the same name on a retry. */
export function outboxFileName(mail: Pick<OutgoingMail, 'id' | 'kind' | 'createdAt'>): string {
  const stamp = mail.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `${stamp}-${mail.kind.replace(/[^\w-]/g, '_')}-${mail.id}.eml`;
}
