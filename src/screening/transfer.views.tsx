import { Button, Csrf, errorFor, Field, formatDate, RadioGroup, Select, STATUS_TEXT, weeks } from '../web/components.tsx';
import { one, type Web } from '../web/page.ts';
import type { EscalationView } from './escalation.service.ts';
import { ESCALATION_TITLE_MAX, TRANSFER_LABEL_MAX } from './screening.schema.ts';
import { daysSince, type TransferCriterion, type TransferKind } from './screening.ts';
import { PostButton, ScreeningFrame, td, th, type FormFailure } from './screening.views.tsx';
import type { FlaggedCase } from './transfer.service.ts';

/** The transfer page (/screening/overdracht) and the escalations page (/screening/escalaties). */

const KIND_TEXT: Record<TransferKind, [string, string]> = {
  age_weeks: ['Langer dan een aantal weken sinds ontvangst', 'Longer than a number of weeks since receipt'],
  complex: ['Complex', 'Complex'],
  keyword: ['Met een trefwoord', 'With a keyword'],
  reopened: ['Heropend', 'Reopened'],
};

function ruleText(c: TransferCriterion, web: Web, keywordLabel: Map<string, string>): string {
  switch (c.kind) {
    case 'age_weeks':
      return web.t(`Meer dan ${c.weeks} weken sinds ontvangst`, `More than ${c.weeks} weeks since receipt`);
    case 'complex':
      return web.t('Zaak is als complex gemarkeerd', 'Case is marked complex');
    case 'keyword':
      return web.t(`Trefwoord ${keywordLabel.get(c.keywordId ?? '') ?? c.keywordId}`, `Keyword ${keywordLabel.get(c.keywordId ?? '') ?? c.keywordId}`);
    case 'reopened':
      return web.t('Zaak is heropend geweest', 'Case has been reopened');
  }
}

export interface TransferPageData {
  criteria: TransferCriterion[];
  keywords: { id: string; label: string }[];
  flagged: FlaggedCase[];
  domains: { id: string; name: string }[];
  now: Date;
}

export function TransferPage(p: { web: Web; data: TransferPageData; done?: string; failure?: FormFailure }) {
  const { web, data, failure } = p;
  const keywordLabel = new Map(data.keywords.map((k) => [k.id, k.label]));
  const domainName = new Map(data.domains.map((d) => [d.id, d.name]));
  const adding = failure?.form === 'add' ? failure : undefined;
  const value = (field: string, fallback = '') => (adding ? one(adding.values[field]) : fallback);
  const err = (field: string) => adding && errorFor(adding.errors, field);
  return (
    <ScreeningFrame web={web} title={web.t('Overdracht naar UKB', 'Transfer to UKB')} done={p.done} failure={failure}>
      <p>{web.t(
        'Criteria die lopende KB-zaken aanwijzen om over te dragen naar de uitgebreide klachtbehandeling (UKB). Hieronder staan de open zaken van uw domeinen die aan minstens één actief criterium voldoen.',
        'Criteria that flag running KB cases for transfer to the extended unit (UKB). Below are the open cases of your domains that meet at least one active criterion.',
      )}</p>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table" id="overdrachtscriteria">
          <caption class="utrecht-table__caption">{web.t('Overdrachtscriteria', 'Transfer criteria')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">{th(web.t('Criterium', 'Criterion'))}{th(web.t('Regel', 'Rule'))}{th(web.t('In gebruik', 'In use'))}{th(web.t('Aan of uit', 'On or off'))}</tr>
          </thead>
          <tbody class="utrecht-table__body">
            {data.criteria.map((c) => (
              <tr class={`utrecht-table__row${c.active ? '' : ' grip-inactive'}`}>
                <th scope="row" class="utrecht-table__header-cell">{c.label}</th>
                {td(ruleText(c, web, keywordLabel))}
                {td(c.active ? web.t('Ja', 'Yes') : web.t('Nee', 'No'))}
                <td class="utrecht-table__cell">
                  <PostButton web={web} action={`/screening/overdracht/criteria/${c.id}/status`} fields={{ active: c.active ? 'nee' : 'ja' }}
                    label={c.active ? web.t('Uitzetten', 'Deactivate') : web.t('Aanzetten', 'Activate')} context={c.label} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 class="utrecht-heading-2">{web.t('Criterium toevoegen', 'Add a criterion')}</h2>
      <form method="post" action="/screening/overdracht/criteria" class="grip-form" noValidate>
        <Csrf web={web} />
        <Field name="label" id="f-transfer-label" label={web.t('Naam', 'Name')} required value={value('label')} error={err('label')}
          hint={web.t(`Zoals „Langer dan 20 weken sinds ontvangst”; hoogstens ${TRANSFER_LABEL_MAX} tekens. Deze naam komt in de reden van de overdracht.`, `Like "Longer than 20 weeks since receipt"; at most ${TRANSFER_LABEL_MAX} characters. This name goes into the transfer's reason.`)} />
        <RadioGroup name="kind" legend={web.t('Soort', 'Kind')} required value={value('kind', 'age_weeks')} error={err('kind')}
          options={(Object.keys(KIND_TEXT) as TransferKind[]).map((k) => ({ value: k, label: web.t(...KIND_TEXT[k]) }))} />
        <Field name="weeks" type="number" label={web.t('Aantal weken (bij „langer dan”)', 'Number of weeks (for "longer than")')} value={value('weeks')} error={err('weeks')} />
        <Select name="keywordId" label={web.t('Trefwoord (bij „met een trefwoord”)', 'Keyword (for "with a keyword")')} value={value('keywordId')} error={err('keywordId')}
          emptyLabel={web.t('— kies —', '— choose —')} options={data.keywords.map((k) => ({ value: k.id, label: k.label }))} />
        <div><Button>{web.t('Toevoegen', 'Add')}</Button></div>
      </form>

      <h2 class="utrecht-heading-2">{web.t('Aangewezen zaken', 'Flagged cases')}</h2>
      {data.flagged.length === 0 ? <p>{web.t('Geen open KB-zaken in uw domeinen voldoen aan een actief criterium.', 'No open KB cases in your domains meet an active criterion.')}</p> : (
        <div class="grip-table-wrap">
          <table class="utrecht-table utrecht-table--html-table" id="aangewezen-zaken">
            <caption class="utrecht-table__caption">{web.t(`Open KB-zaken die aan een criterium voldoen (${data.flagged.length}), oudste eerst`, `Open KB cases meeting a criterion (${data.flagged.length}), oldest first`)}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {th(web.t('Dossier', 'Dossier'))}{th(web.t('Onderwerp', 'Subject'))}{th(web.t('Domein', 'Domain'))}{th(web.t('Status', 'Status'))}
                {th(web.t('Ontvangen', 'Received'))}{th(web.t('Weken', 'Weeks'), true)}{th(web.t('Voldoet aan', 'Meets'))}{th(web.t('Overdragen', 'Transfer'))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {data.flagged.map((f) => (
                <tr class="utrecht-table__row" data-dossier={f.dossierNumber}>
                  <th scope="row" class="utrecht-table__header-cell"><a href={`/zaken/${f.id}`}>{f.dossierNumber}</a></th>
                  {td(f.subject)}
                  {td(domainName.get(f.domainId) ?? f.domainId)}
                  {td(web.t(...(STATUS_TEXT[f.status] ?? [f.status, f.status])))}
                  {td(formatDate(f.receivedAt, web))}
                  {td(weeks(daysSince(f.receivedAt, data.now)), true)}
                  {td(f.matched.map((m) => m.label).join('; '))}
                  <td class="utrecht-table__cell">
                    <PostButton web={web} action="/screening/overdracht/naar-ukb" fields={{ caseId: f.id, version: String(f.version) }} label={web.t('Naar UKB', 'To UKB')} context={f.dossierNumber} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ScreeningFrame>
  );
}

export function EscalationsPage(p: { web: Web; escalations: EscalationView[]; agencies: string[]; done?: string; failure?: FormFailure }) {
  const { web, failure } = p;
  const value = (field: string) => (failure ? one(failure.values[field]) : '');
  const err = (field: string) => failure && errorFor(failure.errors, field);
  return (
    <ScreeningFrame web={web} title={web.t('Escalaties naar onderzoek', 'Escalations to research')} done={p.done} failure={failure}>
      <p>{web.t(
        'Een structureel probleem bij een instantie gaat naar S&O Onderzoek, met de zaken waarop het rust. De zaken blijven waar ze zijn; in hun tijdlijn staat de escalatie.',
        'A structural problem at an agency goes to research, with the cases it rests on. The cases stay where they are; their timeline shows the escalation.',
      )}</p>
      <h2 class="utrecht-heading-2">{web.t('Nieuwe escalatie', 'New escalation')}</h2>
      <form method="post" action="/screening/escalaties" class="grip-form" noValidate>
        <Csrf web={web} />
        <Field name="title" label={web.t('Titel', 'Title')} required value={value('title')} error={err('title')} hint={web.t(`Hoogstens ${ESCALATION_TITLE_MAX} tekens.`, `At most ${ESCALATION_TITLE_MAX} characters.`)} />
        <Field name="description" multiline label={web.t('Beschrijving van het structurele probleem', 'Description of the structural problem')} required value={value('description')} error={err('description')} />
        <Field name="agency" label={web.t('Instantie (optioneel)', 'Agency (optional)')} value={value('agency')} error={err('agency')} list="instanties" autocomplete="off" />
        <datalist id="instanties">{p.agencies.map((a) => <option value={a} />)}</datalist>
        <Field name="dossiers" multiline label={web.t('Dossiernummers van de zaken', 'Dossier numbers of the cases')} required value={value('dossiers')} error={err('dossiers')}
          hint={web.t('Gescheiden door komma’s of op aparte regels, zoals 2026.000123.', 'Separated by commas or on separate lines, like 2026.000123.')} />
        <div><Button>{web.t('Escaleren naar onderzoek', 'Escalate to research')}</Button></div>
      </form>

      <h2 class="utrecht-heading-2">{web.t('Escalaties', 'Escalations')}</h2>
      {p.escalations.length === 0 ? <p>{web.t('Nog geen escalaties.', 'No escalations yet.')}</p> : p.escalations.map((e) => (
        <section class="grip-card" aria-labelledby={`escalatie-${e.id}`} data-escalatie={e.id}>
          <h3 id={`escalatie-${e.id}`} class="utrecht-heading-3">{e.title}</h3>
          <p class="grip-muted">
            {formatDate(e.createdAt, web, true)}{e.createdByName ? ` — ${e.createdByName}` : ''}{e.agencyName ? ` — ${web.t('instantie', 'agency')}: ${e.agencyName}` : ''}
          </p>
          <p style="white-space:pre-wrap">{e.description}</p>
          <p>{web.t(`Zaken (${e.cases.length}):`, `Cases (${e.cases.length}):`)}</p>
          <ul class="grip-compact-list">
            {e.cases.map((c) => <li><a href={`/zaken/${c.id}`}>{c.dossierNumber}</a> — {c.subject} <span class="grip-muted">({web.t(...(STATUS_TEXT[c.status] ?? [c.status, c.status]))})</span></li>)}
          </ul>
          {e.otherCases > 0 && (
            <p class="grip-muted" data-andere-zaken={e.otherCases}>
              {e.otherCases === 1
                ? web.t('En 1 zaak van een ander domein.', 'And 1 case of another domain.')
                : web.t(`En ${e.otherCases} zaken van andere domeinen.`, `And ${e.otherCases} cases of other domains.`)}
            </p>
          )}
        </section>
      ))}
    </ScreeningFrame>
  );
}
