import { can, mayActInDomain } from '../auth/policy.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { getTrayOverview } from '../tray/tray.service.ts';
import { formatDate, UNIT_TEXT, weeks } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { sendTables, type Cell, type DataTable } from '../web/data-table.ts';
import { definePage, type PageDef, type Web } from '../web/page.ts';

/**
 * A first overview for team managers and the director: per domain and unit
 * the tray by lane, the oldest wait and how many wait longer than the target,
 * and the cases still to route. Full dashboards come later.
 */
const num = (n: number, web: Web) => n.toLocaleString(web.lang === 'en' ? 'en-GB' : 'nl-NL');
const cell = 'utrecht-table__cell grip-number';

/** The overview's table as data, for CSV and XLSX. */
async function overviewTable(ctx: AppContext, t: (nl: string, en: string) => string): Promise<DataTable> {
  const [overview, domains] = await Promise.all([getTrayOverview(ctx), listDomains(ctx.db)]);
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const weeksOf = (days: number | null) => (days === null ? null : Math.round((days / 7) * 10) / 10);
  return {
    id: 'bak',
    title: t('Zaken in de bak per domein en eenheid', 'Cases in the tray per domain and unit'),
    columns: [
      t('Domein', 'Domain'), t('Eenheid', 'Unit'), t('In de bak', 'In the tray'), t('Spoed', 'Urgent'), 'B', 'POP', 'OB',
      t(`Langer dan ${overview.targetDays / 7} weken`, `Longer than ${overview.targetDays / 7} weeks`), t('Oudste zaak wacht (weken)', 'Oldest case waits (weeks)'),
    ],
    rows: [
      ...overview.items.map((i): Cell[] => [
        domainName.get(i.domain) ?? i.domain, t(...(UNIT_TEXT[i.unit] ?? [i.unit, i.unit])), i.total, i.lanes.urgent, i.lanes.b, i.lanes.pop, i.lanes.ob, i.overTarget, weeksOf(i.oldestWaitDays),
      ]),
      [t('Nog te routeren', 'Still to route'), null, overview.unrouted.total, null, null, null, null, null, weeksOf(overview.unrouted.oldestWaitDays)],
    ],
  };
}

export function overviewPages(ctx: AppContext): PageDef[] {
  return [
    ...(['csv', 'xlsx'] as const).map((format) =>
      definePage({
        method: 'GET', url: `/overzicht.${format}`, permission: 'dashboards.read',
        async handler(p) {
          return sendTables(p, `overzicht-${ctx.clock().toISOString().slice(0, 10)}`, format, [await overviewTable(ctx, p.web.t)]);
        },
      }),
    ),
    definePage({
      method: 'GET', url: '/overzicht', permission: 'dashboards.read',
      async handler(p) {
        const { web } = p;
        const [overview, domains] = await Promise.all([getTrayOverview(ctx), listDomains(ctx.db)]);
        const domainName = new Map(domains.map((d) => [d.id, d.name]));
        const linkToTray = (domain: string) => can(p.actor, 'cases.assign') && mayActInDomain(p.actor, domain);
        const sum = (pick: (i: (typeof overview.items)[number]) => number) => overview.items.reduce((n, i) => n + pick(i), 0);
        const oldest = Math.max(-1, ...overview.items.map((i) => i.oldestWaitDays ?? -1));
        const targetWeeks = overview.targetDays / 7;
        const head = (nl: string, en: string, numeric = true) => <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`}>{web.t(nl, en)}</th>;
        return (
          <Layout web={web} title={web.t('Overzicht', 'Overview')}>
            <p>
              {web.t(`Stand op ${formatDate(ctx.clock(), web, true)}. Doel: elke klacht binnen ${targetWeeks} weken een behandelaar.`,
                `As of ${formatDate(ctx.clock(), web, true)}. Target: every complaint has a handler within ${targetWeeks} weeks.`)}
            </p>
            <h2 class="utrecht-heading-2">{web.t('De bak per domein en eenheid', 'The tray per domain and unit')}</h2>
            <div class="grip-table-wrap">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">
                  {web.t('Zaken in de bak (nog niet toegewezen) per domein en eenheid, per markering, met de wachttijd van de oudste zaak',
                    'Cases in the tray (not yet assigned) per domain and unit, per marker, with the wait of the oldest case')}
                </caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    {head('Domein en eenheid', 'Domain and unit', false)}
                    {head('In de bak', 'In the tray')}
                    {head('Spoed', 'Urgent')}
                    {head('B', 'B')}
                    {head('POP', 'POP')}
                    {head('OB', 'OB')}
                    {head(`Langer dan ${targetWeeks} weken`, `Longer than ${targetWeeks} weeks`)}
                    {head('Oudste zaak wacht (weken)', 'Oldest case waits (weeks)')}
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {overview.items.map((i) => {
                    const label = `${domainName.get(i.domain) ?? i.domain} — ${web.t(...(UNIT_TEXT[i.unit] ?? [i.unit, i.unit]))}`;
                    const href = `/bak?domein=${encodeURIComponent(i.domain)}&eenheid=${i.unit === 'extended' ? 'ukb' : 'kb'}`;
                    return (
                      <tr class="utrecht-table__row">
                        <th scope="row" class="utrecht-table__cell">{linkToTray(i.domain) ? <a href={href}>{label}</a> : label}</th>
                        <td class={cell}>{num(i.total, web)}</td>
                        <td class={cell}>{num(i.lanes.urgent, web)}</td>
                        <td class={cell}>{num(i.lanes.b, web)}</td>
                        <td class={cell}>{num(i.lanes.pop, web)}</td>
                        <td class={cell}>{num(i.lanes.ob, web)}</td>
                        <td class={cell}>{num(i.overTarget, web)}</td>
                        <td class={cell}>{i.oldestWaitDays === null ? '–' : weeks(i.oldestWaitDays)}</td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr class="utrecht-table__row">
                    <th scope="row" class="utrecht-table__header-cell">{web.t('Totaal', 'Total')}</th>
                    <td class={cell}><strong>{num(sum((i) => i.total), web)}</strong></td>
                    <td class={cell}><strong>{num(sum((i) => i.lanes.urgent), web)}</strong></td>
                    <td class={cell}><strong>{num(sum((i) => i.lanes.b), web)}</strong></td>
                    <td class={cell}><strong>{num(sum((i) => i.lanes.pop), web)}</strong></td>
                    <td class={cell}><strong>{num(sum((i) => i.lanes.ob), web)}</strong></td>
                    <td class={cell}><strong>{num(sum((i) => i.overTarget), web)}</strong></td>
                    <td class={cell}><strong>{oldest < 0 ? '–' : weeks(oldest)}</strong></td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <p class="grip-downloads">{web.t('Downloaden: ', 'Download: ')}<a href="/overzicht.csv" download>CSV</a>, <a href="/overzicht.xlsx" download>XLSX</a></p>
            <h2 class="utrecht-heading-2">{web.t('Nog te routeren', 'Still to route')}</h2>
            <dl class="grip-counts">
              <div>
                <dt>{web.t('Geregistreerd, nog niet naar een domein', 'Registered, not yet routed to a domain')}</dt>
                <dd>{num(overview.unrouted.total, web)}</dd>
              </div>
              <div>
                <dt>{web.t('Oudste wacht (weken)', 'Oldest waits (weeks)')}</dt>
                <dd>{overview.unrouted.oldestWaitDays === null ? '–' : weeks(overview.unrouted.oldestWaitDays)}</dd>
              </div>
              <div>
                <dt>{web.t('Totaal nog niet toegewezen', 'Total not yet assigned')}</dt>
                <dd>{num(sum((i) => i.total) + overview.unrouted.total, web)}</dd>
              </div>
            </dl>
          </Layout>
        );
      },
    }),
  ];
}
