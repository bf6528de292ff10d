import { can } from '../auth/policy.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, formatDate } from '../web/components.tsx';
import { parseForm } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, many, one, type PageContext, type PageDef } from '../web/page.ts';
import {
  isTemplateKind, letterBatchPdf, lettersToPrint, markPrinted, noticeCounts, noticeSettings, previewTemplate, recentNotices,
  restoreDefault, saveNoticeSettings, saveTemplate, templates, ZTemplate,
} from './notice.admin.ts';
import { ZNoticeSettings } from './notice.settings.ts';
import { PLACEHOLDERS, TEMPLATE_KINDS, TEMPLATE_TITLES, type Template, type TemplateKind } from './template.ts';
import type { FieldError } from '../shared/errors.ts';

/**
 * /berichten: what Grip told petitioners, the letters to print, the texts
 * (with a preview before anything is saved) and when and where notices go.
 */
const CHANNEL: Record<string, [string, string]> = {
  email: ['e-mail', 'e-mail'], letter: ['brief', 'letter'], call: ['bellijst', 'call list'], none: ['geen adres', 'no address'],
};
const KIND: Record<string, [string, string]> = { receipt: ['Ontvangstbevestiging', 'Receipt'], delay: ['Uitstelbericht', 'Delay notice'], reaction: ['Reactie (cluster)', 'Reaction (cluster)'] };

function overviewPage(ctx: AppContext) {
  return async ({ web, actor }: PageContext) => {
    const now = ctx.clock();
    const [counts, recent, letters, settings] = await Promise.all([
      noticeCounts(ctx, new Date(now.getTime() - 28 * 86_400_000)), recentNotices(ctx, 50), lettersToPrint(ctx, actor), noticeSettings(ctx),
    ]);
    const count = (kind: string, channel: string) => counts.find((c) => c.kind === kind && c.channel === channel)?.n ?? 0;
    return (
      <Layout web={web} title={web.t('Berichten aan verzoekers', 'Notices to petitioners')}>
        <p>
          {web.t(
            `Elke verzoeker krijgt een ontvangstbevestiging en, als de klacht op dag ${settings.delayDay} na ontvangst nog niet is toegewezen, een uitstelbericht met de verwachte datum uit de prognose. In de pilotdomeinen bellen de klachtbehandelaars in plaats daarvan.`,
            `Every petitioner gets a receipt and, when the complaint is still unassigned on day ${settings.delayDay} after receipt, a delay notice with the expected date from the forecast. In pilot domains front office calls instead.`,
          )}
        </p>
        <ul>
          <li><a href="/berichten/brieven">{web.t(`Brieven om af te drukken (${letters.length})`, `Letters to print (${letters.length})`)}</a></li>
          {can(actor, 'notices.templates') && <li><a href="/berichten/teksten">{web.t('Teksten van de berichten', 'Notice texts')}</a></li>}
          {can(actor, 'notices.settings') && <li><a href="/berichten/instellingen">{web.t('Instellingen (dag, pilotdomeinen)', 'Settings (day, pilot domains)')}</a></li>}
          <li><a href="/postvak-uit">{web.t('Postvak uit', 'Outbox')}</a></li>
        </ul>
        <div class="grip-table-wrap">
          <table class="utrecht-table utrecht-table--html-table" id="berichten-aantallen">
            <caption class="utrecht-table__caption">{web.t('Berichten in de laatste 4 weken', 'Notices in the last 4 weeks')}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">{web.t('Bericht', 'Notice')}</th>
              {Object.values(CHANNEL).map(([nl, en]) => <th scope="col" class="utrecht-table__header-cell">{web.t(nl, en)}</th>)}
            </tr></thead>
            <tbody class="utrecht-table__body">
              {Object.entries(KIND).map(([kind, [nl, en]]) => (
                <tr class="utrecht-table__row">
                  <th scope="row" class="utrecht-table__header-cell">{web.t(nl, en)}</th>
                  {Object.keys(CHANNEL).map((ch) => <td class="utrecht-table__cell">{count(kind, ch)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="grip-table-wrap">
          <table class="utrecht-table utrecht-table--html-table" id="berichten-recent">
            <caption class="utrecht-table__caption">{web.t('Laatste berichten', 'Latest notices')}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
              {[web.t('Gemaakt', 'Made'), web.t('Dossier', 'Case'), web.t('Bericht', 'Notice'), web.t('Via', 'By'), web.t('Verwachte toewijzing', 'Expected assignment')].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
            </tr></thead>
            <tbody class="utrecht-table__body">
              {recent.map((n) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{formatDate(n.created_at, web, true)}</td>
                  <td class="utrecht-table__cell"><a href={`/zaken/${n.case_id}`}>{n.dossier_number}</a></td>
                  <td class="utrecht-table__cell">{web.t(...(KIND[n.kind] ?? [n.kind, n.kind]))}{n.seq > 0 ? web.t(` (nieuw, ${n.seq})`, ` (renewed, ${n.seq})`) : ''}</td>
                  <td class="utrecht-table__cell">{web.t(...(CHANNEL[n.channel] ?? [n.channel, n.channel]))}</td>
                  <td class="utrecht-table__cell">{n.expected_p10 && n.expected_p90 ? `${formatDate(n.expected_p10, web)} – ${formatDate(n.expected_p90, web)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Layout>
    );
  };
}

async function lettersPage(ctx: AppContext, { web, query, actor }: PageContext) {
  const letters = await lettersToPrint(ctx, actor);
  return (
    <Layout web={web} title={web.t('Brieven om af te drukken', 'Letters to print')}>
      <p><a href="/berichten">{web.t('Terug naar de berichten', 'Back to the notices')}</a></p>
      {one(query.klaar) && <Alert kind="ok">{web.t(`${one(query.klaar)} brieven gemarkeerd als afgedrukt.`, `${one(query.klaar)} letters marked as printed.`)}</Alert>}
      {letters.length === 0 ? <p>{web.t('Er zijn geen brieven om af te drukken.', 'There are no letters to print.')}</p> : (
        <>
          <p>{web.t(
            'Download de brieven als één PDF (een pagina per brief, het adres in het venster van een standaard vensterenvelop), druk ze af en markeer daarna deze reeks als afgedrukt. Brieven die intussen bijkomen, blijven staan voor de volgende keer.',
            'Download the letters as one PDF (a page per letter, the address in a standard window envelope), print them, then mark this batch as printed. Letters added meanwhile stay for next time.',
          )}</p>
          <form method="post" action="/berichten/brieven.pdf" class="grip-inline">
            <Csrf web={web} />
            {letters.map((l) => <input type="hidden" name="ids" value={l.id} />)}
            <Button>{web.t(`Download ${letters.length} brieven (PDF)`, `Download ${letters.length} letters (PDF)`)}</Button>
          </form>
          <form method="post" action="/berichten/brieven/afgedrukt" class="grip-inline">
            <Csrf web={web} />
            {letters.map((l) => <input type="hidden" name="ids" value={l.id} />)}
            <Button secondary>{web.t('Markeer deze brieven als afgedrukt', 'Mark these letters as printed')}</Button>
          </form>
          <div class="grip-table-wrap">
            <table class="utrecht-table utrecht-table--html-table" id="brieven">
              <caption class="utrecht-table__caption">{web.t('Nog niet afgedrukt', 'Not printed yet')}</caption>
              <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                {[web.t('Gemaakt', 'Made'), web.t('Dossier', 'Case'), web.t('Aan', 'To'), web.t('Onderwerp', 'Subject'), web.t('Brief', 'Letter')].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
              </tr></thead>
              <tbody class="utrecht-table__body">
                {letters.map((l) => (
                  <tr class="utrecht-table__row">
                    <td class="utrecht-table__cell">{formatDate(l.created_at, web)}</td>
                    <td class="utrecht-table__cell">{l.dossier_number}</td>
                    <td class="utrecht-table__cell">{(l.recipient ?? '').split('\n')[0]}</td>
                    <td class="utrecht-table__cell">{l.subject}</td>
                    <td class="utrecht-table__cell"><a href={`/berichten/${l.id}/brief.pdf`}>{web.t('PDF', 'PDF')}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}

function sendPdf(p: PageContext, pdf: Buffer, name: string) {
  p.reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(pdf);
  return { sent: true } as const;
}

async function templateList(ctx: AppContext, { web }: PageContext) {
  const all = await templates(ctx);
  return (
    <Layout web={web} title={web.t('Teksten van de berichten', 'Notice texts')}>
      <p><a href="/berichten">{web.t('Terug naar de berichten', 'Back to the notices')}</a></p>
      <p>{web.t('Elk bericht is een tekst met invulplekken zoals {{dossiernummer}}. Bekijk een voorbeeld voordat u opslaat.', 'Each notice is a text with placeholders such as {{dossiernummer}}. Preview before you save.')}</p>
      <ul id="teksten">
        {TEMPLATE_KINDS.map((kind) => (
          <li>
            <a href={`/berichten/teksten/${kind}`}>{TEMPLATE_TITLES[kind]}</a>
            {' — '}
            {all[kind].updatedAt ? web.t(`gewijzigd ${formatDate(all[kind].updatedAt, web, true)}`, `changed ${formatDate(all[kind].updatedAt, web, true)}`) : web.t('standaardtekst', 'default text')}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function templateEditor(web: PageContext['web'], kind: TemplateKind, values: Template, extra: { errors?: FieldError[]; preview?: Template; saved?: boolean } = {}) {
  const { errors, preview } = extra;
  return (
    <Layout web={web} title={TEMPLATE_TITLES[kind]}>
      <p><a href="/berichten/teksten">{web.t('Terug naar de teksten', 'Back to the texts')}</a></p>
      {extra.saved && <Alert kind="ok">{web.t('De tekst is opgeslagen; nieuwe berichten gebruiken hem.', 'The text is saved; new notices use it.')}</Alert>}
      {errors && <Alert kind="error">{web.t('De tekst is niet opgeslagen. Verbeter de velden hieronder.', 'The text was not saved. Correct the fields below.')}</Alert>}
      <form method="post" action={`/berichten/teksten/${kind}`} class="grip-form grip-form--wide">
        <Csrf web={web} />
        <Field name="subject" label={web.t('Onderwerp', 'Subject')} value={values.subject} required error={errorFor(errors, 'subject')} />
        <div class={`utrecht-form-field${errorFor(errors, 'body') ? ' utrecht-form-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="f-body">{web.t('Tekst', 'Text')}<span aria-hidden="true"> *</span></label>
          <textarea id="f-body" name="body" class="utrecht-textarea" rows={18} required aria-invalid={errorFor(errors, 'body') ? 'true' : undefined} aria-describedby={errorFor(errors, 'body') ? 'f-body-error' : undefined}>{values.body}</textarea>
          {errorFor(errors, 'body') && <p id="f-body-error" class="grip-field-error">{errorFor(errors, 'body')}</p>}
        </div>
        <div class="grip-inline">
          <Button secondary name="action" value="preview">{web.t('Voorbeeld bekijken', 'Preview')}</Button>
          <Button name="action" value="save">{web.t('Opslaan', 'Save')}</Button>
          <Button secondary name="action" value="reset">{web.t('Standaardtekst terugzetten', 'Restore the default text')}</Button>
        </div>
      </form>
      {preview && (
        <section aria-labelledby="voorbeeld-kop" id="voorbeeld">
          <h2 id="voorbeeld-kop">{web.t('Voorbeeld (niet opgeslagen)', 'Preview (not saved)')}</h2>
          <p><strong>{web.t('Onderwerp: ', 'Subject: ')}</strong>{preview.subject}</p>
          <pre class="grip-preview">{preview.body}</pre>
        </section>
      )}
      <table class="utrecht-table utrecht-table--html-table" id="invulplekken">
        <caption class="utrecht-table__caption">{web.t('Invulplekken', 'Placeholders')}</caption>
        <tbody class="utrecht-table__body">
          {Object.entries(PLACEHOLDERS).map(([name, meaning]) => (
            <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell"><code>{`{{${name}}}`}</code></th><td class="utrecht-table__cell">{meaning}</td></tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

async function settingsPage(ctx: AppContext, p: PageContext, extra: { errors?: FieldError[]; values?: Record<string, string | string[]>; saved?: boolean } = {}) {
  const { web } = p;
  const [s, domains] = await Promise.all([noticeSettings(ctx), listDomains(ctx.db)]);
  const v = extra.values;
  const pilots = v ? many(v.pilotDomains) : s.pilotDomains;
  const body = (
    <Layout web={web} title={web.t('Instellingen voor berichten', 'Notice settings')}>
      <p><a href="/berichten">{web.t('Terug naar de berichten', 'Back to the notices')}</a></p>
      {extra.saved && <Alert kind="ok">{web.t('De instellingen zijn opgeslagen.', 'The settings are saved.')}</Alert>}
      {extra.errors && <Alert kind="error">{web.t('De instellingen zijn niet opgeslagen. Verbeter de velden hieronder.', 'The settings were not saved. Correct the fields below.')}</Alert>}
      <form method="post" action="/berichten/instellingen" class="grip-form">
        <Csrf web={web} />
        <Field name="delayDay" type="number" label={web.t('Uitstelbericht op dag (na ontvangst)', 'Delay notice on day (after receipt)')} value={v ? one(v.delayDay) : String(s.delayDay)} required error={errorFor(extra.errors, 'delayDay')} hint={web.t('Dag 8 is de tweede week.', 'Day 8 is the second week.')} />
        <Field name="renoticeWeeks" type="number" label={web.t('Nieuw bericht als de verwachting meer dan zoveel weken later wordt', 'New notice when the expectation moves more than this many weeks later')} value={v ? one(v.renoticeWeeks) : String(s.renoticeWeeks)} required error={errorFor(extra.errors, 'renoticeWeeks')} />
        <Field name="startsOn" type="date" label={web.t('Berichten vanaf (datum van het uitstelbericht)', 'Notices from (date of the delay notice)')} value={v ? one(v.startsOn) : (s.startsOn ?? '')} error={errorFor(extra.errors, 'startsOn')} required hint={web.t('Zaken waarvan de dag van het uitstelbericht eerder valt, krijgen er geen.', 'Cases whose notice day falls earlier get none.')} />
        <Field name="waitingTimesUrl" label={web.t('Waar de wachttijden staan (voor {{wachttijden}})', 'Where the waiting times are (for {{wachttijden}})')} value={v ? one(v.waitingTimesUrl) : s.waitingTimesUrl} required error={errorFor(extra.errors, 'waitingTimesUrl')} />
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{web.t('Pilot bellijst: in deze domeinen bellen de klachtbehandelaars in plaats van een uitstelbericht te sturen', 'Call-list pilot: in these domains front office calls instead of a delay notice')}</legend>
          {domains.map((d) => <Checkbox name="pilotDomains" value={d.id} label={d.name} checked={pilots.includes(d.id)} />)}
        </fieldset>
        <Button>{web.t('Opslaan', 'Save')}</Button>
      </form>
    </Layout>
  );
  return extra.errors ? { status: 400, body } : body;
}

export function noticePages(ctx: AppContext): PageDef[] {
  const kindOf = (p: PageContext): TemplateKind => {
    const kind = p.params.kind ?? '';
    if (!isTemplateKind(kind)) throw notFound('template', kind);
    return kind;
  };
  return [
    definePage({ method: 'GET', url: '/berichten', permission: 'notices.read', handler: overviewPage(ctx) }),
    definePage({ method: 'GET', url: '/berichten/brieven', permission: 'notices.read', handler: (p) => lettersPage(ctx, p) }),
    definePage({
      method: 'POST', url: '/berichten/brieven.pdf', permission: 'notices.read',
      async handler(p) {
        return sendPdf(p, await letterBatchPdf(ctx, p.actor, many(p.form.ids), '/berichten/brieven.pdf'), `brieven-${ctx.clock().toISOString().slice(0, 10)}.pdf`);
      },
    }),
    definePage({
      method: 'POST', url: '/berichten/brieven/afgedrukt', permission: 'notices.read',
      async handler(p) {
        const n = await markPrinted(ctx, p.actor, many(p.form.ids));
        return { redirect: `/berichten/brieven?klaar=${n}` };
      },
    }),
    definePage({
      method: 'GET', url: '/berichten/:id/brief.pdf', permission: 'notices.read',
      async handler(p) {
        return sendPdf(p, await letterBatchPdf(ctx, p.actor, [p.params.id!], `/berichten/${p.params.id}/brief.pdf`), 'brief.pdf');
      },
    }),
    definePage({ method: 'GET', url: '/berichten/teksten', permission: 'notices.templates', handler: (p) => templateList(ctx, p) }),
    definePage({
      method: 'GET', url: '/berichten/teksten/:kind', permission: 'notices.templates',
      async handler(p) {
        const kind = kindOf(p);
        const t = (await templates(ctx))[kind];
        return templateEditor(p.web, kind, t, { saved: one(p.query.klaar) === '1' });
      },
    }),
    definePage({
      method: 'POST', url: '/berichten/teksten/:kind', permission: 'notices.templates',
      async handler(p) {
        const kind = kindOf(p);
        const action = one(p.form.action);
        if (action === 'reset') {
          await restoreDefault(ctx, kind);
          return { redirect: `/berichten/teksten/${kind}?klaar=1` };
        }
        const values = { subject: one(p.form.subject), body: one(p.form.body) };
        const parsed = parseForm(ZTemplate, values, p.web);
        if (!parsed.ok) return { status: 400, body: templateEditor(p.web, kind, values, { errors: parsed.errors }) };
        if (action === 'save') {
          await saveTemplate(ctx, p.actor, kind, parsed.data);
          return { redirect: `/berichten/teksten/${kind}?klaar=1` };
        }
        return templateEditor(p.web, kind, values, { preview: await previewTemplate(ctx, kind, parsed.data) });
      },
    }),
    definePage({ method: 'GET', url: '/berichten/instellingen', permission: 'notices.settings', handler: (p) => settingsPage(ctx, p, { saved: one(p.query.klaar) === '1' }) }),
    definePage({
      method: 'POST', url: '/berichten/instellingen', permission: 'notices.settings',
      async handler(p) {
        const num = (v: string) => (v.trim() === '' ? undefined : Number(v.replace(',', '.')));
        const input = {
          delayDay: num(one(p.form.delayDay)), renoticeWeeks: num(one(p.form.renoticeWeeks)),
          startsOn: one(p.form.startsOn) || undefined, waitingTimesUrl: one(p.form.waitingTimesUrl), pilotDomains: many(p.form.pilotDomains),
        };
        const parsed = parseForm(ZNoticeSettings.extend({ startsOn: ZNoticeSettings.shape.startsOn.unwrap().unwrap() }), input, p.web);
        if (!parsed.ok) return settingsPage(ctx, p, { errors: parsed.errors, values: p.form });
        const known = new Set((await listDomains(ctx.db)).map((d) => d.id));
        if (parsed.data.pilotDomains.some((d) => !known.has(d))) {
          return settingsPage(ctx, p, { errors: [{ field: 'pilotDomains', message: p.web.t('Onbekend domein.', 'Unknown domain.') }], values: p.form });
        }
        await saveNoticeSettings(ctx, parsed.data);
        return { redirect: '/berichten/instellingen?klaar=1' };
      },
    }),
  ];
}
