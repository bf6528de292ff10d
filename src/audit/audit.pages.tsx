import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { AppContext } from '../shared/context.ts';
import { Alert, Button, formatDate } from '../web/components.tsx';
import { sendTables, type DataTable } from '../web/data-table.ts';
import { parseForm } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import type { AuditAction } from './audit.service.ts';

/**
 * /privacy/inzage: the privacy officer's view of the audit log — who saw or
 * exported which dossier's personal data, when, and why where it was asked —
 * filtered by period, person, dossier and kind, and the same as CSV.
 */
const ACTIONS: Record<AuditAction, [string, string]> = {
  view: ['Bekeken', 'Viewed'], search: ['Zoekresultaat', 'Search result'], download: ['Bijlage gedownload', 'Attachment downloaded'], export: ['Geëxporteerd', 'Exported'],
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Vul een datum in als JJJJ-MM-DD.').refine((s) => !Number.isNaN(Date.parse(s)), 'Geen bestaande datum.');
const ZAuditFilter = z.strictObject({
  van: day.optional(),
  tot: day.optional(),
  medewerker: z.string().max(100).optional(),
  dossier: z.string().max(40).optional(),
  actie: z.enum(['view', 'search', 'download', 'export']).optional(),
});
type AuditFilter = z.output<typeof ZAuditFilter>;

const PAGE_ROWS = 200;

async function findEntries(db: Db, f: AuditFilter, limit: number) {
  let q = db.selectFrom('audit_log').select(['id', 'at', 'actor_login', 'dossier_number', 'action', 'route', 'purpose']);
  if (f.van) q = q.where('at', '>=', new Date(`${f.van}T00:00:00Z`));
  if (f.tot) q = q.where('at', '<', new Date(Date.parse(`${f.tot}T00:00:00Z`) + 86_400_000));
  if (f.medewerker) q = q.where('actor_login', '=', f.medewerker.trim().toLowerCase());
  if (f.dossier) q = q.where('dossier_number', '=', f.dossier.trim());
  if (f.actie) q = q.where('action', '=', f.actie);
  return q.orderBy('at', 'desc').orderBy('id').limit(limit).execute();
}

function filterOf(p: PageContext) {
  const raw = Object.fromEntries(
    (['van', 'tot', 'medewerker', 'dossier', 'actie'] as const).map((k) => [k, one(p.query[k]).trim() || undefined]).filter(([, v]) => v !== undefined),
  );
  return { raw: raw as Record<string, string>, parsed: parseForm(ZAuditFilter, raw, p.web) };
}

function table(rows: Awaited<ReturnType<typeof findEntries>>, web: Web): DataTable {
  return {
    id: 'inzagelog',
    title: web.t('Inzage in persoonsgegevens', 'Access to personal data'),
    columns: [web.t('Moment (UTC)', 'Moment (UTC)'), web.t('Medewerker', 'Staff member'), web.t('Dossier', 'Dossier'), web.t('Handeling', 'Action'), web.t('Pagina', 'Page'), web.t('Reden', 'Purpose')],
    rows: rows.map((r) => [r.at.toISOString(), r.actor_login, r.dossier_number, web.t(...ACTIONS[r.action]), r.route, r.purpose]),
  };
}

export function auditPages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/privacy/inzage', permission: 'audit.read',
      async handler(p) {
        const { web } = p;
        const { raw, parsed } = filterOf(p);
        const rows = parsed.ok ? await findEntries(ctx.db, parsed.data, PAGE_ROWS + 1) : [];
        const shown = rows.slice(0, PAGE_ROWS);
        const csv = `/privacy/inzage.csv?${new URLSearchParams(raw).toString()}`;
        const field = (name: string, nl: string, en: string, type = 'text') => (
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for={`f-${name}`}>{web.t(nl, en)}</label>
            <input id={`f-${name}`} class="utrecht-textbox" type={type} name={name} value={raw[name] ?? ''} />
          </div>
        );
        return {
          status: parsed.ok ? 200 : 400,
          body: (
            <Layout web={web} title={web.t('Inzagelog persoonsgegevens', 'Personal data access log')}>
              <p>{web.t(
                'Elke keer dat iemand de persoonsgegevens van een dossier bekijkt, in een zoekresultaat ziet, een bijlage downloadt of exporteert (bijvoorbeeld brieven afdrukken), staat hier: wie, wanneer, welk dossier en waarom als daarnaar gevraagd is.',
                'Every time someone views a dossier\'s personal data, sees it in a search result, downloads an attachment or exports it (for example printing letters), it is listed here: who, when, which dossier, and why where that was asked.',
              )}</p>
              <form method="get" action="/privacy/inzage" class="grip-inline" aria-label={web.t('Filter', 'Filter')}>
                {field('van', 'Van (JJJJ-MM-DD)', 'From (YYYY-MM-DD)', 'date')}
                {field('tot', 'Tot en met', 'Up to and including', 'date')}
                {field('medewerker', 'Medewerker (inlognaam)', 'Staff member (login)')}
                {field('dossier', 'Dossiernummer', 'Dossier number')}
                <div class="utrecht-form-field">
                  <label class="utrecht-form-label" for="f-actie">{web.t('Handeling', 'Action')}</label>
                  <select id="f-actie" class="utrecht-select" name="actie">
                    <option value="">{web.t('Alle', 'All')}</option>
                    {Object.entries(ACTIONS).map(([k, [nl, en]]) => <option value={k} selected={raw.actie === k}>{web.t(nl, en)}</option>)}
                  </select>
                </div>
                <Button>{web.t('Filteren', 'Filter')}</Button>
              </form>
              {!parsed.ok && <Alert kind="error">{parsed.errors.map((e) => `${e.field}: ${e.message}`).join(' ')}</Alert>}
              {parsed.ok && (shown.length === 0
                ? <p>{web.t('Geen inzage gevonden met dit filter.', 'No access found with this filter.')}</p>
                : (
                  <>
                    <p class="grip-downloads"><a href={csv} download>{web.t('Exporteren als CSV (alle regels van dit filter)', 'Export as CSV (every line of this filter)')}</a></p>
                    <table class="utrecht-table utrecht-table--html-table" id="inzagelog">
                      <caption class="utrecht-table__caption">{rows.length > PAGE_ROWS
                        ? web.t(`De nieuwste ${PAGE_ROWS} regels; de CSV heeft ze allemaal`, `The latest ${PAGE_ROWS} lines; the CSV has them all`)
                        : web.t(`${shown.length} regels`, `${shown.length} lines`)}</caption>
                      <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        {[web.t('Moment', 'Moment'), web.t('Medewerker', 'Staff member'), web.t('Dossier', 'Dossier'), web.t('Handeling', 'Action'), web.t('Pagina', 'Page'), web.t('Reden', 'Purpose')]
                          .map((h) => <th class="utrecht-table__header-cell" scope="col">{h}</th>)}
                      </tr></thead>
                      <tbody class="utrecht-table__body">
                        {shown.map((r) => (
                          <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell">{formatDate(r.at, web, true)}</td>
                            <td class="utrecht-table__cell">{r.actor_login}</td>
                            <td class="utrecht-table__cell">{r.dossier_number ?? ''}</td>
                            <td class="utrecht-table__cell">{web.t(...ACTIONS[r.action])}</td>
                            <td class="utrecht-table__cell">{r.route}</td>
                            <td class="utrecht-table__cell">{r.purpose ?? ''}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </>
                ))}
            </Layout>
          ),
        };
      },
    }),
    definePage({
      method: 'GET', url: '/privacy/inzage.csv', permission: 'audit.read',
      async handler(p) {
        const { parsed } = filterOf(p);
        if (!parsed.ok) return { status: 400, body: <Layout web={p.web} title={p.web.t('Inzagelog', 'Access log')}><Alert kind="error">{parsed.errors.map((e) => e.message).join(' ')}</Alert></Layout> };
        const rows = await findEntries(ctx.db, parsed.data, 1_000_000);
        return sendTables(p, `inzagelog-${ctx.clock().toISOString().slice(0, 10)}`, 'csv', [table(rows, p.web)]);
      },
    }),
  ];
}
