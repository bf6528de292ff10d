import { sql } from 'kysely';
import { recordAccess } from '../audit/audit.service.ts';
import type { AppContext } from '../shared/context.ts';
import { readableBy } from './case.access.ts';
import { Alert, Button, formatDate, LaneBadges } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type Web } from '../web/page.ts';
import { statusText } from './case.timeline.tsx';

/** The investigator's own cases, ordered by what needs action, and the search from every page. */
const DAY_MS = 86_400_000;

interface Row {
  id: string;
  dossier_number: string;
  subject: string;
  status: string;
  agency: string;
  petitioner: string;
  received_at: Date;
  assigned_at: Date | null;
  last_at: Date | null;
  lane_urgent: boolean;
  lane_b: boolean;
  lane_pop: boolean;
  lane_ob: boolean;
}

function CaseTable({ rows, web, caption, now, nextStep }: { rows: Row[]; web: Web; caption: string; now: number; nextStep?: boolean }) {
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">{web.t('Dossier', 'Dossier')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Onderwerp', 'Subject')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Verzoeker', 'Petitioner')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Instantie', 'Agency')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Status', 'Status')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Ontvangen', 'Received')}</th>
            {nextStep && <th scope="col" class="utrecht-table__header-cell">{web.t('Laatste handeling', 'Last action')}</th>}
            {nextStep && <th scope="col" class="utrecht-table__header-cell">{web.t('Volgende stap', 'Next step')}</th>}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell"><a href={`/zaken/${r.id}`}>{r.dossier_number}</a> <LaneBadges lanes={{ urgent: r.lane_urgent, b: r.lane_b, pop: r.lane_pop, ob: r.lane_ob }} web={web} /></td>
              <td class="utrecht-table__cell">{r.subject}</td>
              <td class="utrecht-table__cell">{r.petitioner}</td>
              <td class="utrecht-table__cell">{r.agency}</td>
              <td class="utrecht-table__cell">{statusText(r.status, web)}</td>
              <td class="utrecht-table__cell">{formatDate(r.received_at, web)}</td>
              {nextStep && <td class="utrecht-table__cell">{r.last_at ? web.t(`${Math.floor((now - r.last_at.getTime()) / DAY_MS)} dagen geleden`, `${Math.floor((now - r.last_at.getTime()) / DAY_MS)} days ago`) : ''}</td>}
              {nextStep && (
                <td class="utrecht-table__cell">
                  {r.status === 'assigned' ? web.t('Verzoeker bellen (eerste contact)', 'Call the petitioner (first contact)') : web.t('Afhandelen of afsluiten', 'Handle or close')}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function baseQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('cases as c')
    .innerJoin('agencies as a', 'a.id', 'c.agency_id')
    .innerJoin('petitioners as p', 'p.id', 'c.petitioner_id')
    .select([
      'c.id', 'c.dossier_number', 'c.subject', 'c.status', 'a.name as agency', 'p.name as petitioner', 'c.received_at', 'c.assigned_at',
      'c.lane_urgent', 'c.lane_b', 'c.lane_pop', 'c.lane_ob',
      sql<Date | null>`(select max(e.at) from case_events e where e.case_id = c.id)`.as('last_at'),
    ]);
}

export function worklistPages(ctx: AppContext) {
  return [
    definePage({
      method: 'GET', url: '/mijn-zaken', permission: 'cases.handle',
      async handler(p) {
        const web = p.web;
        const open = await baseQuery(ctx)
          .where('c.investigator_id', '=', p.actor.id)
          .where('c.status', 'in', ['assigned', 'in_progress'])
          // First contact first (urgent before others), then the case that waited longest for an action.
          .orderBy(sql`c.status = 'assigned'`, 'desc')
          .orderBy('c.lane_urgent', 'desc')
          .orderBy(sql`(select max(e.at) from case_events e where e.case_id = c.id)`)
          .limit(300)
          .execute();
        const closed = await baseQuery(ctx)
          .where('c.investigator_id', '=', p.actor.id)
          .where('c.status', '=', 'closed')
          .orderBy('c.closed_at', 'desc')
          .limit(10)
          .execute();
        const now = ctx.clock().getTime();
        return (
          <Layout web={web} title={web.t('Mijn zaken', 'My cases')}>
            {open.length === 0 ? <Alert>{web.t('U hebt geen lopende zaken.', 'You have no open cases.')}</Alert> : (
              <CaseTable rows={open} web={web} now={now} nextStep caption={web.t(`${open.length} lopende zaken, wat actie vraagt eerst`, `${open.length} open cases, what needs action first`)} />
            )}
            {closed.length > 0 && <h2 class="utrecht-heading-2">{web.t('Recent afgesloten (voor nazorg)', 'Recently closed (for aftercare)')}</h2>}
            {closed.length > 0 && <CaseTable rows={closed} web={web} now={now} caption={web.t('De laatste tien afgesloten zaken', 'The last ten closed cases')} />}
          </Layout>
        );
      },
    }),
    definePage({
      method: 'GET', url: '/zoeken', permission: 'cases.read',
      async handler(p) {
        const web = p.web;
        const q = one(p.query.q).replace(/\0/g, '').trim().slice(0, 100);
        const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        const rows = q
          ? await baseQuery(ctx)
              .where((eb) => eb.or([eb('c.dossier_number', 'ilike', like), eb('p.name', 'ilike', like), eb('a.name', 'ilike', like)]))
              .where(readableBy(p.actor))
              .orderBy('c.received_at', 'desc')
              .limit(50)
              .execute()
          : [];
        await recordAccess(ctx.db, p.actor, ctx.clock(), {
          action: 'search', route: '/zoeken', cases: rows.map((r) => ({ caseId: r.id, dossierNumber: r.dossier_number })),
        });
        return (
          <Layout web={web} title={web.t('Zoeken', 'Search')}>
            <form method="get" action="/zoeken" class="grip-inline" role="search">
              <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="zoek-pagina">{web.t('Dossiernummer, naam verzoeker of instantie', 'Dossier number, petitioner name or agency')}</label>
                <input id="zoek-pagina" class="utrecht-textbox" type="search" name="q" value={q} />
              </div>
              <Button>{web.t('Zoeken', 'Search')}</Button>
            </form>
            {q && (rows.length === 0
              ? <Alert>{web.t(`Niets gevonden voor “${q}”.`, `Nothing found for “${q}”.`)}</Alert>
              : <CaseTable rows={rows} web={web} now={ctx.clock().getTime()} caption={web.t(`${rows.length === 50 ? 'De eerste 50' : rows.length} resultaten voor “${q}”`, `${rows.length === 50 ? 'The first 50' : rows.length} results for “${q}”`)} />)}
          </Layout>
        );
      },
    }),
  ];
}
