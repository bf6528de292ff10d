import { slotOn, type LaneSlot } from '../capacity/plan.ts';
import { addDays } from '../forecast/trace.calendar.ts';
import { amsterdamDay } from '../notices/calllist.report.ts';

/**
 * The fast lanes' pure core (DOMAIN.md, "Lanes and markers"): a B session
 * (vluchtstrook) or POP day is one domain's session on one day with its
 * people; its board lists the domain's waiting cases with that lane's marker,
 * and its report counts what the session cleared. No IO, no clock: the
 * moment and the data are passed in.
 */
export const SESSION_LANES = ['b', 'pop'] as const;
export type SessionLane = (typeof SESSION_LANES)[number];

/**
 * The words of a POP topic that a case must contain: runs of letters and
 * digits, lower case; words of one or two characters ("de", "op", "a") are
 * left out unless the topic has no others.
 */
export function topicWords(topic: string): string[] {
  const words = topic.toLocaleLowerCase('nl').match(/[\p{L}\p{N}]+/gu) ?? [];
  const long = words.filter((w) => w.length >= 3);
  return [...new Set(long.length ? long : words)];
}

export interface TopicText {
  subject: string;
  description: string;
  /** The case's keywords: their ids ('geen-reactie') and labels ('Geen reactie van instantie'). */
  keywords: readonly string[];
}

/**
 * Whether a case fits a POP topic: a simple, case-insensitive word match —
 * every word of the topic (see topicWords) occurs as a whole word in the
 * case's subject, description or keywords. "geen reactie" fits a case with
 * the keyword geen-reactie or a letter saying "geen reactie gekregen"; it
 * does not fit "reacties" (whole words only, no stemming).
 */
export function matchesTopic(topic: string | null, text: TopicText): boolean {
  if (!topic) return false;
  const wanted = topicWords(topic);
  if (wanted.length === 0) return false;
  const words = new Set(`${text.subject} ${text.description} ${text.keywords.join(' ')}`.toLocaleLowerCase('nl').match(/[\p{L}\p{N}]+/gu) ?? []);
  return wanted.every((w) => words.has(w));
}

export interface BoardEntry extends TopicText {
  id: string;
  receivedAt: Date;
}

/**
 * The board's order: with a topic, the cases that fit it first; within that,
 * oldest first (then the id, so the order is stable). Answers each case with
 * whether it fits.
 */
export function boardOrder<T extends BoardEntry>(cases: readonly T[], topic: string | null): (T & { fitsTopic: boolean })[] {
  return cases
    .map((c) => ({ ...c, fitsTopic: matchesTopic(topic, c) }))
    .sort((a, b) =>
      Number(b.fitsTopic) - Number(a.fitsTopic) ||
      a.receivedAt.getTime() - b.receivedAt.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The first day from `today` (inclusive) on which the capacity plan has a
 * slot of this lane for the domain, within `horizonDays`; null if none: the
 * date a new session is proposed for.
 */
export function nextSlotDay(slots: readonly LaneSlot[], domain: string, lane: SessionLane, today: string, horizonDays = 120): string | null {
  const mine = slots.filter((s) => s.domain === domain && s.lane === lane);
  if (mine.length === 0) return null;
  for (let i = 0; i <= horizonDays; i++) {
    const day = addDays(today, i);
    if (mine.some((s) => slotOn(s, day))) return day;
  }
  return null;
}

export interface HandedOut {
  caseId: string;
  investigatorId: string;
  status: string;
  closedAt: Date | null;
}

export interface Tally {
  handedOut: number;
  closedOnDay: number;
  closedLater: number;
  open: number;
}

export const EMPTY_TALLY: Tally = Object.freeze({ handedOut: 0, closedOnDay: 0, closedLater: 0, open: 0 });

/** Where a handed-out case stands for the session of `day`: closed on the day, closed later, or still open. */
export function standing(c: HandedOut, day: string): 'closedOnDay' | 'closedLater' | 'open' {
  if (c.status !== 'closed' || !c.closedAt) return 'open';
  return amsterdamDay(c.closedAt) <= day ? 'closedOnDay' : 'closedLater';
}

/**
 * A session's results: per person (in the order given, everyone listed, also
 * with nothing handed out) and in total, the cases handed out and of those
 * the ones closed on the day, closed later and still open. A case that was
 * reopened or transferred since counts as open: it is not cleared.
 */
export function tallySession(handouts: readonly HandedOut[], people: readonly string[], day: string): { perPerson: Map<string, Tally>; total: Tally } {
  const perPerson = new Map<string, Tally>(people.map((p) => [p, { ...EMPTY_TALLY }]));
  const total = { ...EMPTY_TALLY };
  for (const h of handouts) {
    const mine = perPerson.get(h.investigatorId) ?? { ...EMPTY_TALLY };
    const where = standing(h, day);
    for (const t of [mine, total]) {
      t.handedOut += 1;
      t[where] += 1;
    }
    perPerson.set(h.investigatorId, mine);
  }
  return { perPerson, total };
}
