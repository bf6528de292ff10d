import { listDomains } from '../organisation/organisation.repository.ts';
import { weekStart } from '../core/replay.ts';
import type { AppContext } from '../shared/context.ts';
import { Button, Field, Select } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { sendTables, type Cell, type DataTable } from '../web/data-table.ts';
import { definePage, one, type PageContext, type PageDef } from '../web/page.ts';
import { production, type Production } from './production.service.ts';

/** Production against the norm per investigator: for a conversation, not a ranking on a wall. */
const DAY_MS = 86_400_000;

/** The page's choice from its query: the week until, how many weeks, which domain. */
async function choose(ctx: AppContext, p: PageContext) {
  const raw = one(p.query.tot);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw));
  const until = new Date(`${weekStart(valid ? new Date(raw) : ctx.clock())}T00:00:00Z`);
  const count = Math.min(13, Math.max(1, Number(one(p.query.weken)) || 4));
  const domains = await listDomains(ctx.db);
  const domain = domains.some((d) => d.id === one(p.query.domein)) ? one(p.query.domein) : undefined;
  const data = await production(ctx, { from: new Date(until.getTime() - count * 7 * DAY_MS), to: until, domain });
  return { raw, valid, until, count, domains, domain, data };
}

/** The page's figures as tables, for CSV and XLSX. */
function productionTables(data: Production, t: (nl: string, en: string) => string): DataTable[] {
  const round = (n: number) => Math.round(n * 10) / 10;
  return [
    {
      id: 'productie',
      title: t('Afgesloten en norm per klachtonderzoeker per week', 'Closed and norm per investigator per week'),
      columns: [
        t('Klachtonderzoeker', 'Investigator'), 'FTE',
        ...data.weeks.flatMap((w) => [`${w} ${t('afgesloten', 'closed')}`, `${w} ${t('norm', 'norm')}`]),
        t('Totaal', 'Total'), t('Norm', 'Norm'), t('Verhouding (%)', 'Ratio (%)'),
      ],
      rows: [
        ...data.people.map((x): Cell[] => [
          x.name, x.fte, ...x.weeks.flatMap((w) => [w.closed, w.expected]), x.closed, x.expected, x.ratio === null ? null : Math.round(x.ratio * 100),
        ]),
        [
          t('Team', 'Team'), round(data.people.reduce((n, x) => n + x.fte, 0)), ...data.team.flatMap((w): Cell[] => [w.closed, w.expected]),
          data.team.reduce((n, w) => n + w.closed, 0), round(data.team.reduce((n, w) => n + (w.expected ?? 0), 0)), null,
        ],
      ],
    },
    {
      id: 'gesprek',
      title: t('Voor een gesprek', 'For a conversation'),
      columns: [t('Klachtonderzoeker', 'Investigator'), t('Afgesloten', 'Closed'), t('Norm', 'Norm'), t('Richting', 'Direction')],
      rows: data.people.filter((x) => x.conversation).map((x) => [x.name, x.closed, x.expected, x.conversation === 'below' ? t('ver eronder', 'far below') : t('ver erboven', 'far above')]),
    },
  ];
}

export function productionPages(ctx: AppContext): PageDef[] {
  return [
    ...(['csv', 'xlsx'] as const).map((format) =>
      definePage({
        method: 'GET', url: `/productie.${format}`, permission: 'dashboards.read',
        async handler(p) {
          const { until, data } = await choose(ctx, p);
          const tables = productionTables(data, p.web.t);
          return sendTables(p, `productie-${until.toISOString().slice(0, 10)}`, format, format === 'csv' ? [tables[0]!] : tables);
        },
      }),
    ),
    definePage({
      method: 'GET', url: '/productie', permission: 'dashboards.read',
      async handler(p) {
        const { web } = p;
        const { raw, valid, until, count, domains, domain, data } = await choose(ctx, p);
        const query = `tot=${until.toISOString().slice(0, 10)}&weken=${count}${domain ? `&domein=${encodeURIComponent(domain)}` : ''}`;
        const fmt = (n: number | null) => (n === null ? '—' : String(n).replace('.', web.lang === 'nl' ? ',' : '.'));
        const talk = data.people.filter((x) => x.conversation);
        const th = (text: string, numeric = true) => <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`}>{text}</th>;
        return (
          <Layout web={web} title={web.t('Productie tegen de norm', 'Production against the norm')}>
            <form method="get" action="/productie" class="grip-inline">
              <Field name="tot" type="date" label={web.t('Tot (week van)', 'Until (week of)')} value={until.toISOString().slice(0, 10)} error={raw && !valid ? web.t('Vul een datum in als JJJJ-MM-DD.', 'Enter a date as YYYY-MM-DD.') : undefined} />
              <Select name="weken" label={web.t('Aantal weken', 'Number of weeks')} value={String(count)} options={[1, 2, 4, 8, 13].map((n) => ({ value: String(n), label: String(n) }))} />
              <Select name="domein" label={web.t('Domein', 'Domain')} value={domain ?? ''} emptyLabel={web.t('Alle domeinen', 'All domains')} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
              <Button secondary>{web.t('Toon', 'Show')}</Button>
            </form>
            <p class="grip-muted">
              {web.t('Afgesloten zaken per week, tegen de norm van die week maal het aantal fte. Terugbelverzoeken tellen nooit mee; “afgesloten” betekent in elk domein hetzelfde.',
                'Closed cases per week, against that week\'s norm times FTE. Callback requests never count; "closed" means the same in every domain.')}
            </p>
            {talk.length > 0 && (
              <section class="grip-card" aria-labelledby="gesprek-kop">
                <h2 id="gesprek-kop" class="utrecht-heading-2">{web.t('Voor een gesprek', 'For a conversation')}</h2>
                <ul>
                  {talk.map((x) => (
                    <li>{x.name}: {fmt(x.closed)} {web.t('afgesloten tegen een norm van', 'closed against a norm of')} {fmt(x.expected)} ({x.conversation === 'below' ? web.t('ver eronder', 'far below') : web.t('ver erboven', 'far above')})</li>
                  ))}
                </ul>
              </section>
            )}
            <div class="grip-table-wrap">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">{web.t('Afgesloten / norm per week', 'Closed / norm per week')}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    {th(web.t('Klachtonderzoeker', 'Investigator'), false)}
                    {th('FTE')}
                    {data.weeks.map((w) => th(w.slice(5)))}
                    {th(web.t('Totaal', 'Total'))}
                    {th(web.t('Norm', 'Norm'))}
                    {th(web.t('Verhouding', 'Ratio'))}
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {data.people.map((x) => (
                    <tr class="utrecht-table__row">
                      <th scope="row" class="utrecht-table__cell">{x.name}</th>
                      <td class="utrecht-table__cell grip-number">{fmt(x.fte)}</td>
                      {x.weeks.map((w) => <td class="utrecht-table__cell grip-number">{w.closed} / {fmt(w.expected)}</td>)}
                      <td class="utrecht-table__cell grip-number">{x.closed}</td>
                      <td class="utrecht-table__cell grip-number">{fmt(x.expected)}</td>
                      <td class="utrecht-table__cell grip-number">{x.ratio === null ? '—' : `${Math.round(x.ratio * 100)}%`}</td>
                    </tr>
                  ))}
                  <tr class="utrecht-table__row">
                    <th scope="row" class="utrecht-table__cell">{web.t('Team', 'Team')}</th>
                    <td class="utrecht-table__cell grip-number">{fmt(Math.round(data.people.reduce((n, x) => n + x.fte, 0) * 10) / 10)}</td>
                    {data.team.map((w) => <td class="utrecht-table__cell grip-number">{w.closed} / {fmt(w.expected)}</td>)}
                    <td class="utrecht-table__cell grip-number">{data.team.reduce((n, w) => n + w.closed, 0)}</td>
                    <td class="utrecht-table__cell grip-number">{fmt(Math.round(data.team.reduce((n, w) => n + (w.expected ?? 0), 0) * 10) / 10)}</td>
                    <td class="utrecht-table__cell grip-number"></td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p class="grip-downloads">
              {web.t('Downloaden: ', 'Download: ')}
              <a href={`/productie.csv?${query}`} download>CSV</a>, <a href={`/productie.xlsx?${query}`} download>XLSX</a>
            </p>
          </Layout>
        );
      },
    }),
  ];
}
