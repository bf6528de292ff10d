import { randomBytes } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { listDomains, listKeywords } from '../organisation/organisation.repository.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, formatDate, Select, weeks } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, many, one, type PageContext, type Web } from '../web/page.ts';
import { addAttachment, detectType } from './annotation.service.ts';
import { ZRegisterCase } from './case.schema.ts';
import { registerCase } from './case.service.ts';

/** The dispatcher's intake: register a written complaint, and the list of cases still to route. */
const CHANNELS: { value: string; nl: string; en: string }[] = [
  { value: 'letter', nl: 'Brief', en: 'Letter' },
  { value: 'email', nl: 'E-mail', en: 'E-mail' },
  { value: 'web', nl: 'Webformulier', en: 'Web form' },
  { value: 'phone', nl: 'Telefoon (op schrift gesteld)', en: 'Phone (put in writing)' },
];

interface FormState {
  values: Record<string, string | string[]>;
  errors?: FieldError[];
  idempotencyKey: string;
}

async function RegisterPage(ctx: AppContext, web: Web, state: FormState) {
  const [keywords, agencies] = await Promise.all([
    listKeywords(ctx.db),
    ctx.db.selectFrom('agencies').select('name').orderBy('name').execute(),
  ]);
  const v = (name: string) => one(state.values[name]);
  const err = (name: string) => errorFor(state.errors, name);
  const chosen = new Set(many(state.values.keywords));
  const formError = err('_form') ?? err('attachments');
  return (
    <Layout web={web} title={web.t('Klacht registreren', 'Register a complaint')}>
      {state.errors?.length ? (
        <Alert kind="error">{web.t('Het formulier is nog niet goed ingevuld; zie de meldingen bij de velden.', 'The form is not complete yet; see the messages at the fields.')}</Alert>
      ) : null}
      <form method="post" action="/zaken/nieuw" enctype="multipart/form-data" class="grip-form" novalidate>
        <Csrf web={web} />
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
        <fieldset>
          <legend class="utrecht-heading-2">{web.t('Verzoeker', 'Petitioner')}</legend>
          <Field name="petitioner.name" label={web.t('Naam verzoeker', 'Name of petitioner')} value={v('petitioner.name')} error={err('petitioner.name')} required />
          <Field name="petitioner.email" type="email" label={web.t('E-mail', 'E-mail')} value={v('petitioner.email')} error={err('petitioner.email')} />
          <Field name="petitioner.phone" type="tel" label={web.t('Telefoon', 'Phone')} value={v('petitioner.phone')} error={err('petitioner.phone')} />
          <Field name="petitioner.address" label={web.t('Adres', 'Address')} value={v('petitioner.address')} error={err('petitioner.address')} />
        </fieldset>
        <fieldset>
          <legend class="utrecht-heading-2">{web.t('De klacht', 'The complaint')}</legend>
          <Field name="agency" label={web.t('Instantie', 'Agency')} value={v('agency')} error={err('agency')} required list="instanties" hint={web.t('De overheidsinstantie waarover geklaagd wordt', 'The government body complained about')} />
          <datalist id="instanties">{agencies.map((a) => <option value={a.name} />)}</datalist>
          <Field name="subject" label={web.t('Onderwerp', 'Subject')} value={v('subject')} error={err('subject')} required />
          <Field name="description" label={web.t('Omschrijving', 'Description')} value={v('description')} error={err('description')} required multiline />
          <Select name="channel" label={web.t('Kanaal', 'Channel')} value={v('channel') || 'letter'} error={err('channel')} required options={CHANNELS.map((c) => ({ value: c.value, label: web.t(c.nl, c.en) }))} />
          <Field name="receivedAt" type="date" label={web.t('Datum ontvangst', 'Date received')} value={v('receivedAt')} error={err('receivedAt')} hint={web.t('Leeg laten voor vandaag', 'Leave empty for today')} />
          <fieldset>
            <legend>{web.t('Trefwoorden', 'Keywords')}</legend>
            {keywords.map((k) => <Checkbox name="keywords" value={k.id} label={k.label} checked={chosen.has(k.id)} id={`kw-${k.id}`} />)}
          </fieldset>
          <Checkbox name="complex" label={web.t('Complexe zaak (voorstel: UKB)', 'Complex case (suggests UKB)')} checked={v('complex') === 'on'} />
          <Checkbox name="urgent" label={web.t('Spoed', 'Urgent')} checked={v('urgent') === 'on'} />
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="f-attachments">{web.t('Bijlagen (PDF, JPEG of PNG, hoogstens 10 MB per bestand)', 'Attachments (PDF, JPEG or PNG, at most 10 MB each)')}</label>
            <input id="f-attachments" type="file" name="attachments" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-invalid={err('attachments') ? 'true' : undefined} aria-describedby={err('attachments') ? 'f-attachments-error' : undefined} />
            {err('attachments') && <p id="f-attachments-error" class="grip-field-error">{err('attachments')}</p>}
          </div>
        </fieldset>
        {formError && !err('attachments') && <Alert kind="error">{formError}</Alert>}
        <div>
          <Button>{web.t('Registreren', 'Register')}</Button>
        </div>
      </form>
    </Layout>
  );
}

/** Files posted with the form (multipart), read into memory within the upload limits. */
async function uploadedFiles(p: PageContext): Promise<{ fileName: string; data: Buffer }[]> {
  const body = p.request.body as Record<string, unknown> | undefined;
  const raw = body?.attachments;
  const parts = (Array.isArray(raw) ? raw : raw ? [raw] : []) as MultipartFile[];
  const files: { fileName: string; data: Buffer }[] = [];
  for (const part of parts) {
    if (part?.type !== 'file' || !part.filename) continue;
    files.push({ fileName: part.filename, data: await part.toBuffer() });
  }
  return files;
}

export function intakePages(ctx: AppContext) {
  return [
    definePage({
      method: 'GET', url: '/zaken/nieuw', permission: 'cases.register',
      handler: (p) => RegisterPage(ctx, p.web, { values: {}, idempotencyKey: randomBytes(16).toString('hex') }),
    }),
    definePage({
      method: 'POST', url: '/zaken/nieuw', permission: 'cases.register',
      async handler(p) {
        const f = p.form;
        const opt = (name: string) => one(f[name]).trim() || undefined;
        const input = {
          petitioner: { name: one(f['petitioner.name']), email: opt('petitioner.email'), phone: opt('petitioner.phone'), address: opt('petitioner.address') },
          agency: one(f.agency),
          subject: one(f.subject),
          description: one(f.description),
          channel: one(f.channel),
          receivedAt: opt('receivedAt'),
          keywords: many(f.keywords),
          complex: one(f.complex) === 'on',
          urgent: one(f.urgent) === 'on',
        };
        const state: FormState = { values: f, idempotencyKey: one(f.idempotencyKey) || randomBytes(16).toString('hex') };
        const parsed = parseForm(ZRegisterCase, input, p.web);
        const files = await uploadedFiles(p);
        const badFile = files.find((file) => !detectType(file.data));
        const fileErrors = badFile ? [{ field: 'attachments', message: p.web.t(`${badFile.fileName} is geen PDF-, JPEG- of PNG-bestand.`, `${badFile.fileName} is not a PDF, JPEG or PNG file.`) }] : [];
        if (!parsed.ok || fileErrors.length) {
          return { status: 400, body: await RegisterPage(ctx, p.web, { ...state, errors: [...(parsed.ok ? [] : parsed.errors), ...fileErrors] }) };
        }
        try {
          const { case: created, replayed } = await registerCase(ctx, p.actor, parsed.data, { idempotencyKey: `form:${state.idempotencyKey}` });
          if (!replayed) for (const file of files) await addAttachment(ctx, p.actor, created.id, file);
          return { redirect: `/zaken/${created.id}?gedaan=geregistreerd` };
        } catch (err) {
          return { status: 400, body: await RegisterPage(ctx, p.web, { ...state, errors: serviceErrors(err, p.web) }) };
        }
      },
    }),
    definePage({
      method: 'GET', url: '/zaken/te-routeren', permission: 'cases.route',
      async handler(p) {
        const web = p.web;
        const [rows, domains] = await Promise.all([
          ctx.db
            .selectFrom('cases as c')
            .innerJoin('agencies as a', 'a.id', 'c.agency_id')
            .select(['c.id', 'c.dossier_number', 'c.received_at', 'c.subject', 'c.suggested_domain_id', 'c.suggested_unit_id', 'c.lane_urgent', 'a.name as agency'])
            .where('c.status', '=', 'received')
            .orderBy('c.lane_urgent', 'desc')
            .orderBy('c.received_at')
            .limit(200)
            .execute(),
          listDomains(ctx.db),
        ]);
        const domainName = new Map(domains.map((d) => [d.id, d.name]));
        const now = ctx.clock().getTime();
        return (
          <Layout web={web} title={web.t('Te routeren', 'To route')}>
            <p>{web.t('Geregistreerde klachten die nog naar een domein moeten, spoed eerst, dan de oudste.', 'Registered complaints still to be routed to a domain, urgent first, then the oldest.')}</p>
            {rows.length === 0 ? (
              <Alert kind="ok">{web.t('Alles is gerouteerd.', 'Everything has been routed.')}</Alert>
            ) : (
              <div class="grip-table-wrap">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{web.t(`${rows.length} zaken te routeren`, `${rows.length} cases to route`)}</caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Dossier', 'Dossier')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Ontvangen', 'Received')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Weken', 'Weeks')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Instantie', 'Agency')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Onderwerp', 'Subject')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Voorgestelde route', 'Suggested route')}</th>
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">
                    {rows.map((r) => (
                      <tr class="utrecht-table__row">
                        <td class="utrecht-table__cell">
                          <a href={`/zaken/${r.id}`}>{r.dossier_number}</a> {r.lane_urgent && <span class="grip-lane grip-lane--urgent">{web.t('Spoed', 'Urgent')}</span>}
                        </td>
                        <td class="utrecht-table__cell">{formatDate(r.received_at, web)}</td>
                        <td class="utrecht-table__cell">{weeks(Math.floor((now - r.received_at.getTime()) / 86_400_000))}</td>
                        <td class="utrecht-table__cell">{r.agency}</td>
                        <td class="utrecht-table__cell">{r.subject}</td>
                        <td class="utrecht-table__cell">
                          {r.suggested_domain_id ? domainName.get(r.suggested_domain_id) : web.t('geen voorstel', 'no suggestion')} / {r.suggested_unit_id === 'extended' ? 'UKB' : 'KB'}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Layout>
        );
      },
    }),
  ];
}
