import { contentDisposition } from '../cases/case.pages.tsx';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, formatDate, RadioGroup, Select } from '../web/components.tsx';
import { orThrow, parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type PageResult } from '../web/page.ts';
import { dutchDay } from '../core/woo-clock.ts';
import { KIND_TEXT } from './personal-data.ts';
import { acceptSuggestions, assessDocument, openSuggestions, redactPassage, removeRedaction, suggestionKey, type OpenSuggestion } from './redaction.service.ts';
import { findKnown } from './anonymise.ts';
import { FormAlert, GroundChip } from './woo.components.tsx';
import { redactedDocumentPdf } from './woo.output.ts';
import { labelColour } from './redacted.pdf.ts';
import { recordAccess } from '../audit/audit.service.ts';
import { suggestPersonalData } from './personal-data.ts';
import { asRedactions, getDocument, getRequest } from './woo.repository.ts';
import { ZAssess, ZRedact, ZTitle } from './woo.schema.ts';
import { knownInRequest, retitleDocument } from './woo.service.ts';
import { DECISION_TEXT, DECISIONS, segments, type Ground } from './woo.ts';

/**
 * One document of a Woo request: its text with the redactions marked in
 * their ground's colour, Grip's suggestions of personal data, the reviewer's
 * own redactions (select text, choose a ground), each reversible until the
 * decision is fixed; the assessment (public, partly, not); the redacted PDF.
 */
const PERSONAL = '5.1.2e';

const kindText = (kind: OpenSuggestion['kind'], web: PageContext['web']) =>
  (kind === 'bekend' ? web.t('Elders gelakt of van de verzoeker', 'Redacted elsewhere or the requester\'s') : web.t(KIND_TEXT[kind].nl, KIND_TEXT[kind].en));

interface Extra { errors?: FieldError[]; on?: string; status?: number; values?: Record<string, string> }

async function documentPage(ctx: AppContext, p: PageContext, extra: Extra = {}): Promise<PageResult> {
  const { web } = p;
  const view = await getRequest(ctx.db, p.params.id!, dutchDay(ctx.clock()));
  const { document: d, redactions } = await getDocument(ctx.db, p.params.id!, p.params.documentId!);
  const open = view.request.decided_at === null;
  await auditCaseMaterial(ctx, p, view.request.number, d.case_id, 'view');
  const groundOf = (code: string): Ground => view.grounds.find((g) => g.code === code) ?? { code, name: code, article: code, colour: '#000000', explanation: '' };
  const known = open ? await knownInRequest(ctx.db, view.request.id) : [];
  const suggestions = open ? openSuggestions(d.body, asRedactions(redactions), known) : [];
  const titleKnown = findKnown(d.title, known).length > 0;
  const suggested = new Set(suggestions.map((s) => s.start));
  const err = (on: string, field: string) => (extra.on === on ? errorFor(extra.errors, field) : undefined);
  const formAlert = (on: string) => (extra.on === on ? <FormAlert errors={extra.errors} web={web} /> : null);
  const base = `/woo/${view.request.id}/documenten/${d.id}`;
  const groundOptions = view.grounds.map((g) => ({ value: g.code, label: `${g.code} — ${g.name}` }));
  const done = one(p.query.gedaan);
  const body = (
    <Layout web={web} title={`${web.t('Document', 'Document')} ${d.number}: ${d.title}`}>
      <p><a href={`/woo/${view.request.id}`}>{web.t(`← Verzoek ${view.request.number}`, `← Request ${view.request.number}`)}</a></p>
      {done && <Alert kind="ok">{web.t('Opgeslagen.', 'Saved.')}</Alert>}
      {!open && <Alert>{web.t('Het besluit is vastgesteld: de lakkingen en de beoordeling liggen vast.', 'The decision is fixed: redactions and assessment are final.')}</Alert>}
      <dl class="grip-facts">
        <dt>{web.t('Datum', 'Date')}</dt><dd>{d.date ? formatDate(d.date, web) : web.t('onbekend', 'unknown')}</dd>
        {d.filename && <><dt>{web.t('Bestand', 'File')}</dt><dd><a href={`${base}/origineel`}>{d.filename}</a>{web.t(' (het origineel, alleen voor de beoordeling)', ' (the original, for the review only)')}</dd></>}
        <dt>{web.t('Beoordeling', 'Decision')}</dt><dd id="woo-beoordeling">{d.decision ? web.t(DECISION_TEXT[d.decision].nl, DECISION_TEXT[d.decision].en) : web.t('nog niet beoordeeld', 'not assessed yet')}</dd>
      </dl>
      {open && (
        <form method="post" action={`${base}/titel`} class="grip-form grip-inline" id="woo-titel">
          <Csrf web={web} />
          <Field name="title" required label={web.t('Titel op de inventarislijst', 'Title on the inventory')} value={extra.on === 'titel' ? extra.values?.title : d.title} error={err('titel', 'title')} />
          <Button secondary>{web.t('Titel opslaan', 'Save title')}</Button>
        </form>
      )}
      {open && titleKnown && (
        <Alert kind="error">{web.t(
          'De titel bevat gegevens van de verzoeker of tekst die elders in dit verzoek gelakt is. Titels komen onbewerkt op de inventarislijst en in het publicatiepakket: pas hem aan, anders kan het besluit niet worden vastgesteld.',
          'The title holds the requester\'s data or text redacted elsewhere in this request. Titles go unredacted onto the inventory and into the package: change it, or the decision cannot be fixed.',
        )}</Alert>
      )}
      {open && !titleKnown && suggestPersonalData(d.title).length > 0 && (
        <Alert>{web.t(
          'De titel lijkt persoonsgegevens te bevatten (bijvoorbeeld een naam). Titels komen onbewerkt op de inventarislijst: controleer hem (de naam van een bestuurder mag er bijvoorbeeld wel in).',
          'The title seems to hold personal data (a name, say). Titles go unredacted onto the inventory: check it (an official\'s name may stay, for example).',
        )}</Alert>
      )}
      <p><a href={`${base}/gelakt.pdf`}>{web.t('Gelakte versie (PDF), zoals die openbaar wordt', 'Redacted version (PDF), as it will be published')}</a></p>

      <h2 class="utrecht-heading-2">{web.t('Tekst', 'Text')}</h2>
      <p class="grip-muted">{web.t(
        'Gelakte passages staan in de kleur van hun grond (en in de tabel Lakkingen hieronder); suggesties van Grip zijn onderstreept (en staan bij Lakken). Selecteer tekst om die te lakken.',
        'Redacted passages show in their ground\'s colour (and in the Redactions table below); Grip\'s suggestions are underlined (and listed under Redact). Select text to redact it.',
      )}</p>
      <ul class="woo-legend">{view.grounds.map((g) => <li><GroundChip ground={g} /> {`${g.code}: ${g.name}`}</li>)}</ul>
      <div id="woo-tekst" class="woo-tekst" lang="nl">
        {segments(d.body.length, asRedactions(redactions)).map((s) => {
          const text = d.body.slice(s.start, s.end);
          if (s.ground === null) {
            // suggestions underlined inside the shown text
            const parts: preact.JSX.Element[] = [];
            let at = s.start;
            for (const g of suggestions.filter((x) => x.start >= s.start && x.end <= s.end)) {
              if (g.start > at) parts.push(<span data-start={String(at)}>{d.body.slice(at, g.start)}</span>);
              parts.push(<span data-start={String(g.start)} class="woo-suggestie" title={kindText(g.kind, web)}>{d.body.slice(g.start, g.end)}</span>);
              at = g.end;
            }
            if (at < s.end) parts.push(<span data-start={String(at)}>{d.body.slice(at, s.end)}</span>);
            return <>{parts}</>;
          }
          const g = groundOf(s.ground);
          return <mark data-start={String(s.start)} class="woo-lak" style={`background:${g.colour};color:${labelColour(g.colour)}`} title={g.code}>{text}</mark>;
        })}
      </div>
      {suggested.size === 0 && open && <p class="grip-muted">{web.t('Grip ziet geen (andere) persoonsgegevens in deze tekst.', 'Grip sees no (other) personal data in this text.')}</p>}

      {open && (
        <section aria-labelledby="lakken">
          <h2 class="utrecht-heading-2" id="lakken">{web.t('Lakken', 'Redact')}</h2>
          <form method="post" action={`${base}/lakken`} class="grip-form" id="woo-lakken">
            <Csrf web={web} />
            {formAlert('lakken')}
            <input type="hidden" name="start" value="" />
            <Field name="passage" multiline required label={web.t('Passage', 'Passage')} value={extra.values?.passage} error={err('lakken', 'passage')}
              hint={web.t('Selecteer de tekst hierboven, of typ of plak hem hier letterlijk.', 'Select the text above, or type or paste it here exactly.')} />
            <Select name="ground" label={web.t('Grond', 'Ground')} options={groundOptions} value={extra.values?.ground ?? PERSONAL} error={err('lakken', 'ground')} />
            <Checkbox name="everywhere" value="1" checked={extra.on === 'lakken' && extra.values?.everywhere === '1'} label={web.t('Overal in dit document waar deze passage voorkomt', 'Everywhere this passage occurs in the document')} />
            <Button>{web.t('Lakken', 'Redact')}</Button>
          </form>
          {suggestions.length > 0 && (
            <form method="post" action={`${base}/suggesties`} class="grip-form" id="woo-suggesties">
              <Csrf web={web} />
              {formAlert('suggesties')}
              <fieldset class="utrecht-form-fieldset grip-fieldset">
                <legend class="utrecht-form-fieldset__legend">{web.t(`Suggesties van Grip: ${suggestions.length} persoonsgegevens`, `Grip's suggestions: ${suggestions.length} personal data`)}</legend>
                {suggestions.map((s) => <Checkbox name="keys" value={suggestionKey(s)} checked label={`${kindText(s.kind, web)}: ${s.text}`} />)}
              </fieldset>
              <input type="hidden" name="ground" value={PERSONAL} />
              <Button>{web.t('Aangevinkte suggesties lakken (5.1.2e)', 'Redact the ticked suggestions (5.1.2e)')}</Button>
            </form>
          )}
        </section>
      )}

      <h2 class="utrecht-heading-2">{web.t('Lakkingen', 'Redactions')}</h2>
      {redactions.length === 0 ? <p>{web.t('Nog geen lakkingen.', 'No redactions yet.')}</p> : (
        <div class="grip-table-wrap">
          <table class="utrecht-table utrecht-table--html-table" id="woo-lakkingen">
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
              {[web.t('Passage', 'Passage'), web.t('Grond', 'Ground'), web.t('Door', 'By'), ...(open ? [web.t('Terugdraaien', 'Undo')] : [])].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
            </tr></thead>
            <tbody class="utrecht-table__body">
              {redactions.map((x) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{d.body.slice(x.start, x.end)}</td>
                  <td class="utrecht-table__cell"><GroundChip ground={groundOf(x.ground)} /> {x.ground}</td>
                  <td class="utrecht-table__cell">{`${x.by ?? ''}${x.origin === 'suggestion' ? web.t(' (suggestie)', ' (suggestion)') : ''}, ${formatDate(x.at, web, true)}`}</td>
                  {open && (
                    <td class="utrecht-table__cell">
                      <form method="post" action={`${base}/lakkingen/${x.id}/verwijderen`}>
                        <Csrf web={web} />
                        <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={web.t(`Lakking "${d.body.slice(x.start, x.end)}" terugdraaien`, `Undo redaction "${d.body.slice(x.start, x.end)}"`)}>{web.t('Terugdraaien', 'Undo')}</button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {open && (
        <section aria-labelledby="beoordelen">
          <h2 class="utrecht-heading-2" id="beoordelen">{web.t('Beoordeling', 'Assessment')}</h2>
          <form method="post" action={`${base}/beoordeling`} class="grip-form" id="woo-beoordelen">
            <Csrf web={web} />
            {formAlert('beoordeling')}
            <RadioGroup name="decision" legend={web.t('Dit document wordt', 'This document is')} required value={extra.values?.decision ?? d.decision ?? (redactions.length ? 'partly' : undefined)} error={err('beoordeling', 'decision')}
              options={DECISIONS.map((x) => ({ value: x, label: web.t(DECISION_TEXT[x].nl, DECISION_TEXT[x].en) }))} />
            <fieldset class="utrecht-form-fieldset grip-fieldset">
              <legend class="utrecht-form-fieldset__legend">{web.t('Gronden (alleen bij niet openbaar; bij deels openbaar gelden de gronden van de lakkingen)', 'Grounds (only when not public; partly public takes the grounds of its redactions)')}</legend>
              {err('beoordeling', 'grounds') && <p class="grip-field-error">{err('beoordeling', 'grounds')}</p>}
              {view.grounds.map((g) => <Checkbox name="grounds" value={g.code} checked={extra.on === 'beoordeling' ? (extra.values?.grounds ?? '').split('\n').includes(g.code) : d.grounds.includes(g.code)} label={`${g.code} — ${g.name}`} id={`grond-${g.code.replace(/\W/g, '-')}`} />)}
            </fieldset>
            <Button>{web.t('Beoordeling opslaan', 'Save assessment')}</Button>
          </form>
        </section>
      )}
      <script src="/assets/woo-lakken.js" defer></script>
    </Layout>
  );
  return extra.status ? { status: extra.status, body } : body;
}

/** A document copied from a dossier still shows its petitioner's data: reading it is audited like reading the dossier. */
async function auditCaseMaterial(ctx: AppContext, p: PageContext, number: string, caseId: string | null, action: 'view' | 'export') {
  if (caseId === null) return;
  const c = await ctx.db.selectFrom('cases').select('dossier_number').where('id', '=', caseId).executeTakeFirst();
  await recordAccess(ctx.db, p.actor, ctx.clock(), { action, route: p.request.url, purpose: `Woo-verzoek ${number}`, cases: [{ caseId, dossierNumber: c?.dossier_number ?? null }] });
}

const ORIGINAL_TYPE: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  eml: 'message/rfc822',
};

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function documentAction(ctx: AppContext, path: string, on: string, work: (p: PageContext) => Promise<unknown>, values?: (p: PageContext) => Record<string, string>): PageDef {
  return definePage({
    method: 'POST', url: `/woo/:id/documenten/:documentId/${path}`, permission: 'woo.manage',
    async handler(p) {
      try {
        await work(p);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'not_found') throw err;
        return documentPage(ctx, p, { errors: serviceErrors(err, p.web), on, status: err.status, values: values?.(p) });
      }
      return { redirect: `/woo/${p.params.id}/documenten/${p.params.documentId}?gedaan=${on}` };
    },
  });
}


export function wooDocumentPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: '/woo/:id/documenten/:documentId', permission: 'woo.manage', handler: (p) => documentPage(ctx, p) }),
    definePage({
      method: 'GET', url: '/woo/:id/documenten/:documentId/gelakt.pdf', permission: 'woo.manage',
      async handler(p) {
        const view = await getRequest(ctx.db, p.params.id!, dutchDay(ctx.clock()));
        const { document: d, redactions } = await getDocument(ctx.db, p.params.id!, p.params.documentId!);
        await auditCaseMaterial(ctx, p, view.request.number, d.case_id, 'export');
        const pdf = await redactedDocumentPdf(view, { ...d, redactions: asRedactions(redactions) });
        await p.reply.type('application/pdf').header('content-disposition', `attachment; filename="document-${d.number}-gelakt.pdf"`).header('cache-control', 'no-store').send(pdf);
        return { sent: true };
      },
    }),
    definePage({
      method: 'GET', url: '/woo/:id/documenten/:documentId/origineel', permission: 'woo.manage',
      async handler(p) {
        const file = await ctx.db.selectFrom('woo_documents').select(['source', 'filename', 'original'])
          .where('id', '=', p.params.documentId!).where('request_id', '=', p.params.id!).executeTakeFirst();
        if (!file?.original || !file.filename) throw new AppError('not_found', `Document ${p.params.documentId} has no original file`);
        // a download with the type Grip recognised, never shown inline
        await p.reply.type(ORIGINAL_TYPE[file.source] ?? 'application/octet-stream').header('content-disposition', contentDisposition(file.filename))
          .header('cache-control', 'no-store').send(file.original);
        return { sent: true };
      },
    }),
    documentAction(ctx, 'lakken', 'lakken', (p) => {
      const start = one(p.form.start).trim();
      // the browser sends line breaks in a textarea as CRLF; the document's text has LF
      const raw = one(p.form.passage).replace(/\r\n/g, '\n');
      // the passage is trimmed: a selection that began with spaces starts that much later
      const lead = raw.length - raw.trimStart().length;
      const input = orThrow(parseForm(ZRedact, {
        passage: raw,
        start: /^\d{1,9}$/.test(start) ? Number(start) + lead : undefined,
        ground: one(p.form.ground), everywhere: one(p.form.everywhere) === '1',
      }, p.web));
      return redactPassage(ctx, p.actor, p.params.id!, p.params.documentId!, input);
    }, (p) => ({ passage: one(p.form.passage), ground: one(p.form.ground), everywhere: one(p.form.everywhere) })),
    documentAction(ctx, 'suggesties', 'suggesties', (p) =>
      acceptSuggestions(ctx, p.actor, p.params.id!, p.params.documentId!, { keys: list(p.form.keys).filter((k) => /^\d+-\d+$/.test(k)), ground: one(p.form.ground) || PERSONAL })),
    documentAction(ctx, 'lakkingen/:redactionId/verwijderen', 'terugdraaien', (p) =>
      removeRedaction(ctx, p.actor, p.params.id!, p.params.documentId!, p.params.redactionId!)),
    documentAction(ctx, 'beoordeling', 'beoordeling', (p) =>
      assessDocument(ctx, p.actor, p.params.id!, p.params.documentId!, orThrow(parseForm(ZAssess, { decision: one(p.form.decision) || undefined, grounds: list(p.form.grounds) }, p.web))),
    (p) => ({ decision: one(p.form.decision), grounds: list(p.form.grounds).join('\n') })),
    documentAction(ctx, 'titel', 'titel', (p) =>
      retitleDocument(ctx, p.actor, p.params.id!, p.params.documentId!, orThrow(parseForm(ZTitle, { title: one(p.form.title) }, p.web)).title),
    (p) => ({ title: one(p.form.title) })),
  ];
}
