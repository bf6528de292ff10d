import type { FieldError } from '../shared/errors.ts';
import { Alert, formatDate } from '../web/components.tsx';
import type { Web } from '../web/page.ts';
import type { ClockState } from '../core/woo-clock.ts';
import type { RequestView } from './woo.repository.ts';
import { DECISION_TEXT, type Ground } from './woo.ts';

/** Parts of the Woo pages: the clock, the request's facts, the documents table, a ground's colour chip. */
export function ClockBadge({ clock, web }: { clock: ClockState; web: Web }) {
  const due = formatDate(clock.due, web);
  switch (clock.kind) {
    case 'decided': return <span>{web.t('Besloten', 'Decided')}</span>;
    case 'overdue': return <strong class="woo-clock woo-clock--overdue">{web.t(`Verstreken (${due}, ${clock.daysLate} dagen geleden)`, `Passed (${due}, ${clock.daysLate} days ago)`)}</strong>;
    case 'soon': return <strong class="woo-clock woo-clock--soon">{web.t(`${due} — nog ${clock.workingDaysLeft} werkdagen`, `${due} — ${clock.workingDaysLeft} working days left`)}</strong>;
    case 'suspended': return <span class="woo-clock woo-clock--suspended">{web.t(`Opgeschort sinds ${formatDate(clock.since, web)}`, `Suspended since ${formatDate(clock.since, web)}`)}</span>;
    default: return <span>{web.t(`${due} (nog ${clock.workingDaysLeft} werkdagen)`, `${due} (${clock.workingDaysLeft} working days left)`)}</span>;
  }
}

export function GroundChip({ ground }: { ground: Ground }) {
  return <span class="woo-chip" style={`background:${ground.colour}`} aria-hidden="true" />;
}

export function RequestFacts({ view, web }: { view: RequestView; web: Web }) {
  const r = view.request;
  const rows: [string, string][] = [
    [web.t('Nummer', 'Number'), r.number],
    [web.t('Ontvangen', 'Received'), formatDate(r.receivedOn, web)],
    [web.t('Verzoeker', 'Requester'), [r.requester_name, r.requester_email, r.requester_address].filter(Boolean).join(' — ')],
    [web.t('Onderwerp', 'Subject'), r.subject],
    [web.t('Verdaagd', 'Extended'), r.extension_reason ? `${formatDate(r.extended_at, web)}: ${r.extension_reason}` : web.t('nee', 'no')],
    [web.t('Opgeschort', 'Suspended'), view.suspensions.length
      ? view.suspensions.map((s) => `${s.thirdParty}: ${s.startedOn} – ${s.endedOn ?? web.t('loopt', 'ongoing')}`).join('; ') + web.t(` (${view.suspendedDays} dagen)`, ` (${view.suspendedDays} days)`)
      : web.t('nee', 'no')],
    [web.t('Besluit uiterlijk', 'Decision due'), formatDate(view.clock.due, web)],
    [web.t('Besluit', 'Decision'), r.decidedOn ? web.t(`vastgesteld op ${formatDate(r.decidedOn, web)}`, `fixed on ${formatDate(r.decidedOn, web)}`) : web.t('nog niet vastgesteld', 'not fixed yet')],
  ];
  return (
    <>
      <dl class="grip-facts" id="woo-gegevens">
        {rows.map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
      </dl>
      <p><strong>{web.t('Stand van de termijn: ', 'Clock: ')}</strong><ClockBadge clock={view.clock} web={web} /></p>
      <details><summary>{web.t('Het verzoek', 'The request')}</summary><p class="woo-pre">{r.request_text}</p></details>
    </>
  );
}

const SOURCE_TEXT: Record<string, [string, string]> = {
  note: ['notitie (Grip)', 'note (Grip)'], letter: ['brief (Grip)', 'letter (Grip)'], mail: ['e-mail (Grip)', 'e-mail (Grip)'],
  pdf: ['PDF', 'PDF'], docx: ['Word', 'Word'], eml: ['e-mail (.eml)', 'e-mail (.eml)'],
};

export function DocumentsTable({ view, web, base }: { view: RequestView; web: Web; base: string }) {
  if (!view.documents.length) return <p>{web.t('Nog geen documenten bij dit verzoek. Zoek in Grip of voeg een bestand toe.', 'No documents yet. Search Grip or add a file.')}</p>;
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table" id="woo-inventaris">
        <caption class="utrecht-table__caption">{web.t('Inventaris', 'Inventory')}</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
          {[web.t('Nr.', 'No.'), web.t('Datum', 'Date'), web.t('Document', 'Document'), web.t('Soort', 'Kind'), web.t('Lakkingen', 'Redactions'), web.t('Beoordeling', 'Decision'), web.t('Gronden', 'Grounds')]
            .map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
        </tr></thead>
        <tbody class="utrecht-table__body">
          {view.documents.map((d) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{String(d.number)}</td>
              <td class="utrecht-table__cell">{d.date ? formatDate(d.date, web) : ''}</td>
              <td class="utrecht-table__cell"><a href={`${base}/documenten/${d.id}`}>{d.title}</a></td>
              <td class="utrecht-table__cell">{web.t(...(SOURCE_TEXT[d.source] ?? [d.source, d.source]))}</td>
              <td class="utrecht-table__cell">{String(d.redactions)}</td>
              <td class="utrecht-table__cell">{d.decision ? web.t(DECISION_TEXT[d.decision].nl, DECISION_TEXT[d.decision].en) : web.t('nog niet beoordeeld', 'not assessed yet')}</td>
              <td class="utrecht-table__cell">{d.grounds.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A refused form's message above it: the whole-form errors, or a pointer to the field's. */
export function FormAlert({ errors, web }: { errors: readonly FieldError[] | undefined; web: Web }) {
  if (!errors?.length) return null;
  const whole = errors.filter((e) => e.field === '_form').map((e) => e.message).join(' ');
  return <Alert kind="error">{whole || web.t('Dat is niet gelukt. Zie de melding bij het veld.', 'That did not work. See the message at the field.')}</Alert>;
}
