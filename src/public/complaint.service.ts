import { addAttachmentIn, detectType, MAX_ATTACHMENT_BYTES } from '../cases/annotation.service.ts';
import { findCaseWithParties } from '../cases/case.repository.ts';
import { ZRegisterCase, type RegisterCase } from '../cases/case.schema.ts';
import { registerCaseIn } from '../cases/case.service.ts';
import type { Executor } from '../db/database.ts';
import { queueReceiptIn } from '../notices/notice.service.ts';
import type { ExpectedRange } from '../notices/template.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { MAX_FILES, MAX_TOTAL_BYTES, type PublicComplaint, type Translate } from './complaint.schema.ts';

/**
 * A complaint filed by the petitioner on the public form (issue 6): the case,
 * its attachments and the receipt with the expected wait are stored in one
 * transaction — all or nothing. Everything is checked before it opens.
 */
export const IDEMPOTENCY_SCOPE = 'public-form';

export interface UploadedFile {
  fileName: string;
  data: Buffer;
  /** Cut off at the upload limit: the file was larger than that. */
  truncated?: boolean;
}

/**
 * The case a form registers: the two questions' answers kept in the
 * description, where the dispatcher reads them. The urgency answer is a hint
 * for screening, not the urgent marker itself: dispatchers and coordinators
 * screen urgency (DOMAIN.md), or every form would jump the tray.
 */
export function toRegisterCase(form: PublicComplaint): RegisterCase {
  const answers = [
    `Instantie eerst benaderd: ${form.approached}`,
    `Moet binnen 2 weken iets gebeuren (betaling of beslissing): ${form.urgent}`,
  ];
  return {
    petitioner: { name: form.name, email: form.email, phone: form.phone, address: form.address },
    agency: form.agency,
    subject: form.subject,
    description: `${form.description}\n\n— Antwoorden op het klachtformulier —\n${answers.join('\n')}`,
    channel: 'web',
  };
}

/**
 * What is wrong with the files, in the page's language: none is allowed to
 * be anything but a PDF, JPEG or PNG by its content, whatever its name.
 * `status` 413 when it is their size.
 */
export function checkAttachments(files: readonly UploadedFile[], t: Translate): { status: 400 | 413; errors: FieldError[] } | null {
  if (files.length > MAX_FILES) {
    return { status: 400, errors: [{ field: 'attachments', message: t(`U kunt hoogstens ${MAX_FILES} bestanden meesturen.`, `You can send at most ${MAX_FILES} files.`) }] };
  }
  const large = files.find((f) => f.truncated || f.data.length > MAX_ATTACHMENT_BYTES);
  if (large) {
    return { status: 413, errors: [{ field: 'attachments', message: t(`${large.fileName} is groter dan 10 MB. Verklein het bestand of stuur minder pagina's mee.`, `${large.fileName} is larger than 10 MB. Make the file smaller or send fewer pages.`) }] };
  }
  const total = files.reduce((n, f) => n + f.data.length, 0);
  if (total > MAX_TOTAL_BYTES) {
    return { status: 413, errors: [{ field: 'attachments', message: t(`De bestanden zijn samen groter dan ${MAX_TOTAL_BYTES / 1024 / 1024} MB. Stuur minder of kleinere bestanden mee.`, `The files together are larger than ${MAX_TOTAL_BYTES / 1024 / 1024} MB. Send fewer or smaller files.`) }] };
  }
  const bad = files.filter((f) => !detectType(f.data));
  if (bad.length) {
    return {
      status: 400,
      errors: [{
        field: 'attachments',
        message: t(`${bad.map((f) => f.fileName).join(', ')}: dit is geen PDF-, JPEG- of PNG-bestand. Alleen die soorten bestanden kunt u meesturen.`, `${bad.map((f) => f.fileName).join(', ')}: this is not a PDF, JPEG or PNG file. Only those kinds of files can be sent.`),
      }],
    };
  }
  return null;
}

export interface FiledComplaint {
  dossierNumber: string;
  /** A repeat of a form already filed (the same token and content): nothing new was stored. */
  replayed: boolean;
  receipt: { channel: 'email' | 'letter' | 'none'; expected: ExpectedRange | null };
}

/** Stores a checked form: the case (petitioner filed it: no actor), its attachments and the receipt. */
export async function fileComplaint(ctx: AppContext, form: PublicComplaint, files: readonly UploadedFile[]): Promise<FiledComplaint> {
  const input = ZRegisterCase.parse(toRegisterCase(form));
  if (checkAttachments(files, (nl) => nl)) throw new AppError('validation', 'attachments: not accepted');
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (tx) => {
    const { caseId, dossierNumber, replayed } = await registerCaseIn(tx, now, input, {
      actorId: null, idempotency: { scope: IDEMPOTENCY_SCOPE, key: form.token },
    });
    if (!replayed) for (const file of files) await addAttachmentIn(tx, caseId, file, { actorId: null, at: now });
    const c = await findCaseWithParties(tx, caseId);
    if (!c) throw new AppError('not_found', `Case ${caseId} does not exist`);
    // A repeat queues nothing new (one receipt per case) but answers the same expectation.
    const receipt = await queueReceiptIn(tx, now, {
      caseId, dossierNumber, receivedAt: c.received_at, name: c.petitioner_name, email: c.petitioner_email, address: c.petitioner_address,
      agency: c.agency_name, suggestedDomainId: c.suggested_domain_id, urgent: c.lane_urgent,
    });
    return { dossierNumber, replayed, receipt: { channel: receipt.channel, expected: receipt.expected } };
  });
}

/** Names of the agencies the routing rules know, as suggestions on the form (never names typed by the public). */
export async function knownAgencies(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('agencies as a')
    .select('a.name')
    .where(({ exists, selectFrom }) => exists(
      selectFrom('routing_rules as r').select('r.id').whereRef('r.agency_id', '=', 'a.id').where('r.active', '=', true),
    ))
    .orderBy('a.name')
    .execute();
  return rows.map((r) => r.name);
}
