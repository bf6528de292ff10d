import type { Db } from '../db/database.ts';

/** What every service needs: the database and the clock (passed in, so tests and the demo can set it). */
export interface AppContext {
  db: Db;
  clock: () => Date;
}
