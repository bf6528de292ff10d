import type { Generated, Selectable } from 'kysely';

export interface ObCriterionTable {
  id: Generated<string>;
  label: string;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Generated<Date>;
}
export type ObCriterionRow = Selectable<ObCriterionTable>;

export interface TransferCriterionTable {
  id: Generated<string>;
  label: string;
  kind: 'age_weeks' | 'complex' | 'keyword' | 'reopened';
  weeks: number | null;
  keyword_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}
export type TransferCriterionRow = Selectable<TransferCriterionTable>;

export interface EscalationTable {
  id: Generated<string>;
  title: string;
  description: string;
  agency_id: number | null;
  created_by: string | null;
  created_at: Date;
}

export interface EscalationCaseTable {
  escalation_id: string;
  case_id: string;
}
