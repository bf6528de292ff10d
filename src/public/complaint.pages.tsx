import { randomUUID } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import type { ComponentChildren, VNode } from 'preact';
import { expectationText, type ExpectedRange } from '../notices/template.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Button, errorFor, Field, RadioGroup, yesNoOptions } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type PageResult, type Web } from '../web/page.ts';
import { complaintSchema, MAX_FILES } from './complaint.schema.ts';
import { checkAttachments, fileComplaint, knownAgencies, type FiledComplaint, type UploadedFile } from './complaint.service.ts';
import { COMPLAINT_POST_LIMIT, COMPLAINT_RATE_LIMIT, hitRateLimit, type RateDecision } from './rate-limit.ts';

/**
 * `/klacht`: the public complaint form (issue 6). No log-in, no JavaScript
 * needed. The POST answers the confirmation itself (no URL that takes a
 * dossier number); a hidden per-form token makes a reload or a double click
 * show the same dossier instead of filing twice.
 */
const HONEYPOT = 'website';

/** The form's fields in the order they appear, so the error summary follows the page. */
const FIELD_ORDER = ['_form', 'name', 'email', 'address', 'phone', 'agency', 'subject', 'description', 'approached', 'urgent', 'attachments', 'token'];
const FIELD_ANCHOR: Record<string, string> = { approached: 'f-approached-ja', urgent: 'f-urgent-ja', token: 'f-name', _form: 'f-name' };

interface FormState {
  values: Record<string, string | string[]>;
  token: string;
  errors?: FieldError[];
  /** Shown above the summary instead of the usual heading (the rate limit). */
  notice?: string;
  filesDropped?: boolean;
}

function ErrorSummary({ web, errors, notice, filesDropped }: { web: Web; errors: FieldError[]; notice?: string; filesDropped?: boolean }) {
  const sorted = [...errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return (
    <div class="grip-alert grip-alert--error" role="alert" aria-labelledby="foutmeldingen-kop" id="foutmeldingen">
      <h2 id="foutmeldingen-kop" class="utrecht-heading-2">
        {notice ?? web.t('Uw klacht is nog niet verstuurd', 'Your complaint has not been sent yet')}
      </h2>
      {sorted.length > 0 && (
        <>
          <p>{web.t('Verbeter het volgende:', 'Please correct the following:')}</p>
          <ul>
            {sorted.map((e) => <li><a href={`#${FIELD_ANCHOR[e.field] ?? `f-${e.field}`}`}>{e.message}</a></li>)}
          </ul>
        </>
      )}
      {filesDropped && <p>{web.t('Kies uw bijlagen opnieuw: die bewaren wij pas als u de klacht verstuurt.', 'Choose your attachments again: we only keep them once you send the complaint.')}</p>}
    </div>
  );
}

function Section(p: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="utrecht-form-fieldset grip-fieldset">
      <legend class="utrecht-form-fieldset__legend utrecht-heading-2">{p.legend}</legend>
      <div class="grip-form">{p.children}</div>
    </fieldset>
  );
}

async function ComplaintForm(ctx: AppContext, web: Web, state: FormState) {
  const agencies = await knownAgencies(ctx.db);
  const v = (name: string) => one(state.values[name]);
  const err = (name: string) => errorFor(state.errors, name);
  return (
    <Layout web={web} title={web.t('Klacht indienen', 'Submit a complaint')}>
      {(state.errors?.length || state.notice) && <ErrorSummary web={web} errors={state.errors ?? []} notice={state.notice} filesDropped={state.filesDropped} />}
      <p>
        {web.t(
          'Hebt u een klacht over een overheidsinstantie, zoals een gemeente, de Belastingdienst of het UWV? Vul dan dit formulier in. U krijgt meteen een dossiernummer, en van ons een bevestiging met de tijd die u naar verwachting moet wachten.',
          'Do you have a complaint about a government body, such as a municipality, the Tax Administration or the UWV? Fill in this form. You get a dossier number at once, and from us a confirmation with how long you can expect to wait.',
        )}{' '}
        <a href="/wachttijden">{web.t('Bekijk de actuele wachttijden', 'See the current waiting times')}</a>.
      </p>
      <p class="grip-muted">{web.t('Velden met een * moet u invullen.', 'Fields marked * are required.')}</p>
      <form method="post" action="/klacht" enctype="multipart/form-data" class="grip-form" novalidate>
        <input type="hidden" name="token" value={state.token} />
        <Section legend={web.t('Uw gegevens', 'Your details')}>
          <Field name="name" label={web.t('Naam', 'Name')} value={v('name')} error={err('name')} required autocomplete="name" />
          <Field name="email" type="email" label={web.t('E-mailadres', 'E-mail address')} value={v('email')} error={err('email')} autocomplete="email"
            hint={web.t('Hierheen sturen wij de bevestiging. Hebt u geen e-mail? Vul dan uw postadres in.', 'We send the confirmation here. No e-mail? Then fill in your postal address.')} />
          <div class={`utrecht-form-field${err('address') ? ' utrecht-form-field--invalid' : ''}`}>
            <label class="utrecht-form-label" for="f-address">{web.t('Postadres', 'Postal address')}</label>
            <p id="f-address-hint" class="utrecht-form-field-description grip-muted">{web.t('Straat en huisnummer, postcode en woonplaats. Alleen nodig als u geen e-mailadres invult.', 'Street and number, postcode and town. Only needed if you give no e-mail address.')}</p>
            <textarea id="f-address" name="address" class="utrecht-textarea" rows={3} autocomplete="street-address"
              aria-invalid={err('address') ? 'true' : undefined} aria-describedby={err('address') ? 'f-address-hint f-address-error' : 'f-address-hint'}>{v('address')}</textarea>
            {err('address') && <p id="f-address-error" class="grip-field-error">{err('address')}</p>}
          </div>
          <Field name="phone" type="tel" label={web.t('Telefoonnummer (niet verplicht)', 'Phone number (optional)')} value={v('phone')} error={err('phone')} autocomplete="tel"
            hint={web.t('Dan kan de klachtonderzoeker u bellen.', 'So the investigator can call you.')} />
        </Section>
        <Section legend={web.t('Uw klacht', 'Your complaint')}>
          <Field name="agency" label={web.t('Over welke instantie klaagt u?', 'Which government body is your complaint about?')} value={v('agency')} error={err('agency')} required list="instanties"
            hint={web.t('Bijvoorbeeld: Gemeente Utrecht, Belastingdienst, UWV.', 'For example: Gemeente Utrecht, Belastingdienst, UWV.')} />
          <datalist id="instanties">{agencies.map((a) => <option value={a} />)}</datalist>
          <Field name="subject" label={web.t('Waar gaat uw klacht over, in een paar woorden?', 'What is your complaint about, in a few words?')} value={v('subject')} error={err('subject')} required
            hint={web.t('Bijvoorbeeld: Geen antwoord op mijn bezwaar.', 'For example: No answer to my objection.')} />
          <Field name="description" label={web.t('Wat is er gebeurd?', 'What happened?')} value={v('description')} error={err('description')} required multiline
            hint={web.t('Vertel wat de instantie deed of naliet, wanneer, en wat u van ons verwacht.', 'Tell us what the body did or failed to do, when, and what you expect from us.')} />
          <RadioGroup name="approached" options={yesNoOptions(web)} required value={v('approached')} error={err('approached')}
            legend={web.t('Hebt u uw klacht eerst bij de instantie zelf ingediend?', 'Did you first complain to the body itself?')}
            hint={web.t('Meestal moet een instantie eerst zelf op uw klacht kunnen reageren. Ook als u "nee" kiest, nemen wij uw klacht in behandeling.', 'Usually the body must first have a chance to respond itself. If you choose "no", we still take up your complaint.')} />
          <RadioGroup name="urgent" options={yesNoOptions(web)} required value={v('urgent')} error={err('urgent')}
            legend={web.t('Moet er binnen 2 weken iets gebeuren, bijvoorbeeld een betaling of beslissing?', 'Does something have to happen within 2 weeks, such as a payment or a decision?')}
            hint={web.t('Dan behandelen wij uw klacht met voorrang.', 'Then we give your complaint priority.')} />
          <div class={`utrecht-form-field${err('attachments') ? ' utrecht-form-field--invalid' : ''}`}>
            <label class="utrecht-form-label" for="f-attachments">{web.t('Bijlagen (niet verplicht)', 'Attachments (optional)')}</label>
            <p id="f-attachments-hint" class="utrecht-form-field-description grip-muted">
              {web.t(`Bijvoorbeeld een brief of besluit. Hoogstens ${MAX_FILES} bestanden: PDF, JPEG of PNG, elk hoogstens 10 MB en samen hoogstens 20 MB.`, `For example a letter or decision. At most ${MAX_FILES} files: PDF, JPEG or PNG, each at most 10 MB and together at most 20 MB.`)}
            </p>
            <input id="f-attachments" type="file" name="attachments" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              aria-invalid={err('attachments') ? 'true' : undefined} aria-describedby={err('attachments') ? 'f-attachments-hint f-attachments-error' : 'f-attachments-hint'} />
            {err('attachments') && <p id="f-attachments-error" class="grip-field-error">{err('attachments')}</p>}
          </div>
        </Section>
        {/* A trap for robots: people never see it; a form with it filled in is not stored. */}
        <div class="grip-visually-hidden" aria-hidden="true">
          <label for="f-website">{web.t('Laat dit veld leeg', 'Leave this field empty')}</label>
          <input id="f-website" type="text" name={HONEYPOT} tabIndex={-1} autocomplete="off" value="" />
        </div>
        <div>
          <Button>{web.t('Klacht versturen', 'Send complaint')}</Button>
        </div>
      </form>
    </Layout>
  );
}

/** expectationText (the receipt's words) for the English page. */
function expectationInEnglish(e: ExpectedRange | null): string {
  const date = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
  if (!e) return 'as soon as we can (we cannot give a reliable date now)';
  if (e.open) return `not before ${date(e.p10)}, and possibly only after more than half a year`;
  if (date(e.p10) === date(e.p90)) return `around ${date(e.p10)}`;
  return `between ${date(e.p10)} and ${date(e.p90)}`;
}

function Confirmation(web: Web, filed: FiledComplaint, urgent: boolean, approached: boolean) {
  const { channel, expected } = filed.receipt;
  return (
    <Layout web={web} title={web.t('Uw klacht is ontvangen', 'Your complaint has been received')}>
      <div class="grip-alert grip-alert--ok" role="status">
        <p>{web.t('Uw dossiernummer is', 'Your dossier number is')}</p>
        <p style="font-size:2rem;font-weight:bold;margin:0.25rem 0" id="dossiernummer">{filed.dossierNumber}</p>
        <p>{web.t('Noem dit nummer als u contact met ons opneemt. Schrijf het op of bewaar deze pagina.', 'Quote this number when you contact us. Write it down or save this page.')}</p>
      </div>
      <h2 class="utrecht-heading-2">{web.t('Hoe lang duurt het?', 'How long does it take?')}</h2>
      <p id="verwachting">
        {web.t(`Wij verwachten dat een klachtonderzoeker uw klacht ${expectationText(expected)} oppakt.`, `We expect an investigator to take up your complaint ${expectationInEnglish(expected)}.`)}{' '}
        <a href="/wachttijden">{web.t('Bekijk de actuele wachttijden', 'See the current waiting times')}</a>.
      </p>
      <h2 class="utrecht-heading-2">{web.t('Wat gebeurt er nu?', 'What happens next?')}</h2>
      <ol>
        <li>
          {channel === 'email'
            ? web.t('U krijgt van ons een bevestiging per e-mail, met uw dossiernummer en deze verwachting.', 'You will receive a confirmation by e-mail, with your dossier number and this expectation.')
            : channel === 'letter'
              ? web.t('U krijgt van ons een bevestiging per post, met uw dossiernummer en deze verwachting.', 'You will receive a confirmation by post, with your dossier number and this expectation.')
              : web.t('Wij hebben geen adres om u een bevestiging te sturen.', 'We have no address to send you a confirmation.')}
        </li>
        <li>{web.t('Wij bekijken welk team uw klacht behandelt.', 'We decide which team handles your complaint.')}</li>
        {urgent && <li>{web.t('U gaf aan dat er binnen 2 weken iets moet gebeuren. Een medewerker beoordeelt bij binnenkomst of uw klacht daarom voor moet gaan.', 'You said something has to happen within 2 weeks. A member of staff judges on arrival whether your complaint should therefore go first.')}</li>}
        {!approached && <li>{web.t('U gaf aan dat u de instantie nog niet zelf hebt benaderd. Misschien vragen wij u dat eerst te doen; de instantie kan het probleem vaak sneller oplossen.', 'You said you have not yet approached the body itself. We may ask you to do that first; the body can often solve the problem sooner.')}</li>}
        <li>{web.t('Een klachtonderzoeker neemt persoonlijk contact met u op zodra hij of zij uw klacht oppakt.', 'An investigator contacts you in person as soon as they take up your complaint.')}</li>
      </ol>
      <p>{web.t('Is uw situatie intussen dringend geworden? Bel ons dan en noem uw dossiernummer.', 'Has your situation become urgent in the meantime? Call us and quote your dossier number.')}</p>
    </Layout>
  );
}

/** What a robot that filled in the trap sees: thanks, and nothing else. */
function NeutralThanks(web: Web) {
  return (
    <Layout web={web} title={web.t('Bedankt', 'Thank you')}>
      <p>{web.t('Wij hebben uw bericht ontvangen.', 'We have received your message.')}</p>
    </Layout>
  );
}

/** The files posted with the form (already read within the upload limits by the multipart plugin); an empty file input sends none. */
async function uploadedFiles(p: PageContext): Promise<UploadedFile[]> {
  const raw = (p.request.body as Record<string, unknown> | undefined)?.attachments;
  const parts = (Array.isArray(raw) ? raw : raw ? [raw] : []) as MultipartFile[];
  const files: UploadedFile[] = [];
  for (const part of parts) {
    if (part?.type !== 'file' || !part.filename) continue;
    const data = await part.toBuffer();
    files.push({ fileName: part.filename, data, truncated: part.file.truncated });
  }
  return files;
}

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export function complaintPages(ctx: AppContext): PageDef[] {
  /** A page with personal data: never kept by a browser or proxy. */
  const private_ = async (p: PageContext, status: number, body: Promise<VNode> | VNode): Promise<PageResult> => {
    p.reply.header('cache-control', 'no-store');
    return { status, body: await body };
  };
  return [
    definePage({
      method: 'GET', url: '/klacht', permission: null,
      // Each form carries its own token: never kept by a cache and handed to someone else.
      handler: (p) => private_(p, 200, ComplaintForm(ctx, p.web, { values: {}, token: randomUUID() })),
    }),
    definePage({
      method: 'POST', url: '/klacht', permission: null,
      // An oversized file is cut off and reported in the form; one file more than allowed is counted there too.
      multipart: { throwFileSizeLimit: false, limits: { files: MAX_FILES + 1 } },
      async handler(p) {
        const { web, form } = p;
        const { [HONEYPOT]: trap, ...values } = form;
        const token = isUuid(one(form.token)) ? one(form.token) : randomUUID();
        const tooMany = (rate: RateDecision, filesDropped: boolean) => {
          const minutes = Math.ceil(rate.retryAfterSeconds / 60);
          p.reply.header('retry-after', String(rate.retryAfterSeconds));
          const notice = web.t(
            `U hebt in korte tijd veel klachten verstuurd. Probeer het over ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`,
            `You have sent many complaints in a short time. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
          );
          return private_(p, 429, ComplaintForm(ctx, web, { values, token, errors: [], notice, filesDropped }));
        };
        // Every post counts first, so a flood of invalid or trapped posts is limited too.
        const posts = await hitRateLimit(ctx.db, COMPLAINT_POST_LIMIT, p.request.ip, ctx.clock());
        if (!posts.allowed) return tooMany(posts, true);
        if (one(trap).trim() !== '') return private_(p, 200, NeutralThanks(web));

        const files = await uploadedFiles(p);
        const parsed = parseForm(complaintSchema(web.t), { ...values, token: one(form.token) }, web);
        const fileProblem = checkAttachments(files, web.t);
        if (!parsed.ok || fileProblem) {
          const errors = [...(parsed.ok ? [] : parsed.errors), ...(fileProblem?.errors ?? [])];
          return private_(p, fileProblem?.status ?? 400, ComplaintForm(ctx, web, { values, token, errors, filesDropped: files.length > 0 }));
        }
        // A complaint about to be filed counts against the (lower) limit of complaints.
        const filings = await hitRateLimit(ctx.db, COMPLAINT_RATE_LIMIT, p.request.ip, ctx.clock());
        if (!filings.allowed) return tooMany(filings, files.length > 0);
        try {
          const filed = await fileComplaint(ctx, parsed.data, files);
          return private_(p, 200, Confirmation(web, filed, parsed.data.urgent === 'ja', parsed.data.approached === 'ja'));
        } catch (err) {
          // The same form sent again with other content: file it as a new complaint once the person has checked it.
          if (err instanceof AppError && err.code === 'unprocessable') {
            const errors = [{ field: '_form', message: web.t('Dit formulier was al verstuurd. Controleer uw gegevens en verstuur het opnieuw als u nog een klacht wilt indienen.', 'This form was already sent. Check your details and send it again if you want to submit another complaint.') }];
            return private_(p, 409, ComplaintForm(ctx, web, { values, token: randomUUID(), errors, filesDropped: files.length > 0 }));
          }
          return private_(p, 400, ComplaintForm(ctx, web, { values, token, errors: serviceErrors(err, web), filesDropped: files.length > 0 }));
        }
      },
    }),
  ];
}
