import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, RadioGroup, Select } from '../web/components.tsx';
import { serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, many, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import type { SessionSummary } from './lanes.repository.ts';
import {
  claimCase, closeFromBoard, getBoard, getCloseForm, getLaneOverview, getReport, laneDomains, planSession, TOPIC_MAX, type LaneOverview,
} from './lanes.service.ts';
import { BoardPage, ClosePage, dayText, LANE_TEXT, ReportPage } from './lanes.views.tsx';

/**
 * /lanen: the B lane (vluchtstrook) and POP days of a domain — the sessions
 * of today and later, planning one, and the earlier ones with what they
 * cleared; /lanen/:id the session's board, /lanen/:id/rapport its report.
 */
const DOSSIER = /^\d{4}\.\d{6}$/;

/** Runs a service call; an expected failure becomes an error page in the page's language. */
async function inDutch<T>(web: Web, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, serviceErrors(err, web).map((e) => e.message).join(' '));
    throw err;
  }
}

function SessionTable({ web, id, caption, sessions, names, past }: { web: Web; id: string; caption: string; sessions: SessionSummary[]; names?: Map<string, string>; past?: boolean }) {
  const th = (text: string, numeric = false) => <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`}>{text}</th>;
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table" id={id}>
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {th(web.t('Datum', 'Date'))}{th(web.t('Soort', 'Kind'))}{th(web.t('Onderwerp', 'Topic'))}
            {!past && th(web.t('Mensen', 'People'))}
            {th(web.t('Uitgedeeld', 'Handed out'), true)}{th(past ? web.t('Afgesloten (opgeruimd)', 'Closed (cleared)') : web.t('Afgesloten', 'Closed'), true)}
            {th(past ? web.t('Rapport', 'Report') : web.t('Bord', 'Board'))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {sessions.map((s) => {
            const label = `${web.t(...LANE_TEXT[s.lane])} ${dayText(s.day, web)}${s.topic ? ` (${s.topic})` : ''}`;
            return (
              <tr class="utrecht-table__row">
                <th scope="row" class="utrecht-table__header-cell">{dayText(s.day, web)}</th>
                <td class="utrecht-table__cell">{web.t(...LANE_TEXT[s.lane])}</td>
                <td class="utrecht-table__cell">{s.topic ?? '–'}</td>
                {!past && <td class="utrecht-table__cell">{s.people.map((p) => names?.get(p) ?? p).join(', ')}</td>}
                <td class="utrecht-table__cell grip-number">{s.handedOut}</td>
                <td class="utrecht-table__cell grip-number">{s.closed}</td>
                <td class="utrecht-table__cell">
                  {past
                    ? <a href={`/lanen/${s.id}/rapport`}>{web.t('Rapport', 'Report')}<span class="grip-visually-hidden">: {label}</span></a>
                    : <a href={`/lanen/${s.id}`}>{web.t('Bord openen', 'Open board')}<span class="grip-visually-hidden">: {label}</span></a>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PlanForm({ web, o, values, errors }: { web: Web; o: LaneOverview; values: Record<string, string | string[]>; errors?: FieldError[] }) {
  const chosen = new Set(many(values.people));
  const proposal = (lane: 'b' | 'pop') => (o.proposed[lane] ? dayText(o.proposed[lane]!, web) : web.t('geen slot gepland', 'no slot planned'));
  const peopleError = errorFor(errors, 'people');
  return (
    <form method="post" action="/lanen" class="grip-form" novalidate>
      <Csrf web={web} />
      <input type="hidden" name="domain" value={o.domain.id} />
      {errorFor(errors, 'domain') && <p class="grip-field-error">{errorFor(errors, 'domain')}</p>}
      <RadioGroup name="lane" legend={web.t('Soort sessie', 'Kind of session')} required inline value={one(values.lane) || 'b'} error={errorFor(errors, 'lane')}
        options={[{ value: 'b', label: web.t('Vluchtstrook (B-zaken)', 'Fast lane (B cases)') }, { value: 'pop', label: web.t('POP-dag', 'POP day') }]} />
      <Field name="day" type="date" label={web.t('Datum', 'Date')} required value={one(values.day) || o.proposed.b || o.today} error={errorFor(errors, 'day')}
        hint={web.t(`Volgens het capaciteitsplan: volgende B-sessie ${proposal('b')}, volgende POP-dag ${proposal('pop')}.`, `From the capacity plan: next B session ${proposal('b')}, next POP day ${proposal('pop')}.`)} />
      <Field name="topic" label={web.t('Onderwerp (alleen POP-dag, optioneel)', 'Topic (POP day only, optional)')} value={one(values.topic)} error={errorFor(errors, 'topic')}
        hint={web.t(`Bijvoorbeeld „geen reactie”, „aangifte niet opgenomen” of „bomen”. Zaken waarin alle woorden van het onderwerp voorkomen (in onderwerp, omschrijving of trefwoorden) komen bovenaan het bord. Hoogstens ${TOPIC_MAX} tekens.`,
          `For example "geen reactie", "aangifte niet opgenomen" or "bomen". Cases containing every word of the topic (in subject, description or keywords) come first on the board. At most ${TOPIC_MAX} characters.`)} />
      <fieldset class={`utrecht-form-fieldset grip-fieldset${peopleError ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={peopleError ? 'f-people-error' : undefined}>
        <legend class="utrecht-form-fieldset__legend">{web.t('Klachtonderzoekers van de sessie', 'Investigators of the session')}<span aria-hidden="true"> *</span></legend>
        {peopleError && <p id="f-people-error" class="grip-field-error">{peopleError}</p>}
        {o.investigators.length === 0
          ? <p>{web.t('Dit domein heeft geen actieve klachtonderzoekers (KB).', 'This domain has no active investigators (KB).')}</p>
          : <div class="grip-checkboxes">{o.investigators.map((p) => <Checkbox name="people" value={p.id} label={p.name} checked={chosen.has(p.id)} />)}</div>}
      </fieldset>
      <div><Button>{web.t('Sessie plannen', 'Plan session')}</Button></div>
    </form>
  );
}

async function overviewPage(ctx: AppContext, p: PageContext, extra: { values?: Record<string, string | string[]>; errors?: FieldError[]; domain?: string } = {}) {
  const { web, actor } = p;
  const domains = await laneDomains(ctx, actor);
  if (domains.length === 0) {
    return <Layout web={web} title={web.t('Vluchtstrook en POP-dagen', 'Fast lane and POP days')}><Alert kind="info">{web.t('U werkt in geen enkel domein.', 'You work in no domain.')}</Alert></Layout>;
  }
  const asked = extra.domain ?? one(p.query.domein);
  const domainId = domains.some((d) => d.id === asked) ? asked : (actor.domains.find((d) => domains.some((x) => x.id === d)) ?? domains[0]!.id);
  const o = await getLaneOverview(ctx, actor, domainId);
  const errors = extra.errors;
  return (
    <Layout web={web} title={web.t(`Vluchtstrook en POP-dagen — ${o.domain.name}`, `Fast lane and POP days — ${o.domain.name}`)}>
      {domains.length > 1 && (
        <form method="get" action="/lanen" class="grip-inline">
          <Select name="domein" label={web.t('Domein', 'Domain')} value={o.domain.id} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
          <Button secondary>{web.t('Toon', 'Show')}</Button>
        </form>
      )}
      <dl class="grip-counts" id="lanen-bak">
        <div><dt>{web.t('B-zaken in de bak', 'B cases in the tray')}</dt><dd>{o.waiting.b}</dd></div>
        <div><dt>{web.t('POP-zaken in de bak', 'POP cases in the tray')}</dt><dd>{o.waiting.pop}</dd></div>
      </dl>
      <h2 class="utrecht-heading-2">{web.t('Vandaag en gepland', 'Today and planned')}</h2>
      {o.upcoming.length === 0
        ? <p>{web.t('Er zijn geen sessies gepland.', 'No sessions are planned.')}</p>
        : <SessionTable web={web} id="sessies-gepland" caption={web.t(`Sessies vanaf vandaag in ${o.domain.name}`, `Sessions from today in ${o.domain.name}`)} sessions={o.upcoming} names={o.names} />}
      {o.mayPlan && (
        <>
          <h2 class="utrecht-heading-2">{web.t('Sessie plannen', 'Plan a session')}</h2>
          {errors?.length ? <Alert kind="error">{web.t('De sessie is niet gepland. Verbeter de velden hieronder.', 'The session was not planned. Correct the fields below.')}{errorFor(errors, '_form') ? ` ${errorFor(errors, '_form')}` : ''}</Alert> : null}
          <PlanForm web={web} o={o} values={extra.values ?? {}} errors={errors} />
        </>
      )}
      <h2 class="utrecht-heading-2">{web.t('Eerdere sessies', 'Earlier sessions')}</h2>
      {o.past.length === 0
        ? <p>{web.t('Nog geen eerdere sessies.', 'No earlier sessions yet.')}</p>
        : <SessionTable web={web} id="sessies-eerder" past caption={web.t(`Eerdere sessies in ${o.domain.name}: uitgedeeld en afgesloten`, `Earlier sessions in ${o.domain.name}: handed out and closed`)} sessions={o.past} />}
    </Layout>
  );
}

async function boardPage(ctx: AppContext, p: PageContext, extra: { errors?: FieldError[]; status?: number } = {}) {
  const { web } = p;
  const board = await inDutch(web, () => getBoard(ctx, p.actor, p.params.id!));
  const given = one(p.query.uitgedeeld) || one(p.query.afgesloten);
  const notice = one(p.query.gepland)
    ? web.t('De sessie is gepland.', 'The session is planned.')
    : DOSSIER.test(given)
      ? (one(p.query.uitgedeeld) ? web.t(`Zaak ${given} is uitgedeeld.`, `Case ${given} was handed out.`) : web.t(`Zaak ${given} is afgesloten.`, `Case ${given} was closed.`))
      : undefined;
  const body = <BoardPage web={web} board={board} actorId={p.actor.id} notice={extra.errors ? undefined : notice} errors={extra.errors} />;
  return extra.status ? { status: extra.status, body } : body;
}

/** The registration fields of the close form: `registration.<key>`. */
const registrationOf = (form: PageContext['form']) =>
  Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith('registration.')).map(([k, v]) => [k.slice('registration.'.length), one(v)]));

export function lanePages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: '/lanen', permission: 'lanes.read', handler: (p) => overviewPage(ctx, p) }),
    definePage({
      method: 'POST', url: '/lanen', permission: 'lanes.manage',
      async handler(p) {
        const input = { lane: one(p.form.lane) || undefined, domain: one(p.form.domain), day: one(p.form.day), topic: one(p.form.topic), people: many(p.form.people) };
        try {
          const id = await planSession(ctx, p.actor, input);
          return { redirect: `/lanen/${id}?gepland=1` };
        } catch (err) {
          const errors = serviceErrors(err, p.web);
          const status = err instanceof AppError ? err.status : 400;
          return { status, body: await overviewPage(ctx, p, { values: p.form, errors, domain: input.domain }) };
        }
      },
    }),
    definePage({ method: 'GET', url: '/lanen/:id', permission: 'lanes.read', handler: (p) => boardPage(ctx, p) }),
    definePage({
      method: 'POST', url: '/lanen/:id/uitdelen', permission: 'lanes.read',
      async handler(p) {
        const input = { caseId: one(p.form.caseId), version: one(p.form.version) || undefined, investigatorId: one(p.form.investigatorId) || undefined };
        try {
          const done = await claimCase(ctx, p.actor, p.params.id!, input);
          return { redirect: `/lanen/${p.params.id}?uitgedeeld=${encodeURIComponent(done.dossierNumber)}` };
        } catch (err) {
          return boardPage(ctx, p, { errors: serviceErrors(err, p.web), status: err instanceof AppError ? err.status : 400 });
        }
      },
    }),
    definePage({
      method: 'GET', url: '/lanen/:id/zaken/:caseId/afsluiten', permission: 'lanes.read',
      async handler(p) {
        const form = await inDutch(p.web, () => getCloseForm(ctx, p.actor, p.params.id!, p.params.caseId!, one(p.query.uitkomst)));
        return <ClosePage web={p.web} session={form.session} caseId={form.handout.caseId} dossierNumber={form.handout.dossierNumber} subject={form.handout.subject} outcome={form.outcome} />;
      },
    }),
    definePage({
      method: 'POST', url: '/lanen/:id/zaken/:caseId/afsluiten', permission: 'lanes.read',
      async handler(p) {
        const registration = registrationOf(p.form);
        const outcome = one(p.form.outcome);
        try {
          const dossier = await closeFromBoard(ctx, p.actor, p.params.id!, p.params.caseId!, { outcome, registration });
          return { redirect: `/lanen/${p.params.id}?afgesloten=${encodeURIComponent(dossier)}` };
        } catch (err) {
          const errors = serviceErrors(err, p.web);
          const form = await inDutch(p.web, () => getCloseForm(ctx, p.actor, p.params.id!, p.params.caseId!, outcome));
          const body = <ClosePage web={p.web} session={form.session} caseId={form.handout.caseId} dossierNumber={form.handout.dossierNumber} subject={form.handout.subject} outcome={form.outcome} values={registration} errors={errors} />;
          return { status: err instanceof AppError ? err.status : 400, body };
        }
      },
    }),
    definePage({
      method: 'GET', url: '/lanen/:id/rapport', permission: 'lanes.read',
      async handler(p) {
        const report = await inDutch(p.web, () => getReport(ctx, p.actor, p.params.id!));
        return <ReportPage web={p.web} report={report} />;
      },
    }),
  ];
}
