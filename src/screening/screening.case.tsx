import type { CaseEventView } from '../cases/case.schema.ts';
import type { FieldError } from '../shared/errors.ts';
import { Checkbox, errorFor, Field, formatDate, RadioGroup } from '../web/components.tsx';
import { many, one, type Web } from '../web/page.ts';

/**
 * What OB screening and escalation add to the case page: the fields of the
 * "OB-toets" form (posted to /zaken/:id/ob-toets), and the screenings and
 * escalations of the dossier in words.
 */
export const OB_ACTION = 'ob-toets';

export function ObScreeningFields(p: { web: Web; criteria: readonly { id: string; label: string }[]; failed?: { errors: FieldError[]; values: Record<string, string | string[]> } }) {
  const { web, failed } = p;
  const chosen = new Set(many(failed?.values.criteria));
  const criteriaError = failed && errorFor(failed.errors, 'criteria');
  return (
    <>
      <fieldset class={`utrecht-form-fieldset grip-fieldset${criteriaError ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={criteriaError ? 'f-ob-criteria-error' : undefined}>
        <legend class="utrecht-form-fieldset__legend">{web.t('Welke criteria gelden?', 'Which criteria apply?')}</legend>
        {criteriaError && <p id="f-ob-criteria-error" class="grip-field-error">{criteriaError}</p>}
        {p.criteria.length === 0
          ? <p>{web.t('Er zijn geen actieve OB-criteria.', 'There are no active OB criteria.')}</p>
          : p.criteria.map((c) => <Checkbox name="criteria" value={c.id} id={`f-ob-${c.id}`} label={c.label} checked={chosen.has(c.id)} />)}
      </fieldset>
      <Field name="note" id="f-ob-note" multiline label={web.t('Toelichting (optioneel)', 'Note (optional)')} value={failed ? one(failed.values.note) : ''} error={failed && errorFor(failed.errors, 'note')} />
      <RadioGroup name="decision" id="f-ob-decision" legend={web.t('Besluit', 'Decision')} required value={failed ? one(failed.values.decision) : undefined} error={failed && errorFor(failed.errors, 'decision')}
        options={[
          { value: 'ob', label: web.t('OB: sluiten met uitkomst OB', 'OB: close with outcome OB') },
          { value: 'not_ob', label: web.t('Geen OB', 'Not OB') },
        ]} />
    </>
  );
}

/** The dossier's OB screenings and escalations to research, newest first; nothing when there are none. */
export function ScreeningHistory({ events, web }: { events: readonly CaseEventView[]; web: Web }) {
  const shown = events.filter((e) => e.type === 'ob_screened' || e.type === 'escalated').reverse();
  if (shown.length === 0) return null;
  return (
    <section class="grip-card" aria-labelledby="ob-escalatie-kop" id="ob-en-escalaties">
      <h2 id="ob-escalatie-kop" class="utrecht-heading-3">{web.t('OB-toetsen en escalaties', 'OB screenings and escalations')}</h2>
      <ul class="grip-compact-list">
        {shown.map((e) => {
          const p = e.payload as { labels?: string[]; note?: string | null; decision?: string; title?: string };
          if (e.type === 'escalated') return <li>{formatDate(e.at, web)}: {web.t(`geëscaleerd naar onderzoek — ${p.title ?? ''}`, `escalated to research — ${p.title ?? ''}`)}</li>;
          const decision = p.decision === 'ob' ? web.t('OB, gesloten met uitkomst OB', 'OB, closed with outcome OB') : web.t('geen OB', 'not OB');
          return (
            <li>
              {formatDate(e.at, web)}: {web.t('OB-toets', 'OB screening')} — {decision}
              {p.labels?.length ? <>; {web.t('criteria', 'criteria')}: {p.labels.join('; ')}</> : null}
              {p.note ? <>; {web.t('toelichting', 'note')}: {p.note}</> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
