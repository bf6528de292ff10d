/**
 * Production against the norm (DOMAIN.md, "Steering figures"): closed cases
 * per investigator per week, against the norm of that week times the
 * person's FTE. Pure: the closings, the schedule and the people come in.
 */
export interface NormStep {
  validFrom: string; // YYYY-MM-DD
  perFteWeek: number;
}

/** The norm in force on a day: the last step that started on or before it; null before the first. */
export function normOn(schedule: readonly NormStep[], day: string): number | null {
  let norm: number | null = null;
  for (const step of [...schedule].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) {
    if (step.validFrom <= day) norm = step.perFteWeek;
  }
  return norm;
}

export interface PersonWeek {
  investigatorId: string;
  week: string;
  closed: number;
  /** The norm for this person this week: norm per FTE-week times FTE (null when no norm applies). */
  expected: number | null;
  /** closed / expected, when there is an expectation. */
  ratio: number | null;
}

/** Far below or above the norm: a reason for a conversation, not a ranking. */
export const CONVERSATION_BAND = { below: 0.5, above: 1.5 } as const;

export function personWeeks(
  closings: readonly { investigatorId: string; week: string }[],
  people: readonly { id: string; fte: number }[],
  weeks: readonly string[],
  schedule: readonly NormStep[],
): PersonWeek[] {
  const counts = new Map<string, number>();
  for (const c of closings) counts.set(`${c.investigatorId}|${c.week}`, (counts.get(`${c.investigatorId}|${c.week}`) ?? 0) + 1);
  return people.flatMap((p) =>
    weeks.map((week) => {
      const norm = normOn(schedule, week);
      const expected = norm === null ? null : Math.round(norm * p.fte * 10) / 10;
      const closed = counts.get(`${p.id}|${week}`) ?? 0;
      return { investigatorId: p.id, week, closed, expected, ratio: expected ? Math.round((closed / expected) * 100) / 100 : null };
    }),
  );
}
