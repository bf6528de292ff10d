import { z } from 'zod';
import { noNul, text } from '../shared/text.ts';
import { AppError } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { TRANSFER_KINDS } from './screening.ts';

/**
 * One zod schema per operation of OB screening, transfers and escalations.
 * The services parse with them (the pages hand over the form as it came),
 * and a failure names the field with a Dutch message for the pages.
 */
const ZVersion = z.coerce.number().int().min(1);

export const OB_LABEL_MAX = 300;
export const TRANSFER_LABEL_MAX = 200;
export const ESCALATION_TITLE_MAX = 200;

export const ZAddObCriterion = z.strictObject({ label: text(OB_LABEL_MAX) });
export type AddObCriterion = z.output<typeof ZAddObCriterion>;

export const ZRenameObCriterion = z.strictObject({ id: z.uuid(), label: text(OB_LABEL_MAX) });
export type RenameObCriterion = z.output<typeof ZRenameObCriterion>;

export const ZSetCriterionActive = z.strictObject({ id: z.uuid(), active: z.boolean() });
export type SetCriterionActive = z.output<typeof ZSetCriterionActive>;

export const ZMoveObCriterion = z.strictObject({ id: z.uuid(), direction: z.enum(['up', 'down']) });
export type MoveObCriterion = z.output<typeof ZMoveObCriterion>;

export const OB_DECISIONS = ['ob', 'not_ob'] as const;
export type ObDecision = (typeof OB_DECISIONS)[number];

export const ZObScreening = z.strictObject({
  criteria: z.array(z.uuid()).max(50).default([]),
  note: z.string().trim().max(LIMITS.note).refine(noNul, 'contains a NUL character').optional().transform((v) => v || null),
  decision: z.enum(OB_DECISIONS),
  /** The case's version the person saw. */
  version: ZVersion.optional(),
});
export type ObScreening = z.output<typeof ZObScreening>;

export const ZAddTransferCriterion = z
  .strictObject({
    label: text(TRANSFER_LABEL_MAX),
    kind: z.enum(TRANSFER_KINDS),
    weeks: z.coerce.number().int().min(1).max(260).optional(),
    keywordId: z.string().trim().min(1).max(60).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'age_weeks' && v.weeks === undefined) ctx.addIssue({ code: 'custom', path: ['weeks'], message: 'required for age_weeks' });
    if (v.kind === 'keyword' && v.keywordId === undefined) ctx.addIssue({ code: 'custom', path: ['keywordId'], message: 'required for keyword' });
  })
  .transform((v) => ({
    label: v.label,
    kind: v.kind,
    weeks: v.kind === 'age_weeks' ? v.weeks! : null,
    keywordId: v.kind === 'keyword' ? v.keywordId! : null,
  }));
export type AddTransferCriterion = z.output<typeof ZAddTransferCriterion>;

export const ZTransferFlagged = z.strictObject({ caseId: z.uuid(), version: ZVersion.optional() });
export type TransferFlagged = z.output<typeof ZTransferFlagged>;

export const ZEscalate = z.strictObject({
  title: text(ESCALATION_TITLE_MAX),
  description: text(LIMITS.description),
  /** The agency's name, as known in Grip (optional). */
  agency: z.string().trim().max(LIMITS.agency).refine(noNul, 'contains a NUL character').optional().transform((v) => v || null),
  /** Dossier numbers separated by commas, semicolons, spaces or lines. */
  dossiers: z.string().max(20 * LIMITS.bulkCases).refine(noNul, 'contains a NUL character'),
});
export type Escalate = z.output<typeof ZEscalate>;

/** Dutch wording per field, for the pages. */
const NL: Record<string, string> = {
  label: `Vul een omschrijving in van hoogstens ${OB_LABEL_MAX} tekens.`,
  id: 'Dit criterium bestaat niet.',
  caseId: 'Deze zaak bestaat niet.',
  active: 'Kies actief of niet actief.',
  direction: 'Kies omhoog of omlaag.',
  criteria: 'Kies criteria uit de lijst.',
  note: `De toelichting is hoogstens ${LIMITS.note} tekens.`,
  decision: 'Kies “OB: sluiten met uitkomst OB” of “Geen OB”.',
  version: 'Laad de zaak opnieuw en probeer het nog eens.',
  kind: 'Kies een soort criterium.',
  weeks: 'Vul een aantal weken in van 1 tot en met 260.',
  keywordId: 'Kies een trefwoord.',
  title: `Vul een titel in van hoogstens ${ESCALATION_TITLE_MAX} tekens.`,
  description: 'Beschrijf het structurele probleem.',
  agency: `De naam van de instantie is hoogstens ${LIMITS.agency} tekens.`,
  dossiers: 'Vul de dossiernummers in, gescheiden door komma’s of regels.',
};

/** Parses an operation's input; a failure is a validation error naming each field, in English and Dutch. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, nl: Record<string, string> = {}): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const errors = parsed.error.issues
    .map((i) => {
      const field = String(i.path[0] ?? '_form');
      return { field, message: i.message, nl: nl[field] ?? NL[field] ?? 'Controleer dit veld.' };
    })
    .filter((e) => !seen.has(e.field) && seen.add(e.field));
  throw new AppError('validation', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}
