import { z } from 'zod';
import { ROLES } from '../auth/policy.ts';
import { ZChannel } from '../cases/case.schema.ts';
import { LIMITS } from '../shared/limits.ts';

/**
 * One zod schema per administration operation. Forms send strings; these
 * schemas also accept the plain JSON types, so an API can reuse them.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const reference = z.string().trim().min(1).max(60);

/** A decimal number; a form may use the Dutch decimal comma ("0,8"). */
const ZDecimal = z.union([
  z.number(),
  z.string().trim().regex(/^\d+([.,]\d+)?$/).transform((s) => Number(s.replace(',', '.'))),
]);
/** A whole number, from JSON or a form. */
const ZWhole = z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)]);

export const STAFF_LOGIN = /^[a-z0-9][a-z0-9._-]{1,59}$/;
export const HOURS_PER_FTE = 36;

export const ZSaveStaff = z.strictObject({
  login: z.string().trim().toLowerCase().regex(STAFF_LOGIN),
  name: text(LIMITS.name),
  email: z.email().max(LIMITS.email).optional(),
  unit: reference,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  domains: z.array(reference).max(50).default([]),
  skills: z.array(reference).max(50).default([]),
  fte: ZDecimal.pipe(z.number().min(0.1).max(1.2)),
  /** Empty: 36 hours per FTE. */
  hoursPerWeek: ZDecimal.pipe(z.number().min(1).max(60)).optional(),
  active: z.boolean().default(true),
});
export type SaveStaff = z.output<typeof ZSaveStaff>;

export const ZAddKeyword = z.strictObject({ label: text(100) });
export type AddKeyword = z.output<typeof ZAddKeyword>;

export const ZRenameKeyword = z.strictObject({ label: text(100) });
export type RenameKeyword = z.output<typeof ZRenameKeyword>;

export const ZSetActive = z.strictObject({ active: z.boolean() });
export type SetActive = z.output<typeof ZSetActive>;

export const ZSetKeywordWarnLimit = z.strictObject({ limit: ZWhole.pipe(z.number().int().min(1).max(500)) });
export type SetKeywordWarnLimit = z.output<typeof ZSetKeywordWarnLimit>;

/** The units a routing rule may send a case to (as the dispatcher's route). */
export const ROUTING_UNITS = ['standard', 'extended'] as const;

export const ZSaveRoutingRule = z
  .strictObject({
    name: text(LIMITS.name),
    /** Empty: after the last rule. */
    position: ZWhole.pipe(z.number().int().min(0).max(1_000_000)).optional(),
    agencyId: ZWhole.pipe(z.number().int().min(1)).nullable().default(null),
    keywordId: reference.nullable().default(null),
    channel: ZChannel.nullable().default(null),
    complex: z.boolean().nullable().default(null),
    domainId: reference.nullable().default(null),
    unitId: z.enum(ROUTING_UNITS).nullable().default(null),
    active: z.boolean().default(true),
  })
  // Checked even when another field is wrong, so the form shows every problem at once.
  .refine((r) => Boolean(r?.domainId || r?.unitId), {
    message: 'give a domain, a unit or both',
    path: ['domainId'],
    when: () => true,
  });
export type SaveRoutingRule = z.output<typeof ZSaveRoutingRule>;

export const PROFILE_KINDS = ['line', 'text'] as const;
export const PROFILE_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

/** A profile field's key from its label when none is given: "Verwezen naar" -> "verwezenNaar". */
export function keyFromLabel(label: string): string {
  const words = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('').replace(/^[0-9]+/, '').slice(0, 40);
  return key || 'veld';
}

export const ZProfileField = z
  .strictObject({
    key: z.string().trim().regex(PROFILE_KEY).optional(),
    label: text(200),
    required: z.boolean().default(false),
    kind: z.enum(PROFILE_KINDS).default('line'),
  })
  .transform((f) => ({ key: f.key ?? keyFromLabel(f.label), label: f.label, required: f.required, kind: f.kind }));

export const ZSaveOutcome = z
  .strictObject({
    name: text(LIMITS.name),
    profile: z.array(ZProfileField).max(30),
  })
  .superRefine((o, check) => {
    const seen = new Set<string>();
    o.profile.forEach((f, i) => {
      if (seen.has(f.key)) check.addIssue({ code: 'custom', path: ['profile', i, 'key'], message: 'duplicate key' });
      seen.add(f.key);
    });
  });
export type SaveOutcome = z.output<typeof ZSaveOutcome>;
