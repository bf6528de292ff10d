import type { ColumnType, Generated, Selectable } from 'kysely';

export interface PetitionerTable {
  id: Generated<string>;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  created_at: Generated<Date>;
  /** Retention removed this identity (issue 8). */
  anonymised_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CaseTable {
  id: Generated<string>;
  dossier_number: string;
  petitioner_id: string;
  agency_id: number;
  subject: string;
  description: string;
  channel: string;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  complex: Generated<boolean>;
  received_at: Date;
  status: string;
  domain_id: string | null;
  unit_id: string | null;
  suggested_domain_id: string | null;
  suggested_unit_id: string | null;
  lane_urgent: Generated<boolean>;
  lane_b: Generated<boolean>;
  lane_pop: Generated<boolean>;
  lane_ob: Generated<boolean>;
  tray_rank: Generated<number>;
  investigator_id: string | null;
  proposal: string | null;
  handling_type: string | null;
  outcome_id: string | null;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_contact_at: Date | null;
  closed_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Retention removed the petitioner's identity from this closed dossier (issue 8). */
  anonymised_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type CaseRow = Selectable<CaseTable>;

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  at: Date;
  actor_id: string | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  recorded_at: Generated<Date>;
}
export type CaseEventRow = Selectable<CaseEventTable>;

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  case_id: string | null;
  created_at: Generated<Date>;
}
