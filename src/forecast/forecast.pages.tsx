import { can } from '../auth/policy.ts';
import { LineChart } from '../dashboards/chart.tsx';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { Alert, Button, Csrf, Field, Select } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, many, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { extraHours, listScenarioViews, removeScenario, saveScenario, scenarioFromForm, type ScenarioForm, type ScenarioView } from './scenario.service.ts';
import { forecast, TARGET_DAYS, type ForecastRun } from './forecast.service.ts';
import type { OpenBand } from './queue.ts';

/**
 * /prognose: the backlog ahead per domain for the plan and the scenarios
 * chosen to compare — the tray and the wait of a complaint received each
 * week for 26 weeks with their 80% bands, the date the 3-week target is met,
 * the extra hours needed to meet it by a chosen date — and the scenarios
 * themselves (make, compare, remove).
 */
const COLOURS = ['#01689b', '#d52b1e', '#39870c', '#a90061'];
const MAX_COMPARED = 3;

const dateNl = (day: string | null, web: Web) =>
  day === null ? web.t('niet binnen 26 weken', 'not within 26 weeks') : new Date(`${day}T00:00:00Z`).toLocaleDateString(web.lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const band = (b: OpenBand, web: Web, unit = '') => {
  const v = (x: number | null) => (x === null ? web.t('later', 'later') : `${Math.round(x)}${unit}`);
  return `${v(b.p50)} (${v(b.p10)}–${v(b.p90)})`;
};
const weeksOf = (days: number | null) => (days === null ? null : Math.round((days / 7) * 10) / 10);

/** The week from which every domain meets the target (null when one does not within the horizon). */
export function overallTarget(run: ForecastRun): string | null {
  let latest = '';
  for (const d of run.result.domains) {
    if (d.targetMetFrom === null) return null;
    if (d.targetMetFrom > latest) latest = d.targetMetFrom;
  }
  return latest || null;
}

function TargetTable({ web, runs }: { web: Web; runs: ForecastRun[] }) {
  const domains = runs[0]!.domains;
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table" id="doel-tabel">
        <caption class="utrecht-table__caption">{web.t(`Vanaf wanneer wacht een nieuwe klacht (mediaan) hoogstens ${TARGET_DAYS / 7} weken?`, `From when does a new complaint wait (median) at most ${TARGET_DAYS / 7} weeks?`)}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">{web.t('Domein', 'Domain')}</th>
            {runs.map((r) => <th scope="col" class="utrecht-table__header-cell">{r.scenario.name}</th>)}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {domains.map((d) => (
            <tr class="utrecht-table__row" data-domain={d.id}>
              <th scope="row" class="utrecht-table__header-cell">{d.name}</th>
              {runs.map((r) => <td class="utrecht-table__cell">{dateNl(r.result.domains.find((x) => x.domain === d.id)?.targetMetFrom ?? null, web)}</td>)}
            </tr>
          ))}
          <tr class="utrecht-table__row" data-domain="alle">
            <th scope="row" class="utrecht-table__header-cell">{web.t('Alle domeinen', 'All domains')}</th>
            {runs.map((r) => <td class="utrecht-table__cell">{dateNl(overallTarget(r), web)}</td>)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function DomainTable({ web, run }: { web: Web; run: ForecastRun }) {
  const name = new Map(run.domains.map((d) => [d.id, d.name]));
  const th = (t: string) => <th scope="col" class="utrecht-table__header-cell">{t}</th>;
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{run.scenario.name}: {web.t('de bak en de wachttijd, mediaan (80%-band)', 'the tray and the wait, median (80% band)')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {th(web.t('Domein', 'Domain'))}{th(web.t('Bak nu', 'Tray now'))}{th(web.t('Bak over 13 weken', 'Tray in 13 weeks'))}{th(web.t('Bak over 26 weken', 'Tray in 26 weeks'))}
            {th(web.t('Wachttijd klacht van vandaag (dagen)', 'Wait of a complaint received today (days)'))}{th(web.t('Beschikbare uren per week', 'Available hours per week'))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {run.result.domains.map((d) => (
            <tr class="utrecht-table__row">
              <th scope="row" class="utrecht-table__header-cell">{name.get(d.domain) ?? d.domain}</th>
              <td class="utrecht-table__cell grip-number">{d.weeks[0]?.tray.p50 ?? 0}</td>
              <td class="utrecht-table__cell grip-number">{d.weeks[13] ? band(d.weeks[13].tray, web) : '—'}</td>
              <td class="utrecht-table__cell grip-number">{d.weeks[25] ? band(d.weeks[25].tray, web) : '—'}</td>
              <td class="utrecht-table__cell grip-number">{band(d.waitNowDays.regular, web)}</td>
              <td class="utrecht-table__cell grip-number">{Math.round(run.hoursPerWeek[d.domain]?.[1] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Charts({ web, runs }: { web: Web; runs: ForecastRun[] }) {
  const base = runs[0]!;
  const labels = base.result.total.map((w) => w.weekStart);
  const domainCharts = base.domains.map((dom) => ({
    dom,
    series: runs.flatMap((r, i) => {
      const d = r.result.domains.find((x) => x.domain === dom.id);
      if (!d) return [];
      const main = { name: `${r.scenario.name}: ${web.t('mediaan', 'median')}`, values: d.weeks.map((w) => weeksOf(w.regularWaitDays.p50)), colour: COLOURS[i % COLOURS.length]! };
      return i === 0
        ? [main, { name: `${r.scenario.name}: p90`, values: d.weeks.map((w) => weeksOf(w.regularWaitDays.p90)), colour: COLOURS[0]!, dashed: true }]
        : [main];
    }),
  }));
  return (
    <>
      <LineChart
        web={web} id="prognose-bak" yUnit={web.t('zaken', 'cases')}
        title={web.t('De bak (alle domeinen) aan het begin van elke week, mediaan; stippellijnen: 80%-band van het plan', 'The tray (all domains) at the start of each week, median; dashed: the plan\'s 80% band')}
        labels={labels}
        targets={[{ from: 200, to: 300, label: web.t('Streefband 200–300', 'Target band 200–300') }]}
        series={[
          ...runs.map((r, i) => ({ name: r.scenario.name, values: r.result.total.map((w) => w.tray.p50), colour: COLOURS[i % COLOURS.length]! })),
          { name: `${base.scenario.name}: p10`, values: base.result.total.map((w) => w.tray.p10), colour: COLOURS[0]!, dashed: true },
          { name: `${base.scenario.name}: p90`, values: base.result.total.map((w) => w.tray.p90), colour: COLOURS[0]!, dashed: true },
        ]}
      />
      <InflowChart web={web} run={base} />
      {domainCharts.map(({ dom, series }) => (
        <LineChart
          web={web} id={`prognose-wacht-${dom.id}`} yUnit={web.t('weken', 'weeks')} labels={labels} series={series}
          title={web.t(`${dom.name}: wachttijd tot toewijzing van een klacht die die week binnenkomt`, `${dom.name}: wait until assignment of a complaint received that week`)}
          targets={[{ from: TARGET_DAYS / 7, label: web.t('Doel: 3 weken', 'Target: 3 weeks') }]}
        />
      ))}
    </>
  );
}

/** Measured inflow of the last 26 weeks and the expected inflow of the next 26, all domains together. */
function InflowChart({ web, run }: { web: Web; run: ForecastRun }) {
  const ids = run.domains.map((d) => d.id);
  const past = new Map<string, number>();
  for (const id of ids) for (const w of run.inflowHistory?.[id] ?? []) past.set(w.week, (past.get(w.week) ?? 0) + w.count);
  const future = new Map<string, number>();
  for (const id of ids) for (const w of run.inflow[id] ?? []) future.set(w.week, (future.get(w.week) ?? 0) + w.mean);
  const labels = [...new Set([...past.keys(), ...future.keys()])].sort();
  return (
    <LineChart
      web={web} id="prognose-instroom" yUnit={web.t('zaken per week', 'cases per week')} labels={labels}
      title={web.t('Instroom per week (alle domeinen): gemeten en verwacht', 'Inflow per week (all domains): measured and expected')}
      series={[
        { name: web.t('Gemeten', 'Measured'), values: labels.map((l) => past.get(l) ?? null), colour: COLOURS[0]! },
        { name: web.t('Verwacht', 'Expected'), values: labels.map((l) => (future.has(l) ? Math.round(future.get(l)!) : null)), colour: COLOURS[1]!, dashed: true },
      ]}
    />
  );
}

function ScenarioFormView({ web, domains, values, errors }: { web: Web; domains: { id: string; name: string }[]; values: ScenarioForm; errors?: string[] }) {
  const domainOptions = [{ value: '', label: web.t('Alle domeinen', 'All domains') }, ...domains.map((d) => ({ value: d.id, label: d.name }))];
  const weekdays = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag'].map((d, i) => ({ value: String(i + 1), label: d }));
  const rhythm = [{ value: '', label: web.t('geen wijziging', 'no change') }, { value: '1', label: web.t('elke week', 'every week') }, { value: '2', label: web.t('om de week', 'every other week') }];
  const v = (k: keyof ScenarioForm) => values[k] ?? '';
  return (
    <form method="post" action="/prognose/scenarios" class="grip-form" noValidate id="scenario-form">
      <Csrf web={web} />
      {errors && errors.length > 0 && <Alert kind="error"><p>{web.t('Het scenario is niet opgeslagen:', 'The scenario was not saved:')}</p><ul>{errors.map((e) => <li>{e}</li>)}</ul></Alert>}
      <Field name="name" label={web.t('Naam van het scenario', 'Scenario name')} value={v('name')} required />
      <fieldset class="grip-fieldset">
        <legend>{web.t('Mensen aannemen', 'Hire people')}</legend>
        <Field name="hirePeople" label={web.t('Aantal mensen', 'Number of people')} value={v('hirePeople')} />
        <Field name="hireHours" label={web.t('Uren per week per persoon', 'Hours per week each')} value={v('hireHours') || '36'} />
        <Field name="hireFrom" type="date" label={web.t('Vanaf', 'From')} value={v('hireFrom')} />
        <Select name="hireDomain" label={web.t('Domein', 'Domain')} value={v('hireDomain')} options={domainOptions} />
        <Field name="hireOnboarding" label={web.t('Inwerken: weken op halve kracht', 'Onboarding: weeks at half capacity')} value={v('hireOnboarding') || '13'} />
      </fieldset>
      {(['pop', 'b'] as const).map((lane) => {
        const k = (field: string) => `${lane}${field}` as keyof ScenarioForm;
        const pop = lane === 'pop';
        return (
          <fieldset class="grip-fieldset">
            <legend>{pop ? web.t('POP-dag', 'POP day') : web.t('Vluchtstrook (B-sessie)', 'Fast lane (B session)')}</legend>
            <Select name={k('Every')} label={web.t('Ritme', 'Rhythm')} value={v(k('Every'))} options={rhythm} />
            <Select name={k('Weekday')} label={web.t('Dag', 'Day')} value={v(k('Weekday')) || (pop ? '3' : '5')} options={weekdays} />
            <Field name={k('Hours')} label={pop ? web.t('Uren per POP-dag (alle mensen samen)', 'Hours per POP day (all people)') : web.t('Uren per sessie (alle mensen samen)', 'Hours per session (all people)')}
              value={v(k('Hours')) || (pop ? '14,4' : '8')} />
            <Field name={k('From')} type="date" label={web.t('Vanaf', 'From')} value={v(k('From'))} />
            <Select name={k('Domain')} label={web.t('Domein', 'Domain')} value={v(k('Domain'))} options={domainOptions} />
          </fieldset>
        );
      })}
      <fieldset class="grip-fieldset">
        <legend>{web.t('Normpad en instroom', 'Norm path and inflow')}</legend>
        <Field name="normPercent" label={web.t('Meer zaken per uur (%)', 'More cases per hour (%)')} value={v('normPercent')} />
        <Field name="normFrom" type="date" label={web.t('Vanaf', 'From')} value={v('normFrom')} />
        <Field name="surgePercent" label={web.t('Instroompiek (% meer)', 'Inflow surge (% more)')} value={v('surgePercent')} />
        <Field name="surgeWeeks" label={web.t('Piek: aantal weken', 'Surge: weeks')} value={v('surgeWeeks')} />
        <Field name="surgeFrom" type="date" label={web.t('Piek vanaf', 'Surge from')} value={v('surgeFrom')} />
        <Field name="extendedPercent" label={web.t('Meer naar de UKB (% van de instroom)', 'More to the extended unit (% of inflow)')} value={v('extendedPercent')} />
      </fieldset>
      <div><Button>{web.t('Scenario opslaan en vergelijken', 'Save and compare scenario')}</Button></div>
    </form>
  );
}

function ScenarioList({ web, scenarios, compared, manage }: { web: Web; scenarios: ScenarioView[]; compared: string[]; manage: boolean }) {
  if (scenarios.length === 0) return <p>{web.t('Nog geen scenario’s.', 'No scenarios yet.')}</p>;
  return (
    <>
      <form method="get" action="/prognose" id="vergelijk-form">
        <fieldset class="grip-fieldset">
          <legend>{web.t(`Vergelijk met het plan (hoogstens ${MAX_COMPARED})`, `Compare with the plan (at most ${MAX_COMPARED})`)}</legend>
          {scenarios.map((s) => (
            <div class="grip-checkbox">
              <input type="checkbox" id={`s-${s.id}`} name="vergelijk" value={s.id} checked={compared.includes(s.id)} />
              <label for={`s-${s.id}`}>{s.name}</label> <span class="grip-muted">({s.summary.join('; ')} — {s.createdBy})</span>
            </div>
          ))}
        </fieldset>
        <Button secondary>{web.t('Vergelijken', 'Compare')}</Button>
      </form>
      {manage && (
        <ul class="grip-muted">
          {scenarios.map((s) => (
            <li>
              <form method="post" action={`/prognose/scenarios/${s.id}/verwijderen`} class="grip-inline-form">
                <Csrf web={web} />
                {s.name} <Button secondary>{web.t('Verwijderen', 'Remove')}<span class="grip-visually-hidden">: {s.name}</span></Button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

async function forecastPage(ctx: AppContext, p: PageContext, extra: { form?: ScenarioForm; errors?: string[]; status?: number } = {}) {
  const { web } = p;
  const scenarios = await listScenarioViews(ctx);
  const compared = many(p.query.vergelijk).filter((id) => scenarios.some((s) => s.id === id)).slice(0, MAX_COMPARED);
  const runs: ForecastRun[] = [await forecast(ctx, null)];
  for (const id of compared) {
    const s = scenarios.find((x) => x.id === id)!;
    runs.push(await forecast(ctx, { id: s.id, name: s.name, changes: s.changes }));
  }
  const base = runs[0]!;
  const manage = can(p.actor, 'capacity.manage');
  const extraDomain = one(p.query.domein);
  const extraDate = one(p.query.datum);
  let extraAnswer: string | null = null;
  if (extraDomain && extraDate) {
    try {
      const hours = await extraHours(ctx, extraDomain, extraDate);
      const name = base.domains.find((d) => d.id === extraDomain)?.name ?? extraDomain;
      extraAnswer = hours === null
        ? web.t(`${name}: ook met veel meer uren is het doel op ${extraDate} niet gehaald.`, `${name}: even many more hours do not meet the target by ${extraDate}.`)
        : hours === 0
          ? web.t(`${name}: het doel is met het plan al gehaald op ${extraDate}.`, `${name}: the plan already meets the target by ${extraDate}.`)
          : web.t(`${name}: ${hours} uur per week extra nodig (vanaf nu) om het doel op ${extraDate} te halen.`, `${name}: ${hours} extra hours per week (from now) to meet the target by ${extraDate}.`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      extraAnswer = err.message;
    }
  }
  const body = (
    <Layout web={web} title={web.t('Prognose van de bak', 'Backlog forecast')}>
      <p class="grip-muted">
        {web.t(
          `Gemaakt op ${new Date(base.madeAt).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' })} met ${base.result.paths} gesimuleerde verlopen over ${base.result.weeks} weken: het capaciteitsplan, de instroomprognose en de zaken per uur die elk domein de laatste weken haalde.`,
          `Made ${new Date(base.madeAt).toISOString()} with ${base.result.paths} simulated paths over ${base.result.weeks} weeks: the capacity plan, the inflow forecast and the cases per hour each domain achieved in recent weeks.`,
        )}{' '}
        <a href="/prognose/nauwkeurigheid">{web.t('Hoe goed klopten eerdere verwachtingen?', 'How good were earlier expectations?')}</a>
      </p>
      <TargetTable web={web} runs={runs} />
      {runs.map((r) => <DomainTable web={web} run={r} />)}
      <Charts web={web} runs={runs} />

      <h2 class="utrecht-heading-2">{web.t('Hoeveel uren extra zijn nodig?', 'How many extra hours are needed?')}</h2>
      {extraAnswer && <Alert kind="info"><p id="extra-uren">{extraAnswer}</p></Alert>}
      <form method="get" action="/prognose" class="grip-inline">
        {compared.map((id) => <input type="hidden" name="vergelijk" value={id} />)}
        <Select name="domein" label={web.t('Domein', 'Domain')} value={extraDomain} options={base.domains.map((d) => ({ value: d.id, label: d.name }))} />
        <Field name="datum" type="date" label={web.t('Doel gehaald op', 'Target met by')} value={extraDate} />
        <Button secondary>{web.t('Bereken', 'Calculate')}</Button>
      </form>

      <h2 class="utrecht-heading-2">{web.t('Scenario’s', 'Scenarios')}</h2>
      <ScenarioList web={web} scenarios={scenarios} compared={compared} manage={manage} />
      {manage && (
        <>
          <h3 class="utrecht-heading-3">{web.t('Nieuw scenario: het plan met deze wijzigingen', 'New scenario: the plan with these changes')}</h3>
          <ScenarioFormView web={web} domains={base.domains} values={extra.form ?? {}} errors={extra.errors} />
        </>
      )}

      <h2 class="utrecht-heading-2">{web.t('Wat de prognose uit de geschiedenis leerde', 'What the forecast learnt from history')}</h2>
      <ul>
        {base.learning.map((l) => (
          <li>
            {base.domains.find((d) => d.id === l.domain)?.name}: {(l.casesPerHour * 36).toFixed(1).replace('.', ',')} {web.t('zaken uit de bak per beschikbare fte-week', 'cases out of the tray per available FTE-week')}
            {!l.learnt
              ? web.t(' (geen geschiedenis om van te leren: aangenomen)', ' (no history to learn from: assumed)')
              : l.capacityBound ? '' : web.t(' (de bak was de laatste weken niet de grens: dit is de instroom)', ' (the tray was not the limit lately: this is the inflow)')}
            ; {web.t('instroom volgende week', 'inflow next week')} {Math.round(base.inflow[l.domain]?.[1]?.mean ?? 0)} ({Math.round(base.inflow[l.domain]?.[1]?.p10 ?? 0)}–{Math.round(base.inflow[l.domain]?.[1]?.p90 ?? 0)}).
          </li>
        ))}
      </ul>
    </Layout>
  );
  return extra.status ? { status: extra.status, body } : body;
}

export function forecastPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: '/prognose', permission: 'capacity.read', handler: (p) => forecastPage(ctx, p) }),
    definePage({
      method: 'POST', url: '/prognose/scenarios', permission: 'capacity.manage',
      async handler(p) {
        const form = scenarioFromForm(p.form);
        const saved = await saveScenario(ctx, p.actor, form, p.web);
        if ('errors' in saved) return forecastPage(ctx, p, { form, errors: saved.errors, status: 400 });
        return { redirect: `/prognose?vergelijk=${saved.id}` };
      },
    }),
    definePage({
      method: 'POST', url: '/prognose/scenarios/:id/verwijderen', permission: 'capacity.manage',
      async handler(p) {
        await removeScenario(ctx, p.actor, p.params.id!);
        return { redirect: '/prognose' };
      },
    }),
  ];
}
