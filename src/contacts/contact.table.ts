import type { Generated, Selectable } from 'kysely';

export const CONTACT_OUTCOMES = ['advised', 'asked_to_write', 'callback', 'put_through'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** A phone contact (not a dossier); with outcome `callback` it is a callback request (TBV). */
export interface ContactTable {
  id: Generated<string>;
  at: Date;
  registered_by: string;
  caller_name: string | null;
  caller_phone: string | null;
  caller_email: string | null;
  agency_id: number | null;
  domain_id: string | null;
  summary: string;
  advice: string | null;
  outcome: ContactOutcome;
  callback_domain_id: string | null;
  callback_due_at: Date | null;
  callback_done_at: Date | null;
  callback_done_by: string | null;
  callback_result: string | null;
  case_id: string | null;
  linked_at: Date | null;
  linked_by: string | null;
  created_at: Generated<Date>;
}
export type ContactRow = Selectable<ContactTable>;
