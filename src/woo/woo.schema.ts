import { z } from 'zod';
import { LIMITS } from '../shared/limits.ts';
import { optionalText, text } from '../shared/text.ts';
import { DECISIONS } from './woo.ts';

/** One schema per operation on a Woo request; the pages parse their forms with these. */
const day = z.iso.date();

export const ZRegisterRequest = z.object({
  receivedOn: day,
  requesterName: text(LIMITS.name),
  requesterEmail: z.email().max(LIMITS.email).optional(),
  requesterAddress: optionalText(LIMITS.address),
  subject: text(LIMITS.subject),
  requestText: text(LIMITS.description),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZExtend = z.object({ reason: text(LIMITS.reason) });
export const ZSuspend = z.object({ startedOn: day, thirdParty: text(300) });
export const ZResume = z.object({ endedOn: day });

export const ZSearch = z.object({ q: text(200) });
export const ZAddMaterial = z.object({ items: z.array(z.string().regex(/^(note|letter|mail):[0-9a-f-]{1,40}$/)).min(1).max(50) });

export const ZRedact = z.object({
  passage: text(4000),
  /** Where the reviewer selected it; without it (or when it no longer fits) the first occurrence. */
  start: z.number().int().min(0).optional(),
  ground: text(30),
  /** Redact every occurrence of the passage in the document. */
  everywhere: z.boolean(),
});
export type RedactInput = z.infer<typeof ZRedact>;

export const ZTitle = z.object({ title: text(300) });

export const ZAssess = z.object({
  decision: z.enum(DECISIONS),
  grounds: z.array(text(30)).max(20),
});
export type AssessInput = z.infer<typeof ZAssess>;

export const ZGround = z.object({
  code: text(30),
  name: text(200),
  article: text(200),
  colour: z.string().trim().toLowerCase().regex(/^#[0-9a-f]{6}$/),
  explanation: text(4000),
});
export type GroundInput = z.infer<typeof ZGround>;
