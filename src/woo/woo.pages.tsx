import type { MultipartFile } from '@fastify/multipart';
import { contentDisposition } from '../cases/case.pages.tsx';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, formatDate } from '../web/components.tsx';
import { orThrow, parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type PageResult } from '../web/page.ts';
import { dutchDay, type ClockState } from '../core/woo-clock.ts';
import { ClockBadge, DocumentsTable, FormAlert, RequestFacts } from './woo.components.tsx';
import { decisionOutput, freezeOutputs, inventoryOutput } from './woo.output.ts';
import { getRequest, listRequests, type RequestView } from './woo.repository.ts';
import { ZAddMaterial, ZExtend, ZRegisterRequest, ZResume, ZSuspend } from './woo.schema.ts';
import { addMaterial, searchMaterial, type Material } from './woo.search.ts';
import { extendRequest, fixDecision, registerRequest, removeDocument, resumeRequest, suspendRequest, uploadDocument } from './woo.service.ts';

/**
 * /woo: the Woo coordinator's desk. The list with deadline warnings and a
 * form to register a request; per request its clock, the documents found
 * (search Grip's material, upload files), the inventory, the decision and
 * the publication package.
 */
export const WOO_URL = '/woo';
const today = (ctx: AppContext) => dutchDay(ctx.clock());

const WARNING: Record<'overdue' | 'soon' | 'suspended', [string, string]> = {
  overdue: ['Termijn verstreken', 'Deadline passed'],
  soon: ['Termijn loopt bijna af', 'Deadline close'],
  suspended: ['Opgeschort', 'Suspended'],
};

function warningText(c: ClockState, web: PageContext['web']): string {
  const due = formatDate(c.due, web);
  if (c.kind === 'overdue') return web.t(`${c.daysLate} dagen over de termijn (uiterlijk ${due})`, `${c.daysLate} days past the deadline (${due})`);
  if (c.kind === 'soon') return web.t(`nog ${c.workingDaysLeft} werkdagen, uiterlijk ${due}`, `${c.workingDaysLeft} working days left, due ${due}`);
  if (c.kind === 'suspended') return web.t(`zienswijze gevraagd sinds ${formatDate(c.since, web)}`, `third-party view asked since ${formatDate(c.since, web)}`);
  return '';
}

async function listPage(ctx: AppContext, p: PageContext, form?: { errors: FieldError[]; values: Record<string, string> }) {
  const { web } = p;
  const requests = await listRequests(ctx.db, today(ctx));
  const warnings = requests.filter((r) => r.clock.kind === 'overdue' || r.clock.kind === 'soon' || r.clock.kind === 'suspended');
  const v = form?.values ?? { receivedOn: today(ctx) };
  const body = (
    <Layout web={web} title={web.t('Woo-verzoeken', 'Woo requests')}>
      <section aria-labelledby="termijnbewaking">
        <h2 class="utrecht-heading-2" id="termijnbewaking">{web.t('Termijnbewaking', 'Deadline watch')}</h2>
        {warnings.length === 0
          ? <p>{web.t('Geen verzoeken waarvan de termijn verstreken is of binnen vijf werkdagen afloopt.', 'No request past its deadline or within five working days of it.')}</p>
          : (
            <ul id="woo-waarschuwingen" class="grip-list">
              {warnings.map((r) => (
                <li class={`woo-warning woo-warning--${r.clock.kind}`}>
                  <strong>{web.t(...WARNING[r.clock.kind as keyof typeof WARNING])}</strong>{': '}
                  <a href={`${WOO_URL}/${r.id}`}>{r.number}</a>{` — ${r.subject} — ${warningText(r.clock, web)}`}
                </li>
              ))}
            </ul>
          )}
      </section>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table" id="woo-verzoeken">
          <caption class="utrecht-table__caption">{web.t('Verzoeken (openstaande eerst, meest dringende bovenaan)', 'Requests (open first, most urgent on top)')}</caption>
          <thead class="utrecht-table__header"><tr class="utrecht-table__row">
            {[web.t('Nummer', 'Number'), web.t('Ontvangen', 'Received'), web.t('Onderwerp', 'Subject'), web.t('Documenten', 'Documents'), web.t('Termijn', 'Deadline')]
              .map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
          </tr></thead>
          <tbody class="utrecht-table__body">
            {requests.map((r) => (
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell"><a href={`${WOO_URL}/${r.id}`}>{r.number}</a></td>
                <td class="utrecht-table__cell">{formatDate(r.receivedOn, web)}</td>
                <td class="utrecht-table__cell">{r.subject}</td>
                <td class="utrecht-table__cell">{String(r.documents)}</td>
                <td class="utrecht-table__cell"><ClockBadge clock={r.clock} web={web} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p><a href={`${WOO_URL}/gronden`}>{web.t('Weigeringsgronden en hun kleuren', 'Grounds for redaction and their colours')}</a></p>
      <h2 class="utrecht-heading-2" id="registreren">{web.t('Verzoek registreren', 'Register a request')}</h2>
      {form && <Alert kind="error">{web.t('Het verzoek is niet geregistreerd. Verbeter de velden hieronder.', 'The request was not registered. Correct the fields below.')}</Alert>}
      <form method="post" action={WOO_URL} class="grip-form">
        <Csrf web={web} />
        <Field name="receivedOn" type="date" required label={web.t('Ontvangen op', 'Received on')} value={v.receivedOn} error={errorFor(form?.errors, 'receivedOn')}
          hint={web.t('De beslistermijn van vier weken gaat in op de dag na ontvangst.', 'The four-week period starts the day after receipt.')} />
        <Field name="requesterName" required label={web.t('Naam verzoeker', 'Requester name')} value={v.requesterName} error={errorFor(form?.errors, 'requesterName')} />
        <Field name="requesterEmail" type="email" label={web.t('E-mail verzoeker', 'Requester e-mail')} value={v.requesterEmail} error={errorFor(form?.errors, 'requesterEmail')} />
        <Field name="requesterAddress" multiline label={web.t('Adres verzoeker', 'Requester address')} value={v.requesterAddress} error={errorFor(form?.errors, 'requesterAddress')} />
        <Field name="subject" required label={web.t('Onderwerp', 'Subject')} value={v.subject} error={errorFor(form?.errors, 'subject')} />
        <Field name="requestText" multiline required label={web.t('Het verzoek', 'The request')} value={v.requestText} error={errorFor(form?.errors, 'requestText')} />
        <Button>{web.t('Registreren', 'Register')}</Button>
      </form>
    </Layout>
  );
  return form ? { status: 400, body } : body;
}

function doneText(done: string, count: string, web: PageContext['web']): string {
  if (done === 'grip') {
    return count === '0'
      ? web.t('Niets toegevoegd: het gekozen materiaal stond al bij dit verzoek.', 'Nothing added: the chosen material was on this request already.')
      : count === '1' ? web.t('1 document toegevoegd aan de inventaris.', '1 document added to the inventory.')
        : web.t(`${count} documenten toegevoegd aan de inventaris.`, `${count} documents added to the inventory.`);
  }
  if (done === 'besluit') return web.t('Het besluit is vastgesteld. Het besluit en het publicatiepakket staan hieronder.', 'The decision is fixed. The letter and the publication package are below.');
  return web.t('Opgeslagen.', 'Saved.');
}

interface RequestExtra {
  errors?: FieldError[];
  /** Which form the errors belong to. */
  on?: string;
  values?: Record<string, string>;
  found?: Material[];
  status?: number;
}

async function requestPage(ctx: AppContext, p: PageContext, extra: RequestExtra = {}): Promise<PageResult> {
  const { web } = p;
  const view = await getRequest(ctx.db, p.params.id!, today(ctx));
  const q = (extra.on === 'grip' ? extra.values?.q : undefined) ?? one(p.query.q);
  let found = extra.found;
  let searchErrors: FieldError[] | undefined;
  if (!found && q.trim()) {
    if (q.trim().length < 3) searchErrors = [{ field: 'q', message: web.t('Zoek op minstens drie tekens.', 'Search for at least three characters.') }];
    else found = await searchMaterial(ctx, p.actor, view.request.id, q.trim().slice(0, 200), p.request.url);
  }
  const open = view.request.decided_at === null;
  const err = (on: string, field: string) => (extra.on === on ? errorFor(extra.errors, field) : undefined);
  const formAlert = (on: string) => (extra.on === on ? <FormAlert errors={extra.errors} web={web} /> : null);
  const done = one(p.query.gedaan);
  const base = `${WOO_URL}/${view.request.id}`;
  const body = (
    <Layout web={web} title={`${view.request.number} — ${view.request.subject}`}>
      <p><a href={WOO_URL}>{web.t('← Alle Woo-verzoeken', '← All Woo requests')}</a></p>
      {done && <Alert kind="ok">{doneText(done, one(p.query.aantal), web)}</Alert>}
      <RequestFacts view={view} web={web} />
      {open && (
        <section aria-labelledby="termijn">
          <h2 class="utrecht-heading-2" id="termijn">{web.t('Termijn', 'Deadline')}</h2>
          {view.request.extended_at === null && (
            <form method="post" action={`${base}/verdagen`} class="grip-form">
              <Csrf web={web} />
              {formAlert('verdagen')}
              <Field name="reason" multiline required label={web.t('Verdagen met twee weken: reden', 'Extend by two weeks: reason')} error={err('verdagen', 'reason')} value={extra.on === 'verdagen' ? extra.values?.reason : undefined}
                hint={web.t('Kan één keer, vóór het einde van de vier weken. De reden komt in het besluit.', 'Once, before the four weeks are up. The reason goes into the decision.')} />
              <Button secondary>{web.t('Verdagen', 'Extend')}</Button>
            </form>
          )}
          {view.clock.kind === 'suspended' ? (
            <form method="post" action={`${base}/hervatten`} class="grip-form">
              <Csrf web={web} />
              {formAlert('hervatten')}
              <Field name="endedOn" type="date" required label={web.t('Zienswijze ontvangen (of termijn daarvoor verstreken) op', 'View received (or its period ended) on')} value={extra.on === 'hervatten' ? extra.values?.endedOn : today(ctx)} error={err('hervatten', 'endedOn')} />
              <Button secondary>{web.t('Termijn hervatten', 'Resume the clock')}</Button>
            </form>
          ) : (
            <form method="post" action={`${base}/opschorten`} class="grip-form">
              <Csrf web={web} />
              {formAlert('opschorten')}
              <Field name="thirdParty" required label={web.t('Zienswijze gevraagd aan (derde belanghebbende)', 'View asked of (third party)')} error={err('opschorten', 'thirdParty')} value={extra.on === 'opschorten' ? extra.values?.thirdParty : undefined} />
              <Field name="startedOn" type="date" required label={web.t('Gevraagd op', 'Asked on')} value={extra.on === 'opschorten' ? extra.values?.startedOn : today(ctx)} error={err('opschorten', 'startedOn')} />
              <Button secondary>{web.t('Termijn opschorten', 'Suspend the clock')}</Button>
            </form>
          )}
        </section>
      )}

      <section aria-labelledby="documenten">
        <h2 class="utrecht-heading-2" id="documenten">{web.t('Documenten en inventaris', 'Documents and inventory')}</h2>
        <DocumentsTable view={view} web={web} base={base} />
        <p>
          <a href={`${base}/inventaris.pdf`}>{web.t('Inventarislijst (PDF)', 'Inventory (PDF)')}</a>{' · '}
          <a href={`${base}/inventaris.xlsx`}>{web.t('Inventarislijst (Excel)', 'Inventory (Excel)')}</a>
        </p>
        {open && view.documents.length > 0 && (
          <form method="post" action={`${base}/documenten/verwijderen`} class="grip-form grip-inline-form">
            <Csrf web={web} />
            {formAlert('verwijderen')}
            <label class="utrecht-form-label" for="f-verwijder">{web.t('Document van het verzoek afhalen', 'Take a document off the request')}</label>
            <select id="f-verwijder" name="documentId" class="utrecht-select" required>
              <option value="">{web.t('— kies een document —', '— choose a document —')}</option>
              {view.documents.map((d) => <option value={d.id}>{`${d.number}. ${d.title}`}</option>)}
            </select>
            <Button secondary>{web.t('Afhalen', 'Remove')}</Button>
          </form>
        )}
      </section>

      {open && (
        <section aria-labelledby="zoeken">
          <h2 class="utrecht-heading-2" id="zoeken">{web.t('Zoeken in Grip', 'Search Grip')}</h2>
          <p class="grip-muted">{web.t(
            'Notities, acties, brieven en e-mails aan verzoekers in alle dossiers. Elk woord moet voorkomen; een dossiernummer (2026.000123) geeft al het materiaal van dat dossier. Elke zoekactie komt in het inzagelog, met het nummer van dit verzoek als doel.',
            'Notes, actions, letters and e-mails to petitioners in every dossier. Every word must occur; a dossier number (2026.000123) gives all material of that dossier. Every search is written to the access log, with this request\'s number as purpose.',
          )}</p>
          <form method="get" action={base} class="grip-form" role="search">
            <Field name="q" label={web.t('Zoekwoorden', 'Search words')} value={q} error={errorFor(searchErrors, 'q')} />
            <Button secondary>{web.t('Zoeken', 'Search')}</Button>
          </form>
          {found && (
            <form method="post" action={`${base}/documenten/grip`} class="grip-form" id="woo-zoekresultaten">
              <Csrf web={web} />
              <input type="hidden" name="q" value={q} />
              {formAlert('grip')}
              <p>{found.length === 0 ? web.t('Niets gevonden.', 'Nothing found.') : web.t(`${found.length} gevonden${found.length >= 50 ? ' (de nieuwste 50; zoek preciezer)' : ''}. Kies wat bij het verzoek hoort:`, `${found.length} found${found.length >= 50 ? ' (the newest 50; search more precisely)' : ''}. Choose what belongs to the request:`)}</p>
              {found.map((m) => (
                <div class="woo-hit">
                  <Checkbox name="items" value={m.key} label={`${m.title}, dossier ${m.dossierNumber} (${formatDate(m.date, web)})`} id={`hit-${m.ref}`} />
                  <p class="grip-muted woo-excerpt">{m.text.length > 300 ? `${m.text.slice(0, 300)}…` : m.text}</p>
                </div>
              ))}
              {found.length > 0 && <Button>{web.t('Toevoegen aan het verzoek', 'Add to the request')}</Button>}
            </form>
          )}
          <h3 class="utrecht-heading-3">{web.t('Bestand toevoegen', 'Add a file')}</h3>
          <form method="post" action={`${base}/documenten/upload`} enctype="multipart/form-data" class="grip-form">
            <Csrf web={web} />
            {formAlert('upload')}
            <div class={`utrecht-form-field${err('upload', 'file') ? ' utrecht-form-field--invalid' : ''}`}>
              <label class="utrecht-form-label" for="f-file">{web.t('PDF, Word-document (.docx) of e-mail (.eml), hoogstens 10 MB', 'PDF, Word document (.docx) or e-mail (.eml), at most 10 MB')}</label>
              <input id="f-file" type="file" name="file" accept=".pdf,.docx,.eml,application/pdf,message/rfc822" required />
              {err('upload', 'file') && <p class="grip-field-error">{err('upload', 'file')}</p>}
            </div>
            <Button secondary>{web.t('Uploaden', 'Upload')}</Button>
          </form>
        </section>
      )}

      <section aria-labelledby="besluit">
        <h2 class="utrecht-heading-2" id="besluit">{web.t('Besluit en publicatie', 'Decision and publication')}</h2>
        {open ? (
          <form method="post" action={`${base}/besluit`} class="grip-form">
            <Csrf web={web} />
            {formAlert('besluit')}
            <p>{web.t(
              'Vaststellen legt de beoordeling en de lakkingen van alle documenten vast; daarna verandert er niets meer. Bekijk eerst het concept.',
              'Fixing the decision freezes every document\'s assessment and redactions; nothing changes after that. Look at the draft first.',
            )} <a href={`${base}/besluit.pdf`}>{web.t('Conceptbesluit (PDF)', 'Draft decision (PDF)')}</a></p>
            <Button>{web.t('Besluit vaststellen', 'Fix the decision')}</Button>
          </form>
        ) : (
          <ul class="grip-list" id="woo-uitvoer">
            <li><a href={`${base}/besluit.pdf`}>{web.t('Besluit aan de verzoeker (PDF)', 'Decision to the requester (PDF)')}</a></li>
            <li><a href={`${base}/publicatie.zip`}>{web.t('Publicatiepakket voor de website (ZIP)', 'Publication package for the website (ZIP)')}</a></li>
          </ul>
        )}
      </section>
    </Layout>
  );
  return extra.status ? { status: extra.status, body } : body;
}

type Handler = (p: PageContext) => Promise<unknown>;

/** A POST on a request: on success back to the request page, on a refusal the page again with the message at its form. */
function requestAction(ctx: AppContext, path: string, on: string, work: Handler): PageDef {
  return definePage({
    method: 'POST', url: `${WOO_URL}/:id/${path}`, permission: 'woo.manage',
    async handler(p) {
      let result: unknown;
      try {
        result = await work(p);
      } catch (err) {
        // an unknown request is a 404 page; anything else refused is shown at its form
        if (!(err instanceof AppError) || err.message.startsWith('Woo request')) throw err;
        const values = Object.fromEntries(Object.entries(p.form).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, one(v)]));
        return requestPage(ctx, p, { errors: serviceErrors(err, p.web), on, status: err.status, values });
      }
      return { redirect: `${WOO_URL}/${p.params.id}?gedaan=${on}${typeof result === 'number' ? `&aantal=${result}` : ''}` };
    },
  });
}


async function download(p: PageContext, type: string, name: string, data: Buffer): Promise<PageResult> {
  await p.reply.type(type).header('content-disposition', contentDisposition(name)).header('cache-control', 'no-store').send(data);
  return { sent: true };
}

const viewOf = (ctx: AppContext, p: PageContext): Promise<RequestView> => getRequest(ctx.db, p.params.id!, today(ctx));

export function wooPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: WOO_URL, permission: 'woo.manage', handler: (p) => listPage(ctx, p) }),
    definePage({
      method: 'POST', url: WOO_URL, permission: 'woo.manage',
      async handler(p) {
        const values = Object.fromEntries(['receivedOn', 'requesterName', 'requesterEmail', 'requesterAddress', 'subject', 'requestText'].map((k) => [k, one(p.form[k])]));
        const form = parseForm(ZRegisterRequest, { ...values, requesterEmail: values.requesterEmail!.trim() || undefined }, p.web);
        if (!form.ok) return listPage(ctx, p, { errors: form.errors, values });
        try {
          const created = await registerRequest(ctx, p.actor, form.data);
          return { redirect: `${WOO_URL}/${created.id}?gedaan=geregistreerd` };
        } catch (err) {
          return listPage(ctx, p, { errors: serviceErrors(err, p.web), values });
        }
      },
    }),
    definePage({ method: 'GET', url: `${WOO_URL}/:id`, permission: 'woo.manage', handler: (p) => requestPage(ctx, p) }),
    requestAction(ctx, 'verdagen', 'verdagen', (p) => extendRequest(ctx, p.actor, p.params.id!, orThrow(parseForm(ZExtend, { reason: one(p.form.reason) }, p.web)).reason)),
    requestAction(ctx, 'opschorten', 'opschorten', (p) => suspendRequest(ctx, p.actor, p.params.id!, orThrow(parseForm(ZSuspend, { startedOn: one(p.form.startedOn), thirdParty: one(p.form.thirdParty) }, p.web)))),
    requestAction(ctx, 'hervatten', 'hervatten', (p) => resumeRequest(ctx, p.actor, p.params.id!, orThrow(parseForm(ZResume, { endedOn: one(p.form.endedOn) }, p.web)))),
    requestAction(ctx, 'documenten/grip', 'grip', async (p) => {
      const raw = p.form.items;
      const items = orThrow(parseForm(ZAddMaterial, { items: Array.isArray(raw) ? raw : raw ? [raw] : [] }, p.web)).items;
      return addMaterial(ctx, p.actor, p.params.id!, items, p.request.url);
    }),
    definePage({
      method: 'POST', url: `${WOO_URL}/:id/documenten/upload`, permission: 'woo.manage',
      // a file over the limit is cut off and reported at the field, not as an error page
      multipart: { throwFileSizeLimit: false },
      async handler(p) {
        const part = (p.request.body as Record<string, unknown> | undefined)?.file as MultipartFile | undefined;
        try {
          if (part?.type !== 'file' || !part.filename) throw new AppError('validation', 'no file', { errors: [{ field: 'file', message: 'Choose a file', nl: 'Kies een bestand.' }] });
          const data = await part.toBuffer();
          if (part.file.truncated) throw new AppError('payload_too_large', 'file too large', { errors: [{ field: 'file', message: 'The file is larger than 10 MB', nl: 'Het bestand is groter dan 10 MB. Splits het of maak het kleiner.' }] });
          await uploadDocument(ctx, p.actor, p.params.id!, { filename: part.filename, data });
        } catch (err) {
          if (!(err instanceof AppError) || err.code === 'not_found') throw err;
          return requestPage(ctx, p, { errors: serviceErrors(err, p.web), on: 'upload', status: err.status });
        }
        return { redirect: `${WOO_URL}/${p.params.id}?gedaan=upload` };
      },
    }),
    requestAction(ctx, 'documenten/verwijderen', 'verwijderen', async (p) => {
      const documentId = one(p.form.documentId);
      if (!/^[0-9a-f-]{36}$/.test(documentId)) throw new AppError('validation', 'choose a document', { errors: [{ field: '_form', message: 'Choose a document', nl: 'Kies een document.' }] });
      await removeDocument(ctx, p.actor, p.params.id!, documentId);
    }),
    requestAction(ctx, 'besluit', 'besluit', (p) => fixDecision(ctx, p.actor, p.params.id!)),
    definePage({
      method: 'GET', url: `${WOO_URL}/:id/inventaris.pdf`, permission: 'woo.manage',
      async handler(p) {
        const view = await viewOf(ctx, p);
        return download(p, 'application/pdf', `inventaris-${view.request.number}.pdf`, await inventoryOutput(ctx.db, view, 'pdf'));
      },
    }),
    definePage({
      method: 'GET', url: `${WOO_URL}/:id/inventaris.xlsx`, permission: 'woo.manage',
      async handler(p) {
        const view = await viewOf(ctx, p);
        return download(p, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `inventaris-${view.request.number}.xlsx`, await inventoryOutput(ctx.db, view, 'xlsx'));
      },
    }),
    definePage({
      method: 'GET', url: `${WOO_URL}/:id/besluit.pdf`, permission: 'woo.manage',
      async handler(p) {
        const view = await viewOf(ctx, p);
        const name = `besluit-${view.request.number}${view.request.decided_at ? '' : '-concept'}.pdf`;
        return download(p, 'application/pdf', name, await decisionOutput(ctx.db, view));
      },
    }),
    definePage({
      method: 'GET', url: `${WOO_URL}/:id/publicatie.zip`, permission: 'woo.manage',
      async handler(p) {
        const view = await viewOf(ctx, p);
        if (view.request.decided_at === null) {
          return requestPage(ctx, p, { errors: [{ field: '_form', message: p.web.t('Het publicatiepakket komt er zodra het besluit is vastgesteld.', 'The publication package is made once the decision is fixed.') }], on: 'besluit', status: 409 });
        }
        return download(p, 'application/zip', `publicatie-${view.request.number}.zip`, (await freezeOutputs(ctx.db, view.request.id, view.asOf)).pack);
      },
    }),
  ];
}
