import { sql } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import { recordAccess } from '../audit/audit.service.ts';
import type { AppContext } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { dutchDay } from '../core/woo-clock.ts';
import { insertDocuments, onRequest } from './woo.service.ts';

/**
 * Searching Grip's own case material for a Woo request: notes and actions on
 * dossiers, letters and e-mails to petitioners. Every word must occur; a
 * dossier number finds all of that dossier's material. The Woo coordinator
 * reads across domains for this purpose only: each search that shows
 * material is written to the audit log with the request's number.
 */
export type MaterialSource = 'note' | 'letter' | 'mail';
export interface Material {
  key: string;
  source: MaterialSource;
  ref: string;
  caseId: string;
  dossierNumber: string;
  date: string;
  title: string;
  text: string;
}

export const SEARCH_LIMIT = 50;

const escapeLike = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The title on the inventory: what kind of document, not whose. The dossier
 * number points to a citizen and a mail's subject may name one, so neither
 * is in it (the coordinator sees the dossier number in the search results).
 */
function titleOf(source: MaterialSource, extra: string | null): string {
  if (source === 'note') return extra === 'action' ? 'Actie uit klachtdossier' : 'Notitie uit klachtdossier';
  return source === 'letter' ? 'Brief aan verzoeker' : 'E-mail aan verzoeker';
}

/** The material found, newest first, at most SEARCH_LIMIT; `refs` limits to chosen items (to add them). */
async function findMaterial(ctx: AppContext, query: { words?: readonly string[]; refs?: readonly string[] }): Promise<Material[]> {
  const words = (query.words ?? []).filter((w) => w.length > 0);
  const dossier = words.length === 1 && /^\d{4}\.\d{6}$/.test(words[0]!) ? words[0]! : null;
  const match = (column: ReturnType<typeof sql>) => dossier !== null
    ? sql`c.dossier_number = ${dossier}`
    : words.length ? sql.join(words.map((w) => sql`${column} ilike ${`%${escapeLike(w)}%`}`), sql` and `) : sql`true`;
  const byRef = (sources: readonly MaterialSource[], column: ReturnType<typeof sql>) => {
    if (!query.refs) return sql`true`;
    const ids = query.refs.filter((r) => sources.some((s) => r.startsWith(`${s}:`))).map((r) => r.slice(r.indexOf(':') + 1));
    return ids.length ? sql`${column} in (${sql.join(ids)})` : sql`false`;
  };
  // notes are case events (a bigserial id), letters and mails notices (a uuid)
  const refOk = (r: string) => /^note:\d{1,18}$/.test(r) || /^(letter|mail):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(r);
  if (query.refs && !query.refs.every(refOk)) return [];
  const { rows } = await sql<{ source: MaterialSource; ref: string; case_id: string; dossier_number: string; at: Date; extra: string | null; text: string }>`
    select * from (
      select 'note' as source, e.id::text as ref, c.id as case_id, c.dossier_number, e.at, e.payload->>'kind' as extra, e.payload->>'text' as text
        from case_events e join cases c on c.id = e.case_id
       where e.type = 'note_added' and c.anonymised_at is null and ${match(sql`e.payload->>'text'`)} and ${byRef(['note'], sql`e.id::text`)}
      union all
      select case when n.channel = 'letter' then 'letter' else 'mail' end, n.id::text, c.id, c.dossier_number, n.created_at,
             n.subject, coalesce(case when n.channel = 'email' then 'Aan: ' || coalesce(n.recipient, '') || E'\n' || 'Onderwerp: ' || coalesce(n.subject, '') || E'\n\n' end, '') || n.body
        from case_notices n join cases c on c.id = n.case_id
       where n.channel in ('letter', 'email') and n.body is not null and c.anonymised_at is null
         and ${match(sql`n.body`)} and ${byRef(['letter', 'mail'], sql`n.id::text`)}
    ) m order by at desc, ref limit ${SEARCH_LIMIT}
  `.execute(ctx.db);
  return rows.filter((r) => !query.refs || query.refs.includes(`${r.source}:${r.ref}`)).map((r) => ({
    key: `${r.source}:${r.ref}`, source: r.source, ref: r.ref, caseId: r.case_id, dossierNumber: r.dossier_number,
    date: dutchDay(new Date(r.at)), title: titleOf(r.source, r.extra), text: r.text,
  }));
}

const auditEntries = (found: readonly Material[]) =>
  [...new Map(found.map((m) => [m.caseId, { caseId: m.caseId, dossierNumber: m.dossierNumber }])).values()];

async function requestNumber(ctx: AppContext, requestId: string): Promise<string> {
  const row = await ctx.db.selectFrom('woo_requests').select('number').where('id', '=', requestId).executeTakeFirst();
  if (!row) throw notFound('Woo request', requestId);
  return row.number;
}

export async function searchMaterial(ctx: AppContext, actor: Actor, requestId: string, q: string, route: string): Promise<Material[]> {
  const number = await requestNumber(ctx, requestId);
  const found = await findMaterial(ctx, { words: q.split(/\s+/) });
  await recordAccess(ctx.db, actor, ctx.clock(), {
    action: 'search', route, purpose: `Woo-verzoek ${number}`,
    cases: auditEntries(found),
  });
  return found;
}

/** Adds the chosen material as documents, with its text as it is now. */
export async function addMaterial(ctx: AppContext, actor: Actor, requestId: string, keys: readonly string[], route = `/woo/${requestId}`): Promise<number> {
  const number = await requestNumber(ctx, requestId);
  const found = await findMaterial(ctx, { refs: keys });
  await recordAccess(ctx.db, actor, ctx.clock(), { action: 'view', route, purpose: `Woo-verzoek ${number}`, cases: auditEntries(found) });
  return onRequest(ctx, requestId, (tx, at) => insertDocuments(tx, requestId, actor, at, found.map((m) => ({
    source: m.source, sourceRef: m.ref, caseId: m.caseId, title: m.title, date: m.date, body: m.text,
  }))));
}
