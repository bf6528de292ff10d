/**
 * The pure core of OB screening and transfers (DOMAIN.md, "Lanes and
 * markers", UKB): the default criteria, which open cases a transfer
 * criterion flags, the OB criterion report, parsing dossier numbers and
 * reordering. No IO; the clock is passed in.
 */

/**
 * The checklist a fresh installation starts with. The table is seeded with
 * these the first time it is read while empty (never again: criteria are
 * deactivated, not deleted, so a coordinator who switches them all off does
 * not get them back). A list in code rather than in a migration, so the
 * wording can be improved before anyone has used it, and it stays data after.
 */
export const DEFAULT_OB_CRITERIA: readonly string[] = [
  'Het belang van de verzoeker is gering ten opzichte van de inspanning',
  'De instantie heeft de klacht inmiddels naar tevredenheid opgelost',
  'De gedraging is langer dan een jaar geleden',
  'Een andere klachtinstantie of rechter is bevoegd',
  'De verzoeker heeft geen eigen belang',
];

/** The statuses in which a case is screened for OB: before anyone handles it. */
export const SCREENABLE = ['received', 'queued'] as const;
export const mayScreen = (status: string): boolean => (SCREENABLE as readonly string[]).includes(status);

export const TRANSFER_KINDS = ['age_weeks', 'complex', 'keyword', 'reopened'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export interface NewTransferCriterion {
  label: string;
  kind: TransferKind;
  weeks: number | null;
  keywordId: string | null;
}

export const DEFAULT_TRANSFER_CRITERIA: readonly NewTransferCriterion[] = [
  { label: 'Langer dan 12 weken sinds ontvangst', kind: 'age_weeks', weeks: 12, keywordId: null },
  { label: 'Complex', kind: 'complex', weeks: null, keywordId: null },
  { label: 'Heropend', kind: 'reopened', weeks: null, keywordId: null },
];

export interface TransferCriterion extends NewTransferCriterion {
  id: string;
  active: boolean;
}

/** What the transfer criteria look at in an open case. */
export interface TransferCandidate {
  receivedAt: Date;
  complex: boolean;
  keywords: readonly string[];
  /** The case has a 'reopened' event. */
  reopened: boolean;
}

const DAY_MS = 86_400_000;

/** Whole days since receipt. */
export const daysSince = (receivedAt: Date, now: Date): number => Math.floor((now.getTime() - receivedAt.getTime()) / DAY_MS);

/**
 * One criterion against one case. "Longer than N weeks" means more than N×7
 * whole days since receipt: a case received exactly 12 weeks ago is not yet
 * flagged, a day later it is.
 */
export function matchesCriterion(criterion: TransferCriterion, c: TransferCandidate, now: Date): boolean {
  switch (criterion.kind) {
    case 'age_weeks':
      return criterion.weeks !== null && daysSince(c.receivedAt, now) > criterion.weeks * 7;
    case 'complex':
      return c.complex;
    case 'keyword':
      return criterion.keywordId !== null && c.keywords.includes(criterion.keywordId);
    case 'reopened':
      return c.reopened;
  }
}

/** The active criteria a case meets, in the criteria's order. */
export function matchedCriteria(c: TransferCandidate, criteria: readonly TransferCriterion[], now: Date): TransferCriterion[] {
  return criteria.filter((k) => k.active && matchesCriterion(k, c, now));
}

/** The cases that meet at least one active criterion, each with the criteria it meets, oldest first. */
export function flagCases<T extends TransferCandidate>(cases: readonly T[], criteria: readonly TransferCriterion[], now: Date): { case: T; matched: TransferCriterion[] }[] {
  return cases
    .map((c) => ({ case: c, matched: matchedCriteria(c, criteria, now) }))
    .filter((f) => f.matched.length > 0)
    .sort((a, b) => a.case.receivedAt.getTime() - b.case.receivedAt.getTime());
}

/** The reason a flagged case's transfer records. */
export const transferReason = (matched: readonly { label: string }[]): string =>
  `Overdrachtscriteria: ${matched.map((m) => m.label).join('; ')}`;

/** The registration reason of an OB closing: the criteria that applied. */
export const obReason = (labels: readonly string[]): string => labels.join('; ');

export const DOSSIER_NUMBER = /^\d{4}\.\d{6}$/;

/** Dossier numbers typed in a field, separated by commas, semicolons, spaces or lines: the well-formed ones (once each) and the rest. */
export function parseDossierNumbers(text: string): { numbers: string[]; malformed: string[] } {
  const parts = [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))];
  return { numbers: parts.filter((p) => DOSSIER_NUMBER.test(p)), malformed: parts.filter((p) => !DOSSIER_NUMBER.test(p)) };
}

/** The ids in their new order after moving one up or down a place (unchanged at the ends, or when unknown). */
export function reorder(ids: readonly string[], id: string, direction: 'up' | 'down'): string[] {
  const out = [...ids];
  const i = out.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** How often each OB criterion decided an OB closing, per domain. */
export interface CriterionCount {
  criterionId: string;
  /** The case's domain; null for a case closed before it was routed. */
  domainId: string | null;
  count: number;
}

export interface ObReportRow {
  id: string;
  label: string;
  active: boolean;
  /** In the order of the report's columns. */
  perDomain: number[];
  total: number;
}

/**
 * The report's rows: every active criterion (also at zero, so an unused one
 * shows), and an inactive one only when it was used in the period. Columns:
 * the given domains, then "no domain" (null) only when something counts there.
 */
export function obReportTable(
  criteria: readonly { id: string; label: string; active: boolean }[],
  counts: readonly CriterionCount[],
  domainIds: readonly string[],
): { columns: (string | null)[]; rows: ObReportRow[] } {
  const known = new Set(criteria.map((c) => c.id));
  const counted = counts.filter((c) => known.has(c.criterionId) && c.count > 0);
  const columns: (string | null)[] = [...domainIds, ...(counted.some((c) => c.domainId === null || !domainIds.includes(c.domainId)) ? [null] : [])];
  const column = (domainId: string | null) => (domainId !== null && domainIds.includes(domainId) ? domainIds.indexOf(domainId) : columns.length - 1);
  const rows = criteria
    .map((k) => {
      const perDomain = columns.map(() => 0);
      for (const c of counted) if (c.criterionId === k.id) perDomain[column(c.domainId)]! += c.count;
      return { id: k.id, label: k.label, active: k.active, perDomain, total: perDomain.reduce((a, b) => a + b, 0) };
    })
    .filter((r) => r.active || r.total > 0);
  return { columns, rows };
}
