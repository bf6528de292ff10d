import { isoWeek } from '../weekmail/week.ts';

/**
 * The call-list pilot against the delay notice, per ISO week (pure). Both
 * groups are counted alike: the cases told (put on the call list, or sent a
 * first delay notice by e-mail or letter) and the cases that left the tray
 * without an investigator within FOLLOW_UP_DAYS after being told. For the
 * pilot those are the calls that closed the case (withdrawn or KEN); for the
 * notice domains every closing without an investigator (withdrawn, KEN, OB):
 * a letter has no call outcome to tell why. A removal counts in the week it
 * happened; the rate is removals per 100 cases told over the same weeks.
 */
export const REPORT_WEEKS = 12;
export const FOLLOW_UP_DAYS = 28;
export const REPORT_TIME_ZONE = 'Europe/Amsterdam';

const DAY_MS = 86_400_000;

export interface NoticeFact {
  caseId: string;
  /** The routed domain, or the suggested one while not routed; null: neither. */
  domainId: string | null;
  channel: 'call' | 'email' | 'letter';
  at: Date;
  /** When the case was closed, if it is closed and never had an investigator. */
  closedWithoutInvestigatorAt: Date | null;
}

export interface CallFact {
  caseId: string;
  domainId: string | null;
  at: Date;
  reached: boolean;
  effect: 'urgent' | 'ken' | 'withdrawn' | null;
}

export interface PilotFigures {
  /** Cases put on the call list. */
  listed: number;
  calls: number;
  reached: number;
  withdrawn: number;
  ken: number;
  /** withdrawn + ken: cases the calls took out of the tray. */
  removed: number;
  /** Urgent markers the calls set. */
  urgent: number;
}

export interface NoticeFigures {
  /** Cases sent a (first) delay notice by e-mail or letter. */
  notified: number;
  /** Of those, closed without an investigator within the follow-up window. */
  removed: number;
}

export interface ReportWeek {
  /** `2026-W10` */
  week: string;
  /** Its Monday, YYYY-MM-DD. */
  monday: string;
  pilot: PilotFigures;
  notice: NoticeFigures;
}

export interface ReportDomain {
  /** '' for cases with neither a domain nor a suggested one. */
  domainId: string;
  /** In the pilot now (the setting); its figures show what each channel did in these weeks. */
  pilot: boolean;
  calls: PilotFigures;
  notices: NoticeFigures;
}

export interface CallListReport {
  weeks: ReportWeek[];
  domains: ReportDomain[];
  totals: { pilot: PilotFigures; notice: NoticeFigures };
}

const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: REPORT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Amsterdam of a moment, YYYY-MM-DD. */
export function amsterdamDay(at: Date): string {
  return localDate.format(at);
}

/** The Monday (YYYY-MM-DD) of the Amsterdam week a moment falls in. */
export function mondayOf(at: Date): string {
  const day = new Date(`${amsterdamDay(at)}T00:00:00Z`);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** The report's weeks, oldest first, the current (partial) week last. */
export function reportWeeks(now: Date, weeks = REPORT_WEEKS): { week: string; monday: string }[] {
  const last = new Date(`${mondayOf(now)}T00:00:00Z`).getTime();
  return Array.from({ length: weeks }, (_, i) => {
    const monday = new Date(last - (weeks - 1 - i) * 7 * DAY_MS);
    return { week: isoWeek(monday), monday: monday.toISOString().slice(0, 10) };
  });
}

/** A moment safely before every fact the report can need: the first Monday, less a day for the time zone and the follow-up window. */
export function factsSince(now: Date, weeks = REPORT_WEEKS): Date {
  const first = reportWeeks(now, weeks)[0]!.monday;
  return new Date(new Date(`${first}T00:00:00Z`).getTime() - (1 + FOLLOW_UP_DAYS) * DAY_MS);
}

export const noPilot = (): PilotFigures => ({ listed: 0, calls: 0, reached: 0, withdrawn: 0, ken: 0, removed: 0, urgent: 0 });
export const noNotice = (): NoticeFigures => ({ notified: 0, removed: 0 });

/** Removals per 100 cases told, one decimal; null when nobody was told. */
export function per100(removed: number, told: number): number | null {
  return told === 0 ? null : Math.round((1000 * removed) / told) / 10;
}

const within = (from: Date, at: Date) => at.getTime() >= from.getTime() && at.getTime() < from.getTime() + FOLLOW_UP_DAYS * DAY_MS;

export function buildCallListReport(input: {
  now: Date;
  pilotDomains: readonly string[];
  /** Every domain, so a domain with nothing to count still shows. */
  domains: readonly string[];
  notices: readonly NoticeFact[];
  calls: readonly CallFact[];
  weeks?: number;
}): CallListReport {
  const weeks: ReportWeek[] = reportWeeks(input.now, input.weeks).map((w) => ({ ...w, pilot: noPilot(), notice: noNotice() }));
  const byMonday = new Map(weeks.map((w) => [w.monday, w]));
  const domainIds = [...new Set([...input.domains, ...[...input.notices, ...input.calls].map((f) => f.domainId ?? '')])];
  const domains = new Map<string, ReportDomain>(domainIds.map((id) => [id, { domainId: id, pilot: input.pilotDomains.includes(id), calls: noPilot(), notices: noNotice() }]));
  const totals = { pilot: noPilot(), notice: noNotice() };
  /** Adds to the week the moment falls in (nothing when outside the report), its domain and the totals. */
  const count = (at: Date, domainId: string | null, add: (week: ReportWeek, domain: ReportDomain, total: CallListReport['totals']) => void) => {
    const week = byMonday.get(mondayOf(at));
    if (week) add(week, domains.get(domainId ?? '')!, totals);
  };

  const listedAt = new Map<string, Date>();
  for (const n of input.notices) {
    if (n.channel === 'call') {
      listedAt.set(n.caseId, n.at);
      count(n.at, n.domainId, (w, d, t) => { for (const f of [w.pilot, d.calls, t.pilot]) f.listed += 1; });
    } else {
      count(n.at, n.domainId, (w, d, t) => { for (const f of [w.notice, d.notices, t.notice]) f.notified += 1; });
      const closed = n.closedWithoutInvestigatorAt;
      if (closed && within(n.at, closed)) {
        count(closed, n.domainId, (w, d, t) => { for (const f of [w.notice, d.notices, t.notice]) f.removed += 1; });
      }
    }
  }
  for (const c of input.calls) {
    count(c.at, c.domainId, (w, d, t) => {
      for (const f of [w.pilot, d.calls, t.pilot]) {
        f.calls += 1;
        if (c.reached) f.reached += 1;
        if (c.effect === 'urgent') f.urgent += 1;
      }
    });
    const listed = listedAt.get(c.caseId);
    if ((c.effect === 'withdrawn' || c.effect === 'ken') && listed && within(listed, c.at)) {
      const effect = c.effect;
      count(c.at, c.domainId, (w, d, t) => {
        for (const f of [w.pilot, d.calls, t.pilot]) {
          f.removed += 1;
          f[effect] += 1;
        }
      });
    }
  }
  // Pilot domains first, then by id; cases without a domain last.
  const order = (d: ReportDomain) => `${d.domainId === '' ? 2 : d.pilot ? 0 : 1}${d.domainId}`;
  return { weeks, domains: [...domains.values()].sort((a, b) => order(a).localeCompare(order(b))), totals };
}

// ---- the report as tables: one model for the page and the CSV ----

type T = (nl: string, en: string) => string;
type Cell = string | number | null;
export interface ReportColumn {
  /** The channel a column belongs to; null for the row's heading columns. */
  group: string | null;
  label: string;
}
export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** The totals, under the rows. */
  total: Cell[];
}

function figureColumns(t: T): ReportColumn[] {
  const pilot = t('Bellijst (pilot)', 'Call list (pilot)');
  const notice = t('Uitstelbericht', 'Delay notice');
  return [
    { group: pilot, label: t('Op de lijst', 'Listed') },
    { group: pilot, label: t('Gebeld', 'Calls') },
    { group: pilot, label: t('Bereikt', 'Reached') },
    { group: pilot, label: t('Uit de bak (ingetrokken + KEN)', 'Out of the tray (withdrawn + KEN)') },
    { group: pilot, label: t('Spoed gezet', 'Urgent set') },
    { group: pilot, label: t('Uit de bak per 100', 'Out of the tray per 100') },
    { group: notice, label: t('Verstuurd', 'Sent') },
    { group: notice, label: t('Uit de bak zonder onderzoeker', 'Out of the tray without investigator') },
    { group: notice, label: t('Uit de bak per 100', 'Out of the tray per 100') },
  ];
}

/** A column's heading on its own (a CSV has one heading row): "Bellijst (pilot): Gebeld". */
export const columnName = (c: ReportColumn) => (c.group ? `${c.group}: ${c.label}` : c.label);

const figures = (p: PilotFigures, n: NoticeFigures): Cell[] => [
  p.listed, p.calls, p.reached, p.removed, p.urgent, per100(p.removed, p.listed), n.notified, n.removed, per100(n.removed, n.notified),
];

/** Per week (newest first) and per domain, with the totals of the report's weeks. */
export function reportTables(report: CallListReport, t: T, domainName: (id: string) => string): { weeks: ReportTable; domains: ReportTable } {
  const total = figures(report.totals.pilot, report.totals.notice);
  const heading = (label: string): ReportColumn => ({ group: null, label });
  return {
    weeks: {
      id: 'bellijst-weken',
      title: t(`Per week, de laatste ${report.weeks.length} weken (nieuwste bovenaan)`, `Per week, the last ${report.weeks.length} weeks (newest first)`),
      columns: [heading(t('Week', 'Week')), heading(t('Maandag', 'Monday')), ...figureColumns(t)],
      rows: [...report.weeks].reverse().map((w) => [w.week, w.monday, ...figures(w.pilot, w.notice)]),
      total: [t('Totaal', 'Total'), null, ...total],
    },
    domains: {
      id: 'bellijst-domeinen',
      title: t(`Per domein, de laatste ${report.weeks.length} weken`, `Per domain, the last ${report.weeks.length} weeks`),
      columns: [heading(t('Domein', 'Domain')), heading(t('Nu', 'Now')), ...figureColumns(t)],
      rows: report.domains.map((d) => [
        d.domainId ? domainName(d.domainId) : t('Zonder domein', 'No domain'), d.pilot ? t('pilot (bellen)', 'pilot (calls)') : t('uitstelbericht', 'delay notice'), ...figures(d.calls, d.notices),
      ]),
      total: [t('Totaal', 'Total'), null, ...total],
    },
  };
}
