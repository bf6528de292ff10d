import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Retention (AVG/GDPR storage limitation): a closed dossier keeps the
 * petitioner's identity for a set period after closing; after that the
 * identity and the free texts go, and everything the statistics count stays.
 * Pure rules: which cases are due, and what anonymising an event means.
 *
 * A case is due when all of these hold:
 * - it is closed (status 'closed'; a reopened case is not, and its clock
 *   restarts at its next closing: closed_at is always the latest closing);
 * - it is not anonymised yet;
 * - its latest closing lies at or before the cutoff (now minus the period);
 * - nothing happened to it after the cutoff either: aftercare, a note, an
 *   attachment, a call, joining a cluster or an escalation after closing
 *   restart the clock (the latest event counts, not only the closing);
 * - it is not held:
 *   - in a cluster that is still open (the cluster investigation uses it),
 *   - a linked phone contact has a callback still to make,
 *   - a notice to the petitioner is still on its way (a letter not printed,
 *     an e-mail not delivered nor given up).
 */

/** What an anonymised name, subject, note... reads. */
export const ANONYMISED = 'Geanonimiseerd';

/** The default period: an assumption (DOMAIN.md and the seed file name none), see README "Retention". */
export const DEFAULT_RETENTION_MONTHS = 24;

export const ZRetentionSettings = z.strictObject({
  /** Months after closing (the latest closing) that a dossier keeps the petitioner's identity. */
  months: z.number().int().min(6).max(120).default(DEFAULT_RETENTION_MONTHS),
});
export type RetentionSettings = z.output<typeof ZRetentionSettings>;

/** `at` minus whole calendar months (UTC), the day clamped to the month's last day (31 May - 3 = 28/29 Feb). */
export function monthsBefore(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/** A closed case with what the rules need to know about it. */
export interface RetentionCandidate {
  id: string;
  dossierNumber: string;
  domainId: string | null;
  status: string;
  closedAt: Date | null;
  anonymisedAt: Date | null;
  /** The moment of the case's latest event. */
  lastEventAt: Date | null;
  inOpenCluster: boolean;
  openCallback: boolean;
  noticePending: boolean;
}

export const HOLD_REASONS = ['notClosed', 'anonymised', 'withinPeriod', 'activityAfterClosing', 'openCluster', 'openCallback', 'noticePending'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

/** Why the case is kept as it is, or null when it is due for anonymising. */
export function holdOf(c: RetentionCandidate, cutoff: Date): HoldReason | null {
  if (c.status !== 'closed' || c.closedAt === null) return 'notClosed';
  if (c.anonymisedAt !== null) return 'anonymised';
  if (c.closedAt.getTime() > cutoff.getTime()) return 'withinPeriod';
  if (c.lastEventAt !== null && c.lastEventAt.getTime() > cutoff.getTime()) return 'activityAfterClosing';
  if (c.inOpenCluster) return 'openCluster';
  if (c.openCallback) return 'openCallback';
  if (c.noticePending) return 'noticePending';
  return null;
}

export interface DueCase {
  id: string;
  dossierNumber: string;
  domainId: string | null;
  closedAt: Date;
}

export interface RetentionSelection {
  due: DueCase[];
  /** Closed cases past the cutoff that are held, per reason. */
  held: Partial<Record<HoldReason, number>>;
}

/** The due cases (oldest closing first) and the held ones counted by reason. */
export function select(candidates: readonly RetentionCandidate[], cutoff: Date): RetentionSelection {
  const due: DueCase[] = [];
  const held: Partial<Record<HoldReason, number>> = {};
  for (const c of candidates) {
    const reason = holdOf(c, cutoff);
    if (reason === null) due.push({ id: c.id, dossierNumber: c.dossierNumber, domainId: c.domainId, closedAt: c.closedAt! });
    else if (reason !== 'notClosed' && reason !== 'anonymised' && reason !== 'withinPeriod') held[reason] = (held[reason] ?? 0) + 1;
  }
  due.sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime() || a.dossierNumber.localeCompare(b.dossierNumber));
  return { due, held };
}

export interface DomainYearCount {
  domainId: string | null;
  year: number;
  count: number;
}

/** The dry run's table: due cases per domain and year of closing (UTC), by domain then year. */
export function countByDomainAndYear(due: readonly DueCase[]): DomainYearCount[] {
  const counts = new Map<string, DomainYearCount>();
  for (const c of due) {
    const year = c.closedAt.getUTCFullYear();
    const key = `${c.domainId ?? ''}|${year}`;
    const row = counts.get(key);
    if (row) row.count += 1;
    else counts.set(key, { domainId: c.domainId, year, count: 1 });
  }
  return [...counts.values()].sort((a, b) => (a.domainId ?? '').localeCompare(b.domainId ?? '') || a.year - b.year);
}

/**
 * A short fingerprint of exactly this selection: the page posts the one its
 * report showed, and anonymising refuses when the selection differs now.
 */
export function fingerprint(due: readonly DueCase[]): string {
  const ids = due.map((c) => c.id).sort();
  return createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16);
}

/**
 * Free-text fields of event payloads, of any event type: what people typed
 * (a proposal, a reason, a note, a file name). Everything else — type, at,
 * domainId, unitId, investigatorId, outcomeId, lanes, suggested, labels of
 * reference data, cluster and escalation titles — stays: replay and the
 * statistics read those.
 */
const FREE_TEXT_KEYS = ['proposal', 'reason', 'note', 'text', 'fileName'] as const;
/** The closing's registration values are typed text too, except this reference to another dossier (production counts it). */
const REGISTRATION_KEPT = new Set(['samePetitionerAs']);

/** The payload with its free texts replaced by the placeholder; the same object back when there is nothing to scrub. */
export function scrubPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of FREE_TEXT_KEYS) {
    if (typeof payload[key] === 'string' && payload[key] !== ANONYMISED) changes[key] = ANONYMISED;
  }
  const registration = payload.registration;
  if (registration && typeof registration === 'object' && !Array.isArray(registration)) {
    const entries = Object.entries(registration as Record<string, unknown>);
    const scrub = (k: string, v: unknown) => !REGISTRATION_KEPT.has(k) && typeof v === 'string' && v !== ANONYMISED;
    if (entries.some(([k, v]) => scrub(k, v))) changes.registration = Object.fromEntries(entries.map(([k, v]) => [k, scrub(k, v) ? ANONYMISED : v]));
  }
  return Object.keys(changes).length ? { ...payload, ...changes } : payload;
}
