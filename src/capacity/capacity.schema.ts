import { z } from 'zod';
import { PERIOD_KINDS, SLOT_LANES } from './plan.ts';

/** One zod schema per operation on the capacity plan; the form, the API and the CSV import share them. */
const ZDay = z.iso.date();
/** At least 0.1: the plan keeps hours to one decimal. */
const ZHours = z.coerce.number().min(0.1).max(60);

export const ZSavePeriod = z
  .strictObject({
    person: z.string().trim().min(1).max(120),
    /** The staff member's login, when the person has an account. */
    login: z.string().trim().max(60).transform((v) => (v === '' ? undefined : v)).optional(),
    domain: z.string().min(1).max(60),
    kind: z.enum(PERIOD_KINDS),
    from: ZDay,
    to: z.union([ZDay, z.literal('').transform(() => null), z.null()]).default(null),
    hoursPerWeek: ZHours,
  })
  .refine((p) => p.to === null || p.to >= p.from, { path: ['to'], message: 'must not be before from' });
export type SavePeriod = z.output<typeof ZSavePeriod>;

export const ZSaveSlot = z
  .strictObject({
    domain: z.string().min(1).max(60),
    lane: z.enum(SLOT_LANES),
    weekday: z.coerce.number().int().min(1).max(5),
    everyWeeks: z.coerce.number().int().min(1).max(8),
    hours: z.coerce.number().min(0.1).max(200),
    from: ZDay,
    to: z.union([ZDay, z.literal('').transform(() => null), z.null()]).default(null),
  })
  .refine((s) => s.to === null || s.to >= s.from, { path: ['to'], message: 'must not be before from' });
export type SaveSlot = z.output<typeof ZSaveSlot>;

/** An empty form field is no number (z.coerce would read it as 0). */
const number = (schema: z.ZodNumber) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().pipe(schema));
export const ZCapacitySettings = z.strictObject({
  formationFte: number(z.number().min(0).max(10_000)),
  sicknessShare: number(z.number().min(0).max(0.5)),
});
export type CapacitySettings = z.output<typeof ZCapacitySettings>;

/** The CSV header of an imported plan: one row per period, as ZSavePeriod. */
export const PLAN_CSV_COLUMNS = ['person', 'login', 'domain', 'kind', 'from', 'to', 'hours_per_week'] as const;
