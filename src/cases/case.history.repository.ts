import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import { replayHistory, type HistoricCase } from './case.history.ts';
import { nextDossierNumber } from './case.repository.ts';

/**
 * Writes cases from the past (demo history, imports) in batches: each case is
 * replayed through the state machine first, so its row and its events agree
 * with what live work would have written.
 */
const BATCH = 400;

export async function ensureAgencies(tx: Tx, names: Iterable<string>): Promise<Map<string, number>> {
  const unique = [...new Set([...names].map((n) => n.trim()))];
  for (let i = 0; i < unique.length; i += BATCH) {
    await tx
      .insertInto('agencies')
      .values(unique.slice(i, i + BATCH).map((name) => ({ name })))
      .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
      .execute();
  }
  const rows = await tx.selectFrom('agencies').select(['id', 'name']).execute();
  const byLower = new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
  return new Map(unique.map((n) => [n, byLower.get(n.toLowerCase())!]));
}

export async function insertHistoricCases(
  tx: Tx,
  cases: readonly HistoricCase[],
  options: { staffIdByLogin: ReadonlyMap<string, string>; onProgress?: (done: number) => void },
): Promise<number> {
  const staffId = (login: string | null) => {
    if (login === null) return null;
    const id = options.staffIdByLogin.get(login);
    if (!id) throw new Error(`unknown staff login ${login}`);
    return id;
  };
  const agencyIds = await ensureAgencies(tx, cases.map((c) => c.agency));
  for (let start = 0; start < cases.length; start += BATCH) {
    const batch = cases.slice(start, start + BATCH);
    const replayed = batch.map(replayHistory);
    const petitioners = await tx
      .insertInto('petitioners')
      .values(batch.map((c) => c.petitioner))
      .returning('id')
      .execute();
    const rows = await tx
      .insertInto('cases')
      .values(
        batch.map((c, i) => {
          const r = replayed[i]!;
          const s = r.state;
          return {
            dossier_number: c.dossierNumber ?? nextDossierNumber(c.receivedAt),
            petitioner_id: petitioners[i]!.id,
            agency_id: agencyIds.get(c.agency.trim())!,
            subject: c.subject,
            description: c.description,
            channel: c.channel,
            keywords: c.keywords,
            complex: c.complex,
            received_at: c.receivedAt,
            status: s.status,
            domain_id: s.domainId,
            unit_id: s.unitId,
            suggested_domain_id: c.suggested?.domainId ?? null,
            suggested_unit_id: c.suggested?.unitId ?? null,
            lane_urgent: s.lanes.urgent,
            lane_b: s.lanes.b,
            lane_pop: s.lanes.pop,
            lane_ob: s.lanes.ob,
            tray_rank: r.trayRank,
            investigator_id: staffId(s.investigatorId),
            proposal: r.handling?.proposal ?? null,
            handling_type: r.handling?.handlingType ?? null,
            outcome_id: s.outcomeId,
            queued_at: r.queuedAt,
            assigned_at: r.assignedAt,
            first_contact_at: r.firstContactAt,
            closed_at: r.closedAt,
            version: r.events.length,
          };
        }),
      )
      .returning('id')
      .execute();
    const events = replayed.flatMap((r, i) =>
      r.events.map((e) => ({
        case_id: rows[i]!.id,
        type: e.type,
        at: e.at,
        actor_id: staffId(e.actor),
        payload: JSON.stringify(withStaffIds(e.payload, staffId)),
      })),
    );
    for (let i = 0; i < events.length; i += BATCH * 2) {
      await tx.insertInto('case_events').values(events.slice(i, i + BATCH * 2)).execute();
    }
    options.onProgress?.(start + batch.length);
  }
  await advanceDossierSequence(tx, cases.map((c) => c.dossierNumber).filter((n): n is string => n !== undefined));
  return cases.length;
}

/** Historic steps name investigators by login; events, like live ones, by staff id. */
function withStaffIds(payload: Record<string, unknown>, staffId: (login: string | null) => string | null) {
  const out = { ...payload };
  for (const key of ['investigatorId', 'previousInvestigatorId'] as const) {
    if (typeof out[key] === 'string') out[key] = staffId(out[key] as string);
  }
  return out;
}

/**
 * Imported numbers in Grip's own format (YYYY.NNNNNN) move the sequence past
 * them, so new intake never collides with an imported dossier.
 */
async function advanceDossierSequence(tx: Tx, numbers: readonly string[]): Promise<void> {
  const highest = Math.max(0, ...numbers.map((n) => /^\d{4}\.(\d{1,12})$/.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number));
  if (highest > 0) {
    await sql`select setval('dossier_number_seq', greatest(${highest}::bigint, (select last_value from dossier_number_seq)))`.execute(tx);
  }
}
