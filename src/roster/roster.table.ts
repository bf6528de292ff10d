import type { ColumnType } from 'kysely';

export interface RosterDayTable {
  domain_id: string;
  /** A date column: read it with to_char(day, 'YYYY-MM-DD') (the two drivers return it differently). */
  day: ColumnType<Date | string, string, string>;
  investigator_id: string;
  edited_by: string | null;
  edited_at: Date | null;
}
