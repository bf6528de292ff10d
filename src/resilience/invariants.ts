import { sql } from 'kysely';
import { trayRank } from '../core/lanes.ts';
import { EVENT_OF } from '../core/lifecycle.ts';
import { applyEvent, EMPTY, type ReplayState, type StoredEvent } from '../core/replay.ts';
import type { Executor } from '../db/database.ts';

/**
 * What must hold in any database Grip wrote, whatever happened to the process
 * that wrote it (a SIGKILL mid-transaction, a fuzzer's hostile input): events
 * are the truth, so every case row equals the replay of its events; one
 * registration per case; unique dossier numbers; no half-written intake.
 * Foreign keys already forbid events without a case; these are the relations
 * no constraint states. Answers readable violations, empty when all hold.
 */
export const MAX_EXAMPLES = 20;

/** Event types written by a lifecycle command: each one bumps the case's version. */
const VERSIONED = new Set<string>(['registered', ...Object.values(EVENT_OF)]);

interface CaseFacts {
  id: string;
  dossier_number: string;
  status: string;
  domain_id: string | null;
  unit_id: string | null;
  investigator_id: string | null;
  lane_urgent: boolean;
  lane_b: boolean;
  lane_pop: boolean;
  lane_ob: boolean;
  tray_rank: number;
  outcome_id: string | null;
  received_at: Date;
  closed_at: Date | null;
  version: number;
}

interface EventFacts {
  id: string;
  case_id: string;
  type: string;
  at: Date;
  payload: Record<string, unknown>;
}

/** The replay's state plus the outcome, which the dashboards' replay has no need for. */
interface Replayed extends ReplayState {
  outcomeId: string | null;
  registered: number;
  firstType: string | null;
  registeredAt: Date | null;
  versioned: number;
}

export function replayCase(events: readonly StoredEvent[]): Replayed {
  let s: ReplayState = EMPTY;
  let outcomeId: string | null = null;
  let registered = 0;
  let registeredAt: Date | null = null;
  let versioned = 0;
  for (const e of events) {
    s = applyEvent(s, e);
    if (e.type === 'closed') outcomeId = typeof e.payload.outcomeId === 'string' ? e.payload.outcomeId : null;
    if (e.type === 'reopened') outcomeId = null;
    if (e.type === 'registered') {
      registered += 1;
      registeredAt ??= e.at;
    }
    if (VERSIONED.has(e.type)) versioned += 1;
  }
  return { ...s, outcomeId, registered, registeredAt, versioned, firstType: events[0]?.type ?? null };
}

/** Compares a stored case with the replay of its events; answers one line per differing field. */
export function compareCase(row: CaseFacts, r: Replayed): string[] {
  const out: string[] = [];
  const diff = (field: string, stored: unknown, replayed: unknown) => {
    if (stored !== replayed) out.push(`${field} is ${JSON.stringify(stored)}, its events say ${JSON.stringify(replayed)}`);
  };
  diff('status', row.status, r.status);
  diff('domain_id', row.domain_id, r.domainId);
  diff('unit_id', row.unit_id, r.unitId);
  diff('investigator_id', row.investigator_id, r.investigatorId);
  diff('lane_urgent', row.lane_urgent, r.lanes.urgent);
  diff('lane_b', row.lane_b, r.lanes.b);
  diff('lane_pop', row.lane_pop, r.lanes.pop);
  diff('lane_ob', row.lane_ob, r.lanes.ob);
  diff('tray_rank', row.tray_rank, trayRank(r.lanes));
  diff('outcome_id', row.outcome_id, r.outcomeId);
  diff('version', row.version, r.versioned);
  if (r.registeredAt && row.received_at.getTime() !== r.registeredAt.getTime()) {
    out.push(`received_at is ${row.received_at.toISOString()}, its registration says ${r.registeredAt.toISOString()}`);
  }
  if ((row.status === 'closed') !== (row.closed_at !== null)) {
    out.push(`status is ${row.status} but closed_at is ${row.closed_at ? row.closed_at.toISOString() : 'empty'}`);
  }
  return out;
}

class Violations {
  private readonly kinds = new Map<string, { examples: string[]; count: number }>();
  add(kind: string, example: string): void {
    let k = this.kinds.get(kind);
    if (!k) this.kinds.set(kind, (k = { examples: [], count: 0 }));
    k.count += 1;
    if (k.examples.length < MAX_EXAMPLES) k.examples.push(`${kind}: ${example}`);
  }
  list(): string[] {
    return [...this.kinds.entries()].flatMap(([kind, k]) =>
      k.count > k.examples.length ? [...k.examples, `${kind}: … and ${k.count - k.examples.length} more`] : k.examples,
    );
  }
}

const PAGE = 2000;

export async function checkInvariants(db: Executor): Promise<string[]> {
  const v = new Violations();

  const duplicates = await sql<{ dossier_number: string; n: string }>`
    select dossier_number, count(*) as n from cases group by dossier_number having count(*) > 1 order by dossier_number`.execute(db);
  for (const d of duplicates.rows) v.add('duplicate dossier number', `${d.dossier_number} is used by ${d.n} cases`);

  const orphans = await sql<{ id: string; name: string }>`
    select p.id, p.name from petitioners p where not exists (select 1 from cases c where c.petitioner_id = p.id) order by p.id`.execute(db);
  for (const p of orphans.rows) v.add('petitioner without a case', `petitioner ${p.id} belongs to no case (a half-written intake)`);

  const keys = await sql<{ scope: string; key: string }>`
    select scope, key from idempotency_keys where case_id is null order by scope, key`.execute(db);
  for (const k of keys.rows) v.add('idempotency key without a case', `key ${k.key} (scope ${k.scope}) was claimed but names no case`);

  // Cases page by page (keyset on id), each with its events in the order they were written.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await db
      .selectFrom('cases')
      .select([
        'id', 'dossier_number', 'status', 'domain_id', 'unit_id', 'investigator_id', 'lane_urgent', 'lane_b', 'lane_pop', 'lane_ob',
        'tray_rank', 'outcome_id', 'received_at', 'closed_at', 'version',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()) as CaseFacts[];
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const events = (await db
      .selectFrom('case_events')
      .select(['id', 'case_id', 'type', 'at', 'payload'])
      .where('case_id', 'in', rows.map((r) => r.id))
      .orderBy('case_id')
      .orderBy(sql`id::bigint`)
      .execute()) as EventFacts[];
    const byCase = new Map<string, EventFacts[]>();
    for (const e of events) {
      let list = byCase.get(e.case_id);
      if (!list) byCase.set(e.case_id, (list = []));
      list.push(e);
    }
    for (const row of rows) {
      const r = replayCase(byCase.get(row.id) ?? []);
      const name = `case ${row.dossier_number} (${row.id})`;
      if (r.registered === 0) v.add('case without registration', `${name} has no 'registered' event`);
      else if (r.registered > 1) v.add('case registered twice', `${name} has ${r.registered} 'registered' events`);
      else if (r.firstType !== 'registered') v.add('event before registration', `${name} starts with a '${r.firstType}' event`);
      for (const d of compareCase(row, r)) v.add('case differs from its events', `${name}: ${d}`);
    }
    if (rows.length < PAGE) break;
  }
  return v.list();
}
