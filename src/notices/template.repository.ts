import type { Executor } from '../db/database.ts';
import { DEFAULT_TEMPLATES, TEMPLATE_KINDS, type Template, type TemplateKind } from './template.ts';

/** The edited templates; a kind nobody edited reads as its default. */
export async function readTemplates(db: Executor): Promise<Record<TemplateKind, Template & { updatedAt: Date | null; updatedBy: string | null }>> {
  const rows = await db.selectFrom('notice_templates').selectAll().execute();
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return Object.fromEntries(TEMPLATE_KINDS.map((kind) => {
    const r = byKind.get(kind);
    return [kind, r ? { subject: r.subject, body: r.body, updatedAt: r.updated_at, updatedBy: r.updated_by } : { ...DEFAULT_TEMPLATES[kind], updatedAt: null, updatedBy: null }];
  })) as Record<TemplateKind, Template & { updatedAt: Date | null; updatedBy: string | null }>;
}

export async function readTemplate(db: Executor, kind: TemplateKind): Promise<Template> {
  const r = await db.selectFrom('notice_templates').select(['subject', 'body']).where('kind', '=', kind).executeTakeFirst();
  return r ?? DEFAULT_TEMPLATES[kind];
}

export async function writeTemplate(db: Executor, kind: TemplateKind, t: Template, by: string, at: Date): Promise<void> {
  await db
    .insertInto('notice_templates')
    .values({ kind, subject: t.subject, body: t.body, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('kind').doUpdateSet({ subject: t.subject, body: t.body, updated_by: by, updated_at: at }))
    .execute();
}

/** Back to the default text. */
export async function resetTemplate(db: Executor, kind: TemplateKind): Promise<void> {
  await db.deleteFrom('notice_templates').where('kind', '=', kind).execute();
}
