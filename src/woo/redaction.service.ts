import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { invalidField, notFound } from '../shared/errors.ts';
import { suggestPersonalData, type Suggestion } from './personal-data.ts';
import type { AssessInput, RedactInput } from './woo.schema.ts';
import { findKnown } from './anonymise.ts';
import { event, knownInRequest, onRequest } from './woo.service.ts';
import { segments, type Redaction } from './woo.ts';

/**
 * Redaction and assessment of one document. Every redaction is a character
 * range of the document's text with a ground; it stays reviewable and
 * removable until the decision is fixed (onRequest refuses after that).
 */
async function documentOf(tx: Tx, requestId: string, documentId: string) {
  const doc = await tx.selectFrom('woo_documents').select(['id', 'number', 'body', 'decision'])
    .where('id', '=', documentId).where('request_id', '=', requestId).executeTakeFirst();
  if (!doc) throw notFound('Document', documentId);
  return doc;
}

async function groundExists(tx: Tx, code: string): Promise<boolean> {
  return (await tx.selectFrom('woo_grounds').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

async function redactionsOf(tx: Tx, documentId: string): Promise<Redaction[]> {
  const rows = await tx.selectFrom('woo_redactions').select(['start_at', 'end_at', 'ground']).where('document_id', '=', documentId).execute();
  return rows.map((r) => ({ start: r.start_at, end: r.end_at, ground: r.ground }));
}

async function insertRedactions(
  tx: Tx, requestId: string, documentId: string, actor: Actor, at: Date,
  ranges: readonly { start: number; end: number; ground: string; origin: 'manual' | 'suggestion'; kind?: string }[],
): Promise<number> {
  const existing = await redactionsOf(tx, documentId);
  const fresh = ranges.filter((r) => !existing.some((e) => e.start === r.start && e.end === r.end && e.ground === r.ground));
  if (!fresh.length) return 0;
  await tx.insertInto('woo_redactions').values(fresh.map((r) => ({
    document_id: documentId, start_at: r.start, end_at: r.end, ground: r.ground, origin: r.origin, created_by: actor.id, created_at: at,
  }))).execute();
  // the event says where and why, never the redacted text itself
  await event(tx, requestId, actor, at, 'redaction_added', {
    documentId, ranges: fresh.map((r) => ({ start: r.start, end: r.end, ground: r.ground, origin: r.origin, ...(r.kind ? { kind: r.kind } : {}) })),
  });
  // a redaction changes what the reviewer decided about the document: assess it again
  await tx.updateTable('woo_documents').set({ decision: null, grounds: [] }).where('id', '=', documentId).where('decision', '=', 'public').execute();
  return fresh.length;
}

/** Every place a passage occurs in the text (not overlapping). */
export function occurrences(text: string, passage: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(passage); i !== -1 && passage.length > 0; i = text.indexOf(passage, i + passage.length)) found.push(i);
  return found;
}

/**
 * Redacts a passage the reviewer selected (or typed): at the selection when
 * it still matches there, otherwise at its first occurrence; or everywhere.
 */
export async function redactPassage(ctx: AppContext, actor: Actor, requestId: string, documentId: string, input: RedactInput): Promise<number> {
  return onRequest(ctx, requestId, async (tx, at) => {
    const doc = await documentOf(tx, requestId, documentId);
    if (!(await groundExists(tx, input.ground))) throw invalidField('ground', 'Unknown ground', 'Kies een van de gronden.');
    // the page sends the selection as the browser shows it; the stored text may have other line breaks or spaces
    const passage = input.passage;
    const all = occurrences(doc.body, passage);
    if (!all.length) {
      throw invalidField('passage', 'This passage does not occur in the document', 'Deze passage komt niet (letterlijk) voor in het document. Selecteer de tekst in het document of kopieer hem precies.');
    }
    if (!input.everywhere && input.start !== undefined && !all.includes(input.start)) {
      throw invalidField('passage', 'The selection no longer matches the text', 'De selectie past niet op de tekst van het document. Selecteer de passage opnieuw.');
    }
    const starts = input.everywhere ? all : [input.start ?? all[0]!];
    return insertRedactions(tx, requestId, documentId, actor, at, starts.map((s) => ({ start: s, end: s + passage.length, ground: input.ground, origin: 'manual' })));
  });
}

/** A suggestion on the document page: Grip's detector, or a string known in this request (the requester's, or redacted elsewhere). */
export type OpenSuggestion = Omit<Suggestion, 'kind'> & { kind: Suggestion['kind'] | 'bekend' };

/** Suggestions of personal data not yet covered by a redaction: the detector's and the request's known strings. */
export function openSuggestions(body: string, redactions: readonly Redaction[], known: readonly string[] = []): OpenSuggestion[] {
  const covered = segments(body.length, redactions).filter((s) => s.ground !== null);
  const fromKnown = findKnown(body, known).map((f): OpenSuggestion => ({ ...f, kind: 'bekend', text: body.slice(f.start, f.end) }));
  const detected: OpenSuggestion[] = suggestPersonalData(body).filter((s) => !fromKnown.some((k) => k.start < s.end && s.start < k.end));
  return [...detected, ...fromKnown]
    .filter((s) => !covered.some((c) => c.start <= s.start && s.end <= c.end))
    .sort((a, b) => a.start - b.start);
}

export const suggestionKey = (s: { start: number; end: number }) => `${s.start}-${s.end}`;

/** Takes over the suggestions the reviewer ticked (or all) as redactions on the personal-data ground. */
export async function acceptSuggestions(ctx: AppContext, actor: Actor, requestId: string, documentId: string, input: { keys: readonly string[] | 'all'; ground: string }): Promise<number> {
  return onRequest(ctx, requestId, async (tx, at) => {
    const doc = await documentOf(tx, requestId, documentId);
    if (!(await groundExists(tx, input.ground))) throw invalidField('ground', 'Unknown ground', 'Kies een van de gronden.');
    const open = openSuggestions(doc.body, await redactionsOf(tx, documentId), await knownInRequest(tx, requestId));
    const chosen = input.keys === 'all' ? open : open.filter((s) => input.keys.includes(suggestionKey(s)));
    if (!chosen.length) throw invalidField('keys', 'Choose at least one suggestion', 'Kies minstens één suggestie.');
    return insertRedactions(tx, requestId, documentId, actor, at, chosen.map((s) => ({ start: s.start, end: s.end, ground: input.ground, origin: 'suggestion', kind: s.kind })));
  });
}

export async function removeRedaction(ctx: AppContext, actor: Actor, requestId: string, documentId: string, redactionId: string): Promise<void> {
  await onRequest(ctx, requestId, async (tx, at) => {
    await documentOf(tx, requestId, documentId);
    const gone = await tx.deleteFrom('woo_redactions').where('id', '=', redactionId).where('document_id', '=', documentId)
      .returning(['start_at', 'end_at', 'ground']).executeTakeFirst();
    if (!gone) throw notFound('Redaction', redactionId);
    await event(tx, requestId, actor, at, 'redaction_removed', { documentId, start: gone.start_at, end: gone.end_at, ground: gone.ground });
    const left = await redactionsOf(tx, documentId);
    if (!left.length) await tx.updateTable('woo_documents').set({ decision: null, grounds: [] }).where('id', '=', documentId).where('decision', '=', 'partly').execute();
  });
}

/**
 * The reviewer's decision on a document. Public: no redactions. Partly
 * public: at least one (its grounds are the redactions'). Not public: at
 * least one ground given.
 */
export async function assessDocument(ctx: AppContext, actor: Actor, requestId: string, documentId: string, input: AssessInput): Promise<void> {
  await onRequest(ctx, requestId, async (tx, at) => {
    const doc = await documentOf(tx, requestId, documentId);
    const redactions = await redactionsOf(tx, documentId);
    if (input.decision === 'public' && redactions.length) {
      throw invalidField('decision', 'The document has redactions: choose partly public, or remove them', 'Dit document heeft lakkingen: kies "deels openbaar", of verwijder de lakkingen eerst.');
    }
    if (input.decision === 'partly' && !redactions.length) {
      throw invalidField('decision', 'Partly public needs at least one redaction', 'Deels openbaar vraagt minstens één lakking. Lak eerst de passages die niet openbaar worden.');
    }
    const grounds = input.decision === 'notPublic' ? [...new Set(input.grounds)] : [];
    if (input.decision === 'notPublic' && !grounds.length) {
      throw invalidField('grounds', 'Give the ground(s) for not making it public', 'Kies de grond(en) waarom het document niet openbaar wordt.');
    }
    for (const g of grounds) if (!(await groundExists(tx, g))) throw invalidField('grounds', 'Unknown ground', 'Kies een van de gronden.');
    await tx.updateTable('woo_documents').set({ decision: input.decision, grounds }).where('id', '=', doc.id).execute();
    await event(tx, requestId, actor, at, 'assessed', { documentId, number: doc.number, decision: input.decision, grounds });
  });
}
