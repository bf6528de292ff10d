/**
 * Scoring of personal-data suggestions against gold spans: a suggestion is
 * correct (a true positive) when a gold span has the same kind and exactly the
 * same [start, end). Anything else is a false positive, and each gold span
 * without such a suggestion a false negative, so a name suggested as
 * "heer Bakker" where the gold says "Bakker" costs one of each.
 */
import { PERSONAL_DATA_KINDS, type PersonalDataKind } from './personal-data.ts';

export interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

export interface Counts {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends Counts {
  perKind: Record<PersonalDataKind, Counts>;
}

/** Precision and recall are 1 when there is nothing to find or nothing was suggested (no errors of that sort). */
function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

export function score(sets: readonly { gold: readonly Span[]; suggested: readonly Span[] }[]): Score {
  const tally = Object.fromEntries(PERSONAL_DATA_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<PersonalDataKind, { tp: number; fp: number; fn: number }>;
  const key = (s: Span) => `${s.kind}:${s.start}:${s.end}`;
  for (const { gold, suggested } of sets) {
    const goldKeys = new Set(gold.map(key));
    const suggestedKeys = new Set(suggested.map(key));
    for (const s of suggested) tally[s.kind][goldKeys.has(key(s)) ? 'tp' : 'fp'] += 1;
    for (const g of gold) if (!suggestedKeys.has(key(g))) tally[g.kind].fn += 1;
  }
  const all = Object.values(tally).reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
  const perKind = Object.fromEntries(PERSONAL_DATA_KINDS.map((k) => [k, counts(tally[k].tp, tally[k].fp, tally[k].fn)])) as Record<PersonalDataKind, Counts>;
  return { ...counts(all.tp, all.fp, all.fn), perKind };
}
