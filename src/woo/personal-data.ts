/**
 * Suggestions of personal data to redact in a Woo document (art. 5.1(2)(e)):
 * pure, no IO. The reviewer decides; this only points. Six kinds:
 *
 * - email: every address except functional mailboxes of organisations
 *   (info@, klachten@, woo@, ...), whose local part names a function, not a person.
 * - telefoon: Dutch mobile and geographic numbers in the usual notations
 *   (06-12345678, 020 123 45 67, (020) 123 4567, +31 (0)6-..., 0031 6 ...) and
 *   foreign ones with a + or 00 prefix. A number cannot tell whose it is, so all
 *   are suggested except the numbers that only organisations have: 0800, 0900,
 *   0906, 0909 (service numbers) and 088 (company-wide numbers).
 * - bsn: 9 digits (also 123.456.782, 123 456 782, 1234.56.782) that pass the
 *   elfproef; not after a word like "kenmerk" or "dossiernummer".
 * - iban: 2 letters, 2 check digits, 11-30 characters, grouped by 4 or not,
 *   with a valid mod-97 check.
 * - naam: only in a name context, so that surnames that are also words
 *   (Bakker, de Wit, Post) and capitalised words at the start of a sentence stay
 *   unmarked: after a title or salutation (de heer, mevrouw, dhr., mr., Geachte,
 *   Beste), after a signature greeting (Met vriendelijke groet,), after a word
 *   for a person (collega, klager, wijkagent), after initials (J.P. de Vries)
 *   or a known first name (Piet Bakker; Fatima alone). First names that are also
 *   words (Wil, Ben, Mark, ...) count alone only when not opening a sentence.
 *   The span is the name with initials and tussenvoegsels, without the title.
 * - functie: a job title within the same sentence as a name, at most 3
 *   words before it or 2 after it and not across "en"/"of" ("teamleider J. de Vries", "Jansen,
 *   beleidsmedewerker"); a job title on its own is not personal data.
 * Addresses are out of scope. Merge: overlapping suggestions keep the longest
 * (ties: iban, bsn, email, telefoon, naam, functie); nothing is suggested inside
 * a functional mailbox either. Regexes only start at word boundaries and have
 * no nested unbounded repetition, so long inputs stay linear.
 */
import { FIRST_NAMES, AMBIGUOUS_FIRST_NAMES, STOP_WORDS, JOB_TITLE_SUFFIXES, FUNCTIONAL_MAILBOXES } from './personal-data.words.ts';

export const PERSONAL_DATA_KINDS = ['naam', 'email', 'telefoon', 'bsn', 'iban', 'functie'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** [start, end) are character offsets into the input. */
export interface Suggestion {
  start: number;
  end: number;
  kind: PersonalDataKind;
  text: string;
}

export const KIND_TEXT: Record<PersonalDataKind, { nl: string; en: string }> = {
  naam: { nl: 'Naam', en: 'Name' },
  email: { nl: 'E-mailadres', en: 'E-mail address' },
  telefoon: { nl: 'Telefoonnummer', en: 'Phone number' },
  bsn: { nl: 'BSN (burgerservicenummer)', en: 'BSN (citizen service number)' },
  iban: { nl: 'IBAN', en: 'IBAN' },
  functie: { nl: 'Functie (bij een naam)', en: 'Job title (next to a name)' },
};

type Span = Omit<Suggestion, 'text'>;

export function suggestPersonalData(text: string): Suggestion[] {
  const mailboxes = findEmails(text);
  const candidates: Span[] = [
    ...mailboxes.filter((m) => m.personal),
    ...findPhones(text),
    ...findBsns(text),
    ...findIbans(text),
    ...findNamesAndJobTitles(text),
  ];
  const outside = candidates.filter((c) => c.kind === 'email' || !mailboxes.some((m) => m.start < c.end && c.start < m.end));
  return merge(outside).map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
}

const PRIORITY: PersonalDataKind[] = ['iban', 'bsn', 'email', 'telefoon', 'naam', 'functie'];

/** Sorted by start, without overlaps: of two overlapping spans the longer (then the higher priority) stays. */
function merge(spans: Span[]): Span[] {
  const better = (a: Span, b: Span) => a.end - a.start - (b.end - b.start) || PRIORITY.indexOf(b.kind) - PRIORITY.indexOf(a.kind);
  const sorted = [...spans].sort((a, b) => a.start - b.start || -better(a, b));
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (!last || s.start >= last.end) out.push(s);
    else if (better(s, last) > 0) out[out.length - 1] = s;
  }
  return out;
}

// ---- e-mail ----------------------------------------------------------------

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

function findEmails(text: string): (Span & { personal: boolean })[] {
  return [...text.matchAll(EMAIL)].map((m) => {
    const local = m[0].slice(0, m[0].indexOf('@')).toLowerCase();
    const head = local.split(/[._+-]/)[0] ?? '';
    const personal = !FUNCTIONAL_MAILBOXES.has(local) && !FUNCTIONAL_MAILBOXES.has(head);
    return { start: m.index, end: m.index + m[0].length, kind: 'email' as const, personal };
  });
}

// ---- telefoon --------------------------------------------------------------

const SEP = String.raw`(?: [-/] |[ /-])`;
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?<!\d[.,/-])(?:(?:\+|00)(\d{2})${SEP}?(?:\(0\)${SEP}?)?|\((0\d{1,3})\)${SEP}?)?\d{1,10}(?:${SEP}\d{1,10}){0,5}`,
  'gu',
);
const SERVICE_NUMBER = /^0(?:800|90[069]|88)/;

function findPhones(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(PHONE)) {
    const [whole, country, area] = m;
    const prefix = country || area ? whole.match(/^(?:(?:\+|00)\d{2}|\(0\d{1,3}\))[ /-]*(?:\(0\)[ /-]*)?/)![0] : '';
    const rest = whole.slice(prefix.length);
    if (!prefix && /^\d{1,2}[-/]\d{1,2}[-/]\d{4}(?!\d)/.test(rest)) continue; // a date
    const groups = [...rest.matchAll(/\d+/g)];
    for (let k = groups.length; k > 0; k--) {
      const g = groups.slice(0, k);
      const digits = (area ?? '') + g.map((x) => x[0]).join('');
      const firstGroup = area ?? g[0]![0];
      if (!validPhone(country, digits, firstGroup)) continue;
      const end = m.index + prefix.length + g[k - 1]!.index! + g[k - 1]![0].length;
      if (!/[\p{L}\p{N}]/u.test(text[end] ?? '')) out.push({ start: m.index, end, kind: 'telefoon' });
      break;
    }
  }
  return out;
}

function validPhone(country: string | undefined, digits: string, firstGroup: string): boolean {
  if (country === '31') return digits.length === 9 && digits[0] !== '0' && !SERVICE_NUMBER.test(`0${digits}`);
  if (country) return country !== '00' && digits.length >= 8 && digits.length <= 11;
  if (digits.length !== 10 || digits[0] !== '0' || digits[1] === '0' || SERVICE_NUMBER.test(digits)) return false;
  const n = firstGroup.length;
  return n === 10 || n === 3 || n === 4 || (n === 2 && firstGroup === '06');
}

// ---- bsn -------------------------------------------------------------------

const BSN = /(?<![\p{L}\p{N}])(?<!\d[.,/ -])(?:\d{9}|\d{3}\.\d{3}\.\d{3}|\d{3} \d{3} \d{3}|\d{4}\.\d{2}\.\d{3})(?![\p{L}\p{N}])(?![.,/ -]\d)/gu;
const NOT_BSN_BEFORE = /(?:kenmerk|nummer|nr\.?|referentie)\s*:?\s*$/i;

/** The elfproef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not 0). */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  return (sum - Number(digits[8])) % 11 === 0;
}

function findBsns(text: string): Span[] {
  return [...text.matchAll(BSN)]
    .filter((m) => passesElfproef(m[0].replace(/\D/g, '')))
    .filter((m) => {
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      return !NOT_BSN_BEFORE.test(before) || /bsn|burgerservice|sofi/i.test(before);
    })
    .map((m) => ({ start: m.index, end: m.index + m[0].length, kind: 'bsn' as const }));
}

// ---- iban ------------------------------------------------------------------

const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/gu;

/** Lengths of the IBANs most seen here; other countries are checked by mod 97 only. */
const IBAN_LENGTH: Record<string, number> = { NL: 18, BE: 16, DE: 22, FR: 27, ES: 24, IT: 27, LU: 20, AT: 20, GB: 22, IE: 22, PL: 28, PT: 25, TR: 26 };

/** Mod 97: the letters and check digits move to the end, letters become 10..35, the number mod 97 is 1. */
export function passesMod97(iban: string): boolean {
  const s = iban.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s) || s.length !== (IBAN_LENGTH[s.slice(0, 2)] ?? s.length)) return false;
  let rest = 0;
  for (const ch of s.slice(4) + s.slice(0, 4)) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = (rest * (v >= 10 ? 100 : 10) + v) % 97;
  }
  return rest === 1;
}

function findIbans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(IBAN)) {
    // "NL91 ABNA 0417 1643 00 BSN": drop trailing groups until the check holds
    let candidate = m[0];
    while (!passesMod97(candidate) && candidate.includes(' ')) candidate = candidate.slice(0, candidate.lastIndexOf(' '));
    if (passesMod97(candidate)) out.push({ start: m.index, end: m.index + candidate.length, kind: 'iban' });
  }
  return out;
}

// ---- naam and functie ------------------------------------------------------

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  type: 'word' | 'initials' | 'other';
}

const TOKEN = /(?:\p{Lu}\.){1,5}(?!\p{L})|(?:Th|Ch|Chr|Ph|Joh|Wm)\.|['’]t(?![\p{L}\p{N}])|[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*|\p{N}+|\S/gu;

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase().replace('’', "'"),
    start: m.index,
    end: m.index + m[0].length,
    type: /^\p{L}/u.test(m[0]) ? (m[0].endsWith('.') ? 'initials' : 'word') : m[0] === "'t" || m[0] === '’t' ? 'word' : 'other',
  }));
}

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
const TITLES = words('dhr mevr mw mevrouw meneer heer mr dr drs ir ing prof fam familie mej juffrouw');
const SALUTATIONS = words('geachte beste hoi hallo dag lieve goedemorgen goedemiddag goedenavond hi');
const GREETINGS = words('groet groeten hoogachtend');
const PERSON_WORDS = words(`collega klager klaagster verzoeker verzoekster cliënt client behandelaar klachtbehandelaar
  wijkagent agent hoofdagent brigadier rechercheur wethouder burgemeester rechter advocaat casemanager consulent huisarts contactpersoon`);
const TUSSENVOEGSELS = words("van von de der den het ter ten te 't la le du da di dos das del della el al in op uit");
const JOB_MODIFIERS = words(`senior junior plaatsvervangend plaatsvervangende waarnemend waarnemende adjunct interim
  juridisch juridische medisch financieel financiële strategisch strategische maatschappelijk`);
const ABBREVIATIONS = new Set([...TITLES, 'tel', 'nr', 'bijv', 'evt', 'ca', 'o.a', 'mrt']);
const DEPARTMENT = /.{3,}(?:dienst|zaken|behandeling|afdeling|centrum|bureau|heid|team|beheer|service|desk|loket|kantoor|ministerie|gemeente|instituut|bank|fonds|voering|verlening|contact)$/;
const NAME_WORD = /^(?:[dDO]['’]|Mc|Mac)?(?:IJ|\p{Lu})[\p{Ll}\p{M}]+(?:['’]\p{Ll}+)?(?:-(?:IJ|\p{Lu})[\p{Ll}\p{M}]+)*$/u;
const NAME_WORD_THEN_TUSSENVOEGSEL = /^(?:IJ|\p{Lu})[\p{Ll}\p{M}]+-(?:van|de|der|den|ter|ten|te|in)$/u;
const NOT_A_NAME_AFTER_JAN = /^\s+(?:en alleman|Modaal|Publiek|Rap\b|met de pet)/;
const capitalised = (t: Token) => /^\p{Lu}\p{Ll}/u.test(t.text) || /^[\p{Ll}'’-]+$/u.test(t.text);

const isTitle = (t: Token) => t.type === 'word' && TITLES.has(t.lower) && capitalised(t);
const isFirstName = (t: Token) => t.text.split('-').every((p) => FIRST_NAMES.has(p));

function isJobTitle(t: Token): boolean {
  if (t.type !== 'word' || !capitalised(t) || t.lower.endsWith('waarts')) return false;
  return JOB_TITLE_SUFFIXES.some((s) => t.lower.endsWith(s));
}

function isNameWord(t: Token): boolean {
  if (t.type !== 'word' || STOP_WORDS.has(t.lower) || TITLES.has(t.lower) || SALUTATIONS.has(t.lower)) return false;
  if (DEPARTMENT.test(t.lower) || isJobTitle(t)) return false;
  return NAME_WORD.test(t.text) || NAME_WORD_THEN_TUSSENVOEGSEL.test(t.text);
}

function isTussenvoegsel(tokens: Token[], j: number): boolean {
  const t = tokens[j]!;
  if (!TUSSENVOEGSELS.has(t.lower) || !capitalised(t)) return false;
  if (['in', 'op', 'uit'].includes(t.lower)) return ["'t", 'de', 'den', 'der', 'het', 'ten'].includes(tokens[j + 1]?.lower ?? '');
  if (t.lower === 'het') return TUSSENVOEGSELS.has(tokens[j - 1]?.lower ?? '');
  return true;
}

/** Only spaces between two tokens: a name never runs across a line break or punctuation. */
const adjacent = (text: string, a: Token, b: Token) => /^[ \t\u00a0]+$/.test(text.slice(a.end, b.start));

/**
 * Reads a name from token i: initials, first names, tussenvoegsels, a surname.
 * `loose` (after a title, salutation, greeting or person word): up to three
 * capitalised words of any kind. Otherwise a name ends at the first word that is
 * not a known first name. Returns the index of the last name token, or -1.
 */
function readName(text: string, tokens: Token[], i: number, loose: boolean): { last: number; surname: boolean } {
  let last = -1;
  let names = 0;
  let tussenvoegsel = false;
  let surname = false;
  for (let j = i; j < tokens.length && j < i + 8; j++) {
    const t = tokens[j]!;
    if (j > i && !adjacent(text, tokens[j - 1]!, t)) break;
    if (t.type === 'initials') {
      if (names > 0 || tussenvoegsel) break;
      surname = true;
      continue;
    }
    if (isTussenvoegsel(tokens, j)) {
      tussenvoegsel = true;
      continue;
    }
    if (!isNameWord(t)) break;
    names += 1;
    if (NAME_WORD_THEN_TUSSENVOEGSEL.test(t.text)) {
      tussenvoegsel = true;
      continue;
    }
    last = j;
    if (tussenvoegsel || names > 1 || !isFirstName(t)) surname = true;
    if (tussenvoegsel || names >= 3 || (!loose && !isFirstName(t))) break;
  }
  return { last, surname: surname && last >= 0 };
}

function isSentenceStart(text: string, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || /\n/.test(text.slice(prev.end, tokens[i]!.start)) || /^[.!?:;"“'(]$/.test(prev.text);
}

function isBoundary(text: string, tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (/\n[ \t]*\n/.test(text.slice(tokens[k - 1]?.end ?? 0, t.start))) return true;
  if (t.text === '.') return !ABBREVIATIONS.has(tokens[k - 1]?.lower ?? '');
  return /^[!?;]$/.test(t.text);
}

function findNamesAndJobTitles(text: string): Span[] {
  const tokens = tokenize(text);
  const names: { first: number; last: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let from = -1;
    let loose = true;
    if (t.type === 'word' && (isTitle(t) || (SALUTATIONS.has(t.lower) && /^\p{Lu}/u.test(t.text)) || PERSON_WORDS.has(t.lower))) {
      from = i + 1;
      while (from < tokens.length && (isTitle(tokens[from]!) || tokens[from]!.text === '.')) from++;
    } else if (t.type === 'word' && GREETINGS.has(t.lower)) {
      from = tokens[i + 1]?.text === ',' ? i + 2 : i + 1;
    } else if (t.type === 'initials' || (t.type === 'word' && isFirstName(t))) {
      from = i;
      loose = false;
    }
    if (from < 0 || from >= tokens.length) continue;
    const { last, surname } = readName(text, tokens, from, loose);
    if (last < 0) continue;
    const start = tokens[from]!;
    if (!loose) {
      if (start.type === 'initials' && !surname) continue;
      if (start.text === 'Jan' && NOT_A_NAME_AFTER_JAN.test(text.slice(start.end))) continue;
      if (!surname && AMBIGUOUS_FIRST_NAMES.has(start.text) && isSentenceStart(text, tokens, from)) continue;
    }
    names.push({ first: from, last });
    i = last;
  }
  const inName = new Uint8Array(tokens.length);
  for (const n of names) inName.fill(1, n.first, n.last + 1);
  const out: Span[] = names.map((n) => ({ start: tokens[n.first]!.start, end: tokens[n.last]!.end, kind: 'naam' }));
  for (let j = 0; j < tokens.length; j++) {
    if (inName[j] || !isJobTitle(tokens[j]!)) continue;
    let first = j;
    let last = j;
    const before = tokens[j - 1];
    if (before && JOB_MODIFIERS.has(before.lower) && adjacent(text, before, tokens[j]!)) first = j - 1;
    if (tokens[j]!.lower === 'officier' && tokens[j + 1]?.lower === 'van' && tokens[j + 2]?.lower === 'justitie') last = j + 2;
    if (nearName(text, tokens, inName, first, last)) out.push({ start: tokens[first]!.start, end: tokens[last]!.end, kind: 'functie' });
  }
  return out;
}

const CONJUNCTIONS = words('en of maar');

/** A name within 3 words after the job title or 2 words before it, in the same sentence (titles like mevrouw do not count). */
function nearName(text: string, tokens: Token[], inName: Uint8Array, first: number, last: number): boolean {
  const look = (from: number, step: 1 | -1, maxWords: number) => {
    let seen = 0;
    for (let k = from; k >= 0 && k < tokens.length; k += step) {
      if (isBoundary(text, tokens, step === 1 ? k : k + 1)) return false;
      if (inName[k]) return true;
      const t = tokens[k]!;
      if (CONJUNCTIONS.has(t.lower)) return false; // "mevrouw Jansen en de teamleider": two people
      if (t.type === 'word' && !TITLES.has(t.lower) && ++seen > maxWords) return false;
    }
    return false;
  };
  return look(last + 1, 1, 3) || (first > 0 && look(first - 1, -1, 2));
}
