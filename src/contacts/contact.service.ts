import { can, type Actor } from '../auth/policy.ts';
import { findOrCreateAgency } from '../cases/case.repository.ts';
import type { Executor } from '../db/database.ts';
import { domainExists } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import { defaultCallbackDue } from './callback.due.ts';
import { candidateKeys, matchContacts, MATCH_WINDOW_DAYS, type ContactMatch, type Person } from './contact.match.ts';
import {
  findCaseDomain, findContact, insertContact, listContacts, listContactsOfCase, listLinkCandidates, listOpenCallbacks, lockContact, updateContact,
  type ContactBrief, type ContactScope, type ContactWithAgency,
} from './contact.repository.ts';
import type { CallbackDone, ContactQuery, ContactView, LinkContact, RegisterContact } from './contact.schema.ts';

/**
 * Phone contacts of the front office and callback requests (TBV). A contact is
 * not a dossier and a TBV is not a case: they live apart from cases, so the
 * tray and production never see them. A written complaint that follows a call
 * is linked to the contact, not registered as a second contact.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toContactView(row: ContactWithAgency, now: Date): ContactView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    registeredBy: row.registered_by,
    caller: { name: row.caller_name, phone: row.caller_phone, email: row.caller_email },
    agency: row.agency_id !== null && row.agency_name !== null ? { id: row.agency_id, name: row.agency_name } : null,
    domain: row.domain_id,
    summary: row.summary,
    advice: row.advice,
    outcome: row.outcome,
    callback: row.callback_domain_id !== null && row.callback_due_at !== null
      ? {
        domain: row.callback_domain_id,
        dueAt: row.callback_due_at.toISOString(),
        overdue: row.callback_done_at === null && row.callback_due_at < now,
        doneAt: iso(row.callback_done_at),
        doneBy: row.callback_done_by,
        result: row.callback_result,
      }
      : null,
    caseId: row.case_id,
    linkedAt: iso(row.linked_at),
  };
}

/**
 * Which contacts a reader sees (callers' names, phone numbers and addresses:
 * personal data only where it is needed, DOMAIN.md; the README's "Who sees
 * what"): the contacts about one of their domains or whose callback request
 * goes to one, those they registered, and — for who takes calls
 * (contacts.register) — the calls about no domain. Admins see all.
 */
export function contactScopeOf(actor: Actor): ContactScope | undefined {
  if (actor.roles.includes('admin')) return undefined;
  return { domains: actor.domains, registeredBy: actor.id, withoutDomain: can(actor, 'contacts.register') };
}

/** A contact, unscoped: for answers to someone who just acted on it. */
async function getContact(ctx: AppContext, id: string, db: Executor = ctx.db): Promise<ContactView> {
  const row = await findContact(db, id);
  if (!row) throw notFound('Contact', id);
  return toContactView(row, ctx.clock());
}

/** A contact as the reader may see it: one outside their scope is as absent as a missing one (no probing for callers). */
export async function getContactForActor(ctx: AppContext, actor: Actor, id: string): Promise<ContactView> {
  const row = await findContact(ctx.db, id, contactScopeOf(actor));
  if (!row) throw notFound('Contact', id);
  return toContactView(row, ctx.clock());
}

async function requireDomain(db: Executor, domainId: string, field: string): Promise<void> {
  if (!(await domainExists(db, domainId))) throw invalidField(field, `unknown domain ${domainId}`, `Onbekend domein ${domainId}`);
}

/** What a call must carry, by outcome: personal data only where it is needed (DOMAIN.md, "Registration burden"). */
function checkRegistration(input: RegisterContact, at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + 60_000) throw invalidField('at', 'lies in the future', 'Dit tijdstip ligt in de toekomst');
  if (at.getUTCFullYear() < 1990) throw invalidField('at', 'lies before 1990', 'Dit tijdstip ligt vóór 1990');
  if (input.outcome === 'advised' && input.advice === undefined) {
    throw invalidField('advice', 'required when the outcome is advised', 'Vul het gegeven advies in.');
  }
  if (input.outcome !== 'callback') {
    for (const field of ['callbackDomain', 'callbackDueAt'] as const) {
      if (input[field] !== undefined) throw invalidField(field, 'only for a callback request', 'Alleen bij een terugbelverzoek.');
    }
    return;
  }
  if (input.caller.name === undefined) {
    throw invalidField('caller.name', 'required for a callback request', 'Vul de naam in van wie teruggebeld wil worden.');
  }
  if (input.caller.phone === undefined) {
    throw invalidField('caller.phone', 'required for a callback request', 'Vul het telefoonnummer in om op terug te bellen.');
  }
  if (input.callbackDomain === undefined && input.domain === undefined) {
    throw invalidField('callbackDomain', 'required for a callback request (or give domain)', 'Kies het domein dat terugbelt.');
  }
  if (input.callbackDueAt !== undefined && input.callbackDueAt < at) {
    throw invalidField('callbackDueAt', 'lies before the call', 'Dit tijdstip ligt vóór het gesprek.');
  }
}

/**
 * Registers a call; with outcome `callback` it is a callback request for a
 * domain, due by a time. Anyone who registers calls (a coordinator too) may
 * make a callback request for any domain, not only their own: the caller
 * rang the wrong number or asks about something of another domain, and the
 * TBV is how the call reaches the domain that knows (DOMAIN.md, "Phone
 * channel"). It only puts a request on that domain's list; acting on it
 * (markCallbackDone) is for that domain or the front office.
 */
export async function registerContact(ctx: AppContext, actor: Actor, input: RegisterContact): Promise<ContactView> {
  const now = ctx.clock();
  const at = input.at ?? now;
  checkRegistration(input, at, now);
  const callback = input.outcome === 'callback';
  const callbackDomain = callback ? (input.callbackDomain ?? input.domain)! : null;
  const id = await ctx.db.transaction().execute(async (tx) => {
    if (input.domain !== undefined) await requireDomain(tx, input.domain, 'domain');
    if (input.callbackDomain !== undefined) await requireDomain(tx, input.callbackDomain, 'callbackDomain');
    const agency = input.agency === undefined ? null : await findOrCreateAgency(tx, input.agency);
    return insertContact(tx, {
      at,
      registered_by: actor.id,
      caller_name: input.caller.name ?? null,
      caller_phone: input.caller.phone ?? null,
      caller_email: input.caller.email ?? null,
      agency_id: agency?.id ?? null,
      domain_id: input.domain ?? null,
      summary: input.summary,
      advice: input.advice ?? null,
      outcome: input.outcome,
      callback_domain_id: callbackDomain,
      callback_due_at: callback ? (input.callbackDueAt ?? defaultCallbackDue(at)) : null,
      callback_done_at: null,
      callback_done_by: null,
      callback_result: null,
      case_id: null,
      linked_at: null,
      linked_by: null,
    });
  });
  return getContact(ctx, id);
}

/** Cursors name their list, so one from the other list is refused rather than misread. */
const CURSOR_KIND = { open: 'due', all: 'at' } as const;

/** A page of contacts within the reader's scope; asking for a domain outside it gives an empty page. */
export async function listContactsPage(ctx: AppContext, actor: Actor, q: ContactQuery): Promise<{ items: ContactView[]; nextCursor: string | null }> {
  const kind = q.openCallbacks ? CURSOR_KIND.open : CURSOR_KIND.all;
  let after: { at: Date; id: string } | undefined;
  if (q.cursor !== undefined) {
    const [k, at, id] = decodeCursor(q.cursor, 3);
    if (k !== kind) throw invalidField('query.cursor', 'not a cursor from this list');
    after = { at: new Date(String(at)), id: String(id) };
  }
  const query = { domain: q.domain, scope: contactScopeOf(actor), limit: q.limit, after };
  const rows = q.openCallbacks ? await listOpenCallbacks(ctx.db, query) : await listContacts(ctx.db, query);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const now = ctx.clock();
  const key = (r: ContactWithAgency) => (q.openCallbacks ? r.callback_due_at! : r.at).toISOString();
  return {
    items: page.map((r) => toContactView(r, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([kind, key(last), last.id]) : null,
  };
}

/** One acts for a contact's domain when it is one of one's own (front office serves the domains it holds; admins all). */
function mayActFor(actor: Actor, domainId: string | null): boolean {
  return actor.roles.includes('admin') || domainId === null || actor.domains.includes(domainId);
}

/** Marks a callback request done, once: a second time is a conflict, so a result is never overwritten. */
export async function markCallbackDone(ctx: AppContext, actor: Actor, id: string, input: CallbackDone): Promise<ContactView> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockContact(tx, id);
    // The answer holds the caller: only for someone who may see the contact.
    if (!row || !(await findContact(tx, id, contactScopeOf(actor)))) throw notFound('Contact', id);
    if (row.outcome !== 'callback') throw new AppError('transition_forbidden', `Contact ${id} is not a callback request`);
    if (!mayActFor(actor, row.callback_domain_id)) {
      throw new AppError('forbidden', `${actor.login} does not act in domain ${row.callback_domain_id}`);
    }
    if (row.callback_done_at !== null) {
      throw new AppError('transition_forbidden', `The callback request was already done at ${row.callback_done_at.toISOString()}`, {
        doneAt: row.callback_done_at.toISOString(), doneBy: row.callback_done_by,
      });
    }
    await updateContact(tx, id, { callback_done_at: ctx.clock(), callback_done_by: actor.id, callback_result: input.result });
  });
  return getContact(ctx, id);
}

/**
 * Links the written case that followed the call. Linking to the same case again
 * changes nothing; to another case is a conflict (the first link stays). The
 * case must be one the actor acts on: in one of their domains (or the domain
 * it is suggested for while not routed yet), so a coordinator cannot attach
 * callers to another domain's dossiers.
 */
export async function linkContact(ctx: AppContext, actor: Actor, id: string, input: LinkContact): Promise<ContactView> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await lockContact(tx, id);
    // Linking answers the contact with its caller: only for someone who may see it.
    if (!row || !(await findContact(tx, id, contactScopeOf(actor)))) throw notFound('Contact', id);
    const target = await findCaseDomain(tx, input.caseId);
    if (!target) throw invalidField('caseId', 'no case with this id', 'Er is geen dossier met dit id.', 'unprocessable');
    if (!mayActFor(actor, target.domainId)) {
      throw invalidField('caseId', `the case is in domain ${target.domainId}, where ${actor.login} does not act`,
        'Dit dossier hoort bij een domein waarin u niet werkt: u kunt er geen telefoongesprek aan koppelen.', 'forbidden');
    }
    if (row.case_id === input.caseId) return;
    if (row.case_id !== null) {
      throw new AppError('duplicate', `Contact ${id} is already linked to case ${row.case_id}`, { caseId: row.case_id });
    }
    await updateContact(tx, id, { case_id: input.caseId, linked_at: ctx.clock(), linked_by: actor.id });
  });
  return getContact(ctx, id);
}

/** At most this many suggestions to link: more would be no suggestion. */
export const MAX_LINK_SUGGESTIONS = 20;
/** Candidates read per case: the query narrows by keys that admit a superset, matchContacts decides. */
const LINK_CANDIDATES = 100;

/**
 * A written case's phone contacts as one reader may see them: those linked to
 * it, and the petitioner's earlier unlinked contacts to link (the best
 * matches first). The reader's scope is part of the queries, so the limits
 * count only contacts they may see: a coordinator's own callers are never
 * crowded out by other domains' callers they would not be shown anyway.
 */
export async function caseContactsFor(
  ctx: AppContext, actor: Actor, c: { id: string; receivedAt: string | Date; petitioner: Omit<Person, 'agency'>; agency: { name: string } },
): Promise<{ linked: ContactBrief[]; suggested: ContactMatch<ContactBrief>[] }> {
  const scope = contactScopeOf(actor);
  const person: Person = { name: c.petitioner.name, phone: c.petitioner.phone, email: c.petitioner.email, agency: c.agency.name };
  const receivedAt = new Date(c.receivedAt);
  const since = new Date(receivedAt.getTime() - MATCH_WINDOW_DAYS * 86_400_000);
  const [linked, candidates] = await Promise.all([
    listContactsOfCase(ctx.db, c.id, scope),
    listLinkCandidates(ctx.db, { since, keys: candidateKeys(person), limit: LINK_CANDIDATES, scope }),
  ]);
  return { linked, suggested: matchContacts(person, candidates, receivedAt).slice(0, MAX_LINK_SUGGESTIONS) };
}
