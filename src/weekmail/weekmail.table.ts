import type { ColumnType, Selectable } from 'kysely';

/** One row per ISO week whose overviews were produced: the once-per-week guard. */
export interface WeekmailRunTable {
  week: string;
  produced_at: Date;
  queued: number;
  /** Names of the people who got no overview because they have no e-mail address. */
  skipped: string[];
  /** Names of the people whose overview could not be made (the outbox refused it); the log has the reason. */
  failed: ColumnType<string[], string[] | undefined, string[]>;
}
export type WeekmailRunRow = Selectable<WeekmailRunTable>;
