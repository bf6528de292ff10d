import { z } from 'zod';
import { noNul, optionalText, text } from '../shared/text.ts';
import { CASE_STATUSES, HANDLING_TYPES } from '../core/lifecycle.ts';
import { LIMITS } from '../shared/limits.ts';

/** One zod schema per operation: the API, the forms and the CSV import share them. */

export const ZChannel = z.enum(['letter', 'email', 'web', 'phone']);
export const ZHandlingType = z.enum(HANDLING_TYPES);
/** A date (YYYY-MM-DD, midnight UTC) or a date-time with offset. */
export const ZMoment = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s));
const ZVersion = z.number().int().min(1);

export const ZPetitioner = z.strictObject({
  name: text(LIMITS.name),
  email: z.email().max(LIMITS.email).optional(),
  phone: optionalText(LIMITS.phone),
  address: optionalText(LIMITS.address),
});

export const ZRegisterCase = z.strictObject({
  petitioner: ZPetitioner,
  agency: text(LIMITS.agency),
  subject: text(LIMITS.subject),
  description: text(LIMITS.description),
  channel: ZChannel,
  receivedAt: ZMoment.optional(),
  keywords: z.array(z.string().max(60).refine(noNul, 'contains a NUL character')).max(LIMITS.keywordsPerCase).optional(),
  complex: z.boolean().optional(),
  urgent: z.boolean().optional(),
});
export type RegisterCase = z.output<typeof ZRegisterCase>;

export const ZRouteCase = z.strictObject({
  domain: z.string().min(1).max(60).optional(),
  unit: z.enum(['standard', 'extended']).optional(),
  version: ZVersion.optional(),
});
export type RouteCase = z.output<typeof ZRouteCase>;

export const ZSetLanes = z
  .strictObject({
    urgent: z.boolean().optional(),
    b: z.boolean().optional(),
    pop: z.boolean().optional(),
    ob: z.boolean().optional(),
    version: ZVersion.optional(),
  })
  .refine((v) => [v.urgent, v.b, v.pop, v.ob].some((x) => x !== undefined), {
    message: 'set at least one of urgent, b, pop, ob',
    path: ['urgent'],
  });
export type SetLanes = z.output<typeof ZSetLanes>;

export const ZAssignCase = z.strictObject({
  investigatorId: z.uuid(),
  proposal: text(LIMITS.proposal),
  handlingType: ZHandlingType.default('intervention'),
  version: ZVersion,
});
export type AssignCase = z.output<typeof ZAssignCase>;

export const ZRecordFirstContact = z.strictObject({ at: ZMoment.optional(), version: ZVersion.optional() });
export type RecordFirstContact = z.output<typeof ZRecordFirstContact>;

export const ZCloseCase = z.strictObject({
  outcome: z.string().min(1).max(60),
  /** The fields of the outcome's registration profile. */
  registration: z.record(z.string().max(60), z.string().trim().max(LIMITS.note).refine(noNul, 'contains a NUL character')).optional(),
  version: ZVersion.optional(),
});
export type CloseCase = z.output<typeof ZCloseCase>;

export const ZTransferCase = z
  .strictObject({
    unit: z.enum(['standard', 'extended', 'research']).optional(),
    domain: z.string().min(1).max(60).optional(),
    reason: text(LIMITS.reason),
    version: ZVersion.optional(),
  })
  .refine((v) => v.unit !== undefined || v.domain !== undefined, { message: 'give a unit or a domain', path: ['unit'] });
export type TransferCase = z.output<typeof ZTransferCase>;

export const ZAftercare = z.strictObject({ note: text(LIMITS.note), version: ZVersion.optional() });
export type Aftercare = z.output<typeof ZAftercare>;

export const ZReopenCase = z.strictObject({ reason: text(LIMITS.reason), version: ZVersion.optional() });
export type ReopenCase = z.output<typeof ZReopenCase>;

export const ZAddNote = z.strictObject({ text: text(LIMITS.note), kind: z.enum(['note', 'action']).default('note') });
export type AddNote = z.output<typeof ZAddNote>;

const ZCaseRef = z.strictObject({ id: z.uuid(), version: ZVersion });

export const ZBulkAssign = z.strictObject({
  cases: z.array(ZCaseRef).min(1).max(LIMITS.bulkCases),
  investigatorId: z.uuid(),
  proposal: text(LIMITS.proposal),
  handlingType: ZHandlingType.default('intervention'),
});
export type BulkAssign = z.output<typeof ZBulkAssign>;

export const ZBulkMove = z
  .strictObject({
    cases: z.array(ZCaseRef).min(1).max(LIMITS.bulkCases),
    unit: z.enum(['standard', 'extended']).optional(),
    domain: z.string().min(1).max(60).optional(),
    reason: text(LIMITS.reason),
  })
  .refine((v) => v.unit !== undefined || v.domain !== undefined, { message: 'give a unit or a domain', path: ['unit'] });
export type BulkMove = z.output<typeof ZBulkMove>;

// ---- answers ----
const ZIso = z.iso.datetime();

export const ZCaseEvent = z.object({
  id: z.string(),
  type: z.string(),
  at: ZIso,
  actorId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const ZCaseView = z.object({
  id: z.uuid(),
  dossierNumber: z.string(),
  status: z.enum(CASE_STATUSES),
  version: z.number().int(),
  receivedAt: ZIso,
  subject: z.string(),
  description: z.string(),
  channel: ZChannel,
  keywords: z.array(z.string()),
  complex: z.boolean(),
  petitioner: z.object({
    id: z.string(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable(),
  }),
  agency: z.object({ id: z.number(), name: z.string() }),
  domain: z.string().nullable(),
  unit: z.string().nullable(),
  suggestedRoute: z.object({ domain: z.string().nullable(), unit: z.string().nullable() }),
  lanes: z.object({ urgent: z.boolean(), b: z.boolean(), pop: z.boolean(), ob: z.boolean() }),
  investigatorId: z.string().nullable(),
  proposal: z.string().nullable(),
  handlingType: z.string().nullable(),
  outcome: z.string().nullable(),
  queuedAt: ZIso.nullable(),
  assignedAt: ZIso.nullable(),
  firstContactAt: ZIso.nullable(),
  closedAt: ZIso.nullable(),
  /** Days from receipt until assignment (or until now while unassigned). */
  waitingDays: z.number().nullable(),
  allowedActions: z.array(z.string()),
  events: z.array(ZCaseEvent).optional(),
});
export type CaseView = z.output<typeof ZCaseView>;
export type CaseEventView = z.output<typeof ZCaseEvent>;
