import type { ComponentChildren, VNode } from 'preact';
import type { Role } from '../auth/policy.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Checkbox, errorFor } from '../web/components.tsx';
import { parseForm } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { one, type PageContext, type Web } from '../web/page.ts';
import { ZSetActive, type SetActive } from './admin.schema.ts';

/** What every administration page shares: the frame, checkbox groups, messages, form helpers. */

export const ROLE_TEXT: Record<Role, [string, string]> = {
  dispatcher: ['Werkverdeler', 'Dispatcher'],
  coordinator: ['Coördinator', 'Coordinator'],
  investigator: ['Klachtonderzoeker', 'Investigator'],
  frontOffice: ['Klachtbehandelaar', 'Front office'],
  teamManager: ['Teammanager', 'Team manager'],
  director: ['Directeur', 'Director'],
  privacyOfficer: ['Privacyfunctionaris', 'Privacy officer'],
  wooCoordinator: ['Woo-coördinator', 'Woo coordinator'],
  admin: ['Beheerder', 'Administrator'],
};

export const CHANNEL_TEXT: Record<string, [string, string]> = {
  letter: ['Brief', 'Letter'],
  email: ['E-mail', 'E-mail'],
  web: ['Webformulier', 'Web form'],
  phone: ['Telefoon', 'Phone'],
};

/** A page of the administration: the layout, a way back to /beheer and the confirmation of the last action. */
export function AdminFrame(props: { web: Web; title: string; section?: boolean; done?: ComponentChildren; errors?: readonly FieldError[]; children: ComponentChildren }) {
  const { web } = props;
  const formError = errorFor(props.errors, '_form');
  return (
    <Layout web={web} title={props.title}>
      {props.section !== false && (
        <p>
          <a href="/beheer">{web.t('← Terug naar Beheer', '← Back to Administration')}</a>
        </p>
      )}
      {props.done && <Alert kind="ok"><p>{props.done}</p></Alert>}
      {props.errors && props.errors.length > 0 && (
        <Alert kind="error">
          <p>{formError ?? web.t('Het formulier is niet opgeslagen. Verbeter de fouten bij de velden hieronder.', 'The form was not saved. Correct the errors at the fields below.')}</p>
        </Alert>
      )}
      {props.children}
    </Layout>
  );
}

/** A group of checkboxes in a fieldset with a legend; the error is read out with the group. */
export function CheckboxGroup(p: { name: string; legend: string; options: { value: string; label: string }[]; checked: readonly string[]; error?: string; hint?: string }) {
  const id = `f-${p.name}`;
  const described = [p.hint ? `${id}-hint` : null, p.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset grip-fieldset${p.error ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={described}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{p.legend}</legend>
      {p.hint && <p id={`${id}-hint`} class="grip-muted">{p.hint}</p>}
      {p.error && <p id={`${id}-error`} class="grip-field-error">{p.error}</p>}
      <div class="grip-checkboxes">
        {p.options.map((o) => (
          <Checkbox name={p.name} value={o.value} label={o.label} checked={p.checked.includes(o.value)} id={`${id}-${o.value}`} />
        ))}
      </div>
    </fieldset>
  );
}

/** A small form with one button that posts a fixed value (activate, deactivate). */
export function ActionButton(p: { web: Web; action: string; name: string; value: string; label: string; context: string }) {
  return (
    <form method="post" action={p.action} class="grip-row-form">
      <input type="hidden" name="_csrf" value={p.web.csrf} />
      <input type="hidden" name={p.name} value={p.value} />
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {p.label}
        <span class="grip-visually-hidden">: {p.context}</span>
      </button>
    </form>
  );
}

/** Replaces the generic message of a schema error on these fields with a clear one for people. */
export function withHelp(errors: FieldError[], help: Record<string, [string, string]>, web: Web): FieldError[] {
  return errors.map((e) => {
    const key = Object.keys(help).find((k) => e.field === k || e.field.startsWith(`${k}.`));
    return key ? { field: key, message: web.t(...help[key]!) } : e;
  });
}

/** One error per field: the first one is the one to fix. */
export const firstPerField = (errors: FieldError[]): FieldError[] =>
  errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);

/** A text field: absent or blank becomes undefined. */
export const optional = (v: string | string[] | undefined): string | undefined => one(v).trim() || undefined;
/** A checkbox: present means yes. */
export const checked = (v: string | string[] | undefined): boolean => one(v) !== '';
/** A select of yes/no/either. */
export const yesNoEither = (v: string | string[] | undefined): boolean | null => (one(v) === 'ja' ? true : one(v) === 'nee' ? false : null);

export const yesNo = (web: Web, value: boolean) => (value ? web.t('Ja', 'Yes') : web.t('Nee', 'No'));
export const decimal = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

/** The confirmation of the last action, from ?gedaan=... after a redirect (fixed texts only, never echoed input). */
export const doneKey = (p: PageContext) => one(p.query.gedaan);

/** A 400 page with the errors shown, nothing stored. */
export const invalid = (body: VNode) => ({ status: 400, body });

/** The on/off buttons post active=ja or active=nee. */
export function parseActive(p: PageContext): SetActive {
  const value = one(p.form.active);
  const parsed = parseForm(ZSetActive, { active: value === 'ja' ? true : value === 'nee' ? false : value }, p.web);
  if (!parsed.ok) throw new AppError('validation', p.web.t('Kies aan of uit.', 'Choose on or off.'));
  return parsed.data;
}
