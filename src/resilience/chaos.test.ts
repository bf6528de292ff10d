import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../cases/case.service.ts';
import { closeCase, routeCase } from '../cases/case.transitions.ts';
import { createServerDatabase, createTestDatabase, onServer, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { checkAcknowledged, runChaos } from './chaos.ts';
import { intakeBody, type Acknowledged } from './load.ts';
import { scratchDir, type Target } from './target.ts';

/**
 * The short form of `npm run chaos` (issue 8, must-show 3): the real server,
 * SIGKILLed twice during a mixed API load, on the database this suite runs
 * on. After every kill each acknowledged write is there, the crash invariants
 * hold, a retried intake makes no second case, and the server comes back.
 */
describe('SIGKILL during a mixed load', () => {
  let target: Target;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (onServer()) {
      const database = await createServerDatabase();
      target = { kind: 'server', url: database.url };
      cleanup = database.drop;
    } else {
      const scratch = scratchDir('grip-chaos-test-');
      target = { kind: 'embedded', dataDir: path.join(scratch, 'data') };
      cleanup = async () => fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('loses no acknowledged write and breaks no invariant', { timeout: 150_000 }, async () => {
    const lines: string[] = [];
    const report = await runChaos({ target, kills: 2, roundSeconds: 4, clients: 6, seed: 8, log: (l) => lines.push(l) });
    expect(report.violations, lines.join('\n')).toEqual([]);
    expect(report.rounds).toHaveLength(2);
    // The load did work, and the kill really cut requests off: the check is not vacuous.
    expect(report.acknowledgedCases).toBeGreaterThan(10);
    const writes = report.rounds.reduce((n, r) => n + r.acknowledged.intake + r.acknowledged.route + r.acknowledged.assign + r.acknowledged.close, 0);
    expect(writes).toBeGreaterThan(20);
    expect(report.rounds.every((r) => r.errors.refused + r.errors['cut off'] > 0)).toBe(true);
    expect(report.rounds.every((r) => r.casesInDatabase >= r.acknowledged.intake)).toBe(true);
  });
});

describe('checkAcknowledged', () => {
  let tdb: TestDatabase;
  let acks: Acknowledged[];
  let scope: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const admin = await createStaff(tdb.ctx, { roles: ['admin'] });
    scope = admin.id;
    acks = [];
    for (const key of ['a', 'b']) {
      const body = intakeBody(acks.length);
      const { case: c } = await registerCase(tdb.ctx, admin, body, { idempotencyKey: key });
      const routed = await routeCase(tdb.ctx, admin, c.id, { domain: 'inkomen', unit: 'standard' });
      acks.push({ id: c.id, dossierNumber: c.dossierNumber, key, body, status: 'queued', version: routed.version, domain: 'inkomen', investigatorId: null, outcome: null });
    }
    // A later write nobody saw acknowledged moves case b further on: that is allowed.
    await closeCase(tdb.ctx, admin, acks[1]!.id, { outcome: 'KEN' });
    await registerCase(tdb.ctx, admin, complaint(), { idempotencyKey: 'c' });
  });
  afterAll(async () => {
    await tdb?.close();
  });

  it('accepts acknowledged writes that are there, or moved further on', async () => {
    expect(await checkAcknowledged(tdb.ctx.db, acks, scope)).toEqual([]);
  });

  it('reports a lost case, a lost close, a state behind the acknowledged one and a key mix-up', async () => {
    const [a, b] = acks as [Acknowledged, Acknowledged];
    const found = await checkAcknowledged(tdb.ctx.db, [
      { ...a, id: '00000000-0000-4000-8000-000000000000' },
      { ...a, status: 'closed', outcome: 'KEN', version: a.version + 1 },
      { ...b, key: 'c' },
    ], scope);
    expect(found).toEqual([
      `acknowledged case ${a.dossierNumber} (00000000-0000-4000-8000-000000000000): is missing`,
      `acknowledged case ${a.dossierNumber} (${a.id}): is queued, but closed was acknowledged`,
      `acknowledged case ${a.dossierNumber} (${a.id}): is at version ${a.version}, but version ${a.version + 1} was acknowledged`,
      `acknowledged case ${a.dossierNumber} (${a.id}): was acknowledged closed with KEN, is queued with null`,
      `acknowledged case ${b.dossierNumber} (${b.id}): belongs to Idempotency-Key b, not c`,
    ]);
  });
});
