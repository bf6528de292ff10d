import type { ComponentChildren } from 'preact';
import type { Lanes } from '../core/lanes.ts';
import type { FieldError } from '../shared/errors.ts';
import type { Web } from './page.ts';

/** Form parts with the NL Design System (Utrecht) classes, errors next to their field. */
export function Csrf({ web }: { web: Web }) {
  return <input type="hidden" name="_csrf" value={web.csrf} />;
}

export const errorFor = (errors: readonly FieldError[] | undefined, name: string) =>
  errors?.find((e) => e.field === name || e.field.startsWith(`${name}.`))?.message;

interface FieldProps {
  name: string;
  label: string;
  value?: string;
  error?: string;
  type?: string;
  required?: boolean;
  multiline?: boolean;
  hint?: string;
  id?: string;
  autocomplete?: string;
  /** The id of a datalist with suggestions. */
  list?: string;
}

export function Field(p: FieldProps) {
  const id = p.id ?? `f-${p.name.replace(/\W/g, '-')}`;
  const described = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id, name: p.name, required: p.required, 'aria-invalid': p.error ? 'true' : undefined, 'aria-describedby': described,
  } as const;
  return (
    <div class={`utrecht-form-field${p.error ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>
        {p.label}
        {p.required && <span aria-hidden="true"> *</span>}
      </label>
      {p.hint && <p id={`${id}-hint`} class="utrecht-form-field-description grip-muted">{p.hint}</p>}
      {p.multiline ? (
        <textarea {...common} class="utrecht-textarea" rows={5}>{p.value ?? ''}</textarea>
      ) : (
        <input {...common} class="utrecht-textbox" type={p.type ?? 'text'} value={p.value ?? ''} autocomplete={p.autocomplete} list={p.list} />
      )}
      {p.error && <p id={`${id}-error`} class="grip-field-error">{p.error}</p>}
    </div>
  );
}

export function Select(p: { name: string; label: string; options: { value: string; label: string }[]; value?: string; error?: string; required?: boolean; id?: string; emptyLabel?: string; htmx?: Record<string, string> }) {
  const id = p.id ?? `f-${p.name.replace(/\W/g, '-')}`;
  return (
    <div class={`utrecht-form-field${p.error ? ' utrecht-form-field--invalid' : ''}`}>
      <label class="utrecht-form-label" for={id}>
        {p.label}
        {p.required && <span aria-hidden="true"> *</span>}
      </label>
      <select {...p.htmx} id={id} name={p.name} class="utrecht-select" required={p.required} aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? `${id}-error` : undefined}>
        {p.emptyLabel !== undefined && <option value="">{p.emptyLabel}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>{o.label}</option>
        ))}
      </select>
      {p.error && <p id={`${id}-error`} class="grip-field-error">{p.error}</p>}
    </div>
  );
}

export function Checkbox(p: { name: string; label: string; checked?: boolean; value?: string; id?: string }) {
  const id = p.id ?? `f-${p.name.replace(/\W/g, '-')}-${p.value ?? 'on'}`;
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <input id={id} type="checkbox" class="utrecht-checkbox" name={p.name} value={p.value ?? 'on'} checked={p.checked} />{' '}
      <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>{p.label}</label>
    </div>
  );
}

/**
 * One question answered by choosing one of a few radio buttons, under its
 * legend. `required` marks it (and asks the browser to check it, unless the
 * form is `novalidate`); `inline` puts the choices side by side.
 */
export function RadioGroup(p: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  value?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  inline?: boolean;
  id?: string;
}) {
  const id = p.id ?? `f-${p.name.replace(/\W/g, '-')}`;
  const described = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const choices = p.options.map((o) => (
    <div class="utrecht-form-field utrecht-form-field--radio">
      <input id={`${id}-${o.value}`} type="radio" class="utrecht-radio-button utrecht-radio-button--html-input" name={p.name} value={o.value} checked={p.value === o.value} required={p.required} aria-invalid={p.error ? 'true' : undefined} />{' '}
      <label class="utrecht-form-label utrecht-form-label--radio-button" for={`${id}-${o.value}`}>{o.label}</label>
    </div>
  ));
  return (
    <fieldset class={`utrecht-form-fieldset grip-fieldset${p.error ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={described}>
      <legend class="utrecht-form-fieldset__legend">
        {p.legend}
        {p.required && <span aria-hidden="true"> *</span>}
      </legend>
      {p.hint && <p id={`${id}-hint`} class="utrecht-form-field-description grip-muted">{p.hint}</p>}
      {p.error && <p id={`${id}-error`} class="grip-field-error">{p.error}</p>}
      {p.inline ? <div class="grip-checkboxes">{choices}</div> : choices}
    </fieldset>
  );
}

/** The choices of a yes/no question: the values `ja` and `nee`, with labels that may say more. */
export const yesNoOptions = (web: Web, yes = web.t('Ja', 'Yes'), no = web.t('Nee', 'No')) => [
  { value: 'ja', label: yes },
  { value: 'nee', label: no },
];

export function Button(p: { children: ComponentChildren; secondary?: boolean; name?: string; value?: string }) {
  return (
    <button type="submit" name={p.name} value={p.value} class={`utrecht-button utrecht-button--${p.secondary ? 'secondary' : 'primary'}-action`}>
      {p.children}
    </button>
  );
}

export function Alert(p: { kind?: 'error' | 'ok' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`grip-alert${p.kind && p.kind !== 'info' ? ` grip-alert--${p.kind}` : ''}`} role={p.kind === 'error' ? 'alert' : 'status'}>
      {p.children}
    </div>
  );
}

export function LaneBadges({ lanes, web }: { lanes: Lanes; web: Web }) {
  return (
    <>
      {lanes.urgent && <span class="grip-lane grip-lane--urgent">{web.t('Spoed', 'Urgent')}</span>}
      {lanes.b && <span class="grip-lane grip-lane--b" title={web.t('Behandelingsduur (vluchtstrook)', 'Handling time (fast lane)')}>B</span>}
      {lanes.pop && <span class="grip-lane grip-lane--pop">POP</span>}
      {lanes.ob && <span class="grip-lane grip-lane--ob" title={web.t('Kandidaat onvoldoende belang', 'Candidate: insufficient interest')}>OB?</span>}
    </>
  );
}

/** Names the petitioner sees for statuses and units, in both languages. */
export const STATUS_TEXT: Record<string, [string, string]> = {
  received: ['Ontvangen', 'Received'],
  queued: ['In de bak', 'In the tray'],
  assigned: ['Toegewezen', 'Assigned'],
  in_progress: ['In behandeling', 'In progress'],
  closed: ['Afgesloten', 'Closed'],
  transferred: ['Overgedragen', 'Transferred'],
};

export const UNIT_TEXT: Record<string, [string, string]> = {
  standard: ['KB', 'KB (standard)'],
  extended: ['UKB', 'UKB (extended)'],
  research: ['S&O Onderzoek', 'Research'],
  frontOffice: ['Ombudsplein', 'Front office'],
};

/** How an investigator is to handle an assigned case, in words. */
export const HANDLING_TEXT: Record<string, [string, string]> = {
  intervention: ['Interventie', 'Intervention'], referral: ['Doorverwijzen', 'Referral'], investigation: ['Onderzoek', 'Investigation'],
  advice: ['Advies', 'Advice'], quick: ['Snelle afhandeling (POP/B)', 'Quick handling (POP/B)'],
};

export const weeks = (days: number | null) => (days === null ? '' : (days / 7).toFixed(1).replace('.', ','));

export function formatDate(iso: string | Date | null, web: Web, withTime = false): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toLocaleString(web.lang === 'en' ? 'en-GB' : 'nl-NL', {
    timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'short', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
}
