import { listDomains } from '../organisation/organisation.repository.ts';
import type { Cell, DataTable } from '../web/data-table.ts';
import type { AppContext } from '../shared/context.ts';
import { holidayWeeks } from '../core/holidays.ts';
import { weekStart } from '../core/replay.ts';
import { addDays, AGE_BANDS, DAY_MS, isoDay } from './daily.ts';
import { flowSeries, stockSeries, TARGET_DAYS, trayStats, waitStats, type WaitStats } from './stats.service.ts';

/**
 * Everything the dashboard shows, as named tables; each chart draws columns
 * of one table. The page renders them, and every table downloads as CSV and
 * XLSX and every chart as SVG from this one model, so the numbers agree.
 */
export interface ChartDef {
  id: string;
  title: string;
  /** The table behind the chart: its first column labels the x axis. */
  table: string;
  series: { column: number; colour: string; dashed?: boolean }[];
  yUnit: string;
  targets: { from: number; to?: number; label: string }[];
  /** Rows (by index) to shade, with what they mark: holiday weeks. */
  marks: { index: number; label: string }[];
}

export interface DashboardModel {
  asOf: string;
  domain: string;
  scope: string;
  tables: DataTable[];
  charts: ChartDef[];
}

export const TRAY_TARGET = { from: 200, to: 300 };
const WEEKS_OF_STOCK = 26;
const WEEKS_OF_WAITS = 13;

type T = (nl: string, en: string) => string;
const pct = (share: number | null) => (share === null ? null : Math.round(share * 100));

export async function dashboardModel(ctx: AppContext, q: { asOf: Date; domain: string; t: T }): Promise<DashboardModel> {
  const { asOf, t } = q;
  const domains = await listDomains(ctx.db);
  const domain = domains.some((d) => d.id === q.domain) ? q.domain : '';
  const name = (id: string) => domains.find((d) => d.id === id)?.name ?? id;
  const date = isoDay(asOf);
  const stockFrom = new Date(asOf.getTime() - WEEKS_OF_STOCK * 7 * DAY_MS);
  const waitFrom = new Date(asOf.getTime() - WEEKS_OF_WAITS * 7 * DAY_MS);
  const [tray, stock, flows, waits, contacts] = await Promise.all([
    trayStats(ctx, asOf),
    stockSeries(ctx, { from: stockFrom, to: asOf }),
    flowSeries(ctx, { from: stockFrom, to: asOf }),
    waitStats(ctx, { from: waitFrom, to: asOf, kind: 'assignment', allDomains: domain === '' }),
    waitStats(ctx, { from: waitFrom, to: asOf, kind: 'first_contact', allDomains: domain === '' }),
  ]);
  const holidays = new Map(holidayWeeks(addDays(date, -WEEKS_OF_STOCK * 7 - 7), date).map((h) => [h.week, h.names.join(', ')]));
  const scope = domain ? name(domain) : t('alle domeinen', 'all domains');
  const shown = tray.items.filter((i) => !domain || i.domain === domain);
  const sum = (pick: (i: (typeof shown)[number]) => number) => shown.reduce((n, i) => n + pick(i), 0);
  const inTray = sum((i) => i.unassigned);

  const tables: DataTable[] = [];
  tables.push({
    id: 'bak',
    title: t(`De bak per domein en eenheid op ${date}`, `The tray per domain and unit on ${date}`),
    columns: [t('Domein', 'Domain'), t('In de bak KB', 'Tray KB'), t('In de bak UKB', 'Tray UKB'), t('In de bak', 'In the tray'), t('In behandeling', 'In progress'), t('Oudste wacht (dagen)', 'Oldest wait (days)')],
    rows: shown.map((i) => [name(i.domain), i.units.standard?.unassigned ?? 0, i.units.extended?.unassigned ?? 0, i.unassigned, i.inProgress, i.oldestWaitDays]),
  });
  tables.push({
    id: 'leeftijd',
    title: t(`Leeftijd van de bak op ${date} (weken sinds ontvangst), ${scope}`, `Age of the tray on ${date} (weeks since receipt), ${scope}`),
    columns: [t('Weken', 'Weeks'), t('Zaken', 'Cases')],
    rows: AGE_BANDS.map((b) => [b.label, sum((i) => i.ageWeeks[b.label] ?? 0)]),
  });
  tables.push({
    id: 'markeringen',
    title: t(`Markeringen in de bak op ${date}, ${scope}`, `Lane markers in the tray on ${date}, ${scope}`),
    columns: [t('Markering', 'Marker'), t('Zaken', 'Cases'), t('Aandeel (%)', 'Share (%)')],
    rows: ([['urgent', t('Spoed', 'Urgent')], ['b', 'B'], ['pop', 'POP'], ['ob', 'OB']] as const).map(([k, label]) => {
      const n = sum((i) => i.lanes[k]);
      return [label, n, inTray ? Math.round((n / inTray) * 100) : null];
    }),
  });
  const recent = flows.filter((f) => f.week >= addDays(weekStart(asOf), -12 * 7) && (!domain || f.domain === domain)); // the 13 weeks up to the date
  const routed = recent.reduce((n, f) => n + f.routed, 0);
  const extended = recent.reduce((n, f) => n + f.routedExtended, 0);
  const overridden = recent.reduce((n, f) => n + f.overridden, 0);
  tables.push({
    id: 'routering',
    title: t(`Routering in de 13 weken tot ${date}, ${scope}`, `Routing in the 13 weeks up to ${date}, ${scope}`),
    columns: [t('Maat', 'Measure'), t('Waarde', 'Value')],
    rows: [
      [t('Gerouteerd', 'Routed'), routed],
      ['KB', routed - extended],
      ['UKB', extended],
      [t('UKB-aandeel (%)', 'UKB share (%)'), routed ? Math.round((extended / routed) * 100) : null],
      [t('Voorstel overschreven (%)', 'Suggestion overridden (%)'), routed ? Math.round((overridden / routed) * 100) : null],
    ],
  });
  const holidayCell = (week: string) => holidays.get(week) ?? '';
  tables.push({
    id: 'voorraad',
    title: t(`Voorraad in de bak aan het begin van elke week, ${scope}`, `Stock in the tray at the start of each week, ${scope}`),
    columns: [t('Maandag', 'Monday'), ...(domain ? [name(domain)] : domains.map((d) => d.name)), ...(domain ? [] : [t('Totaal', 'Total')]), t('Vakantie of feestdag in de week ervoor', 'Holiday in the week before')],
    rows: stock.map((s) => [
      s.date,
      ...(domain ? [s.perDomain[domain] ?? 0] : domains.map((d) => s.perDomain[d.id] ?? 0)),
      ...(domain ? [] : [s.total]),
      holidayCell(addDays(s.date, -7)),
    ]),
  });
  const flowWeeks = new Map<string, { inflow: number; assigned: number; closed: number }>();
  for (let week = weekStart(stockFrom); week <= weekStart(asOf) && week < date; week = addDays(week, 7)) flowWeeks.set(week, { inflow: 0, assigned: 0, closed: 0 });
  for (const f of flows) {
    if (domain && f.domain !== domain) continue;
    const w = flowWeeks.get(f.week) ?? { inflow: 0, assigned: 0, closed: 0 };
    flowWeeks.set(f.week, { inflow: w.inflow + f.inflow, assigned: w.assigned + f.assigned, closed: w.closed + f.closed });
  }
  tables.push({
    id: 'stroom',
    title: t(`Instroom en uitstroom per week, ${scope} (de laatste week tot ${date})`, `Inflow and outflow per week, ${scope} (the last week up to ${date})`),
    columns: [t('Week', 'Week'), t('Instroom', 'Inflow'), t('Toegewezen', 'Assigned'), t('Afgesloten', 'Closed'), t('Netto (instroom − afgesloten)', 'Net (inflow − closed)'), t('Vakantie of feestdag', 'Holiday')],
    rows: [...flowWeeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, w]): Cell[] => [week, w.inflow, w.assigned, w.closed, w.inflow - w.closed, holidayCell(week)]),
  });
  const waitRows = (w: WaitStats) => w.items.filter((i) => i.domain === (domain || 'all')).map((i): Cell[] => [i.week, i.assigned, i.p50Days, i.p80Days, i.p95Days, pct(i.withinTarget)]);
  const waitColumns = (what: string) => [t('Week', 'Week'), what, 'p50', 'p80', 'p95', t('Binnen 3 weken (%)', 'Within 3 weeks (%)')];
  tables.push({
    id: 'wachttijd',
    title: t(`Dagen van ontvangst tot toewijzing, ${scope}, per week van toewijzing`, `Days from receipt to assignment, ${scope}, per week of assignment`),
    columns: waitColumns(t('Toegewezen', 'Assigned')),
    rows: waitRows(waits),
  });
  tables.push({
    id: 'eerste-contact',
    title: t(`Dagen van ontvangst tot eerste contact, ${scope}, per week van het contact`, `Days from receipt to first contact, ${scope}, per week of the contact`),
    columns: waitColumns(t('Eerste contacten', 'First contacts')),
    rows: waitRows(contacts),
  });

  const marks = (table: string, holidayColumn: number) =>
    tables.find((x) => x.id === table)!.rows.flatMap((r, index) => (r[holidayColumn] ? [{ index, label: String(r[holidayColumn]) }] : []));
  const stockTable = tables.find((x) => x.id === 'voorraad')!;
  const percentiles = [{ column: 2, colour: '#154273' }, { column: 3, colour: '#01689b', dashed: true }, { column: 4, colour: '#d52b1e', dashed: true }];
  const target = { from: TARGET_DAYS, label: t('Doel: binnen 3 weken', 'Target: within 3 weeks') };
  const charts: ChartDef[] = [
    {
      id: 'voorraad', table: 'voorraad', yUnit: t('zaken', 'cases'),
      title: t(`Voorraad in de bak, ${scope}, de 26 weken tot ${date}`, `Stock in the tray, ${scope}, the 26 weeks to ${date}`),
      series: [{ column: domain ? 1 : stockTable.columns.length - 2, colour: '#154273' }],
      targets: domain ? [] : [{ ...TRAY_TARGET, label: t('Doel: 200–300 in de hele bak', 'Target: 200–300 in the whole tray') }],
      marks: marks('voorraad', stockTable.columns.length - 1),
    },
    {
      id: 'stroom', table: 'stroom', yUnit: t('zaken per week', 'cases per week'),
      title: t(`Instroom en uitstroom per week, ${scope}`, `Inflow and outflow per week, ${scope}`),
      series: [{ column: 1, colour: '#154273' }, { column: 3, colour: '#39870c', dashed: true }],
      targets: [], marks: marks('stroom', 5),
    },
    {
      id: 'wachttijd', table: 'wachttijd', yUnit: t('dagen', 'days'),
      title: t(`Wachttijd van ontvangst tot toewijzing, ${scope}, per week van toewijzing`, `Wait from receipt to assignment, ${scope}, per week of assignment`),
      series: percentiles, targets: [target], marks: [],
    },
    {
      id: 'eerste-contact', table: 'eerste-contact', yUnit: t('dagen', 'days'),
      title: t(`Wachttijd van ontvangst tot eerste contact, ${scope}, per week van het contact`, `Wait from receipt to first contact, ${scope}, per week of the contact`),
      series: percentiles, targets: [target], marks: [],
    },
  ];
  return { asOf: date, domain, scope, tables, charts };
}
