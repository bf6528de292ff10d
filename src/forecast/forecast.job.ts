import type { JobDef } from '../jobs/jobs.ts';
import { readRun } from './forecast.repository.ts';
import { refreshExpectations } from './forecast.service.ts';

export const FORECAST_JOB = 'forecast';

/**
 * Every morning (05:30 Amsterdam), and at a start when today's has not run:
 * the plan's backlog forecast, and with it the expected assignment date of
 * every case waiting in a tray. Running twice only makes the same forecast.
 */
export const forecastJob: JobDef = {
  name: FORECAST_JOB,
  schedule: { cron: '30 5 * * *', tz: 'Europe/Amsterdam' },
  async atStart({ ctx }) {
    const run = await readRun(ctx.db, 'plan');
    return !run || run.madeAt.toISOString().slice(0, 10) !== ctx.clock().toISOString().slice(0, 10);
  },
  async run({ ctx, log }) {
    const run = await refreshExpectations(ctx);
    const waiting = run.result.domains.reduce((n, d) => n + d.cases.length, 0);
    log(`Forecast of ${run.madeAt.slice(0, 10)}: ${waiting} waiting cases have an expected assignment date.`);
  },
};
