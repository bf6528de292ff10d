import { render } from 'preact-render-to-string';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { Button, Field, Select } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { ChartSvg, LineChart } from './chart.tsx';
import { sendTables, type DataTable } from '../web/data-table.ts';
import { dashboardModel, type ChartDef, type DashboardModel } from './dashboard.model.ts';

/**
 * The dashboard: stock, flow and waiting time through time, for any "as of"
 * date and domain, from the daily figures that events produce. Steer on the
 * waiting time (DOMAIN.md). Every table downloads as CSV and XLSX, every
 * chart as SVG, all from one model.
 */
function choice(ctx: AppContext, p: PageContext) {
  const raw = one(p.query.peildatum);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00Z`) : null;
  const asOf = parsed && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(raw) ? parsed : null;
  const today = new Date(`${ctx.clock().toISOString().slice(0, 10)}T00:00:00Z`);
  return { asOf: asOf ?? today, invalidDate: raw !== '' && !asOf, domain: one(p.query.domein) };
}

const query = (m: DashboardModel) => `peildatum=${m.asOf}${m.domain ? `&domein=${encodeURIComponent(m.domain)}` : ''}`;
const nl = (web: Web, v: string | number | null) => (v === null ? '—' : typeof v === 'number' && web.lang === 'nl' ? String(v).replace('.', ',') : String(v));

function TableView({ table, web }: { table: DataTable; web: Web }) {
  const numeric = table.columns.map((_, c) => table.rows.some((r) => typeof r[c] === 'number'));
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table" id={`tabel-${table.id}`}>
        <caption class="utrecht-table__caption">{table.title}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {table.columns.map((c, i) => <th scope="col" class={`utrecht-table__header-cell${numeric[i] && i > 0 ? ' grip-number' : ''}`}>{c}</th>)}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {table.rows.map((r) => (
            <tr class="utrecht-table__row">
              <th scope="row" class="utrecht-table__cell">{nl(web, r[0] ?? null)}</th>
              {r.slice(1).map((v, i) => <td class={`utrecht-table__cell${numeric[i + 1] ? ' grip-number' : ''}`}>{nl(web, v)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function tableDownloads(m: DashboardModel, id: string) {
  return [
    { href: `/dashboard/tabellen/${id}.csv?${query(m)}`, label: 'CSV' },
    { href: `/dashboard/tabellen/${id}.xlsx?${query(m)}`, label: 'XLSX' },
  ];
}

function Downloads({ links, web }: { links: { href: string; label: string }[]; web: Web }) {
  return <p class="grip-downloads">{web.t('Downloaden: ', 'Download: ')}{links.map((d, i) => <>{i > 0 ? ', ' : ''}<a href={d.href} download>{d.label}</a></>)}</p>;
}

function chartProps(m: DashboardModel, chart: ChartDef) {
  const table = m.tables.find((t) => t.id === chart.table)!;
  return {
    id: chart.id, title: chart.title, yUnit: chart.yUnit, targets: chart.targets, marks: chart.marks,
    labels: table.rows.map((r) => String(r[0])),
    series: chart.series.map((s) => ({
      name: table.columns[s.column]!, colour: s.colour, dashed: s.dashed,
      values: table.rows.map((r) => (typeof r[s.column] === 'number' ? (r[s.column] as number) : null)),
    })),
  };
}

export function dashboardPages(ctx: AppContext): PageDef[] {
  const model = (p: PageContext) => {
    const { asOf, domain } = choice(ctx, p);
    return dashboardModel(ctx, { asOf, domain, t: p.web.t });
  };
  return [
    definePage({
      method: 'GET', url: '/dashboard', permission: 'dashboards.read',
      async handler(p) {
        const { web } = p;
        const { invalidDate } = choice(ctx, p);
        const [m, domains] = await Promise.all([model(p), listDomains(ctx.db)]);
        const table = (id: string) => m.tables.find((t) => t.id === id)!;
        const charted = new Set(m.charts.map((c) => c.table));
        return (
          <Layout web={web} title={web.t('Dashboard: voorraad, stroom en wachttijd', 'Dashboard: stock, flow and waiting time')}>
            <form method="get" action="/dashboard" class="grip-inline">
              <Field name="peildatum" type="date" label={web.t('Peildatum', 'As of')} value={m.asOf} error={invalidDate ? web.t('Vul een datum in als JJJJ-MM-DD.', 'Enter a date as YYYY-MM-DD.') : undefined} />
              <Select name="domein" label={web.t('Domein', 'Domain')} value={m.domain} emptyLabel={web.t('Alle domeinen', 'All domains')} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
              <Button secondary>{web.t('Toon', 'Show')}</Button>
            </form>
            <p class="grip-muted">
              {web.t(`Stand aan het begin van ${m.asOf}, berekend uit de gebeurtenissen van elk dossier. `, `State at the start of ${m.asOf}, computed from each dossier's events. `)}
              <a href={`/dashboard/alles.xlsx?${query(m)}`} download>{web.t('Alle tabellen als XLSX', 'All tables as XLSX')}</a>
            </p>

            <h2 class="utrecht-heading-2">{web.t('De bak', 'The tray')}</h2>
            <TableView table={table('bak')} web={web} />
            <Downloads links={tableDownloads(m, 'bak')} web={web} />
            <div class="grip-grid">
              {m.tables.filter((t) => t.id !== 'bak' && !charted.has(t.id)).map((t) => (
                <div>
                  <TableView table={t} web={web} />
                  <Downloads links={tableDownloads(m, t.id)} web={web} />
                </div>
              ))}
            </div>

            <h2 class="utrecht-heading-2">{web.t('Door de tijd', 'Through time')}</h2>
            {m.charts.map((c) => {
              const props = chartProps(m, c);
              return props.labels.length === 0 ? (
                <p class="grip-muted">{c.title}: {web.t('geen gegevens in deze periode.', 'no data in this period.')}</p>
              ) : (
                <LineChart
                  {...props} web={web}
                  table={<TableView table={table(c.table)} web={web} />}
                  downloads={[{ href: `/dashboard/grafieken/${c.id}.svg?${query(m)}`, label: 'SVG' }, ...tableDownloads(m, c.table)]}
                />
              );
            })}
            <p class="grip-muted">
              {web.t('Voor BI-koppelingen: ', 'For BI tools: ')}
              <a href={`/api/v1/stats/tray?asOf=${m.asOf}`}>/api/v1/stats/tray</a>, <a href="/api/v1/openapi.json">OpenAPI</a>
            </p>
          </Layout>
        );
      },
    }),
    definePage({
      method: 'GET', url: '/dashboard/alles.xlsx', permission: 'dashboards.read',
      async handler(p) {
        const m = await model(p);
        return sendTables(p, `dashboard-${m.asOf}`, 'xlsx', m.tables);
      },
    }),
    definePage({
      method: 'GET', url: '/dashboard/tabellen/:file', permission: 'dashboards.read',
      async handler(p) {
        const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(p.params.file ?? '');
        const m = match ? await model(p) : null;
        const t = m?.tables.find((x) => x.id === match![1]);
        if (!m || !t) return notFound(p.web);
        return sendTables(p, `${t.id}-${m.asOf}`, match![2] as 'csv' | 'xlsx', [t]);
      },
    }),
    definePage({
      method: 'GET', url: '/dashboard/grafieken/:file', permission: 'dashboards.read',
      async handler(p) {
        const match = /^([a-z-]+)\.svg$/.exec(p.params.file ?? '');
        const m = match ? await model(p) : null;
        const c = m?.charts.find((x) => x.id === match![1]);
        if (!m || !c) return notFound(p.web);
        const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${render(<ChartSvg {...chartProps(m, c)} standalone />)}\n`;
        await p.reply.type('image/svg+xml; charset=utf-8').header('content-disposition', `attachment; filename="${c.id}-${m.asOf}.svg"`).send(svg);
        return { sent: true };
      },
    }),
  ];
}

function notFound(web: Web) {
  return {
    status: 404,
    body: (
      <Layout web={web} title={web.t('Niet gevonden', 'Not found')}>
        <p>{web.t('Deze download bestaat niet. Kies een tabel of grafiek op het dashboard.', 'This download does not exist. Choose a table or chart on the dashboard.')}</p>
      </Layout>
    ),
  };
}
