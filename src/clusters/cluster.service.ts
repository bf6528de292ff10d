import { z } from 'zod';
import { noNul, text } from '../shared/text.ts';
import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { insertEvents } from '../cases/case.repository.ts';
import { applyCaseCommandIn } from '../cases/case.transitions.ts';
import type { Tx } from '../db/database.ts';
import { queueMail } from '../mail/mail.service.ts';
import { insertNotice, setNoticeMail } from '../notices/notice.repository.ts';
import { channelOf, recipientOf } from '../notices/notice.service.ts';
import { renderTemplate, templateValues, unknownPlaceholders } from '../notices/template.ts';
import { findOutcome, findStaff } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import {
  caseState, casesToJoin, clusterMembers, deleteMember, findCluster, insertCluster, insertMembers, listClusters, markClosed, setHandler,
  unclusteredWaiting,
} from './cluster.repository.ts';
import { suggestClusters, suggestForCluster } from './similarity.ts';

/**
 * Clusters (DOMAIN.md, "Lanes and markers"): Grip suggests groups of similar
 * complaints about the same agency waiting in the trays; a coordinator
 * confirms one, gives it a handler (normally at the extended unit) and, when
 * the one investigation is done, closes it. Every complaint stays its own
 * case: its petitioner gets their own reaction and closing, and production
 * counts the cluster once per petitioner closed — a petitioner with two
 * complaints in one cluster gets one reaction, and their second case closes
 * as the same one (`samePetitionerAs`), which production does not count again.
 */


export const ZConfirmCluster = z.strictObject({ title: text(200), caseIds: z.array(z.uuid()).min(2).max(200) });
export const ZAddToCluster = z.strictObject({ caseId: z.uuid() });
export const ZClusterHandler = z.strictObject({ investigatorId: z.uuid() });
export const ZCloseCluster = z.strictObject({
  outcome: z.string().min(1).max(60),
  registration: z.record(z.string().max(60), z.string().trim().max(4000).refine(noNul)).default({}),
  subject: text(200).regex(/^[^\r\n]*$/, 'Het onderwerp past op één regel.'),
  reaction: text(10_000),
});

const textOf = (c: { subject: string; description: string }) => `${c.subject}\n${c.description}`;

/**
 * What a coordinator is offered: new clusters among the waiting complaints of
 * their domains, with their dossiers and shared words; the largest and most
 * alike first.
 */
export async function clusterSuggestions(ctx: AppContext, actor?: Actor) {
  const waiting = (await unclusteredWaiting(ctx.db)).filter((c) => !actor || mayActInDomain(actor, c.domain_id));
  const byId = new Map(waiting.map((c) => [c.id, c]));
  return suggestClusters(waiting.map((c) => ({ id: c.id, agency: c.agency, text: textOf(c) })))
    .map((s) => ({ ...s, cases: s.members.map((id) => byId.get(id)!) }))
    .sort((a, b) => b.members.length - a.members.length || b.score - a.score);
}

/** For an open cluster: the waiting complaints (not in a cluster) that fit it, best first. */
export async function laterComplaintsFor(ctx: AppContext, actor: Actor, clusterId: string) {
  const cluster = await visibleCluster(ctx.db, actor, clusterId);
  const [members, all] = await Promise.all([clusterMembers(ctx.db, clusterId), unclusteredWaiting(ctx.db)]);
  const waiting = all.filter((c) => c.agency === cluster.agency && mayActInDomain(actor, c.domain_id));
  const existing = [{ id: clusterId, agency: cluster.agency, memberTexts: members.map(textOf) }];
  const background = waiting.map((c) => ({ agency: c.agency, text: textOf(c) }));
  return waiting
    .map((c) => ({ c, match: suggestForCluster({ agency: c.agency, text: textOf(c) }, existing, { background }) }))
    .filter((x) => x.match !== null)
    .sort((a, b) => b.match!.score - a.match!.score)
    .map((x) => ({ ...x.c, score: x.match!.score }));
}

/** A cluster is for who acts in every domain of its complaints (its members' names are personal data). */
const visibleTo = (actor: Actor, cluster: { domains: string[] | null }) => (cluster.domains ?? []).every((d) => mayActInDomain(actor, d));

export async function clusters(ctx: AppContext, actor: Actor) {
  return (await listClusters(ctx.db)).filter((k) => visibleTo(actor, k));
}

/** One cluster, for who may see it (anyone else: as absent as a missing one). */
async function visibleCluster(db: Tx | AppContext['db'], actor: Actor, clusterId: string) {
  const cluster = await findCluster(db, clusterId);
  if (!cluster || !visibleTo(actor, cluster)) throw notFound('Cluster', clusterId);
  return cluster;
}

export async function clusterDetail(ctx: AppContext, actor: Actor, clusterId: string) {
  const cluster = await visibleCluster(ctx.db, actor, clusterId);
  return { cluster, members: await clusterMembers(ctx.db, clusterId) };
}

/** Complaints that no longer wait for the cluster's work: closed already, or handed to research. */
const isDone = (m: { status: string }) => m.status === 'closed' || m.status === 'transferred';

function requireManager(actor: Actor): void {
  if (!can(actor, 'clusters.manage')) throw new AppError('forbidden', `${actor.login} may not manage clusters`);
}

/** Complaints that may join a cluster: waiting in a tray, of the actor's domains, about one agency. */
async function checkJoining(tx: Tx, actor: Actor, caseIds: readonly string[], agencyId?: number): Promise<{ agencyId: number }> {
  const rows = await casesToJoin(tx, caseIds);
  if (rows.length !== new Set(caseIds).size) throw invalidField('caseIds', 'unknown case', 'Een van de zaken bestaat niet.');
  for (const r of rows) {
    if (r.status !== 'queued') throw invalidField('caseIds', `case ${r.dossier_number} does not wait in a tray`, `Zaak ${r.dossier_number} wacht niet (meer) in de bak.`);
    if (!mayActInDomain(actor, r.domain_id)) throw new AppError('forbidden', `Case ${r.dossier_number} is not in ${actor.login}'s domains`);
  }
  const agencies = new Set(rows.map((r) => r.agency_id));
  if (agencies.size > 1 || (agencyId !== undefined && !agencies.has(agencyId))) {
    throw invalidField('caseIds', 'the complaints concern different agencies', 'Een cluster gaat over één instantie: deze klachten gaan over verschillende instanties.');
  }
  return { agencyId: rows[0]!.agency_id };
}

/** Confirms a cluster: its complaints join it, each with a 'clustered' event in its history. All or nothing. */
export async function confirmCluster(ctx: AppContext, actor: Actor, input: z.output<typeof ZConfirmCluster>): Promise<string> {
  requireManager(actor);
  const caseIds = [...new Set(input.caseIds)];
  return ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock();
    const { agencyId } = await checkJoining(tx, actor, caseIds);
    const id = await insertCluster(tx, { title: input.title, agencyId, createdBy: actor.id, at });
    const taken = await insertMembers(tx, id, caseIds, actor.id, at);
    if (taken.length) throw invalidField('caseIds', 'a complaint is in another cluster already', 'Een van de klachten zit al in een ander cluster.');
    await insertEvents(tx, caseIds.map((caseId) => ({ caseId, type: 'clustered', at, actorId: actor.id, payload: { clusterId: id, title: input.title } })));
    return id;
  });
}

/** A cluster still open, for who may act on it. */
async function openCluster(tx: Tx, actor: Actor, clusterId: string) {
  const cluster = await visibleCluster(tx, actor, clusterId);
  if (cluster.closed_at) throw new AppError('transition_forbidden', 'The cluster is closed', { errors: [{ field: '_form', message: 'closed', nl: 'Dit cluster is al afgesloten.' }] });
  return cluster;
}

/** Takes a complaint out of an open cluster (it was not alike after all); it keeps its investigator, if any. */
export async function removeFromCluster(ctx: AppContext, actor: Actor, clusterId: string, input: z.output<typeof ZAddToCluster>): Promise<void> {
  requireManager(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const cluster = await openCluster(tx, actor, clusterId);
    if (!(await deleteMember(tx, clusterId, input.caseId))) throw invalidField('caseId', 'not in this cluster', 'Deze klacht zit niet in dit cluster.');
    await insertEvents(tx, [{ caseId: input.caseId, type: 'unclustered', at: ctx.clock(), actorId: actor.id, payload: { clusterId, title: cluster.title } }]);
  });
}

/** Hands the member cases to the handler: moved to the handler's unit where needed, and assigned. */
async function handOver(tx: Tx, actor: Actor, cluster: { id: string; title: string }, handler: { id: string; unit_id: string }, caseIds: readonly string[], at: Date) {
  for (const caseId of caseIds) {
    const c = await caseState(tx, caseId);
    if (isDone(c) || c.investigator_id === handler.id) continue;
    if (c.unit_id !== handler.unit_id) {
      await applyCaseCommandIn(tx, actor, caseId, { type: 'transfer', unitId: handler.unit_id as 'standard' | 'extended', reason: `Cluster: ${cluster.title}` }, { at });
    }
    await applyCaseCommandIn(tx, actor, caseId, { type: 'assign', investigatorId: handler.id, proposal: `Clusteronderzoek: ${cluster.title}`, handlingType: 'investigation' }, { at });
  }
}

async function checkHandler(tx: Tx, investigatorId: string, domains: readonly (string | null)[]) {
  const person = await findStaff(tx, investigatorId);
  if (!person || !person.active || !person.roles.includes('investigator')) {
    throw invalidField('investigatorId', 'not an active investigator', 'Kies een actieve klachtonderzoeker.', 'unprocessable');
  }
  const missing = domains.find((d) => d !== null && !person.domains.includes(d));
  if (missing) throw invalidField('investigatorId', `${person.name} does not work in domain ${missing}`, `${person.name} werkt niet in domein ${missing}.`, 'unprocessable');
  return { id: person.id, unit_id: person.unit_id ?? 'standard' };
}

/** Gives the cluster its handler; every open complaint in it is assigned to them. */
export async function assignClusterHandler(ctx: AppContext, actor: Actor, clusterId: string, input: z.output<typeof ZClusterHandler>): Promise<void> {
  requireManager(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock();
    const cluster = await openCluster(tx, actor, clusterId);
    const members = (await clusterMembers(tx, clusterId)).filter((m) => !isDone(m));
    const handler = await checkHandler(tx, input.investigatorId, members.map((m) => m.domain_id));
    await setHandler(tx, clusterId, handler.id);
    await handOver(tx, actor, cluster, handler, members.map((m) => m.id), at);
  });
}

/** A complaint that arrived later joins the cluster (and its handler, if it has one). */
export async function addToCluster(ctx: AppContext, actor: Actor, clusterId: string, input: z.output<typeof ZAddToCluster>): Promise<void> {
  requireManager(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock();
    const cluster = await openCluster(tx, actor, clusterId);
    await checkJoining(tx, actor, [input.caseId], cluster.agency_id);
    const taken = await insertMembers(tx, clusterId, [input.caseId], actor.id, at);
    if (taken.length) throw invalidField('caseId', 'in another cluster already', 'Deze klacht zit al in een ander cluster.');
    await insertEvents(tx, [{ caseId: input.caseId, type: 'clustered', at, actorId: actor.id, payload: { clusterId, title: cluster.title } }]);
    if (cluster.handler_id) {
      const handler = await checkHandler(tx, cluster.handler_id, [(await caseState(tx, input.caseId)).domain_id]);
      await handOver(tx, actor, cluster, handler, [input.caseId], at);
    }
  });
}

/** Who a petitioner is, across their complaints: the e-mail address, else name and address. */
const petitionerKey = (m: { name: string; email: string | null; address: string | null }) =>
  m.email ? `e:${m.email.trim().toLowerCase()}` : `n:${m.name.trim().toLowerCase().replace(/\s+/g, ' ')}|${(m.address ?? '').trim().toLowerCase().replace(/\s+/g, ' ')}`;

/**
 * Closes the cluster: every open complaint in it closes with the outcome, and
 * every petitioner gets one reaction (by e-mail, or a letter to print), all in
 * one transaction. The reaction is a text with the placeholders of the notices
 * ({{naam}}, {{dossiernummer}}, ...).
 */
export async function closeCluster(ctx: AppContext, actor: Actor, clusterId: string, input: z.output<typeof ZCloseCluster>): Promise<{ closed: number; reactions: number }> {
  requireManager(actor);
  const unknown = [...unknownPlaceholders(input.subject), ...unknownPlaceholders(input.reaction)];
  if (unknown.length) throw invalidField('reaction', `unknown placeholder ${unknown[0]}`, `Onbekende invulplek: {{${unknown[0]}}}.`);
  return ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock();
    const cluster = await openCluster(tx, actor, clusterId);
    if (!cluster.handler_id) throw invalidField('_form', 'the cluster has no handler', 'Geef het cluster eerst een behandelaar.', 'unprocessable');
    const outcome = await findOutcome(tx, input.outcome);
    if (!outcome) throw invalidField('outcome', `unknown outcome ${input.outcome}`, 'Kies een uitkomst.');
    const missing = outcome.profile.find((f) => f.required && !input.registration[f.key]?.trim());
    if (missing) throw invalidField(`registration.${missing.key}`, `${missing.label} is required`, 'Vul dit veld in.');
    const registration = Object.fromEntries(outcome.profile.filter((f) => input.registration[f.key]?.trim()).map((f) => [f.key, input.registration[f.key]!.trim()]));
    const members = (await clusterMembers(tx, clusterId)).filter((m) => !isDone(m));
    const first = new Map<string, (typeof members)[number]>();
    let reactions = 0;
    for (const m of members) {
      const key = petitionerKey(m);
      const same = first.get(key);
      const extra: Record<string, string> = same ? { samePetitionerAs: same.dossier_number } : {};
      await applyCaseCommandIn(tx, actor, m.id, { type: 'close', outcomeId: outcome.id, registration: { ...registration, ...extra } }, { at });
      if (same) continue;
      first.set(key, m);
      const message = renderTemplate({ subject: input.subject, body: input.reaction }, templateValues({
        name: m.name, dossierNumber: m.dossier_number, receivedAt: m.received_at, agency: m.agency, expected: null, waitingTimesUrl: '',
      }));
      const channel = channelOf(m);
      const noticeId = await insertNotice(tx, { caseId: m.id, kind: 'reaction', seq: 0, channel, expected: null, recipient: recipientOf(m, channel), subject: message.subject, body: message.body, createdAt: at });
      if (noticeId && channel === 'email') {
        // Linked to its notice, as receipts and delay notices are: the outbox shows it to who may read the case, retention scrubs it.
        const mail = await queueMail(tx, { kind: 'clusterReaction', dedupeKey: `cluster:${clusterId}:${m.id}`, recipient: m.email!, subject: message.subject, text: message.body }, at);
        if (mail.id) await setNoticeMail(tx, noticeId, mail.id);
      }
      if (noticeId && channel !== 'none') reactions += 1;
    }
    await markClosed(tx, clusterId, at);
    return { closed: members.length, reactions };
  });
}
