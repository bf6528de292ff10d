import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { findStaff, listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { Alert, Button, Csrf, errorFor, Field, formatDate, RadioGroup, Select } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { defaultCallbackDue } from './callback.due.ts';
import { dossierNumbers, knownAgencyNames } from './contact.repository.ts';
import { ZCallbackDone, ZContactQuery, ZLinkContact, ZRegisterContact, type ContactView } from './contact.schema.ts';
import { CallbackPage } from './contact.callbacks.tsx';
import { getContactForActor, linkContact, listContactsPage, markCallbackDone, registerContact } from './contact.service.ts';
import { CONTACT_OUTCOMES } from './contact.table.ts';
import { fromLocalInput, startOfAmsterdamDay, toLocalInput } from './contact.time.ts';
import { cell, head, isUuid, OUTCOME_TEXT, short, telHref } from './contact.view.tsx';

/**
 * The front office's phone pages: register a call in under a minute
 * (/telefoon), the open callback requests (TBV) of a domain
 * (/telefoon/terugbellen), one contact (/telefoon/gesprek/:id), and linking
 * a contact to the written case that followed it (from the case page, whose
 * section on contacts is contact.case.tsx). The callback list itself is
 * contact.callbacks.tsx.
 */

const time = (iso: string, web: Web) => new Date(iso).toLocaleTimeString(web.lang === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });

// ---- /telefoon: register a call ----
interface FormState {
  /** What was typed; none yet: the form as the link opening it fills it in (prefill). */
  values?: Record<string, string | string[]>;
  errors?: FieldError[];
}
/** At most this many of today's calls are listed under the form, the latest first. */
const TODAY_SHOWN = 20;

/**
 * A link may open the form partly filled in: the roster's "make a callback
 * request" sends `?uitkomst=callback&domein=<id>`, so front office only adds
 * who called. Only a known outcome and a known domain count; anything else in
 * the query is ignored.
 */
function prefill(query: PageContext['query'], domains: readonly { id: string }[]): Record<string, string> {
  const values: Record<string, string> = {};
  const outcome = one(query.uitkomst);
  if ((CONTACT_OUTCOMES as readonly string[]).includes(outcome)) values.outcome = outcome;
  const domain = one(query.domein);
  if (domains.some((d) => d.id === domain)) {
    values.domain = domain;
    values.callbackDomain = domain;
  }
  return values;
}

async function PhonePage(ctx: AppContext, p: PageContext, state: FormState, status = 200) {
  const { web, actor } = p;
  const [domains, agencies, recent] = await Promise.all([
    // one more than shown: tells whether today had more calls than the list shows
    listDomains(ctx.db), knownAgencyNames(ctx.db), listContactsPage(ctx, actor, ZContactQuery.parse({ limit: TODAY_SHOWN + 1 })),
  ]);
  const startOfDay = startOfAmsterdamDay(ctx.clock());
  const ofToday = recent.items.filter((c) => new Date(c.at) >= startOfDay);
  const today = ofToday.slice(0, TODAY_SHOWN);
  const moreToday = ofToday.length > TODAY_SHOWN;
  const dossiers = await dossierNumbers(ctx.db, today.flatMap((c) => (c.caseId ? [c.caseId] : [])));
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const saved = one(p.query.geregistreerd);
  const confirmed = status === 200 && isUuid(saved) ? await getContactForActor(ctx, actor, saved).catch(() => null) : null;
  const values = state.values ?? prefill(p.query, domains);
  const v = (name: string) => one(values[name]);
  const err = (name: string) => errorFor(state.errors, name);
  const domainOptions = domains.map((d) => ({ value: d.id, label: d.name }));
  const body = (
    <Layout web={web} title={web.t('Telefoon', 'Phone')}>
      {confirmed && (
        <Alert kind="ok">
          {confirmed.callback
            ? web.t(
              `Het terugbelverzoek is geregistreerd: ${domainName.get(confirmed.callback.domain)} belt terug vóór ${formatDate(confirmed.callback.dueAt, web, true)}.`,
              `The callback request has been registered: ${domainName.get(confirmed.callback.domain)} calls back by ${formatDate(confirmed.callback.dueAt, web, true)}.`)
            : web.t('Het gesprek is geregistreerd.', 'The call has been registered.')}
        </Alert>
      )}
      <p>
        {web.t('Leg kort vast wie belde, over welke instantie en welk advies u gaf. Een telefoongesprek is geen dossier. ', 'Record briefly who called, about which agency, and the advice given. A phone call is not a dossier. ')}
        <a href="/telefoon/terugbellen">{web.t('Open terugbelverzoeken (TBV)', 'Open callback requests (TBV)')}</a>
      </p>
      {state.errors?.length ? (
        <Alert kind="error">{err('_form') ?? web.t('Het formulier is nog niet goed ingevuld; zie de meldingen bij de velden.', 'The form is not complete yet; see the messages at the fields.')}</Alert>
      ) : null}
      <form method="post" action="/telefoon" class="grip-form" novalidate aria-label={web.t('Telefoongesprek registreren', 'Register a phone call')}>
        <Csrf web={web} />
        <fieldset class="grip-fieldset">
          <legend>{web.t('Beller', 'Caller')}</legend>
          <Field name="caller.name" label={web.t('Naam', 'Name')} value={v('caller.name')} error={err('caller.name')} autocomplete="off" />
          <Field name="caller.phone" type="tel" label={web.t('Telefoonnummer', 'Phone number')} value={v('caller.phone')} error={err('caller.phone')} autocomplete="off" />
          <Field name="caller.email" type="email" label={web.t('E-mail (niet verplicht)', 'E-mail (optional)')} value={v('caller.email')} error={err('caller.email')} autocomplete="off" />
        </fieldset>
        <Field name="agency" label={web.t('Instantie', 'Agency')} value={v('agency')} error={err('agency')} list="instanties" hint={web.t('De overheidsinstantie waarover het gesprek ging', 'The government body the call was about')} />
        <datalist id="instanties">{agencies.map((a) => <option value={a} />)}</datalist>
        <Select name="domain" label={web.t('Domein', 'Domain')} value={v('domain')} error={err('domain')} options={domainOptions} emptyLabel={web.t('— onbekend —', '— unknown —')} />
        <Field name="summary" multiline label={web.t('Waar ging het gesprek over?', 'What was the call about?')} value={v('summary')} error={err('summary')} required />
        <Field name="advice" multiline label={web.t('Gegeven advies', 'Advice given')} value={v('advice')} error={err('advice')}
          hint={web.t('Verplicht bij de uitkomst ‘Advies gegeven’.', 'Required with the outcome ‘Advised’.')} />
        <RadioGroup name="outcome" legend={web.t('Uitkomst', 'Outcome')} value={v('outcome')} error={err('outcome')} required
          options={Object.entries(OUTCOME_TEXT).map(([value, text]) => ({ value, label: web.t(...text) }))} />
        <fieldset class="grip-fieldset">
          <legend>{web.t('Alleen bij een terugbelverzoek (TBV)', 'Only for a callback request (TBV)')}</legend>
          <Select name="callbackDomain" label={web.t('Domein dat terugbelt', 'Domain that calls back')} value={v('callbackDomain')} error={err('callbackDomain')} options={domainOptions} emptyLabel={web.t('— zelfde als hierboven —', '— same as above —')} />
          <Field name="callbackDueAt" type="datetime-local" label={web.t('Terugbellen vóór', 'Call back by')} value={v('callbackDueAt') || toLocalInput(defaultCallbackDue(ctx.clock()))} error={err('callbackDueAt')}
            hint={web.t('Standaard de volgende werkdag om 12:00.', 'By default the next working day at 12:00.')} />
        </fieldset>
        <div><Button>{web.t('Gesprek registreren', 'Register the call')}</Button></div>
      </form>
      <h2 class="utrecht-heading-2" id="vandaag-kop">
        {moreToday
          ? web.t(`Vandaag geregistreerd: de laatste ${TODAY_SHOWN}`, `Registered today: the latest ${TODAY_SHOWN}`)
          : web.t('Vandaag geregistreerd', 'Registered today')}
      </h2>
      {today.length === 0 ? <p>{web.t('Nog geen gesprekken vandaag.', 'No calls yet today.')}</p> : (
        <div class="grip-table-wrap">
          <table class="utrecht-table" id="gesprekken-vandaag" aria-labelledby="vandaag-kop">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {head(web.t('Tijd', 'Time'))}{head(web.t('Beller', 'Caller'))}{head(web.t('Telefoon', 'Phone'))}{head(web.t('Instantie', 'Agency'))}
                {head(web.t('Waarover', 'About'))}{head(web.t('Uitkomst', 'Outcome'))}{head(web.t('Dossier', 'Dossier'))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {today.map((c) => (
                <tr class="utrecht-table__row">
                  {cell(time(c.at, web))}
                  <th scope="row" class="utrecht-table__cell"><a href={`/telefoon/gesprek/${c.id}`}>{c.caller.name ?? web.t('Onbekende beller', 'Unknown caller')}</a></th>
                  {cell(c.caller.phone ?? '–')}
                  {cell(c.agency?.name ?? '–')}
                  {cell(short(c.summary, 80))}
                  {cell(web.t(...OUTCOME_TEXT[c.outcome]))}
                  {cell(c.caseId ? <a href={`/zaken/${c.caseId}`}>{dossiers.get(c.caseId)}</a> : '–')}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
  return status === 200 ? body : { status, body };
}

/** The form as the operation's input: callback fields only count for a callback request (the form always shows them). */
function registrationInput(f: PageContext['form'], web: Web): { input: unknown; errors: FieldError[] } {
  const opt = (name: string) => one(f[name]).trim() || undefined;
  const outcome = one(f.outcome) || undefined;
  const callback = outcome === 'callback';
  const due = callback ? opt('callbackDueAt') : undefined;
  const dueAt = due === undefined ? undefined : fromLocalInput(due);
  const errors = dueAt === null
    ? [{ field: 'callbackDueAt', message: web.t('Vul een datum en tijd in, zoals 2026-03-09 12:00.', 'Enter a date and time, like 2026-03-09 12:00.') }]
    : [];
  return {
    input: {
      caller: { name: opt('caller.name'), phone: opt('caller.phone'), email: opt('caller.email') },
      agency: opt('agency'),
      domain: opt('domain'),
      summary: one(f.summary),
      advice: opt('advice'),
      outcome,
      callbackDomain: callback ? opt('callbackDomain') : undefined,
      callbackDueAt: dueAt ? dueAt.toISOString() : undefined,
    },
    errors,
  };
}

/** A service refusal about one contact, in words for this page. */
function contactFailure(err: unknown, web: Web, conflict: [string, string]): FieldError[] {
  if (err instanceof AppError && !err.details.errors?.length) {
    const text: Partial<Record<AppError['code'], [string, string]>> = {
      transition_forbidden: conflict,
      duplicate: conflict,
      forbidden: ['U mag dit alleen voor uw eigen domeinen doen.', 'You may do this only for your own domains.'],
      not_found: ['Dit telefoongesprek bestaat niet of u mag het niet zien.', 'This phone call does not exist or you may not see it.'],
    };
    const known = text[err.code];
    if (known) return [{ field: '_form', message: web.t(...known) }];
  }
  return serviceErrors(err, web);
}

// ---- /telefoon/gesprek/:id: one contact ----
async function ContactPage(ctx: AppContext, p: PageContext) {
  const { web } = p;
  const c = await getContactForActor(ctx, p.actor, p.params.id!);
  const [domains, registeredBy, doneBy, dossiers] = await Promise.all([
    listDomains(ctx.db), findStaff(ctx.db, c.registeredBy), c.callback?.doneBy ? findStaff(ctx.db, c.callback.doneBy) : undefined,
    dossierNumbers(ctx.db, c.caseId ? [c.caseId] : []),
  ]);
  const domainName = (id: string | null) => (id ? domains.find((d) => d.id === id)?.name ?? id : '–');
  return (
    <Layout web={web} title={web.t(`Telefoongesprek ${formatDate(c.at, web, true)}`, `Phone call ${formatDate(c.at, web, true)}`)}>
      <dl class="grip-facts" id="gesprek">
        <dt>{web.t('Beller', 'Caller')}</dt><dd>{c.caller.name ?? '–'}</dd>
        <dt>{web.t('Telefoon', 'Phone')}</dt><dd>{c.caller.phone ? <a href={telHref(c.caller.phone)}>{c.caller.phone}</a> : '–'}</dd>
        <dt>{web.t('E-mail', 'E-mail')}</dt><dd>{c.caller.email ?? '–'}</dd>
        <dt>{web.t('Instantie', 'Agency')}</dt><dd>{c.agency?.name ?? '–'}</dd>
        <dt>{web.t('Domein', 'Domain')}</dt><dd>{domainName(c.domain)}</dd>
        <dt>{web.t('Waarover', 'About')}</dt><dd style="white-space:pre-wrap">{c.summary}</dd>
        <dt>{web.t('Gegeven advies', 'Advice given')}</dt><dd style="white-space:pre-wrap">{c.advice ?? '–'}</dd>
        <dt>{web.t('Uitkomst', 'Outcome')}</dt><dd>{web.t(...OUTCOME_TEXT[c.outcome])}</dd>
        {c.callback && (
          <>
            <dt>{web.t('Terugbelverzoek', 'Callback request')}</dt>
            <dd>
              {web.t(`${domainName(c.callback.domain)}, vóór ${formatDate(c.callback.dueAt, web, true)}`, `${domainName(c.callback.domain)}, by ${formatDate(c.callback.dueAt, web, true)}`)}{' '}
              {c.callback.overdue && <span class="grip-lane grip-lane--urgent">{web.t('te laat', 'overdue')}</span>}
              {c.callback.doneAt && web.t(` — teruggebeld ${formatDate(c.callback.doneAt, web, true)} door ${doneBy?.name ?? ''}: ${c.callback.result}`, ` — called back ${formatDate(c.callback.doneAt, web, true)} by ${doneBy?.name ?? ''}: ${c.callback.result}`)}
            </dd>
          </>
        )}
        <dt>{web.t('Geregistreerd', 'Registered')}</dt><dd>{web.t(`${formatDate(c.at, web, true)} door ${registeredBy?.name ?? ''}`, `${formatDate(c.at, web, true)} by ${registeredBy?.name ?? ''}`)}</dd>
        <dt>{web.t('Dossier', 'Dossier')}</dt>
        <dd id="gesprek-dossier">{c.caseId ? <a href={`/zaken/${c.caseId}`}>{dossiers.get(c.caseId)}</a> : web.t('Nog niet gekoppeld aan een schriftelijke klacht.', 'Not linked to a written complaint yet.')}</dd>
      </dl>
    </Layout>
  );
}

export function frontOfficePages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: '/telefoon', permission: 'contacts.register', handler: (p) => PhonePage(ctx, p, {}) }),
    definePage({
      method: 'POST', url: '/telefoon', permission: 'contacts.register',
      async handler(p) {
        const { input, errors } = registrationInput(p.form, p.web);
        const parsed = parseForm(ZRegisterContact, input, p.web);
        if (!parsed.ok || errors.length) return PhonePage(ctx, p, { values: p.form, errors: [...(parsed.ok ? [] : parsed.errors), ...errors] }, 400);
        try {
          const contact = await registerContact(ctx, p.actor, parsed.data);
          return { redirect: `/telefoon?geregistreerd=${contact.id}` };
        } catch (err) {
          return PhonePage(ctx, p, { values: p.form, errors: serviceErrors(err, p.web) }, err instanceof AppError ? err.status : 500);
        }
      },
    }),
    definePage({ method: 'GET', url: '/telefoon/terugbellen', permission: 'contacts.read', handler: (p) => CallbackPage(ctx, p) }),
    definePage({
      method: 'POST', url: '/telefoon/terugbellen/:id/klaar', permission: 'contacts.callback',
      async handler(p) {
        const id = p.params.id!;
        const domain = one(p.form.domein);
        // the list the form came from, with its domain filter
        const again = (errors: FieldError[], status: number, failedId: string | null) =>
          CallbackPage(ctx, { ...p, query: { domein: domain } }, { id: failedId, errors, values: p.form }, status);
        const parsed = parseForm(ZCallbackDone, { result: one(p.form.result) }, p.web);
        if (!parsed.ok) return again(parsed.errors, 400, id);
        try {
          await markCallbackDone(ctx, p.actor, id, parsed.data);
        } catch (err) {
          const errors = contactFailure(err, p.web, ['Dit terugbelverzoek is al afgehandeld.', 'This callback request has already been done.']);
          return again(errors, err instanceof AppError ? err.status : 500, null);
        }
        return { redirect: `/telefoon/terugbellen?domein=${encodeURIComponent(domain)}&gedaan=${id}` };
      },
    }),
    definePage({ method: 'GET', url: '/telefoon/gesprek/:id', permission: 'contacts.read', handler: (p) => ContactPage(ctx, p) }),
    definePage({
      method: 'POST', url: '/telefoon/gesprek/:id/koppelen', permission: 'contacts.register',
      async handler(p) {
        const { web } = p;
        const parsed = parseForm(ZLinkContact, { caseId: one(p.form.caseId) }, web);
        let errors: FieldError[];
        let status = 400;
        if (parsed.ok) {
          try {
            await linkContact(ctx, p.actor, p.params.id!, parsed.data);
            return { redirect: `/zaken/${parsed.data.caseId}?gedaan=gekoppeld` };
          } catch (err) {
            errors = contactFailure(err, web, ['Dit telefoongesprek is intussen aan een ander dossier gekoppeld.', 'This phone call has been linked to another dossier in the meantime.']);
            status = err instanceof AppError ? err.status : 500;
          }
        } else {
          errors = parsed.errors;
        }
        const caseId = parsed.ok ? parsed.data.caseId : null;
        return {
          status,
          body: (
            <Layout web={web} title={web.t('Koppelen lukte niet', 'Linking failed')}>
              <Alert kind="error">{errors.map((e) => e.message).join(' ')}</Alert>
              {caseId && <p><a href={`/zaken/${caseId}`}>{web.t('Terug naar het dossier', 'Back to the dossier')}</a></p>}
            </Layout>
          ),
        };
      },
    }),
  ];
}
