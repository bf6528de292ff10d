import { render } from 'preact-render-to-string';
import { allowedCommands, type CaseStatus } from '../core/lifecycle.ts';
import { WEEKMAIL_TIME_ZONE, type WeekmailPeriod } from './week.ts';

/**
 * The weekly overview (weekmail) as text and simple HTML (pure): for an
 * investigator their cases in progress — age, last action, next step; the 50
 * most urgent, then how many more — and
 * for a coordinator each of their domains — the tray, cases in progress per
 * investigator, and cases without an action for weeks. Lean on purpose, and
 * without petitioner data: a mail leaves the building, the dossier number
 * leads back into Grip.
 */
const DAY_MS = 86_400_000;

export interface CaseInProgress {
  id: string;
  dossierNumber: string;
  status: CaseStatus;
  receivedAt: Date;
  investigatorId: string;
  investigatorName: string;
  domainId: string | null;
  /** The case's latest event: its last action. */
  lastEvent: { type: string; at: Date } | null;
}

export interface DomainTray {
  domainId: string;
  domainName: string;
  /** Unassigned cases in the tray, KB and UKB. */
  waiting: { standard: number; extended: number };
  oldestReceivedAt: Date | null;
}

export interface WeekmailRecipient {
  id: string;
  name: string;
  roles: readonly string[];
}

export interface WeekmailInput {
  recipient: WeekmailRecipient;
  period: WeekmailPeriod;
  now: Date;
  /** The investigator's own cases in progress. */
  ownCases: readonly CaseInProgress[];
  /** For a coordinator: each own domain's tray and cases in progress. */
  domains: readonly { tray: DomainTray; cases: readonly CaseInProgress[] }[];
  /** A case in progress without an action for longer than this is named in the coordinator's part. */
  staleWeeks?: number;
}

export interface Weekmail {
  subject: string;
  text: string;
  html: string;
}

const EVENT_TEXT: Record<string, string> = {
  registered: 'geregistreerd', routed: 'gerouteerd', lanes_changed: 'markering gewijzigd', assigned: 'toegewezen',
  first_contact: 'eerste contact', closed: 'afgesloten', transferred: 'overgedragen', moved: 'verplaatst',
  aftercare: 'nazorg', reopened: 'heropend', note_added: 'notitie of actie', attachment_added: 'bijlage toegevoegd',
};
export const eventText = (type: string) => EVENT_TEXT[type] ?? type.replace(/_/g, ' ');

/** The next step on a case, from what the lifecycle allows in its status. */
export function nextStep(status: CaseStatus): string {
  const allowed = allowedCommands(status);
  if (allowed.includes('recordFirstContact')) return 'eerste contact opnemen';
  if (allowed.includes('close')) return 'afhandelen en afsluiten';
  return 'geen';
}

const date = (d: Date) => d.toLocaleDateString('nl-NL', { timeZone: WEEKMAIL_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const wholeWeeks = (from: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - from.getTime()) / (7 * DAY_MS)));
const weeksText = (n: number) => (n === 1 ? '1 week' : `${n} weken`);
const cases = (n: number) => (n === 1 ? '1 zaak' : `${n} zaken`);
const lastAction = (c: CaseInProgress) => (c.lastEvent ? `${eventText(c.lastEvent.type)}, ${date(c.lastEvent.at)}` : 'geen');
const lastAt = (c: CaseInProgress) => c.lastEvent?.at.getTime() ?? c.receivedAt.getTime();
const LIST_LIMIT = 25;
/**
 * An investigator's own list names at most this many cases, the most urgent
 * first, then how many more: an investigator with a whole tray of cases
 * (1,400 and more) still gets a short mail the outbox accepts.
 */
export const OWN_LIST_LIMIT = 50;

/** First contact first, then the case that waited longest for an action (as on /mijn-zaken). */
function byUrgency(a: CaseInProgress, b: CaseInProgress): number {
  const fa = nextStep(a.status) === 'eerste contact opnemen' ? 0 : 1;
  const fb = nextStep(b.status) === 'eerste contact opnemen' ? 0 : 1;
  return fa - fb || lastAt(a) - lastAt(b) || a.dossierNumber.localeCompare(b.dossierNumber);
}

interface OwnRow { dossier: string; age: string; last: string; next: string }
interface DomainPart {
  name: string;
  trayLine: string;
  perInvestigator: { name: string; total: number; awaitingContact: number }[];
  inProgress: number;
  stale: { dossier: string; investigator: string; last: string }[];
  staleTotal: number;
}

function domainPart(d: WeekmailInput['domains'][number], now: Date, staleWeeks: number): DomainPart {
  const { tray } = d;
  const total = tray.waiting.standard + tray.waiting.extended;
  const oldest = tray.oldestReceivedAt
    ? `; langst wachtend ${weeksText(wholeWeeks(tray.oldestReceivedAt, now))} (sinds ${date(tray.oldestReceivedAt)})`
    : '';
  const trayLine = `In de bak: ${cases(total)} (KB ${tray.waiting.standard}, UKB ${tray.waiting.extended})${oldest}`;
  const per = new Map<string, { name: string; total: number; awaitingContact: number }>();
  for (const c of d.cases) {
    const p = per.get(c.investigatorId) ?? { name: c.investigatorName, total: 0, awaitingContact: 0 };
    p.total += 1;
    if (nextStep(c.status) === 'eerste contact opnemen') p.awaitingContact += 1;
    per.set(c.investigatorId, p);
  }
  const cutoff = now.getTime() - staleWeeks * 7 * DAY_MS;
  const stale = d.cases.filter((c) => lastAt(c) < cutoff).sort((a, b) => lastAt(a) - lastAt(b));
  return {
    name: tray.domainName,
    trayLine,
    perInvestigator: [...per.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'nl')),
    inProgress: d.cases.length,
    stale: stale.slice(0, LIST_LIMIT).map((c) => ({ dossier: c.dossierNumber, investigator: c.investigatorName, last: lastAction(c) })),
    staleTotal: stale.length,
  };
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The overview for one person, or null when they are neither investigator nor coordinator. */
export function composeWeekmail(input: WeekmailInput): Weekmail | null {
  const { recipient, period, now } = input;
  const isInvestigator = recipient.roles.includes('investigator');
  const isCoordinator = recipient.roles.includes('coordinator');
  if (!isInvestigator && !isCoordinator) return null;
  const staleWeeks = input.staleWeeks ?? 3;
  const weekNo = Number(period.week.slice(-2));

  const own = [...input.ownCases].sort(byUrgency);
  const ownRows: OwnRow[] = own.slice(0, OWN_LIST_LIMIT).map((c) => ({
    dossier: c.dossierNumber,
    age: weeksText(wholeWeeks(c.receivedAt, now)),
    last: lastAction(c),
    next: nextStep(c.status),
  }));
  const awaiting = own.filter((c) => nextStep(c.status) === 'eerste contact opnemen').length;
  const ownSummary = own.length === 0
    ? 'U hebt geen zaken in behandeling.'
    : `Uw zaken in behandeling: ${cases(own.length)}${awaiting ? `, waarvan ${awaiting} nog zonder eerste contact` : ''}.`;
  const domains = isCoordinator ? input.domains.map((d) => domainPart(d, now, staleWeeks)) : [];

  const text: string[] = [`Beste ${recipient.name},`, '', `Uw weekoverzicht van week ${weekNo} (maandag ${date(new Date(`${period.monday}T12:00:00Z`))}).`];
  if (isInvestigator) {
    text.push('', ownSummary);
    if (ownRows.length) text.push('', ...table(['Dossier', 'Leeftijd', 'Laatste handeling', 'Volgende stap'], ownRows.map((r) => [r.dossier, r.age, r.last, r.next])));
    if (own.length > ownRows.length) text.push(`… en ${own.length - ownRows.length} meer (alle zaken staan in Grip onder Mijn zaken)`);
  }
  for (const d of domains) {
    text.push('', `Domein ${d.name}`, `  ${d.trayLine}`, `  In behandeling: ${cases(d.inProgress)}`);
    if (d.perInvestigator.length) {
      text.push(...table(['Klachtonderzoeker', 'Zaken', 'Zonder eerste contact'], d.perInvestigator.map((p) => [p.name, String(p.total), String(p.awaitingContact)])).map((l) => `    ${l}`));
    }
    text.push(`  Zonder handeling sinds meer dan ${weeksText(staleWeeks)}: ${cases(d.staleTotal)}`);
    if (d.stale.length) text.push(...table(['Dossier', 'Klachtonderzoeker', 'Laatste handeling'], d.stale.map((s) => [s.dossier, s.investigator, s.last])).map((l) => `    ${l}`));
    if (d.staleTotal > d.stale.length) text.push(`    … en ${d.staleTotal - d.stale.length} meer`);
  }
  text.push('', 'Dit bericht is automatisch gemaakt door Grip.');

  const subjectParts = [
    isInvestigator ? `${cases(own.length)} in behandeling` : null,
    domains.length ? domains.map((d) => d.name).join(', ') : null,
  ].filter(Boolean);
  const subject = `Weekoverzicht week ${weekNo}: ${subjectParts.join(' · ')}`;
  return { subject, text: `${text.join('\n')}\n`, html: render(<Html {...{ recipient, weekNo, period, isInvestigator, ownSummary, ownRows, ownMore: own.length - ownRows.length, domains, staleWeeks }} />) };
}

const cell = { border: '1px solid #ccc', padding: '4px 8px', textAlign: 'left' } as const;

function Table({ caption, header, rows }: { caption: string; header: string[]; rows: string[][] }) {
  return (
    <table style={{ borderCollapse: 'collapse', margin: '8px 0' }}>
      <caption style={{ textAlign: 'left', fontWeight: 'bold' }}>{caption}</caption>
      <thead><tr>{header.map((h) => <th scope="col" style={cell}>{h}</th>)}</tr></thead>
      <tbody>{rows.map((r) => <tr>{r.map((c) => <td style={cell}>{c}</td>)}</tr>)}</tbody>
    </table>
  );
}

function Html(p: {
  recipient: WeekmailRecipient; weekNo: number; period: WeekmailPeriod; isInvestigator: boolean; ownSummary: string;
  ownRows: OwnRow[]; ownMore: number; domains: DomainPart[]; staleWeeks: number;
}) {
  return (
    <html lang="nl">
      <head><meta charset="utf-8" /><title>{`Weekoverzicht week ${p.weekNo}`}</title></head>
      <body style={{ fontFamily: 'sans-serif' }}>
        <p>Beste {p.recipient.name},</p>
        <p>Uw weekoverzicht van week {p.weekNo} (maandag {date(new Date(`${p.period.monday}T12:00:00Z`))}).</p>
        {p.isInvestigator && <p>{p.ownSummary}</p>}
        {p.isInvestigator && p.ownRows.length > 0 && (
          <Table caption="Uw zaken in behandeling" header={['Dossier', 'Leeftijd', 'Laatste handeling', 'Volgende stap']}
            rows={p.ownRows.map((r) => [r.dossier, r.age, r.last, r.next])} />
        )}
        {p.isInvestigator && p.ownMore > 0 && <p>… en {p.ownMore} meer (alle zaken staan in Grip onder Mijn zaken)</p>}
        {p.domains.map((d) => (
          <section>
            <h2 style={{ fontSize: '1.1em' }}>Domein {d.name}</h2>
            <p>{d.trayLine}<br />In behandeling: {cases(d.inProgress)}</p>
            {d.perInvestigator.length > 0 && (
              <Table caption="In behandeling per klachtonderzoeker" header={['Klachtonderzoeker', 'Zaken', 'Zonder eerste contact']}
                rows={d.perInvestigator.map((x) => [x.name, String(x.total), String(x.awaitingContact)])} />
            )}
            <p>Zonder handeling sinds meer dan {weeksText(p.staleWeeks)}: {cases(d.staleTotal)}</p>
            {d.stale.length > 0 && (
              <Table caption="Zonder recente handeling" header={['Dossier', 'Klachtonderzoeker', 'Laatste handeling']}
                rows={d.stale.map((s) => [s.dossier, s.investigator, s.last])} />
            )}
            {d.staleTotal > d.stale.length && <p>… en {d.staleTotal - d.stale.length} meer</p>}
          </section>
        ))}
        <p style={{ color: '#555' }}>Dit bericht is automatisch gemaakt door Grip.</p>
      </body>
    </html>
  );
}
