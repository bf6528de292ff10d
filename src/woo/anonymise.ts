import { suggestPersonalData } from './personal-data.ts';
import { segments, type Redaction } from './woo.ts';

/**
 * Finding a Woo request's known personal data in any text, pure: the
 * requester's own name (and each part of it), e-mail and address lines, and
 * the strings redacted as personal data anywhere in the request. Used to
 * suggest them in every document, to anonymise the request and the letter for
 * publication, and to stop a decision whose inventory titles or released
 * documents still show them.
 */
export const PERSONAL_GROUND = '5.1.2e';
const PARTICLES = new Set(['van', 'der', 'den', 'de', 'het', 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'du', 'da', 'von', 'bij', 'aan', 'mevrouw', 'heer', 'dhr', 'mevr', 'familie']);

export interface Requester {
  requester_name: string;
  requester_email: string | null;
  requester_address: string | null;
}

/** The requester's own words: the whole name and its parts (not particles), the e-mail, each address line. */
export function requesterWords(r: Requester): string[] {
  const name = r.requester_name.trim();
  const parts = name.split(/[\s,]+/).map((w) => w.replace(/^[.(]+|[.)]+$/g, '')).filter((w) => w.length >= 3 && !PARTICLES.has(w.toLowerCase()));
  const address = (r.requester_address ?? '').split(/[\n,]+/).map((l) => l.trim());
  return [name, r.requester_email ?? '', ...parts, ...address].filter((w) => w.length >= 3);
}

/** A known string as a pattern: whole words only, any case, any whitespace where it has some (or none, as in postcodes "1234AB"). */
function pattern(word: string): RegExp {
  const body = word.trim().split(/\s+/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Every place one of the known strings occurs, longest first where they overlap. */
export function findKnown(text: string, known: readonly string[]): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (const k of [...new Set(known.map((x) => x.trim()).filter((x) => x.length >= 3))].sort((a, b) => b.length - a.length)) {
    for (const m of text.matchAll(pattern(k))) {
      const hit = { start: m.index, end: m.index + m[0].length };
      if (!found.some((f) => f.start < hit.end && hit.start < f.end)) found.push(hit);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Every suggested personal datum and every known string as redactions on the personal-data ground. */
export function anonymise(text: string, known: readonly string[]): Redaction[] {
  return [
    ...suggestPersonalData(text).map((s) => ({ start: s.start, end: s.end, ground: PERSONAL_GROUND })),
    ...findKnown(text, known).map((f) => ({ ...f, ground: PERSONAL_GROUND })),
  ];
}

/** The text with each redacted range replaced by its ground's code in brackets (quotes in the letter, the inventory's subject). */
export function anonymisedText(text: string, known: readonly string[]): string {
  return segments(text.length, anonymise(text, known)).map((s) => (s.ground === null ? text.slice(s.start, s.end) : `[${s.ground}]`)).join('');
}

/**
 * The strings a request redacts as personal data, whitespace normalised (what
 * must not show anywhere else), and of a redacted name ("Anna Pieters",
 * "K. van den Akker") its surname alone: the usual way a name shows again.
 */
export function redactedStrings(docs: readonly { body: string; redactions: readonly Redaction[] }[]): string[] {
  const all = docs.flatMap((d) => d.redactions.filter((r) => r.ground === PERSONAL_GROUND).map((r) => d.body.slice(r.start, r.end).replace(/\s+/g, ' ').trim()));
  const surnames = all.map((s) => s.split(' ')).filter((w) => w.length >= 2 && w.every((x) => /^\p{Lu}/u.test(x) || PARTICLES.has(x.toLowerCase())))
    .map((w) => w.at(-1)!).filter((x) => x.length >= 4 && /^\p{Lu}\p{Ll}+$/u.test(x));
  return [...new Set([...all, ...surnames].filter((s) => s.length >= 3))];
}

/** What of the known strings a released document still shows outside its redactions. */
export function shownKnown(doc: { body: string; redactions: readonly Redaction[] }, known: readonly string[]): string[] {
  const hidden = segments(doc.body.length, doc.redactions).filter((s) => s.ground !== null);
  return [...new Set(findKnown(doc.body, known)
    .filter((f) => !hidden.some((h) => h.start <= f.start && f.end <= h.end))
    .map((f) => doc.body.slice(f.start, f.end)))];
}
