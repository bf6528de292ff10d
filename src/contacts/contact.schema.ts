import { z } from 'zod';
import { noNul, optionalText, text } from '../shared/text.ts';
import { ZMoment } from '../cases/case.schema.ts';
import { LIMITS } from '../shared/limits.ts';
import { CONTACT_OUTCOMES } from './contact.table.ts';

/**
 * One zod schema per operation on phone contacts. Rules that tie fields
 * together (a callback request needs a domain, a name and a phone number) are
 * checked in the service, so they can answer in Dutch too.
 */
const ZDomainId = z.string().min(1).max(60);

export const ZContactOutcome = z.enum(CONTACT_OUTCOMES);

export const ZRegisterContact = z.strictObject({
  /** When the call took place; default now. */
  at: ZMoment.optional(),
  caller: z.strictObject({
    name: optionalText(LIMITS.name),
    phone: optionalText(LIMITS.phone),
    email: z.email().max(LIMITS.email).optional(),
  }).default({}),
  /** The body the call is about, by name (as on a case); a new name is added to the list. */
  agency: optionalText(LIMITS.agency),
  domain: ZDomainId.optional(),
  summary: text(LIMITS.note),
  advice: optionalText(LIMITS.note),
  outcome: ZContactOutcome,
  /** Only with outcome `callback`: the domain that calls back (default: `domain`) and by when (default: next working day 12:00, Amsterdam). */
  callbackDomain: ZDomainId.optional(),
  callbackDueAt: ZMoment.optional(),
});
export type RegisterContact = z.output<typeof ZRegisterContact>;

const ZFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZContactQuery = z.strictObject({
  /** Contacts about this domain or whose callback request goes to it. */
  domain: ZDomainId.optional(),
  /** `true`: only callback requests not yet done, the first due first. Otherwise every contact, the latest first. */
  openCallbacks: ZFlag.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.listPage).default(100),
  cursor: z.string().max(500).optional(),
});
export type ContactQuery = z.output<typeof ZContactQuery>;

export const ZCallbackDone = z.strictObject({ result: text(LIMITS.note) });
export type CallbackDone = z.output<typeof ZCallbackDone>;

export const ZLinkContact = z.strictObject({ caseId: z.uuid() });
export type LinkContact = z.output<typeof ZLinkContact>;

// ---- answers ----
const ZIso = z.iso.datetime();

export const ZContactView = z.object({
  id: z.uuid(),
  at: ZIso,
  registeredBy: z.string(),
  caller: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  agency: z.object({ id: z.number(), name: z.string() }).nullable(),
  domain: z.string().nullable(),
  summary: z.string(),
  advice: z.string().nullable(),
  outcome: ZContactOutcome,
  /** The callback request (TBV), when the outcome is `callback`. */
  callback: z.object({
    domain: z.string(),
    dueAt: ZIso,
    /** Not done and past its due time. */
    overdue: z.boolean(),
    doneAt: ZIso.nullable(),
    doneBy: z.string().nullable(),
    result: z.string().nullable(),
  }).nullable(),
  /** The written case this contact led to. */
  caseId: z.string().nullable(),
  linkedAt: ZIso.nullable(),
});
export type ContactView = z.output<typeof ZContactView>;
