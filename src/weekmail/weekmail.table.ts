import type { Selectable } from 'kysely';

/** One row per ISO week whose overviews were produced: the once-per-week guard. */
export interface WeekmailRunTable {
  week: string;
  produced_at: Date;
  queued: number;
  skipped: string[];
}
export type WeekmailRunRow = Selectable<WeekmailRunTable>;
