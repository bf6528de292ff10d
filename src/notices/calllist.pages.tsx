import { recordAccess } from '../audit/audit.service.ts';
import { can } from '../auth/policy.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Csrf, errorFor, Field, formatDate, LaneBadges, RadioGroup, Select, STATUS_TEXT, yesNoOptions } from '../web/components.tsx';
import { sendTables } from '../web/data-table.ts';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { columnName, FOLLOW_UP_DAYS, per100, reportTables, type ReportTable } from './calllist.report.ts';
import {
  getCallCase, getCallList, getCallListReport, registerCallOutcome, ZRegisterCallOutcome, type CallAttempt, type CallCase, type CallEffect,
} from './calllist.service.ts';

/**
 * The call-list pilot's pages: the front office's daily list (/bellijst),
 * the form for one call (/bellijst/:id) and the weekly report that sets the
 * pilot beside the delay notice (/bellijst/rapport, and as CSV).
 */
const ANSWERS = new Map([['ja', true], ['nee', false]]);
const head = (text: string, numeric = false) => <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`}>{text}</th>;
const yesNo = (v: boolean | null, web: Web) => (v === null ? '–' : v ? web.t('ja', 'yes') : web.t('nee', 'no'));
/** A phone number as a tel: link (digits and a leading + only). */
const telHref = (phone: string) => `tel:${phone.replace(/(?!^\+)[^\d]/g, '')}`;

/** What a registered call did, for the message after the form. */
const DONE: Record<string, [string, string]> = {
  ingetrokken: ['de klacht is ingetrokken; de zaak is afgesloten.', 'the complaint was withdrawn; the case is closed.'],
  ken: ['de verzoeker dient de klacht eerst bij de instantie in (KEN); de zaak is afgesloten.', 'the petitioner complains to the agency first (KEN); the case is closed.'],
  spoed: ['de zaak heeft nu de markering Spoed; de coördinator beslist over het vervolg.', 'the case is now marked urgent; the coordinator decides what follows.'],
  bereikt: ['de verzoeker is bereikt; de zaak blijft in de bak.', 'the petitioner was reached; the case stays in the tray.'],
  'niet-bereikt': ['niet bereikt; de zaak blijft op de bellijst.', 'not reached; the case stays on the call list.'],
};
const doneKey = (effect: CallEffect, reached: boolean) =>
  effect === 'withdrawn' ? 'ingetrokken' : effect === 'ken' ? 'ken' : effect === 'urgent' ? 'spoed' : reached ? 'bereikt' : 'niet-bereikt';

function attemptText(a: CallAttempt, web: Web): string {
  if (!a.reached) return web.t('niet bereikt', 'not reached');
  return web.t(
    `bereikt — dringend: ${yesNo(a.urgent, web)}, instantie zelf benaderd: ${yesNo(a.agencyApproached, web)}, trekt in: ${yesNo(a.withdrawn, web)}`,
    `reached — urgent: ${yesNo(a.urgent, web)}, agency approached: ${yesNo(a.agencyApproached, web)}, withdraws: ${yesNo(a.withdrawn, web)}`,
  );
}

async function ListPage(ctx: AppContext, p: PageContext) {
  const { web } = p;
  const domainId = one(p.query.domein) || undefined;
  const [entries, domains] = await Promise.all([getCallList(ctx, p.actor, { domainId }), listDomains(ctx.db)]);
  // Names and phone numbers of every case on the list: each one shown is an audit line.
  await recordAccess(ctx.db, p.actor, ctx.clock(), { action: 'view', route: '/bellijst', cases: entries.map((e) => ({ caseId: e.caseId, dossierNumber: e.dossierNumber })) });
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const done = DONE[one(p.query.gedaan)];
  const fresh = entries.filter((e) => e.isNew).length;
  return (
    <Layout web={web} title={web.t('Bellijst', 'Call list')}>
      {done && <Alert kind="ok">{web.t(`Gesprek over ${one(p.query.dossier)} geregistreerd: `, `Call about ${one(p.query.dossier)} registered: `)}{web.t(...done)}</Alert>}
      <p>
        {web.t(
          'In de pilotdomeinen belt de klachtbehandeling de verzoeker in plaats van een uitstelbericht te sturen. Vraag of het dringend is, of de verzoeker de instantie zelf al heeft benaderd en of de klacht wordt ingetrokken. Een zaak gaat van de lijst zodra de verzoeker is bereikt of een klachtonderzoeker de zaak heeft; de oudste klacht staat bovenaan.',
          'In the pilot domains front office calls the petitioner instead of sending a delay notice. Ask whether it is urgent, whether the petitioner approached the agency first and whether the complaint is withdrawn. A case leaves the list once the petitioner is reached or an investigator has it; the oldest complaint comes first.',
        )}
      </p>
      <p><a href="/bellijst/rapport">{web.t('Weekrapport: bellijst naast uitstelbericht', 'Weekly report: call list beside the delay notice')}</a></p>
      <form method="get" action="/bellijst" class="grip-inline" aria-label={web.t('Filter op domein', 'Filter by domain')}>
        <Select name="domein" label={web.t('Domein', 'Domain')} value={domainId ?? ''} emptyLabel={web.t('Alle domeinen', 'All domains')} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
        <Button secondary>{web.t('Tonen', 'Show')}</Button>
      </form>
      {entries.length === 0 ? (
        <Alert kind="ok">{web.t('Er staan geen zaken op de bellijst.', 'There are no cases on the call list.')}</Alert>
      ) : (
        <div class="grip-table-wrap">
          <table class="utrecht-table" id="bellijst">
            <caption class="utrecht-table__caption">
              {web.t(`${entries.length} zaken te bellen, waarvan ${fresh} nieuw vandaag`, `${entries.length} cases to call, ${fresh} of them new today`)}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {head(web.t('Dossier', 'Dossier'))}
                {head(web.t('Verzoeker', 'Petitioner'))}
                {head(web.t('Telefoon', 'Phone'))}
                {head(web.t('Domein', 'Domain'))}
                {head(web.t('Wacht (dagen)', 'Waiting (days)'), true)}
                {head(web.t('Eerdere pogingen', 'Earlier attempts'))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {entries.map((e) => (
                <tr class="utrecht-table__row">
                  <th scope="row" class="utrecht-table__cell">
                    <a href={`/bellijst/${e.caseId}`}>{e.dossierNumber}</a>{' '}
                    {e.isNew && <span class="grip-lane">{web.t('Nieuw', 'New')}</span>}
                    {e.urgent && <span class="grip-lane grip-lane--urgent">{web.t('Spoed', 'Urgent')}</span>}
                  </th>
                  <td class="utrecht-table__cell">{e.petitionerName}</td>
                  <td class="utrecht-table__cell">
                    {e.phone ? <a href={telHref(e.phone)}>{e.phone}</a> : <span class="grip-muted">{web.t('geen nummer', 'no number')}{e.email ? ` (${e.email})` : ''}</span>}
                  </td>
                  <td class="utrecht-table__cell">{e.domainId ? domainName.get(e.domainId) ?? e.domainId : '–'}</td>
                  <td class="utrecht-table__cell grip-number">{e.daysWaiting}</td>
                  <td class="utrecht-table__cell">
                    {e.attempts === 0 ? '–' : web.t(
                      `${e.attempts}× niet bereikt, laatst ${formatDate(e.lastAttemptAt, web, true)}`,
                      `${e.attempts}× not reached, last ${formatDate(e.lastAttemptAt, web, true)}`,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function CallPage({ web, data, mayRegister, values = {}, errors }: {
  web: Web; data: CallCase; mayRegister: boolean; values?: Record<string, string | string[]>; errors?: FieldError[];
}) {
  const c = data.case;
  const v = (name: string) => one(values[name]);
  const err = (name: string) => errorFor(errors, name);
  const description = c.description.length > 600 ? `${c.description.slice(0, 600)}…` : c.description;
  return (
    <Layout web={web} title={web.t(`Bellen: ${c.dossierNumber}`, `Call: ${c.dossierNumber}`)}>
      <p><a href="/bellijst">{web.t('Terug naar de bellijst', 'Back to the call list')}</a></p>
      {errors?.length ? <Alert kind="error">{err('_form') ?? web.t('Het formulier is nog niet goed ingevuld; zie de meldingen bij de vragen.', 'The form is not complete yet; see the messages at the questions.')}</Alert> : null}
      <dl class="grip-facts">
        <dt>{web.t('Verzoeker', 'Petitioner')}</dt><dd>{c.petitioner.name}</dd>
        <dt>{web.t('Telefoon', 'Phone')}</dt><dd>{c.petitioner.phone ? <a href={telHref(c.petitioner.phone)}>{c.petitioner.phone}</a> : web.t('geen nummer bekend', 'no number known')}</dd>
        <dt>{web.t('E-mail', 'E-mail')}</dt><dd>{c.petitioner.email ?? '–'}</dd>
        <dt>{web.t('Instantie', 'Agency')}</dt><dd>{c.agency.name}</dd>
        <dt>{web.t('Onderwerp', 'Subject')}</dt><dd>{c.subject}</dd>
        <dt>{web.t('Ontvangen', 'Received')}</dt><dd>{formatDate(c.receivedAt, web)}{c.waitingDays !== null ? web.t(` (wacht ${c.waitingDays} dagen)`, ` (waiting ${c.waitingDays} days)`) : ''}</dd>
        <dt>{web.t('Status', 'Status')}</dt><dd>{web.t(...(STATUS_TEXT[c.status] ?? [c.status, c.status]))} <LaneBadges lanes={c.lanes} web={web} /></dd>
      </dl>
      <p>{description}</p>
      <p><a href={`/zaken/${c.id}`}>{web.t('Het hele dossier', 'The whole dossier')}</a></p>
      <h2 class="utrecht-heading-2">{web.t('Eerdere pogingen', 'Earlier attempts')}</h2>
      {data.attempts.length === 0 ? <p>{web.t('Nog niet gebeld.', 'Not called yet.')}</p> : (
        <ol class="grip-compact-list" id="pogingen">
          {data.attempts.map((a) => <li>{formatDate(a.at, web, true)}{a.caller ? `, ${a.caller}` : ''}: {attemptText(a, web)}{a.note ? ` — ${a.note}` : ''}</li>)}
        </ol>
      )}
      {!data.onList ? (
        <Alert>{web.t('Deze zaak staat niet (meer) op de bellijst: de verzoeker is bereikt, of de zaak wacht niet meer in de bak.', 'This case is not (or no longer) on the call list: the petitioner was reached, or the case no longer waits in the tray.')}</Alert>
      ) : !mayRegister ? (
        <p id="gesprek-alleen">{web.t('Alleen klachtbehandelaars en coördinatoren registreren gesprekken.', 'Only front office and coordinators register calls.')}</p>
      ) : (
        <>
          <h2 class="utrecht-heading-2" id="gesprek-kop">{web.t('Gesprek registreren', 'Register the call')}</h2>
          <p class="grip-muted">
            {web.t(
              `Trekt de verzoeker de klacht in, dan wordt de zaak afgesloten als ingetrokken. Anders: is het dringend, dan krijgt de zaak de markering Spoed en beslist de coördinator; is het niet dringend en heeft de verzoeker ${c.agency.name} nog niet zelf benaderd, dan wordt de zaak afgesloten met KEN (eerst klacht indienen bij de instantie).`,
              `If the petitioner withdraws the complaint, the case is closed as withdrawn. Otherwise: if it is urgent, the case is marked urgent and the coordinator decides; if it is not urgent and the petitioner has not approached ${c.agency.name} yet, the case is closed with KEN (complain to the agency first).`,
            )}
          </p>
          <form method="post" action={`/bellijst/${c.id}`} class="grip-form" aria-labelledby="gesprek-kop" novalidate>
            <Csrf web={web} />
            <RadioGroup name="reached" legend={web.t('Verzoeker bereikt?', 'Petitioner reached?')} value={v('reached')} error={err('reached')} options={yesNoOptions(web, web.t('Ja, bereikt', 'Yes, reached'), web.t('Nee, niet bereikt', 'No, not reached'))} required inline />
            <fieldset class="grip-fieldset">
              <legend>{web.t('Alleen als de verzoeker is bereikt', 'Only when the petitioner was reached')}</legend>
              <RadioGroup name="urgent" legend={web.t('Is het dringend?', 'Is it urgent?')} value={v('urgent')} error={err('urgent')} options={yesNoOptions(web)} required inline />
              <RadioGroup name="agencyApproached" legend={web.t('Heeft u de instantie zelf al benaderd?', 'Have you approached the agency yourself?')} value={v('agencyApproached')} error={err('agencyApproached')} options={yesNoOptions(web)} required inline />
              <RadioGroup name="withdrawn" legend={web.t('Trekt u de klacht in?', 'Do you withdraw the complaint?')} value={v('withdrawn')} error={err('withdrawn')} options={yesNoOptions(web)} required inline />
            </fieldset>
            <Field name="note" label={web.t('Notitie (niet verplicht)', 'Note (optional)')} value={v('note')} error={err('note')} multiline />
            <div><Button>{web.t('Gesprek registreren', 'Register the call')}</Button></div>
          </form>
        </>
      )}
    </Layout>
  );
}

const shown = (cell: string | number | null, web: Web) => (cell === null ? '–' : typeof cell === 'number' ? cell.toLocaleString(web.lang === 'en' ? 'en-GB' : 'nl-NL') : cell);

/** The report's table: the row headings, then a column group per channel under its own heading. */
function ReportTableView({ table, web }: { table: ReportTable; web: Web }) {
  const value = (cell: string | number | null) => shown(cell, web);
  const groups: { label: string | null; span: number; first: string }[] = [];
  for (const c of table.columns) {
    const last = groups.at(-1);
    if (c.group !== null && last?.label === c.group) last.span += 1;
    else groups.push({ label: c.group, span: 1, first: c.label });
  }
  const row = (cells: (string | number | null)[], strong = false) => (
    <tr class="utrecht-table__row">
      <th scope="row" class="utrecht-table__header-cell" style="white-space:nowrap">{value(cells[0]!)}</th>
      {cells.slice(1).map((cell, i) => (
        <td class={`utrecht-table__cell${i >= 1 ? ' grip-number' : ''}`} style={i === 0 ? 'white-space:nowrap' : undefined}>{strong ? <strong>{value(cell)}</strong> : value(cell)}</td>
      ))}
    </tr>
  );
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table" id={table.id}>
        <caption class="utrecht-table__caption">{table.title}</caption>
        {groups.map((g) => <colgroup span={g.span} />)}
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {groups.map((g) => g.label === null
              ? <th scope="col" rowSpan={2} class="utrecht-table__header-cell">{g.first}</th>
              : <th scope="colgroup" colSpan={g.span} class="utrecht-table__header-cell" style="text-align:center">{g.label}</th>)}
          </tr>
          <tr class="utrecht-table__row">
            {table.columns.filter((c) => c.group !== null).map((c) => head(c.label, true))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">{table.rows.map((r) => row(r))}</tbody>
        <tfoot>{row(table.total, true)}</tfoot>
      </table>
    </div>
  );
}

async function loadReport(ctx: AppContext, web: Web) {
  const report = await getCallListReport(ctx);
  return { report, tables: reportTables(report, web.t, (id) => report.domainNames.get(id) ?? id) };
}

export function callListPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: '/bellijst', permission: 'calls.read', handler: (p) => ListPage(ctx, p) }),
    definePage({
      method: 'GET', url: '/bellijst/rapport', permission: 'calls.read',
      async handler({ web }) {
        const { report, tables } = await loadReport(ctx, web);
        const { pilot, notice } = report.totals;
        return (
          <Layout web={web} title={web.t('Bellijst naast uitstelbericht', 'Call list beside the delay notice')}>
            <p>
              {web.t(
                `Hoeveel zaken verlieten de bak zonder klachtonderzoeker nadat de verzoeker werd gebeld (pilotdomeinen) of een uitstelbericht kreeg (de andere domeinen)? Bij de bellijst tellen de gesprekken waarna de klacht werd ingetrokken of eerst bij de instantie moest worden ingediend (KEN). Bij het uitstelbericht telt elke zaak die na het bericht werd afgesloten zonder dat een klachtonderzoeker haar had (ingetrokken, KEN, OB); daar weten we niet of het bericht de reden was, dus dat getal is eerder te hoog dan te laag. Beide tellen alleen binnen ${FOLLOW_UP_DAYS / 7} weken na het bellen of het bericht, in de week waarin de zaak de bak verliet. Alleen het eerste uitstelbericht van een zaak telt.`,
                `How many cases left the tray without an investigator after the petitioner was called (pilot domains) or sent a delay notice (the other domains)? For the call list, the calls after which the complaint was withdrawn or had to go to the agency first (KEN) count. For the delay notice every case closed after the notice without an investigator (withdrawn, KEN, OB) counts; we do not know whether the notice was why, so that figure rather overstates. Both count only within ${FOLLOW_UP_DAYS / 7} weeks after the call or notice, in the week the case left the tray. Only a case's first delay notice counts.`,
              )}
            </p>
            <dl class="grip-counts" id="bellijst-totalen">
              <div><dt>{web.t('Op de bellijst gezet', 'Put on the call list')}</dt><dd>{pilot.listed}</dd></div>
              <div><dt>{web.t('Uit de bak door een gesprek', 'Out of the tray by a call')}</dt><dd>{pilot.removed}</dd></div>
              <div><dt>{web.t('Per 100 op de bellijst', 'Per 100 on the call list')}</dt><dd>{shown(per100(pilot.removed, pilot.listed), web)}</dd></div>
              <div><dt>{web.t('Uitstelbericht verstuurd', 'Delay notice sent')}</dt><dd>{notice.notified}</dd></div>
              <div><dt>{web.t('Uit de bak na een uitstelbericht', 'Out of the tray after a notice')}</dt><dd>{notice.removed}</dd></div>
              <div><dt>{web.t('Per 100 uitstelberichten', 'Per 100 delay notices')}</dt><dd>{shown(per100(notice.removed, notice.notified), web)}</dd></div>
            </dl>
            <p class="grip-downloads">{web.t('Downloaden: ', 'Download: ')}<a href="/bellijst/rapport.csv" download>{web.t('CSV (per week)', 'CSV (per week)')}</a></p>
            <h2 class="utrecht-heading-2">{web.t('Per week', 'Per week')}</h2>
            <ReportTableView table={tables.weeks} web={web} />
            <h2 class="utrecht-heading-2">{web.t('Per domein', 'Per domain')}</h2>
            <ReportTableView table={tables.domains} web={web} />
          </Layout>
        );
      },
    }),
    definePage({
      method: 'GET', url: '/bellijst/rapport.csv', permission: 'calls.read',
      async handler(p) {
        const { tables } = await loadReport(ctx, p.web);
        const t = tables.weeks;
        return sendTables(p, `bellijst-rapport-${ctx.clock().toISOString().slice(0, 10)}`, 'csv', [{ id: t.id, title: t.title, columns: t.columns.map(columnName), rows: [...t.rows, t.total] }]);
      },
    }),
    definePage({
      method: 'GET', url: '/bellijst/:id', permission: 'calls.read',
      async handler(p) {
        return CallPage({ web: p.web, data: await getCallCase(ctx, p.actor, p.params.id!), mayRegister: can(p.actor, 'calls.register') });
      },
    }),
    definePage({
      method: 'POST', url: '/bellijst/:id', permission: 'calls.register',
      async handler(p) {
        const answer = (name: string) => ANSWERS.get(one(p.form[name]));
        const input = {
          reached: answer('reached'), urgent: answer('urgent'), agencyApproached: answer('agencyApproached'), withdrawn: answer('withdrawn'), note: one(p.form.note),
        };
        const parsed = parseForm(ZRegisterCallOutcome, input, p.web);
        const again = async (errors: FieldError[]) => ({ status: 400, body: CallPage({ web: p.web, data: await getCallCase(ctx, p.actor, p.params.id!), mayRegister: true, values: p.form, errors }) });
        if (!parsed.ok) return again(parsed.errors);
        try {
          const done = await registerCallOutcome(ctx, p.actor, p.params.id!, parsed.data);
          return { redirect: `/bellijst?gedaan=${doneKey(done.effect, done.reached)}&dossier=${encodeURIComponent(done.dossierNumber)}` };
        } catch (err) {
          return again(serviceErrors(err, p.web));
        }
      },
    }),
  ];
}
