import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { Alert, Button, Field, Select } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef } from '../web/page.ts';
import { LineChart } from './chart.tsx';
import { toXlsx } from '../shared/xlsx.ts';
import { routingSummary } from '../routing/routing.service.ts';
import { AGE_BANDS, stockSeries, trayStats, waitStats } from './stats.service.ts';

/**
 * The dashboard: stock and waiting time through time, for any "as of" date
 * and domain, computed from events. Steer on the waiting time (DOMAIN.md).
 */
const DAY_MS = 86_400_000;
const TARGET_DAYS = 21;
const TRAY_TARGET = { from: 200, to: 300 };

function choice(ctx: AppContext, p: PageContext) {
  const raw = one(p.query.peildatum);
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) ? new Date(`${raw}T00:00:00Z`) : null;
  const today = new Date(`${ctx.clock().toISOString().slice(0, 10)}T00:00:00Z`);
  return { asOf: asOf ?? today, invalidDate: raw !== '' && !asOf, domain: one(p.query.domein) };
}

export function dashboardPages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/dashboard', permission: 'dashboards.read',
      async handler(p) {
        const { web } = p;
        const { asOf, invalidDate, domain: chosen } = choice(ctx, p);
        const domains = await listDomains(ctx.db);
        const domain = domains.some((d) => d.id === chosen) ? chosen : '';
        const [tray, stock, waits, routing] = await Promise.all([
          trayStats(ctx, asOf),
          stockSeries(ctx, { from: new Date(asOf.getTime() - 26 * 7 * DAY_MS), to: asOf }),
          waitStats(ctx, { from: new Date(asOf.getTime() - 13 * 7 * DAY_MS), to: asOf, allDomains: domain === '' }),
          routingSummary(ctx, { from: new Date(asOf.getTime() - 13 * 7 * DAY_MS), to: asOf }),
        ]);
        const shown = tray.items.filter((i) => !domain || i.domain === domain);
        const total = (pick: (i: (typeof shown)[number]) => number) => shown.reduce((n, i) => n + pick(i), 0);
        const inTray = total((i) => i.unassigned);
        const share = (n: number) => (inTray ? `${Math.round((n / inTray) * 100)}%` : '—');
        const name = (id: string) => domains.find((d) => d.id === id)?.name ?? id;
        const waitRows = waits.items.filter((w) => w.domain === (domain || 'all'));
        const date = asOf.toISOString().slice(0, 10);
        const scope = domain ? name(domain) : web.t('alle domeinen', 'all domains');
        return (
          <Layout web={web} title={web.t('Dashboard: voorraad en wachttijd', 'Dashboard: stock and waiting time')}>
            <form method="get" action="/dashboard" class="grip-inline">
              <Field name="peildatum" type="date" label={web.t('Peildatum', 'As of')} value={date} error={invalidDate ? web.t('Vul een datum in als JJJJ-MM-DD.', 'Enter a date as YYYY-MM-DD.') : undefined} />
              <Select name="domein" label={web.t('Domein', 'Domain')} value={domain} emptyLabel={web.t('Alle domeinen', 'All domains')} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
              <Button secondary>{web.t('Toon', 'Show')}</Button>
            </form>
            <p class="grip-muted">{web.t(`Stand aan het begin van ${date}, berekend uit de gebeurtenissen van elk dossier.`, `State at the start of ${date}, computed from each dossier's events.`)}</p>

            <h2 class="utrecht-heading-2">{web.t('De bak per domein', 'The tray per domain')}</h2>
            <div class="grip-table-wrap">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">{web.t(`Niet toegewezen en in behandeling op ${date}`, `Unassigned and in progress on ${date}`)}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th scope="col" class="utrecht-table__header-cell">{web.t('Domein', 'Domain')}</th>
                    <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('In de bak', 'In the tray')}</th>
                    <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('In behandeling', 'In progress')}</th>
                    <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('Oudste wacht (weken)', 'Oldest wait (weeks)')}</th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {shown.map((i) => (
                    <tr class="utrecht-table__row">
                      <th scope="row" class="utrecht-table__cell">{name(i.domain)}</th>
                      <td class="utrecht-table__cell grip-number">{i.unassigned}</td>
                      <td class="utrecht-table__cell grip-number">{i.inProgress}</td>
                      <td class="utrecht-table__cell grip-number">{i.oldestWaitDays === null ? '—' : (i.oldestWaitDays / 7).toFixed(1).replace('.', web.lang === 'nl' ? ',' : '.')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            <div class="grip-grid">
              <div class="grip-table-wrap">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{web.t(`Leeftijd van de bak op ${date} (weken sinds ontvangst)`, `Age of the tray on ${date} (weeks since receipt)`)}</caption>
                  <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th scope="col" class="utrecht-table__header-cell">{web.t('Weken', 'Weeks')}</th>
                    <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('Zaken', 'Cases')}</th>
                  </tr></thead>
                  <tbody class="utrecht-table__body">
                    {AGE_BANDS.map((b) => (
                      <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__cell">{b.label}</th><td class="utrecht-table__cell grip-number">{total((i) => i.ageWeeks[b.label] ?? 0)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div class="grip-table-wrap">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{web.t(`Markeringen in de bak op ${date}`, `Lane markers in the tray on ${date}`)}</caption>
                  <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th scope="col" class="utrecht-table__header-cell">{web.t('Markering', 'Marker')}</th>
                    <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('Zaken', 'Cases')}</th>
                    <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('Aandeel', 'Share')}</th>
                  </tr></thead>
                  <tbody class="utrecht-table__body">
                    {([['urgent', web.t('Spoed', 'Urgent')], ['b', 'B'], ['pop', 'POP'], ['ob', 'OB']] as const).map(([k, label]) => (
                      <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__cell">{label}</th><td class="utrecht-table__cell grip-number">{total((i) => i.lanes[k])}</td><td class="utrecht-table__cell grip-number">{share(total((i) => i.lanes[k]))}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div class="grip-table-wrap">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{web.t('Routering in de 13 weken voor de peildatum (alle domeinen)', 'Routing in the 13 weeks before the date (all domains)')}</caption>
                  <tbody class="utrecht-table__body">
                    <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__cell">{web.t('Gerouteerd', 'Routed')}</th><td class="utrecht-table__cell grip-number">{routing.routed}</td></tr>
                    <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__cell">KB</th><td class="utrecht-table__cell grip-number">{routing.perUnit.standard ?? 0}</td></tr>
                    <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__cell">UKB</th><td class="utrecht-table__cell grip-number">{routing.perUnit.extended ?? 0}</td></tr>
                    <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__cell">{web.t('Voorstel overschreven', 'Suggestion overridden')}</th><td class="utrecht-table__cell grip-number">{routing.overrideRate === null ? '—' : `${Math.round(routing.overrideRate * 100)}%`}</td></tr>
                  </tbody>
                </table>
              </div>
            </div>

            <LineChart
              id="voorraad" web={web} yUnit={web.t('zaken', 'cases')}
              title={web.t(`Voorraad in de bak, ${scope}, de 26 weken tot ${date}`, `Stock in the tray, ${scope}, the 26 weeks to ${date}`)}
              labels={stock.map((s) => s.date)}
              series={[{ name: web.t('In de bak', 'In the tray'), colour: '#154273', values: stock.map((s) => (domain ? (s.perDomain[domain] ?? 0) : s.total)) }]}
              targets={domain ? [] : [{ ...TRAY_TARGET, label: web.t('Doel: 200–300 in de hele bak', 'Target: 200–300 in the whole tray') }]}
            />
            <p>
              {web.t('Downloaden: ', 'Download: ')}
              <a href={`/dashboard/voorraad.csv?peildatum=${date}`} download>CSV</a>,{' '}
              <a href={`/dashboard/voorraad.xlsx?peildatum=${date}`} download>XLSX</a>
            </p>

            {waitRows.length === 0 ? (
              <Alert>{web.t('Geen toewijzingen in de 13 weken voor de peildatum.', 'No assignments in the 13 weeks before the date.')}</Alert>
            ) : (
              <LineChart
                id="wachttijd" web={web} yUnit={web.t('dagen', 'days')}
                title={web.t(`Wachttijd van ontvangst tot toewijzing, ${scope}, per week van toewijzing`, `Wait from receipt to assignment, ${scope}, per week of assignment`)}
                labels={waitRows.map((w) => w.week)}
                series={[
                  { name: 'p50', colour: '#154273', values: waitRows.map((w) => w.p50Days) },
                  { name: 'p80', colour: '#01689b', values: waitRows.map((w) => w.p80Days), dashed: true },
                  { name: 'p95', colour: '#d52b1e', values: waitRows.map((w) => w.p95Days), dashed: true },
                ]}
                targets={[{ from: TARGET_DAYS, label: web.t('Doel: binnen 3 weken', 'Target: within 3 weeks') }]}
              />
            )}
            <p class="grip-muted">
              {web.t('Voor BI-koppelingen: ', 'For BI tools: ')}
              <a href={`/api/v1/stats/tray?asOf=${date}`}>/api/v1/stats/tray</a>, <a href="/api/v1/openapi.json">OpenAPI</a>
            </p>
          </Layout>
        );
      },
    }),
    ...(['csv', 'xlsx'] as const).map((format) =>
      definePage({
        method: 'GET', url: `/dashboard/voorraad.${format}`, permission: 'dashboards.read',
        async handler(p) {
          const { asOf } = choice(ctx, p);
          const domains = (await listDomains(ctx.db)).map((d) => d.id);
          const [stock, tray] = await Promise.all([
            stockSeries(ctx, { from: new Date(asOf.getTime() - 26 * 7 * DAY_MS), to: asOf }),
            trayStats(ctx, asOf),
          ]);
          const stockRows = [['date', ...domains, 'total'], ...stock.map((s) => [s.date, ...domains.map((d) => s.perDomain[d] ?? 0), s.total])];
          const name = `voorraad-${asOf.toISOString().slice(0, 10)}.${format}`;
          const body = format === 'csv'
            ? `${stockRows.map((r) => r.join(',')).join('\n')}\n`
            : toXlsx([
                { name: 'Voorraad per week', rows: stockRows },
                { name: 'Bak per domein', rows: [['domain', 'unassigned', 'inProgress', 'oldestWaitDays'], ...tray.items.map((i) => [i.domain, i.unassigned, i.inProgress, i.oldestWaitDays])] },
              ]);
          await p.reply
            .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}"`)
            .send(body);
          return { sent: true };
        },
      }),
    ),
  ];
}
