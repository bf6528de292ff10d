import { z } from 'zod';
import { noNul } from '../shared/text.ts';
import type { Actor } from '../auth/policy.ts';
import { recordAccess } from '../audit/audit.service.ts';
import { expectedForNew } from '../forecast/forecast.service.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { renderLetters, type Letter } from './letter.pdf.ts';
import { composeNotice } from './notice.service.ts';
import { countNotices, findLetters, listLettersToPrint, listRecentNotices, markLettersPrinted } from './notice.repository.ts';
import { readNoticeSettings, writeNoticeSettings, ZNoticeSettings } from './notice.settings.ts';
import { readTemplates, resetTemplate, writeTemplate } from './template.repository.ts';
import { TEMPLATE_KINDS, unknownPlaceholders, type Template, type TemplateKind } from './template.ts';

/**
 * Keeping the notices: the texts (communications staff), the settings (team
 * managers, directors), what was sent, and the letters to print in a batch.
 */

export const ZTemplate = z.strictObject({
  subject: z.string().trim().min(1).max(200).regex(/^[^\r\n]*$/, 'Het onderwerp past op één regel.').refine(noNul),
  body: z.string().trim().min(1).max(10_000).refine(noNul),
}).superRefine((t, issue) => {
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(t[field]);
    if (unknown.length) issue.addIssue({ code: 'custom', path: [field], message: `Onbekende invulplek: ${unknown.map((u) => `{{${u}}}`).join(', ')}. Kies uit de lijst hieronder.` });
  }
});

export const isTemplateKind = (kind: string): kind is TemplateKind => (TEMPLATE_KINDS as readonly string[]).includes(kind);

export async function templates(ctx: AppContext) {
  return readTemplates(ctx.db);
}

export async function saveTemplate(ctx: AppContext, actor: Actor, kind: TemplateKind, t: Template): Promise<void> {
  await writeTemplate(ctx.db, kind, ZTemplate.parse(t), actor.id, ctx.clock());
}

export async function restoreDefault(ctx: AppContext, kind: TemplateKind): Promise<void> {
  await resetTemplate(ctx.db, kind);
}

/** A template filled in for an example petitioner, with the expected dates the forecast gives a complaint now. */
export async function previewTemplate(ctx: AppContext, kind: TemplateKind, t: Template): Promise<Template> {
  const now = ctx.clock();
  const expected = await expectedForNew(ctx.db, now, null);
  return composeNotice(ctx.db, kind, {
    caseId: '', dossierNumber: `${now.getUTCFullYear()}.000123`, receivedAt: new Date(now.getTime() - 8 * 86_400_000),
    name: 'J. Jansen', email: 'j.jansen@example.nl', address: 'Dorpsstraat 1\n1234 AB Voorbeeld', agency: 'Belastingdienst',
  }, expected, t);
}

export const recentNotices = (ctx: AppContext, limit = 100) => listRecentNotices(ctx.db, limit);
export const noticeCounts = (ctx: AppContext, since: Date) => countNotices(ctx.db, since);
/** The unprinted letters the reader may see (their cases' petitioners). */
export const lettersToPrint = (ctx: AppContext, reader: Actor, limit = 500) => listLettersToPrint(ctx.db, reader, limit);

export async function noticeSettings(ctx: AppContext) {
  return readNoticeSettings(ctx.db);
}

export async function saveNoticeSettings(ctx: AppContext, input: z.input<typeof ZNoticeSettings>) {
  return writeNoticeSettings(ctx.db, input);
}

type LetterRow = { recipient: string | null; subject: string | null; body: string | null; created_at: Date; dossier_number: string };

function toLetter(r: LetterRow): Letter {
  const [name = '', ...address] = (r.recipient ?? '').split('\n');
  return { name, address: address.join('\n'), dossierNumber: r.dossier_number, date: r.created_at, subject: r.subject ?? '', body: r.body ?? '' };
}

/** One PDF with the given letters (a batch), in the order asked. */
/** A print batch of letters the reader may see; the export is written to the audit log, one line per case. */
export async function letterBatchPdf(ctx: AppContext, reader: Actor, ids: readonly string[], route: string): Promise<Buffer> {
  if (ids.length === 0) throw new AppError('validation', 'Er zijn geen brieven om af te drukken.');
  const rows = await findLetters(ctx.db, reader, ids);
  if (rows.length !== new Set(ids).size) throw notFound('letter', ids.find((id) => !rows.some((r) => r.id === id))!);
  await recordAccess(ctx.db, reader, ctx.clock(), {
    action: 'export', route, purpose: 'Brieven afdrukken', cases: rows.map((r) => ({ caseId: r.case_id, dossierNumber: r.dossier_number })),
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return renderLetters([...new Set(ids)].map((id) => toLetter(byId.get(id)!)));
}

/** Marks a printed batch of letters the reader may see; letters printed before stay as they were. Answers how many were marked. */
export async function markPrinted(ctx: AppContext, reader: Actor, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const mine = (await findLetters(ctx.db, reader, ids)).map((l) => l.id);
  return markLettersPrinted(ctx.db, mine, ctx.clock());
}
