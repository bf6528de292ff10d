import { mayReadPersonalData, type Actor } from '../auth/policy.ts';
import { recordAccess } from '../audit/audit.service.ts';
import { mayAnnotate, type CaseStatus } from '../core/lifecycle.ts';
import type { Tx } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { insertEvents, lockCase } from './case.repository.ts';

/**
 * Notes, actions and attachments on a dossier. They change no state, so they
 * leave the case's version alone (a note never makes a colleague's assign
 * form stale); each is still an event in the dossier's timeline.
 */
export const NOTE_KINDS = ['note', 'action'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Checks that the case takes additions, then writes one inside the same transaction (with its event). */
async function annotate(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  write: (tx: Tx, at: Date) => Promise<unknown>,
): Promise<void> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockCase(tx, caseId);
    if (!row) throw notFound('Case', caseId);
    // Who may not see the dossier may not add to it either.
    if (!mayReadPersonalData(actor, { domainId: row.domain_id, investigatorId: row.investigator_id, status: row.status })) {
      throw new AppError('forbidden', `${actor.login} may not add to case ${row.dossier_number}`, { caseId });
    }
    if (row.anonymised_at !== null) {
      throw new AppError('transition_forbidden', `Case ${row.dossier_number} was anonymised: nothing can be added`);
    }
    if (!mayAnnotate(row.status as CaseStatus)) {
      throw new AppError('transition_forbidden', `Case ${row.dossier_number} is ${row.status}: nothing can be added`);
    }
    await write(tx, ctx.clock());
  });
}

export async function addNote(ctx: AppContext, actor: Actor, caseId: string, input: { text: string; kind: NoteKind }): Promise<void> {
  await annotate(ctx, actor, caseId, (tx, at) => insertEvents(tx, [{
    caseId, type: 'note_added', at, actorId: actor.id, payload: { text: input.text, kind: input.kind },
  }]));
}

/** Allowed attachments, recognised by their first bytes, never by their name. */
const SIGNATURES: { type: string; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function detectType(data: Buffer): string | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b))?.type ?? null;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The file as it is stored: its type by its content, its name made safe. Throws when it may not be stored. */
function checkedAttachment(file: { fileName: string; data: Buffer }): { fileName: string; contentType: string } {
  const contentType = detectType(file.data);
  if (!contentType) throw invalidField('attachments', 'only PDF, JPEG and PNG files', 'Alleen PDF-, JPEG- en PNG-bestanden');
  if (file.data.length > MAX_ATTACHMENT_BYTES) throw invalidField('attachments', 'file larger than 10 MB', 'Bestand groter dan 10 MB');
  const fileName = file.fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, LIMITS.name) || 'bijlage';
  return { fileName, contentType };
}

/**
 * Stores an attachment and its event inside the caller's transaction; the
 * actor is null when the petitioner sent it (the public form). Returns its id.
 */
export async function addAttachmentIn(
  tx: Tx,
  caseId: string,
  file: { fileName: string; data: Buffer },
  by: { actorId: string | null; at: Date },
): Promise<string> {
  const { fileName, contentType } = checkedAttachment(file);
  const size = file.data.length;
  const row = await tx
    .insertInto('attachments')
    .values({ case_id: caseId, file_name: fileName, content_type: contentType, size, data: file.data, uploaded_by: by.actorId, uploaded_at: by.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertEvents(tx, [{
    caseId, type: 'attachment_added', at: by.at, actorId: by.actorId,
    payload: { fileName, contentType, size, attachmentId: row.id },
  }]);
  return row.id;
}

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  file: { fileName: string; data: Buffer },
): Promise<void> {
  checkedAttachment(file); // a file that may not be stored is refused before a transaction opens
  await annotate(ctx, actor, caseId, (tx, at) => addAttachmentIn(tx, caseId, file, { actorId: actor.id, at }));
}

export async function listAttachments(ctx: AppContext, caseId: string) {
  return ctx.db
    .selectFrom('attachments')
    .select(['id', 'file_name', 'content_type', 'size', 'uploaded_at'])
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at')
    .orderBy('file_name')
    .execute();
}

/** An attachment for a reader who may see the case; the download is written to the audit log. */
export async function getAttachment(ctx: AppContext, actor: Actor, caseId: string, id: string) {
  const row = await ctx.db
    .selectFrom('attachments as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .selectAll('f')
    .select(['c.domain_id', 'c.investigator_id', 'c.status', 'c.dossier_number'])
    .where('f.case_id', '=', caseId)
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Attachment', id);
  if (!mayReadPersonalData(actor, { domainId: row.domain_id, investigatorId: row.investigator_id, status: row.status })) {
    throw new AppError('forbidden', `${actor.login} may not see case ${caseId}`, { caseId });
  }
  await recordAccess(ctx.db, actor, ctx.clock(), {
    action: 'download', route: `/zaken/${caseId}/bijlagen/${id}`, cases: [{ caseId, dossierNumber: row.dossier_number }],
  });
  return row;
}
