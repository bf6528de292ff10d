import type { ComponentChildren } from 'preact';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Csrf, errorFor, Field, formatDate } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import type { Web } from '../web/page.ts';
import type { ObCriterion } from './screening.repository.ts';
import { OB_LABEL_MAX } from './screening.schema.ts';
import type { ObReport } from './screening.service.ts';

/** The OB criteria page (/screening): the checklist editor and how often each criterion was applied. */

/** Which form of a page failed ('add', 'rename:<id>', or 'row' for a one-button form), with its errors and what was typed. */
export interface FormFailure {
  form: string;
  errors: FieldError[];
  values: Record<string, string | string[]>;
}

export const th = (children: ComponentChildren, numeric = false) => <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`}>{children}</th>;
export const td = (children: ComponentChildren, numeric = false) => <td class={`utrecht-table__cell${numeric ? ' grip-number' : ''}`}>{children}</td>;

const TABS = [
  { href: '/screening', nl: 'OB-criteria', en: 'OB criteria' },
  { href: '/screening/overdracht', nl: 'Overdracht naar UKB', en: 'Transfer to UKB' },
  { href: '/screening/escalaties', nl: 'Escalaties naar onderzoek', en: 'Escalations to research' },
];

/** The frame of the three screening pages, with links between them. */
export function ScreeningFrame(p: { web: Web; title: string; done?: string; failure?: FormFailure; children: ComponentChildren }) {
  const here = p.web.path.split('?')[0];
  const formError = p.failure && errorFor(p.failure.errors, '_form');
  return (
    <Layout web={p.web} title={p.title}>
      <nav aria-label={p.web.t('OB en overdracht', 'OB and transfers')}>
        <ul class="grip-actions">
          {TABS.map((t) => <li><a href={t.href} aria-current={here === t.href ? 'page' : undefined}>{p.web.t(t.nl, t.en)}</a></li>)}
        </ul>
      </nav>
      {p.done && <Alert kind="ok">{p.done}</Alert>}
      {p.failure && (
        <Alert kind="error">
          {formError ?? (p.failure.form === 'row'
            ? p.failure.errors.map((e) => e.message).join(' ')
            : p.web.t('Dat is niet gelukt. Verbeter het veld hieronder.', 'That did not work. Correct the field below.'))}
        </Alert>
      )}
      {p.children}
    </Layout>
  );
}

/** A one-button form that posts fixed fields. */
export function PostButton(p: { web: Web; action: string; fields: Record<string, string>; label: string; context: string; primary?: boolean }) {
  return (
    <form method="post" action={p.action} class="grip-row-form">
      <Csrf web={p.web} />
      {Object.entries(p.fields).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" class={`utrecht-button utrecht-button--${p.primary ? 'primary' : 'secondary'}-action`}>
        {p.label}<span class="grip-visually-hidden">: {p.context}</span>
      </button>
    </form>
  );
}

const failedOn = (failure: FormFailure | undefined, form: string) => (failure?.form === form ? failure : undefined);

function CriteriaTable({ web, criteria, failure }: { web: Web; criteria: ObCriterion[]; failure?: FormFailure }) {
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table" id="ob-criteria">
        <caption class="utrecht-table__caption">{web.t('De checklist, in de volgorde van het formulier', 'The checklist, in the order of the form')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">{th(web.t('Nr.', 'No.'), true)}{th(web.t('Criterium', 'Criterion'))}{th(web.t('In gebruik', 'In use'))}{th(web.t('Volgorde', 'Order'))}{th(web.t('Aan of uit', 'On or off'))}</tr>
        </thead>
        <tbody class="utrecht-table__body">
          {criteria.map((c, i) => {
            const failed = failedOn(failure, `rename:${c.id}`);
            const error = failed && errorFor(failed.errors, 'label');
            const id = `f-label-${c.id}`;
            return (
              <tr class={`utrecht-table__row${c.active ? '' : ' grip-inactive'}`} data-criterium={c.id}>
                {td(i + 1, true)}
                <td class="utrecht-table__cell">
                  <form method="post" action={`/screening/criteria/${c.id}/naam`} class="grip-row-form" noValidate>
                    <Csrf web={web} />
                    <label for={id} class="grip-visually-hidden">{web.t(`Omschrijving van criterium ${i + 1}`, `Text of criterion ${i + 1}`)}</label>
                    <input id={id} name="label" class="utrecht-textbox" size={60} maxLength={OB_LABEL_MAX} value={failed ? String(failed.values.label ?? '') : c.label} required
                      aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">{web.t('Opslaan', 'Save')}<span class="grip-visually-hidden">: {web.t(`criterium ${i + 1}`, `criterion ${i + 1}`)}</span></button>
                    {error && <p id={`${id}-error`} class="grip-field-error">{error}</p>}
                  </form>
                </td>
                {td(c.active ? web.t('Ja', 'Yes') : web.t('Nee', 'No'))}
                <td class="utrecht-table__cell grip-actions">
                  {i > 0 && <PostButton web={web} action={`/screening/criteria/${c.id}/volgorde`} fields={{ direction: 'up' }} label={web.t('Omhoog', 'Up')} context={c.label} />}
                  {i < criteria.length - 1 && <PostButton web={web} action={`/screening/criteria/${c.id}/volgorde`} fields={{ direction: 'down' }} label={web.t('Omlaag', 'Down')} context={c.label} />}
                </td>
                <td class="utrecht-table__cell">
                  <PostButton web={web} action={`/screening/criteria/${c.id}/status`} fields={{ active: c.active ? 'nee' : 'ja' }}
                    label={c.active ? web.t('Uitzetten', 'Deactivate') : web.t('Aanzetten', 'Activate')} context={c.label} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Report({ web, report }: { web: Web; report: ObReport }) {
  const { screenings } = report;
  return (
    <>
      <p>
        {web.t(
          `Van ${formatDate(report.since, web)} tot en met ${formatDate(report.until, web)}: ${screenings.ob + screenings.notOb} OB-toetsen, waarvan ${screenings.ob} gesloten met uitkomst OB en ${screenings.notOb} met „Geen OB”. Per criterium: hoe vaak het meewoog bij een sluiting met uitkomst OB (één toets kan meer criteria noemen).`,
          `From ${formatDate(report.since, web)} to ${formatDate(report.until, web)}: ${screenings.ob + screenings.notOb} OB screenings, ${screenings.ob} closed with outcome OB and ${screenings.notOb} "no OB". Per criterion: how often it counted in an OB closing (one screening may name several criteria).`,
        )}
      </p>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table" id="ob-rapport">
          <caption class="utrecht-table__caption">{web.t(`Toegepaste OB-criteria per domein, laatste ${report.weeks} weken`, `OB criteria applied per domain, last ${report.weeks} weeks`)}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">{th(web.t('Criterium', 'Criterion'))}{report.columns.map((c) => th(c.name ?? web.t('Zonder domein', 'No domain'), true))}{th(web.t('Totaal', 'Total'), true)}</tr>
          </thead>
          <tbody class="utrecht-table__body">
            {report.rows.map((r) => (
              <tr class="utrecht-table__row" data-criterium={r.id}>
                <th scope="row" class="utrecht-table__header-cell">{r.label}{!r.active && <span class="grip-muted"> {web.t('(uitgezet)', '(deactivated)')}</span>}</th>
                {r.perDomain.map((n) => td(n, true))}
                {td(r.total, true)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ObCriteriaPage(p: { web: Web; criteria: ObCriterion[]; report: ObReport; done?: string; failure?: FormFailure }) {
  const { web, failure } = p;
  const adding = failedOn(failure, 'add');
  return (
    <ScreeningFrame web={web} title={web.t('OB-criteria', 'OB criteria')} done={p.done} failure={failure}>
      <p>{web.t(
        'De gedeelde checklist waarmee een zaak wordt getoetst op onvoldoende belang (OB). De actieve criteria staan in deze volgorde in de OB-toets op de zaakpagina. Een criterium uitzetten haalt het uit de toets; wat eerder is vastgelegd blijft meetellen.',
        'The shared checklist for screening a case for insufficient interest (OB). The active criteria appear in this order in the OB screening on the case page. Deactivating a criterion removes it from the screening; what was recorded before keeps counting.',
      )}</p>
      <CriteriaTable web={web} criteria={p.criteria} failure={failure} />
      <h2 class="utrecht-heading-2">{web.t('Criterium toevoegen', 'Add a criterion')}</h2>
      <form method="post" action="/screening/criteria" class="grip-form" noValidate>
        <Csrf web={web} />
        <Field name="label" id="f-new-label" multiline label={web.t('Omschrijving', 'Text')} required value={adding ? String(adding.values.label ?? '') : ''} error={adding && errorFor(adding.errors, 'label')}
          hint={web.t(`Een zin die zegt waarom het belang onvoldoende is, hoogstens ${OB_LABEL_MAX} tekens.`, `A sentence saying why the interest is insufficient, at most ${OB_LABEL_MAX} characters.`)} />
        <div><Button>{web.t('Toevoegen', 'Add')}</Button></div>
      </form>
      <h2 class="utrecht-heading-2">{web.t('Hoe vaak toegepast', 'How often applied')}</h2>
      <Report web={web} report={p.report} />
    </ScreeningFrame>
  );
}
