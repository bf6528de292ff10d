import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { Button, Checkbox, Csrf, errorFor, Field, Select } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { AdminFrame, checked, doneKey, firstPerField, invalid, yesNo } from './admin.common.pages.tsx';
import { PROFILE_KINDS, ZSaveOutcome } from './admin.schema.ts';
import { getOutcome, listOutcomeProfiles, saveOutcome, type Outcome } from './admin.service.ts';

/**
 * Outcomes and their registration profiles: per outcome the fields to fill in
 * when a case is closed with it — one line for a referral, more for an
 * intervention (DOMAIN.md, "Registration burden"). Works without JavaScript:
 * each field has a position to reorder by, a box to remove it, and a few
 * empty rows to add new fields.
 */
const EMPTY_ROWS = 3;
const MAX_ROWS = 60;

interface Row {
  index: number;
  key: string;
  label: string;
  kind: string;
  required: boolean;
  order: string;
  remove: boolean;
}

const KIND_TEXT: Record<(typeof PROFILE_KINDS)[number], [string, string]> = {
  line: ['Eén regel', 'One line'],
  text: ['Meerdere regels', 'Several lines'],
};

const blankRow = (index: number): Row => ({ index, key: '', label: '', kind: 'line', required: false, order: String(index + 1), remove: false });
const isBlank = (r: Row) => r.label.trim() === '' && r.key.trim() === '';

function rowsOf(o: Outcome): Row[] {
  const rows = o.profile.map((f, i): Row => ({ index: i, key: f.key, label: f.label, kind: f.kind, required: f.required, order: String(i + 1), remove: false }));
  for (let i = 0; i < EMPTY_ROWS; i += 1) rows.push(blankRow(rows.length));
  return rows;
}

function rowsFromForm(form: PageContext['form']): Row[] {
  const indices = new Set<number>();
  for (const name of Object.keys(form)) {
    const m = /^profile\.(\d{1,3})\.\w+$/.exec(name);
    if (m && Number(m[1]) < MAX_ROWS) indices.add(Number(m[1]));
  }
  return [...indices].sort((a, b) => a - b).map((i) => ({
    index: i,
    key: one(form[`profile.${i}.key`]),
    label: one(form[`profile.${i}.label`]),
    kind: one(form[`profile.${i}.kind`]),
    required: checked(form[`profile.${i}.required`]),
    order: one(form[`profile.${i}.order`]),
    remove: checked(form[`profile.${i}.remove`]),
  }));
}

/** The profile to validate, in the chosen order, and for each field the form row it came from. */
function profileInput(rows: Row[]) {
  const rank = (r: Row) => {
    const n = Number(r.order.trim().replace(',', '.'));
    return r.order.trim() !== '' && Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
  };
  const kept = rows.filter((r) => !r.remove && !isBlank(r)).map((r, pos) => ({ r, pos }));
  kept.sort((a, b) => rank(a.r) - rank(b.r) || a.pos - b.pos);
  return {
    profile: kept.map(({ r }) => ({ key: r.key.trim() || undefined, label: r.label, required: r.required, kind: r.kind || 'line' })),
    rowOf: kept.map(({ r }) => r.index),
  };
}

/** Errors on profile.N.x name the N-th field after sorting; the page shows them at the row it came from. */
function errorsAtRows(errors: FieldError[], rowOf: number[], web: Web): FieldError[] {
  return errors.map((e) => {
    const m = /^profile\.(\d+)\.(\w+)$/.exec(e.field);
    if (!m) return e;
    const field = `profile.${rowOf[Number(m[1])] ?? m[1]}.${m[2]}`;
    if (m[2] !== 'key') return { field, message: e.message };
    return {
      field,
      message: e.message === 'duplicate key'
        ? web.t('Deze sleutel komt al bij een ander veld voor.', 'Another field already has this key.')
        : web.t('Gebruik letters, cijfers of _, beginnend met een letter (hoogstens 40 tekens).', 'Use letters, digits or _, starting with a letter (at most 40 characters).'),
    };
  });
}

function ProfileRow({ web, row, number, errors }: { web: Web; row: Row; number: number; errors?: FieldError[] }) {
  const name = (part: string) => `profile.${row.index}.${part}`;
  const legend = row.label.trim() ? web.t(`Veld ${number}: ${row.label}`, `Field ${number}: ${row.label}`) : web.t(`Veld ${number} (nieuw)`, `Field ${number} (new)`);
  return (
    <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset grip-fieldset grip-profile-field">
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      <div class="grip-inline">
        <Field name={name('label')} label={web.t('Label', 'Label')} value={row.label} error={errorFor(errors, name('label'))} />
        <Field name={name('key')} label={web.t('Sleutel', 'Key')} value={row.key} error={errorFor(errors, name('key'))}
          hint={web.t('Leeg: afgeleid van het label.', 'Empty: derived from the label.')} />
        <Select name={name('kind')} label={web.t('Soort', 'Kind')} value={row.kind} error={errorFor(errors, name('kind'))}
          options={PROFILE_KINDS.map((k) => ({ value: k, label: web.t(...KIND_TEXT[k]) }))} />
        <Field name={name('order')} label={web.t('Volgorde', 'Position')} type="number" value={row.order} />
      </div>
      <div class="grip-inline">
        <Checkbox name={name('required')} value="ja" label={web.t('Verplicht', 'Required')} checked={row.required} id={`f-profile-${row.index}-required`} />
        <Checkbox name={name('remove')} value="ja" label={web.t('Verwijderen', 'Remove')} checked={row.remove} id={`f-profile-${row.index}-remove`} />
      </div>
    </fieldset>
  );
}

function OutcomeForm(p: { web: Web; outcome: Outcome; name: string; rows: Row[]; errors?: FieldError[] }) {
  const { web, outcome, errors } = p;
  return (
    <AdminFrame web={web} title={web.t(`Uitkomst ${outcome.name} wijzigen`, `Edit outcome ${outcome.name}`)} errors={errors}>
      <p>
        {web.t(
          'Het registratieprofiel bepaalt welke velden de behandelaar invult bij het afsluiten met deze uitkomst. Houd het kort: alleen wat echt nodig is.',
          'The registration profile sets which fields the handler fills in when closing with this outcome. Keep it short: only what is really needed.',
        )}
      </p>
      <form method="post" action={`/beheer/uitkomsten/${encodeURIComponent(outcome.id)}`} class="grip-form grip-form--wide" noValidate>
        <Csrf web={web} />
        <Field name="name" label={web.t('Naam', 'Name')} value={p.name} required error={errorFor(errors, 'name')} />
        <h2 class="utrecht-heading-2">{web.t('Registratieprofiel', 'Registration profile')}</h2>
        {errorFor(errors, 'profile') && !errors?.some((e) => e.field.startsWith('profile.')) && (
          <p class="grip-field-error">{errorFor(errors, 'profile')}</p>
        )}
        <p class="grip-muted">
          {web.t(
            'Wijzig de volgorde met de getallen (laag eerst). Een leeg veld wordt overgeslagen; vul een leeg veld in om er een toe te voegen.',
            'Change the order with the numbers (low first). An empty field is skipped; fill in an empty one to add a field.',
          )}
        </p>
        {p.rows.map((row, i) => <ProfileRow web={web} row={row} number={i + 1} errors={errors} />)}
        <div>
          <Button>{web.t('Opslaan', 'Save')}</Button>
        </div>
      </form>
    </AdminFrame>
  );
}

function OutcomesList(p: { web: Web; outcomes: Outcome[]; done?: string }) {
  const { web } = p;
  return (
    <AdminFrame web={web} title={web.t('Uitkomsten en registratieprofielen', 'Outcomes and registration profiles')} done={p.done}>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption">{web.t('Uitkomsten met de velden die bij afsluiten worden ingevuld', 'Outcomes with the fields filled in when closing')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {[web.t('Uitkomst', 'Outcome'), web.t('Code', 'Code'), web.t('Telt als afgesloten', 'Counts as closed'), web.t('Registratieprofiel', 'Registration profile'), web.t('Actie', 'Action')].map((h) => (
                <th scope="col" class="utrecht-table__header-cell">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {p.outcomes.map((o) => (
              <tr class="utrecht-table__row">
                <th scope="row" class="utrecht-table__header-cell">{o.name}</th>
                <td class="utrecht-table__cell"><code>{o.id}</code></td>
                <td class="utrecht-table__cell">{yesNo(web, o.countsAsClosed)}</td>
                <td class="utrecht-table__cell">
                  {o.profile.length === 0 ? web.t('Geen velden', 'No fields') : (
                    <ul class="grip-compact-list">
                      {o.profile.map((f) => (
                        <li>
                          {f.label} <span class="grip-muted">({f.required ? web.t('verplicht', 'required') : web.t('optioneel', 'optional')}, {web.t(...KIND_TEXT[f.kind]).toLowerCase()})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td class="utrecht-table__cell">
                  <a href={`/beheer/uitkomsten/${encodeURIComponent(o.id)}`}>
                    {web.t('Wijzigen', 'Edit')}<span class="grip-visually-hidden">: {o.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminFrame>
  );
}

export function outcomePages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/beheer/uitkomsten', permission: 'admin.manage',
      async handler(p) {
        const done = doneKey(p) === 'opgeslagen' ? p.web.t('De uitkomst en het registratieprofiel zijn opgeslagen.', 'The outcome and its registration profile have been saved.') : undefined;
        return <OutcomesList web={p.web} outcomes={await listOutcomeProfiles(ctx)} done={done} />;
      },
    }),
    definePage({
      method: 'GET', url: '/beheer/uitkomsten/:outcome', permission: 'admin.manage',
      async handler(p) {
        const outcome = await getOutcome(ctx, p.params.outcome!);
        return <OutcomeForm web={p.web} outcome={outcome} name={outcome.name} rows={rowsOf(outcome)} />;
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/uitkomsten/:outcome', permission: 'admin.manage',
      async handler(p) {
        const outcome = await getOutcome(ctx, p.params.outcome!);
        const rows = rowsFromForm(p.form);
        const { profile, rowOf } = profileInput(rows);
        const parsed = parseForm(ZSaveOutcome, { name: one(p.form.name), profile }, p.web);
        let errors = parsed.ok ? [] : firstPerField(errorsAtRows(parsed.errors, rowOf, p.web));
        if (parsed.ok) {
          try {
            await saveOutcome(ctx, outcome.id, parsed.data);
            return { redirect: '/beheer/uitkomsten?gedaan=opgeslagen' };
          } catch (err) {
            errors = serviceErrors(err, p.web);
          }
        }
        return invalid(<OutcomeForm web={p.web} outcome={outcome} name={one(p.form.name)} rows={rows} errors={errors} />);
      },
    }),
  ];
}
