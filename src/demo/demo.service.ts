import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../auth/login.pages.tsx';
import { hashPassword } from '../auth/password.ts';
import { insertHistoricCases } from '../cases/case.history.repository.ts';
import type { CommandIO } from '../cli/io.ts';
import { refreshDailyStats } from '../dashboards/daily.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { insertPeriods, insertSlots, saveSettings } from '../capacity/capacity.repository.ts';
import { demoCapacityPlan } from './capacity.ts';
import { backfillExpectations } from '../forecast/forecast.backfill.ts';
import { refreshExpectations } from '../forecast/forecast.service.ts';
import { generateDemoHistory } from './history.ts';
import { writeNoticeSettings } from '../notices/notice.settings.ts';
import { demoStaff } from './staff.ts';
import { loadWooDemo } from '../woo/woo.demo.ts';

export const DEMO_SEED = 20231016;

/**
 * Loads the demo organisation: ~50 staff, their capacity plan and the complaint
 * history from January 2023 until today, in one transaction (all or nothing). Does nothing
 * when staff other than `admin` exist already.
 */
export async function loadDemo(ctx: AppContext, io: CommandIO, seed = DEMO_SEED): Promise<{ loaded: boolean; cases: number }> {
  const result = await insertDemo(ctx, io, seed);
  if (result.loaded) {
    await refreshDailyStats(ctx.db, ctx.clock(), (done, total) => io.progress(done, total, 'days of dashboard figures'));
    await backfillExpectations(ctx, (done, total) => io.progress(done, total, 'expected waits of past cases'));
    io.out('Forecasting the backlog...');
    await refreshExpectations(ctx);
    // Zorg en Jeugd calls its petitioners instead of writing (the pilot); notices from two weeks back, so the
    // first start sends a fortnight's delay notices rather than one to everyone who ever waited.
    const since = new Date(ctx.clock().getTime() - 14 * 86_400_000).toISOString().slice(0, 10);
    await writeNoticeSettings(ctx.db, { pilotDomains: ['zorg-en-jeugd'], startsOn: since });
    io.out('Adding demo Woo requests...');
    await loadWooDemo(ctx);
  }
  return result;
}

async function insertDemo(ctx: AppContext, io: CommandIO, seed: number): Promise<{ loaded: boolean; cases: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    await sql`lock table staff in exclusive mode`.execute(tx);
    const existing = await tx.selectFrom('staff').select('login').where('login', '<>', 'admin').limit(1).executeTakeFirst();
    if (existing) return { loaded: false, cases: 0 };
    const staff = demoStaff(seed);
    // One hash for every demo account: they share the password the log-in page shows.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await tx.updateTable('staff').set({ password_hash: passwordHash }).where('login', '=', 'admin').execute();
    const inserted = await tx
      .insertInto('staff')
      .values(
        staff
          .filter((s) => s.login !== 'admin')
          .map((s) => ({
            login: s.login, name: s.name, email: s.email, unit_id: s.unitId, roles: s.roles, domains: s.domains,
            skills: s.skills, fte: s.fte, hours_per_week: s.hoursPerWeek, password_hash: passwordHash,
          })),
      )
      .returning(['id', 'login'])
      .execute();
    const admin = await tx.selectFrom('staff').select(['id', 'login']).where('login', '=', 'admin').executeTakeFirstOrThrow();
    const staffIdByLogin = new Map([...inserted, admin].map((s) => [s.login, s.id]));
    const plan = demoCapacityPlan(staff, staffIdByLogin);
    await insertPeriods(tx, plan.periods);
    await insertSlots(tx, plan.slots);
    await saveSettings(tx, { formationFte: plan.formationFte, sicknessShare: plan.sicknessShare });
    io.out('Generating the demo history (January 2023 until today)...');
    const cases = generateDemoHistory({ seed, until: ctx.clock(), staff });
    const total = await insertHistoricCases(tx, cases, {
      staffIdByLogin,
      onProgress: (done) => io.progress(done, cases.length, 'demo cases'),
    });
    io.out(`Loaded ${inserted.length} staff and ${total} cases.`);
    return { loaded: true, cases: total };
  });
}
