import type { ColumnType, Generated, Selectable } from 'kysely';

export interface LaneSessionTable {
  id: Generated<string>;
  lane: 'b' | 'pop';
  domain_id: string;
  /** A date column: read it with to_char(day, 'YYYY-MM-DD') (the two drivers return it differently). */
  day: ColumnType<Date | string, string, string>;
  topic: string | null;
  people: string[];
  created_by: string | null;
  created_at: Date;
}
export type LaneSessionRow = Selectable<LaneSessionTable>;

export interface LaneSessionCaseTable {
  session_id: string;
  case_id: string;
  investigator_id: string;
  handed_out_at: Date;
}
