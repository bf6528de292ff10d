import type { ColumnType } from 'kysely';

export interface ProductionNormTable {
  /** A date column: PostgreSQL hands it back as a Date at midnight (local); we read it as text. */
  valid_from: ColumnType<Date | string, string, string>;
  per_fte_week: ColumnType<string, number, number>;
}
