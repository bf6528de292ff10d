import { z } from 'zod';
import { ZChannel, ZHandlingType, ZMoment, ZPetitioner } from '../cases/case.schema.ts';
import { LIMITS } from '../shared/limits.ts';

/**
 * One row of `grip import cases <file.csv>`: history exported from another
 * case system. Columns are documented in the README; empty cells are absent.
 */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <S extends z.ZodType>(s: S) => z.preprocess(blank, s.optional());
const flag = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z.enum(['', 'true', 'false', 'ja', 'nee', 'yes', 'no', '1', '0']).transform((v) => ['true', 'ja', 'yes', '1'].includes(v)),
).optional().default(false);

export const ZImportRow = z.strictObject({
  dossier_number: opt(z.string().trim().max(40)),
  received_at: ZMoment,
  petitioner_name: ZPetitioner.shape.name,
  petitioner_email: opt(z.email().max(LIMITS.email)),
  petitioner_phone: opt(z.string().trim().max(LIMITS.phone)),
  petitioner_address: opt(z.string().trim().max(LIMITS.address)),
  agency: z.string().trim().min(1).max(LIMITS.agency),
  subject: z.string().trim().min(1).max(LIMITS.subject),
  description: z.string().trim().min(1).max(LIMITS.description),
  channel: ZChannel,
  keywords: opt(z.string().max(600)),
  complex: flag,
  domain: opt(z.string().trim().max(60)),
  unit: opt(z.enum(['standard', 'extended'])),
  routed_at: opt(ZMoment),
  urgent: flag,
  b: flag,
  pop: flag,
  ob: flag,
  investigator: opt(z.string().trim().max(100)),
  assigned_at: opt(ZMoment),
  proposal: opt(z.string().trim().max(LIMITS.proposal)),
  handling_type: opt(ZHandlingType),
  first_contact_at: opt(ZMoment),
  closed_at: opt(ZMoment),
  outcome: opt(z.string().trim().max(60)),
});
export type ImportRow = z.output<typeof ZImportRow>;

export const IMPORT_COLUMNS = Object.keys(ZImportRow.shape);
