import type { Generated } from 'kysely';

export interface SessionTable {
  /** sha256 of the session cookie: a stolen database gives no live sessions. */
  id_hash: string;
  staff_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}
