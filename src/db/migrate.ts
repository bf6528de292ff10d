import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import * as caseCore from './migrations/2026_11_29_0001_case_core.ts';
import * as web from './migrations/2026_11_29_0002_web.ts';
import * as productionNorms from './migrations/2026_11_29_0003_production_norms.ts';
import * as statsSnapshots from './migrations/2026_11_29_0004_stats_snapshots.ts';
import * as mailAndJobs from './migrations/2026_11_29_0005_mail_and_jobs.ts';
import * as contacts from './migrations/2026_11_29_0006_contacts.ts';
import * as weekmailFailed from './migrations/2026_11_29_0007_weekmail_failed.ts';
import * as capacityAndForecast from './migrations/2026_11_29_0008_capacity_and_forecast.ts';
import * as notices from './migrations/2026_11_29_0009_notices.ts';
import * as frontOfficeAndLanes from './migrations/2026_11_29_0010_front_office_and_lanes.ts';
import * as clusters from './migrations/2026_11_29_0011_clusters.ts';
import * as screeningAndTransfers from './migrations/2026_11_29_0012_screening_and_transfers.ts';
import * as trust from './migrations/2026_11_29_0013_trust.ts';
import * as retention from './migrations/2026_11_29_0014_retention.ts';
import * as woo from './migrations/2026_11_29_0015_woo.ts';

/** Every migration, by its timestamped name. Add new ones at the end. */
const migrations: Record<string, Migration> = {
  '2026_11_29_0001_case_core': caseCore,
  '2026_11_29_0002_web': web,
  '2026_11_29_0003_production_norms': productionNorms,
  '2026_11_29_0004_stats_snapshots': statsSnapshots,
  '2026_11_29_0005_mail_and_jobs': mailAndJobs,
  '2026_11_29_0006_contacts': contacts,
  '2026_11_29_0007_weekmail_failed': weekmailFailed,
  '2026_11_29_0008_capacity_and_forecast': capacityAndForecast,
  '2026_11_29_0009_notices': notices,
  '2026_11_29_0010_front_office_and_lanes': frontOfficeAndLanes,
  '2026_11_29_0011_clusters': clusters,
  '2026_11_29_0012_screening_and_transfers': screeningAndTransfers,
  '2026_11_29_0013_trust': trust,
  '2026_11_29_0014_retention': retention,
  '2026_11_29_0015_woo': woo,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
