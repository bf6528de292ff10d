import type { ComponentChildren } from 'preact';
import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { HANDLING_TYPES } from '../core/lifecycle.ts';
import { expectedText } from '../forecast/expected.ts';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, formatDate, HANDLING_TEXT, LaneBadges, Select, UNIT_TEXT, weeks } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { one, type Web } from '../web/page.ts';
import { ContactSuggestions, LinkedContacts } from '../contacts/contact.case.tsx';
import type { CasePageData } from './case.page.data.ts';
import { statusText, Timeline } from './case.timeline.tsx';
import { OB_ACTION, ObScreeningFields, ScreeningHistory } from '../screening/screening.case.tsx';
import { mayScreen } from '../screening/screening.ts';

/** The case page: everything about one dossier, and the actions this person may take on it now. */
export interface Failed {
  action: string;
  errors: FieldError[];
  values: Record<string, string | string[]>;
}

const DONE_TEXT: Record<string, [string, string]> = {
  geregistreerd: ['De klacht is geregistreerd.', 'The complaint has been registered.'],
  routeren: ['De zaak is gerouteerd en staat in de bak.', 'The case has been routed and is in the tray.'],
  markeringen: ['De markeringen zijn opgeslagen.', 'The markers have been saved.'],
  toewijzen: ['De zaak is toegewezen.', 'The case has been assigned.'],
  'eerste-contact': ['Het eerste contact is vastgelegd.', 'The first contact has been recorded.'],
  notitie: ['De notitie is toegevoegd.', 'The note has been added.'],
  bijlage: ['De bijlage is toegevoegd.', 'The attachment has been added.'],
  afsluiten: ['De zaak is afgesloten.', 'The case has been closed.'],
  overdragen: ['De zaak is overgedragen.', 'The case has been transferred.'],
  nazorg: ['De nazorg is vastgelegd.', 'The aftercare has been recorded.'],
  heropenen: ['De zaak is heropend.', 'The case has been reopened.'],
  gekoppeld: ['Het telefoongesprek is aan dit dossier gekoppeld.', 'The phone call has been linked to this dossier.'],
  'ob-gesloten': ['De OB-toets is vastgelegd en de zaak is afgesloten met uitkomst OB.', 'The OB screening has been recorded and the case closed with outcome OB.'],
  'ob-geen': ['De OB-toets is vastgelegd: geen OB.', 'The OB screening has been recorded: not OB.'],
};

function ActionForm(props: { id: string; action: string; title: string; web: Web; failed?: Failed; children: ComponentChildren; button: string; multipart?: boolean; version?: number }) {
  const formError = props.failed?.action === props.action ? errorFor(props.failed.errors, '_form') : undefined;
  return (
    <section class="grip-card" aria-labelledby={`kop-${props.action}`}>
      <h3 id={`kop-${props.action}`} class="utrecht-heading-3">{props.title}</h3>
      {formError && <Alert kind="error">{formError}</Alert>}
      <form method="post" action={`/zaken/${props.id}/${props.action}`} class="grip-form" enctype={props.multipart ? 'multipart/form-data' : undefined} novalidate>
        <Csrf web={props.web} />
        {props.version !== undefined && <input type="hidden" name="version" value={String(props.version)} />}
        {props.children}
        <div>
          <Button>{props.button}</Button>
        </div>
      </form>
    </section>
  );
}

/** The registration fields of one outcome: shown after choosing it (htmx swaps them in; without JavaScript, "Velden tonen"). */
export function CloseFields(props: { caseId: string; version: number; outcome: CasePageData['outcomes'][number]; web: Web; failed?: Failed }) {
  const { outcome, web, failed } = props;
  const err = (field: string) => (failed?.action === 'afsluiten' ? errorFor(failed.errors, field) : undefined);
  const val = (field: string) => (failed?.action === 'afsluiten' ? one(failed.values[field]) : '');
  return (
    <form method="post" action={`/zaken/${props.caseId}/afsluiten`} class="grip-form" novalidate>
      <Csrf web={web} />
      <input type="hidden" name="version" value={String(props.version)} />
      <input type="hidden" name="outcome" value={outcome.id} />
      <p>{web.t(`Registratie voor “${outcome.name}”:`, `Registration for “${outcome.name}”:`)}</p>
      {outcome.profile.map((f) => (
        <Field name={`registration.${f.key}`} label={f.label} required={f.required} multiline={f.kind === 'text'} value={val(`registration.${f.key}`)} error={err(`registration.${f.key}`)} />
      ))}
      <div><Button>{web.t('Zaak afsluiten', 'Close case')}</Button></div>
    </form>
  );
}

export function CasePage(props: { data: CasePageData; web: Web; actor: Actor; done?: string; failed?: Failed; outcomeChoice?: string }) {
  const { data, web, actor, failed } = props;
  const c = data.c;
  const may = (command: string) => c.allowedActions.includes(command);
  const own = c.investigatorId === actor.id || can(actor, 'cases.assign');
  const err = (action: string, field: string) => (failed?.action === action ? errorFor(failed.errors, field) : undefined);
  const val = (action: string, field: string, fallback = '') => (failed?.action === action ? one(failed.values[field]) : fallback);
  const registered = c.events.find((e) => e.type === 'registered')?.payload as { rules?: { domain?: { name: string } | null; unit?: { name: string } | null } } | undefined;
  const domainName = (id: string | null) => data.domains.find((d) => d.id === id)?.name ?? web.t('geen', 'none');
  const unitName = (id: string | null) => (id && UNIT_TEXT[id] ? web.t(...UNIT_TEXT[id]!) : web.t('geen', 'none'));
  const domainOptions = data.domains.map((d) => ({ value: d.id, label: d.name }));
  const outcomeId = props.outcomeChoice ?? val('afsluiten', 'outcome');
  const outcome = data.outcomes.find((o) => o.id === outcomeId);
  const done = props.done ? DONE_TEXT[props.done] : undefined;
  const mayScreenHere = mayScreen(c.status) && can(actor, 'cases.assign') && c.domain !== null && mayActInDomain(actor, c.domain);
  return (
    <Layout web={web} title={`${web.t('Dossier', 'Dossier')} ${c.dossierNumber}`}>
      {done && <Alert kind="ok">{web.t(...done)}</Alert>}
      {failed?.action === OB_ACTION && !mayScreenHere && <Alert kind="error">{failed.errors.map((e) => e.message).join(' ')}</Alert>}
      <ContactSuggestions contacts={data.contacts} caseId={c.id} web={web} actor={actor} />
      <div class="grip-grid">
        <section class="grip-card" aria-labelledby="zaak-kop">
          <h2 id="zaak-kop" class="utrecht-heading-2">{c.subject}</h2>
          <dl class="grip-facts">
            <dt>{web.t('Status', 'Status')}</dt>
            <dd class="grip-status">{statusText(c.status, web)} <LaneBadges lanes={c.lanes} web={web} /></dd>
            <dt>{web.t('Ontvangen', 'Received')}</dt>
            <dd>{formatDate(c.receivedAt, web)}</dd>
            <dt>{c.assignedAt ? web.t('Wachttijd tot toewijzing', 'Wait until assignment') : web.t('Wachttijd tot nu', 'Waiting so far')}</dt>
            <dd>{web.t(`${weeks(c.waitingDays)} weken (${c.waitingDays} dagen)`, `${weeks(c.waitingDays)} weeks (${c.waitingDays} days)`)}</dd>
            {data.expected && c.status === 'queued' && (
              <>
                <dt>{web.t('Verwachte toewijzing', 'Expected assignment')}</dt>
                <dd id="verwachte-toewijzing">
                  {expectedText(data.expected, web)}
                  <br /><span class="grip-muted">{web.t(`80% kans binnen deze periode; bij binnenkomst: ${expectedText(data.expected.first, web)}`, `80% chance within this period; on arrival: ${expectedText(data.expected.first, web)}`)}</span>
                </dd>
              </>
            )}
            <dt>{web.t('Domein en eenheid', 'Domain and unit')}</dt>
            <dd>{domainName(c.domain)} — {unitName(c.unit)}</dd>
            <dt>{web.t('Klachtonderzoeker', 'Investigator')}</dt>
            <dd>{c.investigatorId ? data.staffNames.get(c.investigatorId) : web.t('nog niet toegewezen', 'not assigned yet')}</dd>
            {c.proposal && <dt>{web.t('Richtinggevend voorstel', 'Directional proposal')}</dt>}
            {c.proposal && <dd>{c.proposal}</dd>}
            <dt>{web.t('Instantie', 'Agency')}</dt>
            <dd>{c.agency.name}</dd>
            <dt>{web.t('Kanaal', 'Channel')}</dt>
            <dd>{c.channel}</dd>
            <dt>{web.t('Trefwoorden', 'Keywords')}</dt>
            <dd>{c.keywords.join(', ') || '—'}</dd>
            {c.outcome && <dt>{web.t('Uitkomst', 'Outcome')}</dt>}
            {c.outcome && <dd>{data.outcomes.find((o) => o.id === c.outcome)?.name}</dd>}
          </dl>
          <h3 class="utrecht-heading-3">{web.t('Omschrijving', 'Description')}</h3>
          <p style="white-space:pre-wrap">{c.description}</p>
        </section>
        <section class="grip-card" aria-labelledby="verzoeker-kop">
          <h2 id="verzoeker-kop" class="utrecht-heading-2">{web.t('Verzoeker', 'Petitioner')}</h2>
          <dl class="grip-facts">
            <dt>{web.t('Naam', 'Name')}</dt>
            <dd>{c.petitioner.name}</dd>
            <dt>{web.t('E-mail', 'E-mail')}</dt>
            <dd>{c.petitioner.email ?? '—'}</dd>
            <dt>{web.t('Telefoon', 'Phone')}</dt>
            <dd>{c.petitioner.phone ?? '—'}</dd>
            <dt>{web.t('Adres', 'Address')}</dt>
            <dd>{c.petitioner.address ?? '—'}</dd>
          </dl>
          <h3 class="utrecht-heading-3">{web.t('Bijlagen', 'Attachments')}</h3>
          {data.attachments.length === 0 ? <p>{web.t('Geen bijlagen.', 'No attachments.')}</p> : (
            <ul>
              {data.attachments.map((a) => (
                <li><a href={`/zaken/${c.id}/bijlagen/${a.id}`}>{a.file_name}</a> <span class="grip-muted">({Math.ceil(a.size / 1024)} kB)</span></li>
              ))}
            </ul>
          )}
          <h3 class="utrecht-heading-3">{web.t('Berichten aan verzoeker', 'Notices to the petitioner')}</h3>
          {data.notices.length === 0 ? <p>{web.t('Nog geen.', 'None yet.')}</p> : (
            <ul id="berichten-verzoeker">
              {data.notices.map((n) => (
                <li>
                  {formatDate(n.created_at, web)}: {n.kind === 'receipt' ? web.t('ontvangstbevestiging', 'receipt') : n.kind === 'reaction' ? web.t('reactie (cluster)', 'reaction (cluster)') : n.seq > 0 ? web.t('nieuw uitstelbericht', 'new delay notice') : web.t('uitstelbericht', 'delay notice')}
                  {' '}({n.channel === 'email' ? web.t('e-mail', 'e-mail') : n.channel === 'letter' ? web.t('brief', 'letter') : n.channel === 'call' ? web.t('bellijst', 'call list') : web.t('geen adres', 'no address')})
                  {n.expected_p10 && n.expected_p90 && <span class="grip-muted">{web.t(` — verwacht ${formatDate(n.expected_p10, web)} tot ${formatDate(n.expected_p90, web)}`, ` — expected ${formatDate(n.expected_p10, web)} to ${formatDate(n.expected_p90, web)}`)}</span>}
                </li>
              ))}
            </ul>
          )}
          <LinkedContacts contacts={data.contacts} web={web} actor={actor} />
        </section>
        <ScreeningHistory events={c.events} web={web} />
      </div>

      <h2 class="utrecht-heading-2">{web.t('Handelingen', 'Actions')}</h2>
      <div class="grip-grid">
        {may('route') && can(actor, 'cases.route') && (
          <ActionForm id={c.id} action="routeren" title={web.t('Routeren', 'Route')} web={web} failed={failed} button={web.t('Route bevestigen', 'Confirm route')} version={c.version}>
            <p>
              {web.t('Voorstel:', 'Suggestion:')} <strong>{domainName(c.suggestedRoute.domain)} — {unitName(c.suggestedRoute.unit)}</strong>
              {registered?.rules?.domain && <span class="grip-muted"> {web.t(`(regel: ${registered.rules.domain.name}${registered.rules.unit ? `; ${registered.rules.unit.name}` : ''})`, `(rule: ${registered.rules.domain.name}${registered.rules.unit ? `; ${registered.rules.unit.name}` : ''})`)}</span>}
            </p>
            <Select name="domain" label={web.t('Domein', 'Domain')} options={domainOptions} value={val('routeren', 'domain', c.suggestedRoute.domain ?? '')} error={err('routeren', 'domain')} emptyLabel={web.t('— kies —', '— choose —')} />
            <Select name="unit" label={web.t('Eenheid', 'Unit')} options={[{ value: 'standard', label: 'KB' }, { value: 'extended', label: 'UKB' }]} value={val('routeren', 'unit', c.suggestedRoute.unit ?? 'standard')} error={err('routeren', 'unit')} />
          </ActionForm>
        )}
        {may('setLanes') && can(actor, 'cases.lanes') && (
          <ActionForm id={c.id} action="markeringen" title={web.t('Markeringen', 'Markers')} web={web} failed={failed} button={web.t('Markeringen opslaan', 'Save markers')} version={c.version}>
            <input type="hidden" name="lanes" value="present" />
            <Checkbox name="urgent" label={web.t('Spoed', 'Urgent')} checked={c.lanes.urgent} />
            <Checkbox name="b" label={web.t('B: over de behandelingsduur van de instantie (vluchtstrook)', 'B: about the agency\'s handling time (fast lane)')} checked={c.lanes.b} />
            <Checkbox name="pop" label={web.t('POP: kleine klacht voor snelle afhandeling', 'POP: small complaint for quick handling')} checked={c.lanes.pop} />
            <Checkbox name="ob" label={web.t('OB-kandidaat (onvoldoende belang)', 'OB candidate (insufficient interest)')} checked={c.lanes.ob} />
            {err('markeringen', 'urgent') && <p class="grip-field-error">{err('markeringen', 'urgent')}</p>}
          </ActionForm>
        )}
        {mayScreenHere && (
          <ActionForm id={c.id} action={OB_ACTION} title={web.t('OB-toets', 'OB screening')} web={web} failed={failed} button={web.t('OB-toets vastleggen', 'Record OB screening')} version={c.version}>
            <ObScreeningFields web={web} criteria={data.obCriteria} failed={failed?.action === OB_ACTION ? failed : undefined} />
          </ActionForm>
        )}
        {may('assign') && can(actor, 'cases.assign') && (
          <ActionForm id={c.id} action="toewijzen" title={c.investigatorId ? web.t('Opnieuw toewijzen', 'Reassign') : web.t('Toewijzen', 'Assign')} web={web} failed={failed} button={web.t('Toewijzen', 'Assign')} version={c.version}>
            <Select name="investigatorId" label={web.t('Klachtonderzoeker', 'Investigator')} value={val('toewijzen', 'investigatorId')} error={err('toewijzen', 'investigatorId')} required emptyLabel={web.t('— kies —', '— choose —')}
              options={data.investigators.map((i) => ({ value: i.id, label: web.t(`${i.name} — ${i.load} zaken, ${String(i.fte).replace('.', ',')} fte${i.skills.length ? `, ${i.skills.join(', ')}` : ''}`, `${i.name} — ${i.load} cases, ${i.fte} FTE${i.skills.length ? `, ${i.skills.join(', ')}` : ''}`) }))} />
            <Field name="proposal" multiline label={web.t('Richtinggevend voorstel', 'Directional proposal')} value={val('toewijzen', 'proposal')} error={err('toewijzen', 'proposal')} required />
            <Select name="handlingType" label={web.t('Soort afhandeling', 'Handling type')} value={val('toewijzen', 'handlingType', 'intervention')} error={err('toewijzen', 'handlingType')}
              options={HANDLING_TYPES.map((h) => ({ value: h, label: web.t(...HANDLING_TEXT[h]!) }))} />
          </ActionForm>
        )}
        {may('recordFirstContact') && own && (
          <ActionForm id={c.id} action="eerste-contact" title={web.t('Eerste contact', 'First contact')} web={web} failed={failed} button={web.t('Eerste contact vastleggen', 'Record first contact')} version={c.version}>
            <p>{web.t('Bel de verzoeker zo snel mogelijk na toewijzing.', 'Call the petitioner as soon as possible after assignment.')}</p>
          </ActionForm>
        )}
        {may('close') && (own || !c.investigatorId) && can(actor, c.investigatorId ? 'cases.handle' : 'cases.assign') && (
          <section class="grip-card" aria-labelledby="kop-afsluiten">
            <h3 id="kop-afsluiten" class="utrecht-heading-3">{web.t('Afsluiten', 'Close')}</h3>
            {failed?.action === 'afsluiten' && errorFor(failed.errors, '_form') && <Alert kind="error">{errorFor(failed.errors, '_form')}</Alert>}
            <form method="get" action={`/zaken/${c.id}`} class="grip-inline">
              <Select name="uitkomst" id="f-uitkomst-keuze" label={web.t('Uitkomst', 'Outcome')} value={outcomeId} options={data.outcomes.map((o) => ({ value: o.id, label: o.name }))} emptyLabel={web.t('— kies —', '— choose —')}
                htmx={{ 'hx-get': `/zaken/${c.id}/afsluitvelden`, 'hx-target': '#afsluit-velden', 'hx-trigger': 'change' }} />
              <Button secondary>{web.t('Velden tonen', 'Show fields')}</Button>
            </form>
            <div id="afsluit-velden" aria-live="polite">
              {outcome && <CloseFields caseId={c.id} version={c.version} outcome={outcome} web={web} failed={failed} />}
            </div>
          </section>
        )}
        {may('transfer') && can(actor, 'cases.transfer') && (
          <ActionForm id={c.id} action="overdragen" title={web.t('Overdragen', 'Transfer')} web={web} failed={failed} button={web.t('Overdragen', 'Transfer')} version={c.version}>
            <Select name="unit" label={web.t('Naar eenheid', 'To unit')} value={val('overdragen', 'unit', c.unit === 'extended' ? 'standard' : 'extended')} error={err('overdragen', 'unit')}
              options={[{ value: 'standard', label: 'KB' }, { value: 'extended', label: 'UKB' }, { value: 'research', label: web.t('S&O Onderzoek', 'Research') }]} />
            <Select name="domain" label={web.t('Naar domein', 'To domain')} value={val('overdragen', 'domain', c.domain ?? '')} error={err('overdragen', 'domain')} options={domainOptions} emptyLabel={web.t('— zelfde —', '— same —')} />
            <Field name="reason" multiline label={web.t('Reden', 'Reason')} value={val('overdragen', 'reason')} error={err('overdragen', 'reason')} required />
          </ActionForm>
        )}
        {may('aftercare') && can(actor, 'cases.handle') && (
          <ActionForm id={c.id} action="nazorg" title={web.t('Nazorg', 'Aftercare')} web={web} failed={failed} button={web.t('Nazorg vastleggen', 'Record aftercare')}>
            <Field name="note" multiline label={web.t('Wat is er gedaan?', 'What was done?')} value={val('nazorg', 'note')} error={err('nazorg', 'note')} required />
          </ActionForm>
        )}
        {may('reopen') && can(actor, 'cases.handle') && (
          <ActionForm id={c.id} action="heropenen" title={web.t('Heropenen', 'Reopen')} web={web} failed={failed} button={web.t('Zaak heropenen', 'Reopen case')} version={c.version}>
            <Field name="reason" multiline label={web.t('Reden', 'Reason')} value={val('heropenen', 'reason')} error={err('heropenen', 'reason')} required />
          </ActionForm>
        )}
        {c.status !== 'transferred' && (
          <ActionForm id={c.id} action="notitie" title={web.t('Notitie of actie', 'Note or action')} web={web} failed={failed} button={web.t('Notitie toevoegen', 'Add note')}>
            <Field name="text" multiline label={web.t('Tekst', 'Text')} value={val('notitie', 'text')} error={err('notitie', 'text')} required />
            <Select name="kind" label={web.t('Soort', 'Kind')} value={val('notitie', 'kind', 'note')} options={[{ value: 'note', label: web.t('Notitie', 'Note') }, { value: 'action', label: web.t('Actie', 'Action') }]} />
          </ActionForm>
        )}
        {c.status !== 'transferred' && (
          <ActionForm id={c.id} action="bijlage" title={web.t('Bijlage toevoegen', 'Add attachment')} web={web} failed={failed} button={web.t('Uploaden', 'Upload')} multipart>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="f-bijlage">{web.t('Bestand (PDF, JPEG of PNG, hoogstens 10 MB)', 'File (PDF, JPEG or PNG, at most 10 MB)')}</label>
              <input id="f-bijlage" type="file" name="attachments" accept=".pdf,.jpg,.jpeg,.png" aria-invalid={err('bijlage', 'attachments') ? 'true' : undefined} aria-describedby={err('bijlage', 'attachments') ? 'f-bijlage-error' : undefined} />
              {err('bijlage', 'attachments') && <p id="f-bijlage-error" class="grip-field-error">{err('bijlage', 'attachments')}</p>}
            </div>
          </ActionForm>
        )}
      </div>
      <Timeline data={data} web={web} />
    </Layout>
  );
}
