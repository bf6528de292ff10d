import { formatDate, STATUS_TEXT, UNIT_TEXT } from '../web/components.tsx';
import type { Web } from '../web/page.ts';
import type { CasePageData } from './case.page.data.ts';
import type { CaseEventView } from './case.schema.ts';

/** The dossier's history: who did what, when — every event in words. */
const LANE_TEXT: Record<string, [string, string]> = { urgent: ['Spoed', 'Urgent'], b: ['B', 'B'], pop: ['POP', 'POP'], ob: ['OB-kandidaat', 'OB candidate'] };

function describe(e: CaseEventView, data: CasePageData, web: Web): string {
  const p = e.payload as Record<string, any>;
  const domain = (id: unknown) => data.domains.find((d) => d.id === id)?.name ?? String(id ?? '');
  const unit = (id: unknown) => { const u = UNIT_TEXT[String(id)]; return u ? web.t(...u) : String(id ?? ''); };
  const person = (id: unknown) => data.staffNames.get(String(id)) ?? web.t('onbekend', 'unknown');
  const outcome = (id: unknown) => data.outcomes.find((o) => o.id === id)?.name ?? String(id);
  switch (e.type) {
    case 'registered':
      return web.t('Geregistreerd', 'Registered') + (p.urgent ? web.t(' met spoed', ' as urgent') : '');
    case 'routed':
      return web.t(`Gerouteerd naar ${domain(p.domainId)} (${unit(p.unitId)})`, `Routed to ${domain(p.domainId)} (${unit(p.unitId)})`) +
        (p.overridden ? web.t(`, afwijkend van het voorstel ${domain(p.suggested?.domainId)} (${unit(p.suggested?.unitId)})`, `, overriding the suggestion ${domain(p.suggested?.domainId)} (${unit(p.suggested?.unitId)})`) : web.t(', zoals voorgesteld', ', as suggested'));
    case 'lanes_changed':
      return web.t('Markeringen: ', 'Markers: ') + Object.entries(p.changed ?? {}).map(([k, v]) => `${v ? '+' : '−'}${web.t(...(LANE_TEXT[k] ?? [k, k]))}`).join(', ');
    case 'assigned':
      return web.t(`Toegewezen aan ${person(p.investigatorId)} — richtinggevend voorstel: ${p.proposal}`, `Assigned to ${person(p.investigatorId)} — directional proposal: ${p.proposal}`);
    case 'first_contact':
      return web.t('Eerste contact met de verzoeker', 'First contact with the petitioner');
    case 'closed':
      return web.t(`Afgesloten: ${outcome(p.outcomeId)}`, `Closed: ${outcome(p.outcomeId)}`) +
        (p.registration ? ` — ${registrationText(data, p.outcomeId, p.registration)}` : '');
    case 'transferred':
      return web.t(`Overgedragen naar ${unit(p.to?.unitId)}${p.to?.domainId ? `, ${domain(p.to.domainId)}` : ''}: ${p.reason}`, `Transferred to ${unit(p.to?.unitId)}${p.to?.domainId ? `, ${domain(p.to.domainId)}` : ''}: ${p.reason}`);
    case 'moved':
      return web.t(`Verplaatst naar ${unit(p.to?.unitId)}, ${domain(p.to?.domainId)}: ${p.reason ?? ''}`, `Moved to ${unit(p.to?.unitId)}, ${domain(p.to?.domainId)}: ${p.reason ?? ''}`);
    case 'aftercare':
      return web.t(`Nazorg: ${p.note}`, `Aftercare: ${p.note}`);
    case 'reopened':
      return web.t(`Heropend: ${p.reason}`, `Reopened: ${p.reason}`);
    case 'anonymised':
      return web.t('Geanonimiseerd (bewaartermijn verstreken)', 'Anonymised (retention period passed)');
    case 'note_added':
      return `${p.kind === 'action' ? web.t('Actie', 'Action') : web.t('Notitie', 'Note')}: ${p.text}`;
    case 'attachment_added':
      return web.t(`Bijlage toegevoegd: ${p.fileName}`, `Attachment added: ${p.fileName}`);
    case 'call_registered': {
      const yn = (v: unknown) => (v ? web.t('ja', 'yes') : web.t('nee', 'no'));
      return web.t('Gebeld (bellijst): ', 'Called (call list): ') + (p.reached
        ? web.t(`bereikt — dringend: ${yn(p.urgent)}, instantie zelf benaderd: ${yn(p.agencyApproached)}, trekt in: ${yn(p.withdrawn)}`, `reached — urgent: ${yn(p.urgent)}, agency approached: ${yn(p.agencyApproached)}, withdraws: ${yn(p.withdrawn)}`)
        : web.t('niet bereikt', 'not reached'));
    }
    case 'clustered':
      return web.t(`In cluster: ${String(p.title ?? '')}`, `In cluster: ${String(p.title ?? '')}`);
    case 'unclustered':
      return web.t(`Uit cluster gehaald: ${String(p.title ?? '')}`, `Taken out of cluster: ${String(p.title ?? '')}`);
    case 'ob_screened': {
      const labels = Array.isArray(p.labels) ? p.labels.map(String).join('; ') : '';
      const decision = p.decision === 'ob' ? web.t('OB', 'OB') : web.t('geen OB', 'not OB');
      return web.t(`OB-toets: ${decision}${labels ? ` (${labels})` : ''}`, `OB screening: ${decision}${labels ? ` (${labels})` : ''}`);
    }
    case 'escalated':
      return web.t(`Geëscaleerd naar onderzoek: ${String(p.title ?? '')}`, `Escalated to research: ${String(p.title ?? '')}`);
    default:
      return e.type;
  }
}

/** The registration in the order of the outcome's profile (jsonb keeps no key order). */
function registrationText(data: CasePageData, outcomeId: string, registration: Record<string, string>): string {
  const profile = data.outcomes.find((o) => o.id === outcomeId)?.profile ?? [];
  const keys = [...profile.map((f) => f.key).filter((k) => k in registration), ...Object.keys(registration).filter((k) => !profile.some((f) => f.key === k))];
  return keys.map((k) => `${profile.find((f) => f.key === k)?.label ?? k}: ${registration[k]}`).join('; ');
}

export function Timeline({ data, web }: { data: CasePageData; web: Web }) {
  return (
    <section aria-labelledby="tijdlijn-kop">
      <h2 id="tijdlijn-kop" class="utrecht-heading-2">{web.t('Tijdlijn', 'Timeline')}</h2>
      <ol class="grip-timeline" reversed>
        {[...data.c.events].reverse().map((e) => (
          <li>
            <strong>{formatDate(e.at, web, true)}</strong>{' '}
            <span class="grip-muted">{e.actorId ? data.staffNames.get(e.actorId) ?? '' : web.t('systeem', 'system')}</span>
            <br />
            {describe(e, data, web)}
          </li>
        ))}
      </ol>
    </section>
  );
}

export const statusText = (status: string, web: Web) => web.t(...(STATUS_TEXT[status] ?? [status, status]));
