import { sql } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { Executor, Tx } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { invalidField, notFound } from '../shared/errors.ts';
import { daysBetween, dutchDay, suspendedDays, wooDeadline } from '../core/woo-clock.ts';
import { extractDocument } from './extract.ts';
import { findKnown, redactedStrings, requesterWords, shownKnown } from './anonymise.ts';
import { freezeOutputs } from './woo.output.ts';
import { documentsForOutput } from './woo.repository.ts';
import type { DocumentSource } from './woo.table.ts';
import type { RegisterRequest } from './woo.schema.ts';

/**
 * Commands on a Woo request. Each runs in one transaction that locks the
 * request, refuses once the decision is fixed, changes the state tables and
 * appends to woo_events (the record of what happened, by whom, when).
 */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const closed = () => invalidField('_form', 'The decision on this request is fixed: nothing can change any more',
  'Het besluit op dit verzoek is vastgesteld: er kan niets meer veranderen.', 'transition_forbidden');

export async function event(tx: Tx, requestId: string, actor: Actor, at: Date, type: string, payload: Record<string, unknown> = {}) {
  await tx.insertInto('woo_events').values({ request_id: requestId, type, at, actor_id: actor.id, payload: JSON.stringify(payload) }).execute();
}

/** Locks the request for the rest of the transaction; refuses a decided one unless asked not to. */
export async function lockRequest(tx: Tx, id: string, opts: { open?: boolean } = { open: true }) {
  const row = await tx.selectFrom('woo_requests').select(['id', 'number', 'extended_at', 'decided_at'])
    .select([sql<string>`to_char(received_on, 'YYYY-MM-DD')`.as('received')])
    .where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Woo request', id);
  if (opts.open !== false && row.decided_at !== null) throw closed();
  return row;
}

/** Runs a command on an open request: lock, work, bump its version. */
export async function onRequest<T>(ctx: AppContext, id: string, work: (tx: Tx, at: Date, row: Awaited<ReturnType<typeof lockRequest>>) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockRequest(tx, id);
    const result = await work(tx, ctx.clock(), row);
    await tx.updateTable('woo_requests').set({ version: sql`version + 1` }).where('id', '=', id).execute();
    return result;
  });
}

export async function registerRequest(ctx: AppContext, actor: Actor, input: RegisterRequest): Promise<{ id: string; number: string }> {
  const at = ctx.clock();
  if (input.receivedOn > dutchDay(at)) {
    throw invalidField('receivedOn', 'The day of receipt cannot be in the future', 'De datum van ontvangst kan niet in de toekomst liggen.');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('woo_requests').values({
      number: sql<string>`'WOO-' || ${input.receivedOn.slice(0, 4)} || '-' || lpad(nextval('woo_number_seq')::text, 4, '0')`,
      received_on: input.receivedOn,
      requester_name: input.requesterName,
      requester_email: input.requesterEmail ?? null,
      requester_address: input.requesterAddress ?? null,
      subject: input.subject,
      request_text: input.requestText,
      created_by: actor.id,
      created_at: at,
    }).returning(['id', 'number']).executeTakeFirstOrThrow();
    await event(tx, row.id, actor, at, 'registered', { number: row.number, receivedOn: input.receivedOn });
    return row;
  });
}

async function suspensionsOf(tx: Tx, requestId: string) {
  return tx.selectFrom('woo_suspensions')
    .select(['id', sql<string>`to_char(started_on, 'YYYY-MM-DD')`.as('startedOn'), sql<string | null>`to_char(ended_on, 'YYYY-MM-DD')`.as('endedOn')])
    .where('request_id', '=', requestId).orderBy('started_on').execute();
}

/** Extends the decision period once by two weeks, with a reason; only before the four weeks are up. */
export async function extendRequest(ctx: AppContext, actor: Actor, id: string, reason: string): Promise<void> {
  await onRequest(ctx, id, async (tx, at, row) => {
    if (row.extended_at !== null) {
      throw invalidField('reason', 'The period was extended already; the Woo allows it once', 'De termijn is al verdaagd; de Woo staat dat één keer toe.', 'transition_forbidden');
    }
    const today = dutchDay(at);
    const due = wooDeadline({ received: row.received, suspendedDays: suspendedDays(await suspensionsOf(tx, id), today) });
    if (today > due) {
      throw invalidField('reason', `The period ended on ${due}: it can only be extended before it ends`, `De beslistermijn is op ${due} verstreken: verdagen kan alleen vóór het einde van de termijn.`, 'transition_forbidden');
    }
    await tx.updateTable('woo_requests').set({ extended_at: at, extension_reason: reason }).where('id', '=', id).execute();
    await event(tx, id, actor, at, 'extended', { reason });
  });
}

/** The clock stops while a third party is asked for its view (art. 4.4 lid 3 Woo). */
export async function suspendRequest(ctx: AppContext, actor: Actor, id: string, input: { startedOn: string; thirdParty: string }): Promise<void> {
  await onRequest(ctx, id, async (tx, at, row) => {
    const list = await suspensionsOf(tx, id);
    if (list.some((s) => s.endedOn === null)) {
      throw invalidField('startedOn', 'The clock is suspended already', 'De termijn is al opgeschort.', 'transition_forbidden');
    }
    if (input.startedOn < row.received || input.startedOn > dutchDay(at)) {
      throw invalidField('startedOn', 'The suspension starts between the day of receipt and today', 'De opschorting begint tussen de dag van ontvangst en vandaag.');
    }
    const due = wooDeadline({ received: row.received, extended: row.extended_at !== null, suspendedDays: suspendedDays(list, input.startedOn) });
    if (input.startedOn > due) {
      throw invalidField('startedOn', `The period ended on ${due}: a suspension cannot start after it`, `De beslistermijn eindigde op ${due}: een opschorting kan niet later beginnen.`, 'transition_forbidden');
    }
    const last = list.at(-1);
    if (last?.endedOn && input.startedOn < last.endedOn) {
      throw invalidField('startedOn', `The previous suspension ended on ${last.endedOn}`, `De vorige opschorting eindigde op ${last.endedOn}; een nieuwe begint niet eerder.`);
    }
    await tx.insertInto('woo_suspensions').values({ request_id: id, started_on: input.startedOn, third_party: input.thirdParty }).execute();
    await event(tx, id, actor, at, 'suspended', input);
  });
}

export async function resumeRequest(ctx: AppContext, actor: Actor, id: string, input: { endedOn: string }): Promise<void> {
  await onRequest(ctx, id, async (tx, at) => {
    const open = (await suspensionsOf(tx, id)).find((s) => s.endedOn === null);
    if (!open) throw invalidField('endedOn', 'The clock is not suspended', 'De termijn is niet opgeschort.', 'transition_forbidden');
    if (input.endedOn < open.startedOn || input.endedOn > dutchDay(at)) {
      throw invalidField('endedOn', `The view came in between ${open.startedOn} and today`, `De zienswijze kwam binnen tussen ${open.startedOn} en vandaag.`);
    }
    await tx.updateTable('woo_suspensions').set({ ended_on: input.endedOn }).where('id', '=', open.id).execute();
    await event(tx, id, actor, at, 'resumed', { endedOn: input.endedOn, days: daysBetween(open.startedOn, input.endedOn) });
  });
}

interface NewDocument {
  source: DocumentSource;
  sourceRef: string | null;
  caseId: string | null;
  title: string;
  date: string | null;
  body: string;
  filename?: string | null;
  original?: Buffer | null;
  author?: string | null;
}

/** Adds documents at the end of the inventory (numbered on). Material already on this request is skipped. */
export async function insertDocuments(tx: Tx, requestId: string, actor: Actor, at: Date, docs: readonly NewDocument[]): Promise<number> {
  const { max } = await tx.selectFrom('woo_documents').select((eb) => eb.fn.coalesce(eb.fn.max('number'), sql<number>`0`).as('max'))
    .where('request_id', '=', requestId).executeTakeFirstOrThrow();
  let number = Number(max);
  let added = 0;
  for (const d of docs) {
    if (d.sourceRef !== null) {
      const there = await tx.selectFrom('woo_documents').select('id')
        .where('request_id', '=', requestId).where('source', '=', d.source).where('source_ref', '=', d.sourceRef).executeTakeFirst();
      if (there) continue;
    }
    number += 1;
    added += 1;
    const row = await tx.insertInto('woo_documents').values({
      request_id: requestId, number, source: d.source, source_ref: d.sourceRef, case_id: d.caseId,
      title: d.title.slice(0, 300) || `Document ${number}`, document_date: d.date, body: d.body,
      filename: d.filename ?? null, original: d.original ?? null, author: d.author ?? null, added_by: actor.id, added_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    await event(tx, requestId, actor, at, 'document_added', { documentId: row.id, number, source: d.source, title: d.title.slice(0, 300) });
  }
  return added;
}

/** An uploaded PDF, Word document or e-mail: its text is read now, the original kept for the reviewer. */
export async function uploadDocument(ctx: AppContext, actor: Actor, requestId: string, file: { filename: string; data: Buffer }): Promise<void> {
  if (file.data.length === 0) throw invalidField('file', 'The file is empty', 'Het bestand is leeg.');
  if (file.data.length > UPLOAD_MAX_BYTES) throw invalidField('file', 'The file is larger than 10 MB', 'Het bestand is groter dan 10 MB.', 'payload_too_large');
  const read = await extractDocument(file.data, file.filename);
  if (read.text.trim() === '') {
    throw invalidField('file', 'No text could be read from this file (a scan?)', 'Uit dit bestand kon geen tekst gelezen worden (een scan?). Grip leest alleen documenten met tekst.', 'unprocessable');
  }
  const fallback = file.filename.replace(/\.[a-z0-9]{1,5}$/i, '').trim();
  await onRequest(ctx, requestId, (tx, at) => insertDocuments(tx, requestId, actor, at, [{
    source: read.kind, sourceRef: null, caseId: null, title: read.title?.trim() || fallback || file.filename, date: read.date, body: read.text,
    filename: file.filename.slice(0, 255), original: file.data, author: read.author,
  }]));
}

/** Takes a document off the request (before the decision); the ones after it move up a number. */
export async function removeDocument(ctx: AppContext, actor: Actor, requestId: string, documentId: string): Promise<void> {
  await onRequest(ctx, requestId, async (tx, at) => {
    const doc = await tx.deleteFrom('woo_documents').where('id', '=', documentId).where('request_id', '=', requestId)
      .returning(['number', 'title']).executeTakeFirst();
    if (!doc) throw notFound('Document', documentId);
    // in two steps: (request, number) is unique at every row, and rows update in no particular order
    await tx.updateTable('woo_documents').set({ number: sql`number + 1000000` }).where('request_id', '=', requestId).where('number', '>', doc.number).execute();
    await tx.updateTable('woo_documents').set({ number: sql`number - 1000001` }).where('request_id', '=', requestId).where('number', '>', 1000000).execute();
    await event(tx, requestId, actor, at, 'document_removed', { documentId, number: doc.number, title: doc.title });
  });
}

/** What must not show in the request's published files: the requester's words and every string it redacts as personal data. */
export async function knownInRequest(tx: Executor, requestId: string): Promise<string[]> {
  const request = await tx.selectFrom('woo_requests').select(['requester_name', 'requester_email', 'requester_address']).where('id', '=', requestId).executeTakeFirstOrThrow();
  return [...requesterWords(request), ...redactedStrings(await documentsForOutput(tx, requestId))];
}

/**
 * What would still publish personal data: titles (printed as they are on the
 * inventory, each document's PDF and its file name) holding a known string,
 * and released documents showing one outside their redactions.
 */
export async function publicationProblems(tx: Executor, requestId: string): Promise<{ titles: number[]; shown: { number: number; strings: string[] }[] }> {
  const known = await knownInRequest(tx, requestId);
  const docs = await documentsForOutput(tx, requestId);
  return {
    titles: docs.filter((d) => findKnown(d.title, known).length > 0).map((d) => d.number),
    shown: docs.filter((d) => d.decision === 'public' || d.decision === 'partly')
      .map((d) => ({ number: d.number, strings: shownKnown(d, known) })).filter((x) => x.strings.length > 0),
  };
}

/** A document's title as it goes on the inventory (before the decision). */
export async function retitleDocument(ctx: AppContext, actor: Actor, requestId: string, documentId: string, title: string): Promise<void> {
  await onRequest(ctx, requestId, async (tx, at) => {
    const doc = await tx.updateTable('woo_documents').set({ title }).where('id', '=', documentId).where('request_id', '=', requestId).returning('number').executeTakeFirst();
    if (!doc) throw notFound('Document', documentId);
    await event(tx, requestId, actor, at, 'retitled', { documentId, number: doc.number });
  });
}

/** Fixes the decision: every document assessed; from now on nothing changes. */
export async function fixDecision(ctx: AppContext, actor: Actor, requestId: string): Promise<void> {
  await onRequest(ctx, requestId, async (tx, at) => {
    const open = await tx.selectFrom('woo_documents').select('number').where('request_id', '=', requestId).where('decision', 'is', null).orderBy('number').execute();
    if (open.length) {
      const list = open.map((d) => d.number).join(', ');
      throw invalidField('_form', `Documents ${list} are not assessed yet`, `Nog niet beoordeeld: document ${list}. Geef elk document eerst een beoordeling.`, 'transition_forbidden');
    }
    if (await tx.selectFrom('woo_suspensions').select('id').where('request_id', '=', requestId).where('ended_on', 'is', null).executeTakeFirst()) {
      throw invalidField('_form', 'The clock is suspended: resume it first', 'De termijn is opgeschort: hervat hem eerst (zienswijze ontvangen of termijn daarvoor verstreken).', 'transition_forbidden');
    }
    const problems = await publicationProblems(tx, requestId);
    if (problems.titles.length) {
      const list = problems.titles.join(', ');
      throw invalidField('_form', `The titles of documents ${list} hold personal data`,
        `De titel van document ${list} bevat gegevens van de verzoeker of tekst die elders gelakt is, en titels komen onbewerkt op de inventarislijst. Pas de titel aan op de pagina van het document.`, 'transition_forbidden');
    }
    if (problems.shown.length) {
      const list = problems.shown.map((x) => `document ${x.number} (${x.strings.map((t) => `"${t}"`).join(', ')})`).join('; ');
      throw invalidField('_form', `Released documents still show personal data redacted elsewhere: ${list}`,
        `Deze gegevens zijn elders in het verzoek gelakt of zijn van de verzoeker, maar staan nog leesbaar in een document dat openbaar wordt: ${list}. Lak ze daar ook (Grip stelt ze voor op de pagina van het document).`, 'transition_forbidden');
    }
    await tx.updateTable('woo_requests').set({ decided_at: at, decided_on: dutchDay(at), decided_by: actor.id }).where('id', '=', requestId).execute();
    await event(tx, requestId, actor, at, 'decided', { decidedOn: dutchDay(at) });
    // the letter and the package as fixed, in the same transaction: a decision never exists without them
    await freezeOutputs(tx, requestId, dutchDay(at));
  });
}
