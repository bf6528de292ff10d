/**
 * Which earlier phone contacts are probably the same person as the petitioner
 * of a written complaint, so the dispatcher links them instead of registering
 * the complaint twice (DOMAIN.md, "Phone channel"). Pure: plain data in, the
 * moment of reference passed in.
 *
 * A contact matches on the same phone number or e-mail address; failing both,
 * on the same name about the same agency (a name alone is too common). Only
 * contacts not yet linked to a case count, from 90 days before the written
 * complaint arrived onwards: a call after the letter is about it too.
 */
export const MATCH_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
/** Fewer digits than this is no phone number ("-", "onbekend", an extension). */
const MIN_PHONE_DIGITS = 6;

/**
 * Digits only, an international prefix written as 00, and the Dutch country
 * code as the trunk 0: "06-12345678", "+31 6 12345678", "+31 (0)6 12345678"
 * and "0031612345678" are all "0612345678". Null when it is no number.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  let digits = (trimmed.startsWith('+') ? '00' : '') + trimmed.replace(/\D/g, '');
  // "+31 (0)6 ..." writes the trunk 0 after the country code: keep one 0.
  if (digits.startsWith('0031')) digits = `0${digits.slice(4).replace(/^0/, '')}`;
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/** Lower case, without surrounding spaces; null when it is no address. */
export function normaliseEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email && email.includes('@') ? email : null;
}

/** Case- and whitespace-insensitive: "Jan  de Vries" and "jan de vries" are one name. */
export function normaliseName(raw: string | null | undefined): string | null {
  const name = raw?.toLowerCase().replace(/\s+/g, '');
  return name ? name : null;
}

/** Who wrote in: the petitioner of the written complaint, and the agency complained about. */
export interface Person {
  name: string | null;
  phone: string | null;
  email: string | null;
  agency: string | null;
}

/** What matching needs to know of a phone contact. */
export interface MatchableContact {
  at: Date;
  caller: { name: string | null; phone: string | null; email: string | null };
  agency: string | null;
  /** The written case it is linked to already. */
  caseId: string | null;
}

export type MatchReason = 'phone' | 'email' | 'name';

export interface ContactMatch<C> {
  contact: C;
  /** Why it matched: phone and e-mail first; 'name' means the same name and agency. */
  reasons: MatchReason[];
}

/** Why `contact` is probably `person`, or [] when it is not. */
export function matchReasons(person: Person, contact: Omit<MatchableContact, 'at' | 'caseId'>): MatchReason[] {
  const reasons: MatchReason[] = [];
  const phone = normalisePhone(person.phone);
  if (phone !== null && phone === normalisePhone(contact.caller.phone)) reasons.push('phone');
  const email = normaliseEmail(person.email);
  if (email !== null && email === normaliseEmail(contact.caller.email)) reasons.push('email');
  if (reasons.length) return reasons;
  const name = normaliseName(person.name);
  const agency = normaliseName(person.agency);
  if (name !== null && agency !== null && name === normaliseName(contact.caller.name) && agency === normaliseName(contact.agency)) return ['name'];
  return [];
}

/**
 * The unlinked contacts that match `person`, for a complaint received at
 * `receivedAt`: matches on phone or e-mail first, then the latest first.
 */
export function matchContacts<C extends MatchableContact>(person: Person, contacts: readonly C[], receivedAt: Date): ContactMatch<C>[] {
  const since = receivedAt.getTime() - MATCH_WINDOW_DAYS * DAY_MS;
  const strong = (m: ContactMatch<C>) => (m.reasons[0] === 'name' ? 1 : 0);
  return contacts
    .filter((c) => c.caseId === null && c.at.getTime() >= since)
    .map((contact) => ({ contact, reasons: matchReasons(person, contact) }))
    .filter((m) => m.reasons.length > 0)
    .sort((a, b) => strong(a) - strong(b) || b.contact.at.getTime() - a.contact.at.getTime());
}

/**
 * What the database may narrow candidates by before `matchContacts` decides:
 * each key admits every contact that could match (a superset), never fewer.
 */
export interface CandidateKeys {
  /** The last digits every way of writing the number ends in. */
  phoneSuffix: string | null;
  email: string | null;
  /** The name without whitespace (the database lower-cases it) and the agency, for a match by name. */
  name: { name: string; agency: string } | null;
}

export function candidateKeys(person: Person): CandidateKeys {
  const phone = normalisePhone(person.phone);
  const name = person.name?.replace(/\s+/g, '');
  const agency = person.agency?.trim();
  return {
    // normalisePhone rewrites only the prefix (+ as 00, 0031 as 0): what follows it ends every written form
    phoneSuffix: phone === null ? null : phone.slice(Math.max(phone.startsWith('00') ? 2 : 1, phone.length - 9)),
    email: normaliseEmail(person.email),
    name: name && agency ? { name, agency } : null,
  };
}

/**
 * Whether a reader with `scope` may see a contact: the same rule as the
 * repository's query (their domains, the contact's or its callback's, or
 * their own registration); no scope sees all.
 */
export function visibleIn(
  scope: { domains: readonly string[]; registeredBy: string; withoutDomain?: boolean } | undefined,
  contact: { registeredBy: string; domain: string | null; callbackDomain: string | null },
): boolean {
  if (!scope) return true;
  if (contact.registeredBy === scope.registeredBy) return true;
  if (scope.withoutDomain && contact.domain === null && contact.callbackDomain === null) return true;
  return [contact.domain, contact.callbackDomain].some((d) => d !== null && scope.domains.includes(d));
}
