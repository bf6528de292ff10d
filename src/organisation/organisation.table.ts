import type { ColumnType, Generated, Selectable } from 'kysely';

export interface UnitTable {
  id: string;
  name: string;
  short_name: string;
}

export interface DomainTable {
  id: string;
  name: string;
}

export interface SkillTable {
  id: string;
  name: string;
}

export interface StaffTable {
  id: Generated<string>;
  login: string;
  name: string;
  email: string | null;
  unit_id: string;
  roles: string[];
  domains: ColumnType<string[], string[] | undefined, string[]>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  // numeric columns come back from PostgreSQL as strings
  fte: ColumnType<string, number | undefined, number>;
  hours_per_week: ColumnType<string, number | undefined, number>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  /** The OpenID Connect subject this person logs in as (issue 8). */
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
}
export type StaffRow = Selectable<StaffTable>;

export interface AgencyTable {
  id: Generated<number>;
  name: string;
}

export interface KeywordTable {
  id: string;
  label: string;
  active: Generated<boolean>;
}

export interface OutcomeTable {
  id: string;
  name: string;
  counts_as_closed: Generated<boolean>;
  /** The registration profile: the fields to fill in when closing with this outcome. */
  profile: ColumnType<ProfileField[], string | undefined, string>;
}

export interface ProfileField {
  key: string;
  label: string;
  required: boolean;
  /** A one-line text or a longer text. */
  kind: 'line' | 'text';
}

export interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}
