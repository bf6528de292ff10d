import { sql } from 'kysely';
import { addAttachmentIn } from '../cases/annotation.service.ts';
import type { HistoricCase, HistoricStep } from '../cases/case.history.ts';
import { insertHistoricCases } from '../cases/case.history.repository.ts';
import { insertEvents } from '../cases/case.repository.ts';
import { Random } from '../core/random.ts';
import type { Command } from '../core/lifecycle.ts';
import type { AppContext } from '../shared/context.ts';
import { createStaff } from '../testing/factories.ts';

/**
 * A small, seeded year of complaints for the retention tests: received from
 * January 2023, routed, assigned, contacted, closed; some closed straight from
 * the tray, some transferred, reopened and closed again, with aftercare; a
 * few still open. Every text of case i carries the token `zq{i}zq`, every
 * detail of its petitioner `pz{i}pz`, so a test can search the whole database
 * for them. Beside the events: notes, an attachment, a phone contact, a call,
 * mail and notices, and the cases that retention must hold (an open cluster,
 * an open callback, an unprinted letter, a late escalation, a petitioner with
 * a case still running).
 */
export const caseToken = (i: number) => `zq${i}zq`;
export const petitionerToken = (i: number) => `pz${i}pz`;

const DAY = 86_400_000;

export interface RetentionHistory {
  ids: string[];
  dossiers: string[];
  /** Indexes of cases with a special role. */
  special: { openCluster: number; closedCluster: number; openCallback: number; unprintedLetter: number; escalatedLate: number; sharedDue: number; sharedOpen: number; withExtras: number[] };
  adminId: string;
}

function historicCase(i: number, rng: Random, start: Date, logins: { coord: string; kb: Record<string, string>; ukb: string }): HistoricCase {
  const t = caseToken(i);
  const domainId = i % 2 === 0 ? 'inkomen' : 'leefomgeving';
  let at = new Date(start.getTime() + i * 3.5 * DAY + rng.int(8, 16) * 3_600_000);
  const receivedAt = at;
  const steps: HistoricStep[] = [];
  const step = (days: number, actor: string, command: Command) => {
    at = new Date(at.getTime() + days * DAY);
    steps.push({ at, actor, command });
  };
  const suggested = { domainId: i % 9 === 0 ? 'zorg-en-jeugd' : domainId, unitId: 'standard' };
  step(rng.int(0, 3), logins.coord, { type: 'route', domainId, unitId: 'standard', suggested });
  if (i % 7 === 0) step(0, logins.coord, { type: 'setLanes', lanes: { urgent: true } });
  if (i % 10 === 9) {
    step(rng.int(2, 8), logins.coord, { type: 'close', outcomeId: 'KEN', registration: { referredTo: `Gemeente ${t}` } });
  } else {
    let investigator = logins.kb[domainId]!;
    step(rng.int(10, 40), logins.coord, { type: 'assign', investigatorId: investigator, proposal: `Voorstel ${t}`, handlingType: 'intervention' });
    step(rng.int(1, 7), investigator, { type: 'recordFirstContact' });
    if (i % 13 === 0 && domainId === 'inkomen') {
      step(rng.int(3, 10), logins.coord, { type: 'transfer', unitId: 'extended', reason: `Complex ${t}` });
      investigator = logins.ukb;
      step(rng.int(3, 10), logins.coord, { type: 'assign', investigatorId: investigator, proposal: `Onderzoek ${t}`, handlingType: 'investigation' });
    }
    if (i % 17 === 5) return { ...base(), steps }; // still running
    step(rng.int(10, 60), investigator, { type: 'close', outcomeId: 'intervention', registration: { agreement: `Afspraak ${t}`, result: `Resultaat ${t}` } });
    if (i % 11 === 0) {
      step(rng.int(5, 15), investigator, { type: 'reopen', reason: `Heropend ${t}` });
      step(rng.int(10, 30), investigator, { type: 'close', outcomeId: 'advice', registration: { advice: `Advies ${t}` } });
    }
    if (i % 6 === 0) step(rng.int(5, 20), investigator, { type: 'aftercare', note: `Nazorg ${t}` });
  }
  return { ...base(), steps };

  function base(): HistoricCase {
    const p = petitionerToken(i);
    return {
      receivedAt, agency: i % 3 === 0 ? 'UWV' : 'Belastingdienst', subject: `Klacht ${t}`, description: `Ik ben ${t} niet goed behandeld.`,
      petitioner: { name: `Anna ${p}`, email: `anna.${p}@voorbeeld.nl`, phone: `06 ${p}`, address: `Dorpsstraat ${p}, 3511 AB Utrecht` },
      channel: i % 4 === 0 ? 'letter' : 'web', keywords: [], complex: false, registeredBy: logins.coord, suggested, steps: [],
    };
  }
}

export async function seedRetentionHistory(ctx: AppContext, count = 100, seed = 8): Promise<RetentionHistory> {
  const admin = await createStaff(ctx, { roles: ['admin'], domains: ['inkomen', 'leefomgeving'] });
  const coord = await createStaff(ctx, { roles: ['coordinator'], domains: ['inkomen', 'leefomgeving'] });
  const kbInkomen = await createStaff(ctx, { roles: ['investigator'], domains: ['inkomen'] });
  const kbLeef = await createStaff(ctx, { roles: ['investigator'], domains: ['leefomgeving'] });
  const ukb = await createStaff(ctx, { roles: ['investigator'], domains: ['inkomen'], unit: 'extended' });
  const staff = [admin, coord, kbInkomen, kbLeef, ukb];
  const logins = { coord: coord.login, kb: { inkomen: kbInkomen.login, leefomgeving: kbLeef.login }, ukb: ukb.login };
  const rng = new Random(seed);
  const cases = Array.from({ length: count }, (_, i) => historicCase(i, rng, new Date('2023-01-02T00:00:00Z'), logins));

  return ctx.db.transaction().execute(async (tx) => {
    await insertHistoricCases(tx, cases, { staffIdByLogin: new Map(staff.map((s) => [s.login, s.id])) });
    const rows = await tx.selectFrom('cases').select(['id', 'dossier_number', 'petitioner_id', 'closed_at', 'received_at']).orderBy('received_at').execute();
    const ids = rows.map((r) => r.id);
    const closedAt = (i: number) => rows[i]!.closed_at!;
    const before = (i: number) => new Date(closedAt(i).getTime() - DAY);
    // Early closings (well before the cutoff of the tests' "now") for the special roles.
    const special = { openCluster: 2, closedCluster: 4, openCallback: 8, unprintedLetter: 10, escalatedLate: 14, sharedDue: 16, sharedOpen: 5, withExtras: [20, 24, 26] };
    for (const [role, i] of Object.entries(special)) {
      if (role === 'sharedOpen' || role === 'withExtras') continue;
      if (!rows[i as number]!.closed_at) throw new Error(`fixture: case ${i} (${role}) should be closed`);
    }
    const t = (i: number) => caseToken(i);
    const p = (i: number) => petitionerToken(i);

    // Notes, an attachment, a phone contact, a call, a receipt by mail and a printed letter, all before closing.
    for (const i of special.withExtras) {
      const caseId = ids[i]!;
      await insertEvents(tx, [{ caseId, type: 'note_added', at: before(i), actorId: coord.id, payload: { text: `Notitie ${t(i)}`, kind: 'note' } }]);
      await addAttachmentIn(tx, caseId, { fileName: `brief-${t(i)}.pdf`, data: Buffer.from(`%PDF-1.4 brief van ${p(i)}`) }, { actorId: null, at: before(i) });
      await tx.insertInto('contacts').values({
        at: before(i), registered_by: coord.id, caller_name: `Anna ${p(i)}`, caller_phone: `06 ${p(i)}`, caller_email: `anna.${p(i)}@voorbeeld.nl`,
        summary: `Belde over ${t(i)}`, advice: `Advies ${t(i)}`, outcome: 'advised', case_id: caseId, linked_at: before(i), linked_by: coord.id,
      }).execute();
      await tx.insertInto('call_outcomes').values({ case_id: caseId, called_by: coord.id, called_at: before(i), reached: true, urgent: false, agency_approached: false, withdrawn: false, note: `Gesprek ${t(i)}` }).execute();
      const mail = await tx.insertInto('mail_outbox').values({
        kind: 'receipt', dedupe_key: `notice:${caseId}:receipt:0`, recipient: `anna.${p(i)}@voorbeeld.nl`, subject: `Ontvangen: ${t(i)}`,
        body_text: `Beste Anna ${p(i)}, wij ontvingen uw klacht ${t(i)}.`, body_html: `<p>Beste Anna ${p(i)}</p>`, next_attempt_at: null, sent_at: before(i), transport: 'outbox', delivery_ref: `${caseId}.eml`,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('case_notices').values({
        case_id: caseId, kind: 'receipt', seq: 0, channel: 'email', mail_id: mail.id, recipient: `anna.${p(i)}@voorbeeld.nl`,
        subject: `Ontvangen: ${t(i)}`, body: `Beste Anna ${p(i)}`, created_at: before(i),
      }).execute();
      await tx.insertInto('case_notices').values({
        case_id: caseId, kind: 'delay', seq: 0, channel: 'letter', recipient: `Anna ${p(i)}\nDorpsstraat ${p(i)}`, subject: `Uitstel ${t(i)}`,
        body: `Beste Anna ${p(i)}`, printed_at: before(i), created_at: before(i),
      }).execute();
    }

    const agency = await tx.selectFrom('agencies').select('id').limit(1).executeTakeFirstOrThrow();
    const cluster = async (i: number, closed: Date | null) => {
      const k = await tx.insertInto('clusters').values({ title: `Cluster ${i}`, agency_id: agency.id, created_by: coord.id, created_at: before(i), closed_at: closed }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('cluster_cases').values({ case_id: ids[i]!, cluster_id: k.id, added_by: coord.id, added_at: before(i) }).execute();
      await insertEvents(tx, [{ caseId: ids[i]!, type: 'clustered', at: before(i), actorId: coord.id, payload: { clusterId: k.id, title: `Cluster ${i}` } }]);
    };
    await cluster(special.openCluster, null);
    await cluster(special.closedCluster, closedAt(special.closedCluster));

    await tx.insertInto('contacts').values({
      at: before(special.openCallback), registered_by: coord.id, caller_name: `Anna ${p(special.openCallback)}`, summary: `Terugbellen ${t(special.openCallback)}`,
      outcome: 'callback', callback_domain_id: 'inkomen', callback_due_at: closedAt(special.openCallback), case_id: ids[special.openCallback]!,
      linked_at: before(special.openCallback), linked_by: coord.id,
    }).execute();
    await tx.insertInto('case_notices').values({
      case_id: ids[special.unprintedLetter]!, kind: 'delay', seq: 0, channel: 'letter', recipient: `Anna ${p(special.unprintedLetter)}`,
      subject: `Uitstel ${t(special.unprintedLetter)}`, body: 'Beste', created_at: before(special.unprintedLetter),
    }).execute();
    const escalation = await tx.insertInto('escalations').values({ title: 'Structureel probleem', description: 'Terugvorderingen', created_by: coord.id, created_at: new Date('2024-06-03T10:00:00Z') }).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('escalation_cases').values({ escalation_id: escalation.id, case_id: ids[special.escalatedLate]! }).execute();
    await insertEvents(tx, [{ caseId: ids[special.escalatedLate]!, type: 'escalated', at: new Date('2024-06-03T10:00:00Z'), actorId: coord.id, payload: { escalationId: escalation.id, title: 'Structureel probleem' } }]);

    // The same petitioner complained twice: one dossier is due, the other still runs.
    const shared = rows[special.sharedDue]!.petitioner_id;
    const orphan = rows[special.sharedOpen]!.petitioner_id;
    await tx.updateTable('cases').set({ petitioner_id: shared }).where('id', '=', ids[special.sharedOpen]!).execute();
    await tx.deleteFrom('petitioners').where('id', '=', orphan).execute();
    await sql`analyze`.execute(tx);
    return { ids, dossiers: rows.map((r) => r.dossier_number), special, adminId: admin.id };
  });
}
