import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addNote } from '../cases/annotation.service.ts';
import { insertHistoricCases } from '../cases/case.history.repository.ts';
import { registerCase } from '../cases/case.service.ts';
import {
  addAftercare, assignCase, closeCase, recordFirstContact, reopenCase, routeCase, setLanes, transferCase,
} from '../cases/case.transitions.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { checkInvariants, MAX_EXAMPLES } from './invariants.ts';

/**
 * The crash invariants pass on a database written by the services (every
 * kind of lifecycle step, notes, idempotent intake, a historic import) and
 * name each kind of corruption a crash or a bug could leave behind.
 */
let tdb: TestDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { ctx } = tdb;
  const admin = await createStaff(ctx, { roles: ['admin'], domains: ['inkomen', 'leefomgeving'] });
  const investigator = await createStaff(ctx, { roles: ['investigator'], domains: ['inkomen', 'leefomgeving'] });
  const register = async (name: string, urgent = false) => {
    const { case: c } = await registerCase(ctx, admin, complaint({ urgent }), { idempotencyKey: `key-${name}` });
    ids[name] = c.id;
    return c.id;
  };
  await register('received', true);
  const queued = await register('queued');
  await routeCase(ctx, admin, queued, { domain: 'inkomen', unit: 'standard' });
  await setLanes(ctx, admin, queued, { pop: true, b: true });
  const closed = await register('closed');
  await routeCase(ctx, admin, closed, { domain: 'inkomen', unit: 'standard' });
  await assignCase(ctx, admin, closed, { investigatorId: investigator.id, proposal: 'Bellen', handlingType: 'intervention', version: 2 });
  await recordFirstContact(ctx, admin, closed, {});
  await addNote(ctx, admin, closed, { text: 'Gebeld', kind: 'note' });
  await closeCase(ctx, admin, closed, { outcome: 'intervention' });
  await addAftercare(ctx, admin, closed, { note: 'Nazorg' });
  const reopened = await register('reopened');
  await routeCase(ctx, admin, reopened, { domain: 'leefomgeving', unit: 'extended' });
  await closeCase(ctx, admin, reopened, { outcome: 'KEN' });
  await reopenCase(ctx, admin, reopened, { reason: 'Opnieuw' });
  const transferred = await register('transferred');
  await transferCase(ctx, admin, transferred, { unit: 'research', reason: 'structureel' });
  // The same key again: the first case, no second one.
  await registerCase(ctx, admin, complaint(), { idempotencyKey: 'key-repeat' });
  await ctx.db.transaction().execute((tx) =>
    insertHistoricCases(tx, [{
      receivedAt: new Date('2025-01-06T09:00:00Z'), petitioner: { name: 'Historisch', email: null, phone: null, address: null },
      agency: 'UWV', subject: 'Oud', description: 'Een oude zaak', channel: 'letter', keywords: [], complex: false, registeredBy: null,
      suggested: null, steps: [
        { at: new Date('2025-01-07T09:00:00Z'), actor: null, command: { type: 'route', domainId: 'inkomen', unitId: 'standard', suggested: null } },
        { at: new Date('2025-01-08T09:00:00Z'), actor: null, command: { type: 'setLanes', lanes: { urgent: true } } },
        { at: new Date('2025-02-08T09:00:00Z'), actor: null, command: { type: 'close', outcomeId: 'KEN' } },
      ],
    }], { staffIdByLogin: new Map() }),
  );
});
afterAll(async () => {
  await tdb?.close();
});

/** Each test corrupts the database inside a transaction it rolls back, so every test starts clean. */
class Rollback extends Error {}
async function corrupted(corrupt: (db: TestDatabase['ctx']['db']) => Promise<unknown>): Promise<string[]> {
  let found: string[] = [];
  await tdb.ctx.db
    .transaction()
    .execute(async (tx) => {
      await corrupt(tx as unknown as TestDatabase['ctx']['db']);
      found = await checkInvariants(tx);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
  return found;
}

describe('checkInvariants', () => {
  beforeEach(async () => {
    expect(await checkInvariants(tdb.ctx.db)).toEqual([]);
  });

  it('holds on a database the services wrote', async () => {
    const count = await tdb.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(7);
  });

  it('reports a status edited by hand', async () => {
    const found = await corrupted((db) => db.updateTable('cases').set({ status: 'closed' }).where('id', '=', ids.queued!).execute());
    expect(found.join('\n')).toMatch(/case differs from its events: case \d{4}\.\d{6} .*status is "closed", its events say "queued"/);
  });

  it('reports a lane, investigator or outcome that its events do not explain', async () => {
    const found = await corrupted(async (db) => {
      await db.updateTable('cases').set({ lane_ob: true }).where('id', '=', ids.received!).execute();
      await db.updateTable('cases').set({ investigator_id: null, outcome_id: 'KEN' }).where('id', '=', ids.closed!).execute();
    });
    const text = found.join('\n');
    expect(text).toContain('lane_ob is true, its events say false');
    expect(text).toMatch(/investigator_id is null, its events say "[0-9a-f-]{36}"/);
    expect(text).toContain('outcome_id is "KEN", its events say "intervention"');
  });

  it('reports a lost event through the version and the replay', async () => {
    const found = await corrupted((db) =>
      db.deleteFrom('case_events').where('case_id', '=', ids.closed!).where('type', '=', 'closed').execute(),
    );
    const text = found.join('\n');
    expect(text).toContain('status is "closed", its events say "in_progress"');
    expect(text).toMatch(/version is 6, its events say 5/);
  });

  it('reports a case without its registered event', async () => {
    const found = await corrupted((db) =>
      db.deleteFrom('case_events').where('case_id', '=', ids.received!).where('type', '=', 'registered').execute(),
    );
    expect(found.join('\n')).toMatch(/case without registration: case \d{4}\.\d{6} .* has no 'registered' event/);
  });

  it('reports a second registration', async () => {
    const found = await corrupted((db) =>
      sql`insert into case_events (case_id, type, at, payload) values (${ids.queued!}, 'registered', now(), '{}')`.execute(db),
    );
    expect(found.join('\n')).toMatch(/case registered twice: .* has 2 'registered' events/);
  });

  it('reports a duplicate dossier number once the unique constraint is gone', async () => {
    const found = await corrupted(async (db) => {
      await sql`alter table cases drop constraint cases_dossier_number_key`.execute(db);
      const number = await db.selectFrom('cases').select('dossier_number').where('id', '=', ids.queued!).executeTakeFirstOrThrow();
      await db.updateTable('cases').set({ dossier_number: number.dossier_number }).where('id', '=', ids.received!).execute();
    });
    expect(found.join('\n')).toMatch(/duplicate dossier number: \d{4}\.\d{6} is used by 2 cases/);
  });

  it('reports a half-written intake: a petitioner without a case, a key without a case', async () => {
    const found = await corrupted(async (db) => {
      await db.insertInto('petitioners').values({ name: 'Wees', email: null, phone: null, address: null }).execute();
      await db.insertInto('idempotency_keys').values({ scope: 'x', key: 'half', request_hash: 'h' }).execute();
    });
    const text = found.join('\n');
    expect(text).toMatch(/petitioner without a case: petitioner [0-9a-f-]{36} belongs to no case/);
    expect(text).toContain('idempotency key without a case: key half (scope x)');
  });

  it('caps the examples per kind and says how many more', async () => {
    const found = await corrupted(async (db) => {
      await db.insertInto('petitioners').values(Array.from({ length: MAX_EXAMPLES + 5 }, (_, i) => ({ name: `Wees ${i}`, email: null, phone: null, address: null }))).execute();
    });
    expect(found).toHaveLength(MAX_EXAMPLES + 1);
    expect(found.at(-1)).toBe('petitioner without a case: … and 5 more');
  });
});
