import type { ColumnType, Generated, Selectable } from 'kysely';

export interface MailOutboxTable {
  id: Generated<string>;
  kind: string;
  dedupe_key: string;
  staff_id: string | null;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  attempts: Generated<number>;
  sent_at: Date | null;
  transport: 'smtp' | 'outbox' | null;
  delivery_ref: string | null;
  last_error: string | null;
}
export type MailRow = Selectable<MailOutboxTable>;
