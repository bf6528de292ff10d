import type { MultipartFile } from '@fastify/multipart';
import { can } from '../auth/policy.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Button, Csrf, errorFor, Field, Select } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { readPlan, type StoredPeriod, type StoredSlot } from './capacity.repository.ts';
import {
  capacityTable, exportPlanCsv, importPlanCsv, KIND_NL, maySetDirectorate, removePeriod, removeSlot, savePeriod, saveSlot, updateSettings, type ImportProblem,
} from './capacity.service.ts';
import { isDay, PERIOD_KINDS, type CapacityFigures } from './plan.ts';

/**
 * /capaciteit: the capacity plan. The seed's table (formation, occupied and
 * available FTE and hours per date), the periods per person with a form to
 * add, change and remove them, the B and POP slots, formation and sickness
 * allowance, and a CSV import and export of the periods.
 */
const WEEKDAYS_NL = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'];
const LANE_NL = { b: 'B (vluchtstrook)', pop: 'POP-dag' } as const;

const nl1 = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
const dateNl = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const todayOf = (ctx: AppContext) => ctx.clock().toISOString().slice(0, 10);

/** The days to show: `peildata` (comma-separated), else today and the first day of the next three months. */
function chosenDays(ctx: AppContext, raw: string): { days: string[]; invalid: boolean } {
  const asked = raw.split(/[,\s]+/).filter(Boolean);
  const days = asked.filter(isDay).slice(0, 12);
  if (asked.length > 0) return { days, invalid: days.length !== asked.length };
  const today = todayOf(ctx);
  const [y, m] = today.split('-').map(Number) as [number, number];
  return { days: [today, ...[1, 2, 3].map((k) => new Date(Date.UTC(y, m - 1 + k, 1)).toISOString().slice(0, 10))], invalid: false };
}

function CapacityTable({ web, rows }: { web: Web; rows: CapacityFigures[] }) {
  const th = (text: string) => <th scope="col" class="utrecht-table__header-cell grip-number">{text}</th>;
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table" id="capaciteit-tabel">
        <caption class="utrecht-table__caption">{web.t('Formatie, bezetting en beschikbaarheid (36 uur per FTE)', 'Formation, occupied and available (36 hours per FTE)')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">{web.t('Peildatum', 'Date')}</th>
            {th(web.t('Formatie fte', 'Formation fte'))}{th(web.t('Bezetting fte', 'Occupied fte'))}{th(web.t('Bezetting u/wk', 'Occupied h/wk'))}
            {th(web.t('Beschikbaar fte', 'Available fte'))}{th(web.t('Beschikbaar u/wk', 'Available h/wk'))}{th(web.t('Na verzuim u/wk', 'After sickness h/wk'))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((r) => (
            <tr class="utrecht-table__row">
              <th scope="row" class="utrecht-table__header-cell">{r.day === 'plan' ? 'plan' : dateNl(r.day)}</th>
              {[r.formationFte, r.occupiedFte, r.occupiedHours, r.availableFte, r.availableHours, r.afterSicknessHours].map((v) => (
                <td class="utrecht-table__cell grip-number">{nl1(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface PeriodValues { person: string; login: string; domain: string; kind: string; from: string; to: string; hoursPerWeek: string }
const EMPTY: PeriodValues = { person: '', login: '', domain: '', kind: 'contract', from: '', to: '', hoursPerWeek: '' };
const periodValues = (form: PageContext['form']): PeriodValues => ({
  person: one(form.person), login: one(form.login), domain: one(form.domain), kind: one(form.kind), from: one(form.from), to: one(form.to),
  hoursPerWeek: one(form.hoursPerWeek).replace(',', '.'),
});
const errorsOf = (err: unknown): FieldError[] => {
  if (err instanceof AppError && err.code === 'validation') return err.details.errors ?? [{ field: 'form', message: err.message }];
  throw err;
};
const nlError = (errors: FieldError[] | undefined, field: string) => {
  const e = errors?.find((x) => x.field === field);
  return e ? e.nl ?? e.message : errorFor(errors, field);
};

function PeriodForm(p: { web: Web; action: string; values: PeriodValues; domains: { id: string; name: string }[]; errors?: FieldError[]; submit: string }) {
  const { web, values: v, errors } = p;
  return (
    <form method="post" action={p.action} class="grip-form" noValidate>
      <Csrf web={web} />
      <Field name="person" label={web.t('Persoon', 'Person')} value={v.person} required error={nlError(errors, 'person')} hint={web.t('Naam zoals in het plan; ook een vacature of inhuur.', 'Name as in the plan; also a vacancy or interim.')} />
      <Field name="login" label={web.t('Gebruikersnaam (optioneel)', 'User name (optional)')} value={v.login} error={nlError(errors, 'login')} />
      <Select name="domain" label={web.t('Domein', 'Domain')} value={v.domain} required error={nlError(errors, 'domain')} options={p.domains.map((d) => ({ value: d.id, label: d.name }))} />
      <Select name="kind" label={web.t('Soort', 'Kind')} value={v.kind} required error={nlError(errors, 'kind')} options={PERIOD_KINDS.map((k) => ({ value: k, label: KIND_NL[k]! }))} />
      <Field name="from" type="date" label={web.t('Van', 'From')} value={v.from} required error={nlError(errors, 'from')} />
      <Field name="to" type="date" label={web.t('Tot en met (leeg: open)', 'Until (empty: open)')} value={v.to} error={nlError(errors, 'to')} />
      <Field name="hoursPerWeek" label={web.t('Uren per week', 'Hours per week')} value={v.hoursPerWeek} required error={nlError(errors, 'hoursPerWeek')}
        hint={web.t('Bij contract: de contracturen. Bij de andere soorten: de uren per week die niet beschikbaar zijn.', 'Contract: the contract hours. Other kinds: the hours per week not available.')} />
      <div><Button>{p.submit}</Button></div>
    </form>
  );
}

function Periods({ web, periods, domainName, manage }: { web: Web; periods: StoredPeriod[]; domainName: Map<string, string>; manage: boolean }) {
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{web.t(`Perioden in het plan (${periods.length})`, `Periods in the plan (${periods.length})`)}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {[web.t('Persoon', 'Person'), web.t('Domein', 'Domain'), web.t('Soort', 'Kind'), web.t('Van', 'From'), web.t('Tot en met', 'Until'), web.t('Uren/wk', 'Hours/wk'), ...(manage ? [web.t('Actie', 'Action')] : [])].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {periods.map((p) => (
            <tr class="utrecht-table__row">
              <th scope="row" class="utrecht-table__header-cell">{p.person}{p.login && <span class="grip-muted"> ({p.login})</span>}</th>
              <td class="utrecht-table__cell">{domainName.get(p.domain) ?? p.domain}</td>
              <td class="utrecht-table__cell">{KIND_NL[p.kind]}</td>
              <td class="utrecht-table__cell">{p.from}</td>
              <td class="utrecht-table__cell">{p.to ?? '—'}</td>
              <td class="utrecht-table__cell grip-number">{nl1(p.hoursPerWeek)}</td>
              {manage && (
                <td class="utrecht-table__cell">
                  <a href={`/capaciteit/perioden/${p.id}`}>{web.t('Wijzigen', 'Change')}<span class="grip-visually-hidden">: {p.person}, {KIND_NL[p.kind]} {web.t('vanaf', 'from')} {p.from}</span></a>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Slots({ web, slots, domainName, manage }: { web: Web; slots: StoredSlot[]; domainName: Map<string, string>; manage: boolean }) {
  return (
    <ul>
      {slots.map((s) => (
        <li>
          {domainName.get(s.domain) ?? s.domain}: {LANE_NL[s.lane]}, {web.t('elke', 'every')} {s.everyWeeks === 1 ? web.t('week', 'week') : web.t(`${s.everyWeeks} weken`, `${s.everyWeeks} weeks`)} {web.t('op', 'on')} {WEEKDAYS_NL[s.weekday - 1]}, {nl1(s.hours)} {web.t('uur', 'hours')}, {web.t('vanaf', 'from')} {s.from}{s.to ? ` ${web.t('tot en met', 'until')} ${s.to}` : ''}
          {manage && (
            <form method="post" action={`/capaciteit/slots/${s.id}/verwijderen`} class="grip-inline-form">
              <Csrf web={web} />
              <Button secondary>{web.t('Verwijderen', 'Remove')}<span class="grip-visually-hidden">: {LANE_NL[s.lane]} {domainName.get(s.domain) ?? s.domain} {web.t('vanaf', 'from')} {s.from}</span></Button>
            </form>
          )}
        </li>
      ))}
    </ul>
  );
}

async function capacityPage(ctx: AppContext, p: PageContext, extra: { periodErrors?: FieldError[]; periodValues?: PeriodValues; problems?: ImportProblem[]; formErrors?: { form: 'settings' | 'slot'; messages: string[] }; status?: number; done?: string } = {}) {
  const { web } = p;
  const { days, invalid } = chosenDays(ctx, one(p.query.peildata));
  const [table, plan, domains] = await Promise.all([capacityTable(ctx, days), readPlan(ctx.db), listDomains(ctx.db)]);
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const manage = can(p.actor, 'capacity.manage');
  const body = (
    <Layout web={web} title={web.t('Capaciteitsplan', 'Capacity plan')}>
      {extra.done && <Alert kind="ok">{extra.done}</Alert>}
      <form method="get" action="/capaciteit" class="grip-inline">
        <Field name="peildata" label={web.t('Peildata (JJJJ-MM-DD, gescheiden door komma’s)', 'Dates (YYYY-MM-DD, comma separated)')} value={one(p.query.peildata) || days.join(',')}
          error={invalid ? web.t('Vul elke peildatum in als JJJJ-MM-DD.', 'Enter every date as YYYY-MM-DD.') : undefined} />
        <Button secondary>{web.t('Toon', 'Show')}</Button>
      </form>
      <CapacityTable web={web} rows={[table.plan, ...table.days]} />
      <p class="grip-muted">
        {web.t(
          `Beschikbaar = bezetting min ouderschapsverlof, inwerken, re-integratie en geplande afwezigheid. Verzuim komt daarbovenop: het plan rekent met ${nl1(plan.sicknessShare * 100)}%.`,
          `Available = occupied minus parental leave, onboarding, re-integration and planned absence. Sickness comes on top: the plan assumes ${nl1(plan.sicknessShare * 100)}%.`,
        )}
      </p>

      <h2 class="utrecht-heading-2">{web.t('Vluchtstrook en POP-dagen', 'Fast lane and POP days')}</h2>
      <Slots web={web} slots={plan.slots} domainName={domainName} manage={manage} />

      {manage && (
        <>
          <h2 class="utrecht-heading-2">{web.t('Periode toevoegen', 'Add a period')}</h2>
          {extra.periodErrors && <Alert kind="error">{web.t('De periode is niet opgeslagen. Verbeter de velden hieronder.', 'The period was not saved. Correct the fields below.')}</Alert>}
          <PeriodForm web={web} action="/capaciteit/perioden" values={extra.periodValues ?? EMPTY} domains={domains} errors={extra.periodErrors} submit={web.t('Periode toevoegen', 'Add period')} />

          <h2 class="utrecht-heading-2">{web.t('Plan inlezen uit CSV', 'Import the plan from CSV')}</h2>
          <p>{web.t('Kopregel: ', 'Header: ')}<code>person,login,domain,kind,from,to,hours_per_week</code>. {web.t('Het bestand vervangt alle perioden; met één foute regel verandert er niets.', 'The file replaces every period; with one bad line nothing changes.')} <a href="/capaciteit/plan.csv">{web.t('Huidig plan als CSV', 'Current plan as CSV')}</a></p>
          {extra.problems && extra.problems.length > 0 && (
            <Alert kind="error">
              <p>{web.t('Het plan is niet ingelezen:', 'The plan was not imported:')}</p>
              <ul>{extra.problems.slice(0, 50).map((x) => <li>{x.line > 0 ? web.t(`Regel ${x.line}: `, `Line ${x.line}: `) : ''}{x.message}</li>)}</ul>
            </Alert>
          )}
          <form method="post" action="/capaciteit/import" enctype="multipart/form-data" class="grip-form">
            <Csrf web={web} />
            <div>
              <label for="f-plan" class="utrecht-form-label">{web.t('CSV-bestand', 'CSV file')}</label>
              <input id="f-plan" type="file" name="plan" accept=".csv,text/csv" required />
            </div>
            <div><Button>{web.t('Plan inlezen', 'Import plan')}</Button></div>
          </form>

          {maySetDirectorate(p.actor) && (
            <>
              <h2 class="utrecht-heading-2">{web.t('Formatie en verzuim', 'Formation and sickness')}</h2>
              <FormErrors web={web} errors={extra.formErrors?.form === 'settings' ? extra.formErrors.messages : undefined} />
              <form method="post" action="/capaciteit/instellingen" class="grip-form grip-inline">
                <Csrf web={web} />
                <Field name="formationFte" label={web.t('Formatie (fte)', 'Formation (fte)')} value={nl1(plan.formationFte)} required />
                <Field name="sicknessPercent" label={web.t('Verzuim (%)', 'Sickness (%)')} value={nl1(plan.sicknessShare * 100)} required />
                <Button secondary>{web.t('Opslaan', 'Save')}</Button>
              </form>
            </>
          )}

          <h2 class="utrecht-heading-2">{web.t('Slot toevoegen', 'Add a slot')}</h2>
          <FormErrors web={web} errors={extra.formErrors?.form === 'slot' ? extra.formErrors.messages : undefined} />
          <form method="post" action="/capaciteit/slots" class="grip-form">
            <Csrf web={web} />
            <Select id="slot-domain" name="domain" label={web.t('Domein', 'Domain')} required options={domains.map((d) => ({ value: d.id, label: d.name }))} />
            <Select id="slot-lane" name="lane" label={web.t('Strook', 'Lane')} required options={[{ value: 'b', label: LANE_NL.b }, { value: 'pop', label: LANE_NL.pop }]} />
            <Select id="slot-weekday" name="weekday" label={web.t('Dag', 'Day')} required value="5" options={WEEKDAYS_NL.map((d, i) => ({ value: String(i + 1), label: d }))} />
            <Field id="slot-every" name="everyWeeks" label={web.t('Om de hoeveel weken', 'Every how many weeks')} value="1" required />
            <Field id="slot-hours" name="hours" label={web.t('Uren per keer (alle mensen samen)', 'Hours per session (all people together)')} value="8" required />
            <Field id="slot-from" name="from" type="date" label={web.t('Vanaf', 'From')} value={todayOf(ctx)} required />
            <Field id="slot-to" name="to" type="date" label={web.t('Tot en met (leeg: open)', 'Until (empty: open)')} value="" />
            <div><Button>{web.t('Slot toevoegen', 'Add slot')}</Button></div>
          </form>
        </>
      )}

      <h2 class="utrecht-heading-2">{web.t('Perioden', 'Periods')}</h2>
      <Periods web={web} periods={plan.periods} domainName={domainName} manage={manage} />
    </Layout>
  );
  return extra.status ? { status: extra.status, body } : body;
}

function FormErrors({ web, errors }: { web: Web; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <Alert kind="error">
      <p>{web.t('Niet opgeslagen:', 'Not saved:')}</p>
      <ul>{errors.map((e) => <li>{e}</li>)}</ul>
    </Alert>
  );
}

async function uploadedText(p: PageContext): Promise<string> {
  const raw = (p.request.body as Record<string, unknown> | undefined)?.plan as MultipartFile | MultipartFile[] | undefined;
  const part = Array.isArray(raw) ? raw[0] : raw;
  if (!part || part.type !== 'file') return '';
  return (await part.toBuffer()).toString('utf8');
}

export function capacityPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: '/capaciteit', permission: 'capacity.read', handler: (p) => capacityPage(ctx, p, { done: one(p.query.klaar) ? p.web.t('Opgeslagen.', 'Saved.') : undefined }) }),
    definePage({
      method: 'GET', url: '/capaciteit/plan.csv', permission: 'capacity.read',
      async handler(p) {
        p.reply.header('content-disposition', 'attachment; filename="capaciteitsplan.csv"').type('text/csv; charset=utf-8').send(await exportPlanCsv(ctx));
        return { sent: true };
      },
    }),
    definePage({
      method: 'POST', url: '/capaciteit/perioden', permission: 'capacity.manage',
      async handler(p) {
        const values = periodValues(p.form);
        try {
          await savePeriod(ctx, p.actor, values);
        } catch (err) {
          return capacityPage(ctx, p, { periodErrors: errorsOf(err), periodValues: values, status: 400 });
        }
        return { redirect: '/capaciteit?klaar=1' };
      },
    }),
    definePage({
      method: 'GET', url: '/capaciteit/perioden/:id', permission: 'capacity.manage',
      async handler(p) {
        const [plan, domains] = await Promise.all([readPlan(ctx.db), listDomains(ctx.db)]);
        const period = plan.periods.find((x) => x.id === p.params.id);
        if (!period) return { status: 404, body: <Layout web={p.web} title="404"><Alert kind="error">{p.web.t('Deze periode bestaat niet (meer).', 'This period does not exist (any more).')}</Alert></Layout> };
        return periodEditPage(p, period, domains);
      },
    }),
    definePage({
      method: 'POST', url: '/capaciteit/perioden/:id', permission: 'capacity.manage',
      async handler(p) {
        const values = periodValues(p.form);
        if (one(p.form.remove) === 'ja') {
          await removePeriod(ctx, p.actor, p.params.id!);
          return { redirect: '/capaciteit?klaar=1' };
        }
        try {
          await savePeriod(ctx, p.actor, values, p.params.id);
        } catch (err) {
          const domains = await listDomains(ctx.db);
          return periodEditPage(p, { id: p.params.id!, ...values }, domains, errorsOf(err));
        }
        return { redirect: '/capaciteit?klaar=1' };
      },
    }),
    definePage({
      method: 'POST', url: '/capaciteit/import', permission: 'capacity.manage',
      async handler(p) {
        const text = await uploadedText(p);
        const result = text.trim() === ''
          ? { periods: 0, problems: [{ line: 0, field: 'file', message: p.web.t('Kies een CSV-bestand met het plan.', 'Choose a CSV file with the plan.') }] }
          : await importPlanCsv(ctx, p.actor, text);
        if (result.problems.length > 0) return capacityPage(ctx, p, { problems: result.problems, status: 400 });
        return capacityPage(ctx, p, { done: p.web.t(`Plan ingelezen: ${result.periods} perioden.`, `Plan imported: ${result.periods} periods.`) });
      },
    }),
    definePage({
      method: 'POST', url: '/capaciteit/instellingen', permission: 'capacity.manage',
      async handler(p) {
        const percent = Number(one(p.form.sicknessPercent).replace(',', '.'));
        try {
          await updateSettings(ctx, p.actor, { formationFte: one(p.form.formationFte).replace(',', '.'), sicknessShare: Number.isFinite(percent) ? percent / 100 : Number.NaN });
        } catch (err) {
          return capacityPage(ctx, p, { formErrors: { form: 'settings', messages: errorsOf(err).map((e) => e.nl ?? e.message) }, status: 400 });
        }
        return { redirect: '/capaciteit?klaar=1' };
      },
    }),
    definePage({
      method: 'POST', url: '/capaciteit/slots', permission: 'capacity.manage',
      async handler(p) {
        try {
          await saveSlot(ctx, p.actor, {
            domain: one(p.form.domain), lane: one(p.form.lane), weekday: one(p.form.weekday), everyWeeks: one(p.form.everyWeeks),
            hours: one(p.form.hours).replace(',', '.'), from: one(p.form.from), to: one(p.form.to),
          });
        } catch (err) {
          return capacityPage(ctx, p, { formErrors: { form: 'slot', messages: errorsOf(err).map((e) => e.nl ?? e.message) }, status: 400 });
        }
        return { redirect: '/capaciteit?klaar=1' };
      },
    }),
    definePage({
      method: 'POST', url: '/capaciteit/slots/:id/verwijderen', permission: 'capacity.manage',
      async handler(p) {
        await removeSlot(ctx, p.actor, p.params.id!);
        return { redirect: '/capaciteit?klaar=1' };
      },
    }),
  ];
}

function periodEditPage(p: PageContext, period: { id: string } & (StoredPeriod | PeriodValues), domains: { id: string; name: string }[], errors?: FieldError[]) {
  const { web } = p;
  const values: PeriodValues = 'staffId' in period
    ? { person: period.person, login: period.login ?? '', domain: period.domain, kind: period.kind, from: period.from, to: period.to ?? '', hoursPerWeek: String(period.hoursPerWeek) }
    : period;
  const body = (
    <Layout web={web} title={web.t('Periode wijzigen', 'Change period')}>
      <p><a href="/capaciteit">{web.t('Terug naar het capaciteitsplan', 'Back to the capacity plan')}</a></p>
      {errors && <Alert kind="error">{web.t('De periode is niet opgeslagen. Verbeter de velden hieronder.', 'The period was not saved. Correct the fields below.')}</Alert>}
      <PeriodForm web={web} action={`/capaciteit/perioden/${period.id}`} values={values} domains={domains} errors={errors} submit={web.t('Opslaan', 'Save')} />
      <form method="post" action={`/capaciteit/perioden/${period.id}`}>
        <Csrf web={web} />
        <Button secondary name="remove" value="ja">{web.t('Periode verwijderen', 'Remove period')}</Button>
      </form>
    </Layout>
  );
  return errors ? { status: 400, body } : body;
}
