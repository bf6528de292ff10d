import type { ComponentChildren } from 'preact';
import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { ZBulkAssign } from '../cases/case.schema.ts';
import { bulkAssign } from '../cases/case.transitions.ts';
import { HANDLING_TYPES } from '../core/lifecycle.ts';
import { expectedText } from '../forecast/expected.ts';
import { expectationsOf } from '../forecast/forecast.service.ts';
import { listDomains, listKeywords } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Csrf, errorFor, Field, formatDate, HANDLING_TEXT, LaneBadges, Select, weeks } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, many, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import type { TrayLaneFilter, TraySort } from './tray.repository.ts';
import {
  bulkSetLanes, getInvestigatorChoices, getTrayPage, staleCases, ZBulkSetLanes, ZTrayFilter,
  type BulkLaneResult, type InvestigatorChoice, type TrayPage, type TrayPageQuery,
} from './tray.service.ts';

/**
 * The coordinator's tray (de bak): one domain's waiting cases with filters,
 * sort orders and pages, and one form around the table for the bulk actions
 * (lane markers, assigning to an investigator). Works without JavaScript.
 */
const LANE_PARAM: Record<string, TrayLaneFilter> = { spoed: 'urgent', b: 'b', pop: 'pop', ob: 'ob', geen: 'none' };
const SORT_PARAM: Record<string, TraySort> = { prioriteit: 'priority', leeftijd: 'age', instantie: 'agency' };
const paramOf = <T extends string>(map: Record<string, T>, value: T) => Object.keys(map).find((k) => map[k] === value)!;
const FILTER_FIELDS: Record<string, string> = {
  domain: 'domein', unit: 'eenheid', lane: 'baan', minWeeks: 'weken', agency: 'instantie', keyword: 'trefwoord', sort: 'sorteer',
};
const LANE_TEXT: Record<string, [string, string]> = {
  urgent: ['Spoed', 'Urgent'], b: ['B (behandelingsduur)', 'B (handling time)'], pop: ['POP', 'POP'],
  ob: ['OB (onvoldoende belang)', 'OB (insufficient interest)'], none: ['Zonder markering', 'Without marker'],
};

interface Loaded {
  query: TrayPageQuery;
  filterErrors: FieldError[];
  domains: { id: string; name: string }[];
  keywords: { id: string; label: string }[];
}

/** Reads the filters from the query (GET) or the form's hidden fields (POST); a wrong value is named and ignored. */
async function load(ctx: AppContext, actor: Actor, source: Record<string, string | string[] | undefined>, web: Web): Promise<Loaded> {
  const [all, keywords] = await Promise.all([listDomains(ctx.db), listKeywords(ctx.db)]);
  // Coordinators and team managers act in their own domains only; the chooser offers those.
  const domains = all.filter((d) => mayActInDomain(actor, d.id));
  const raw = (name: string) => one(source[name]).trim();
  const ids = domains.map((d) => d.id);
  if (ids.length === 0) {
    throw new AppError('forbidden', web.t('U werkt in geen enkel domein. Vraag de beheerder om u aan een domein toe te voegen.', 'You work in no domain. Ask the administrator to add you to one.'));
  }
  const fallback = actor.domains.find((d) => ids.includes(d)) ?? ids[0] ?? '';
  const filterErrors: FieldError[] = [];
  const chosen = raw('domein') || fallback;
  if (!ids.includes(chosen)) filterErrors.push({ field: 'domein', message: web.t('U kunt alleen de bak van uw eigen domeinen openen; u ziet nu die van uw eerste domein.', 'You can only open the tray of your own domains; showing the tray of your first domain.') });
  const unit = raw('eenheid');
  const input: Record<string, unknown> = {
    domain: ids.includes(chosen) ? chosen : fallback,
    unit: unit === '' || unit === 'kb' ? 'standard' : unit === 'ukb' ? 'extended' : unit,
    lane: raw('baan') ? (LANE_PARAM[raw('baan')] ?? raw('baan')) : undefined,
    minWeeks: raw('weken') ? raw('weken').replace(',', '.') : undefined,
    agency: raw('instantie') || undefined,
    keyword: raw('trefwoord') || undefined,
    sort: raw('sorteer') ? (SORT_PARAM[raw('sorteer')] ?? raw('sorteer')) : undefined,
    after: raw('na') || undefined,
    before: raw('voor') || undefined,
  };
  let parsed = parseForm(ZTrayFilter, input, web);
  if (!parsed.ok) {
    for (const e of parsed.errors) {
      const key = e.field.split('.')[0]!;
      delete input[key];
      const message = key === 'minWeeks' ? web.t('Vul een aantal weken in tussen 0 en 520, zoals 3 of 2,5.', 'Enter a number of weeks between 0 and 520, like 3 or 2.5.') : e.message;
      filterErrors.push({ field: FILTER_FIELDS[key] ?? key, message });
    }
    parsed = parseForm(ZTrayFilter, input, web);
  }
  if (!parsed.ok) throw new AppError('validation', parsed.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  return { query: parsed.data, filterErrors, domains, keywords };
}

function filterParams(q: TrayPageQuery, paging = false): [string, string][] {
  const out: [string, string][] = [['domein', q.domain], ['eenheid', q.unit === 'extended' ? 'ukb' : 'kb']];
  if (q.lane) out.push(['baan', paramOf(LANE_PARAM, q.lane)]);
  if (q.minWeeks !== undefined) out.push(['weken', String(q.minWeeks)]);
  if (q.agency) out.push(['instantie', q.agency]);
  if (q.keyword) out.push(['trefwoord', q.keyword]);
  if (q.sort !== 'priority') out.push(['sorteer', paramOf(SORT_PARAM, q.sort)]);
  if (paging && q.after) out.push(['na', q.after]);
  if (paging && q.before) out.push(['voor', q.before]);
  return out;
}

const trayHref = (q: TrayPageQuery, extra: [string, string][] = []) => `/bak?${new URLSearchParams([...filterParams(q), ...extra])}`;

/** A selected case travels as `<id>:<version>`, the version the person saw. */
function caseRefs(values: string[]) {
  const refs = new Map<string, { id: string; version: number }>();
  for (const v of values) {
    const [id = '', version = ''] = v.split(':');
    refs.set(id, { id, version: /^\d+$/.test(version) ? Number(version) : 0 });
  }
  return [...refs.values()];
}

/** One message for the selection, whatever part of it was wrong. */
function withSelectionError(errors: FieldError[], selected: number, web: Web): FieldError[] {
  const rest = errors.filter((e) => e.field !== 'cases' && !e.field.startsWith('cases.'));
  if (rest.length === errors.length) return errors;
  const message = selected === 0
    ? web.t('Selecteer minstens één zaak in de tabel.', 'Select at least one case in the table.')
    : web.t('De selectie is niet geldig; laad de bak opnieuw.', 'The selection is not valid; reload the tray.');
  return [{ field: 'cases', message }, ...rest];
}

interface Outcome {
  errors?: FieldError[];
  values?: Record<string, string | string[]>;
  lanes?: BulkLaneResult;
}

const num = (n: number, web: Web) => n.toLocaleString(web.lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 2 });

function laneFailure(err: AppError, web: Web): string {
  if (err.code === 'version_conflict') return web.t('iemand anders heeft deze zaak intussen gewijzigd', 'someone else changed this case meanwhile');
  if (err.code === 'transition_forbidden') return web.t('deze zaak kan nu geen markering krijgen', 'this case cannot take a marker now');
  if (err.code === 'not_found') return web.t('deze zaak bestaat niet', 'this case does not exist');
  if (err.code === 'forbidden') return web.t('deze zaak hoort niet bij uw domeinen', 'this case is not in your domains');
  return err.message;
}

function Notice({ web, done, action, lanes }: { web: Web; done: string; action: string; lanes?: BulkLaneResult }) {
  if (lanes) {
    return (
      <Alert kind="error">
        <p>{web.t(`Markering bijgewerkt bij ${lanes.changed} zaken. Bij ${lanes.failed.length} zaken is het niet gelukt:`, `Marker updated on ${lanes.changed} cases. It failed on ${lanes.failed.length} cases:`)}</p>
        <ul>{lanes.failed.map((f) => <li>{f.dossierNumber}: {laneFailure(f.error, web)}</li>)}</ul>
      </Alert>
    );
  }
  const n = /^\d{1,4}$/.test(done) ? Number(done) : null;
  if (n === null) return null;
  const text = action === 'toegewezen'
    ? web.t(`${n} ${n === 1 ? 'zaak' : 'zaken'} toegewezen.`, `${n} ${n === 1 ? 'case' : 'cases'} assigned.`)
    : web.t(`Markering bijgewerkt bij ${n} ${n === 1 ? 'zaak' : 'zaken'}.`, `Marker updated on ${n} ${n === 1 ? 'case' : 'cases'}.`);
  return <Alert kind="ok">{text}</Alert>;
}

function FilterForm({ web, data }: { web: Web; data: Loaded }) {
  const q = data.query;
  const err = (name: string) => errorFor(data.filterErrors, name);
  const opts = (map: Record<string, [string, string]>, keys: string[]) => keys.map((k) => ({ value: k, label: web.t(...map[k]!) }));
  return (
    <form method="get" action="/bak" class="grip-inline" aria-labelledby="filters-kop">
      <Select name="domein" label={web.t('Domein', 'Domain')} value={q.domain} error={err('domein')} options={data.domains.map((d) => ({ value: d.id, label: d.name }))} />
      <Select name="eenheid" label={web.t('Eenheid', 'Unit')} value={q.unit === 'extended' ? 'ukb' : 'kb'} error={err('eenheid')}
        options={[{ value: 'kb', label: web.t('KB (standaard)', 'KB (standard)') }, { value: 'ukb', label: web.t('UKB (uitgebreid)', 'UKB (extended)') }]} />
      <Select name="baan" label={web.t('Markering', 'Marker')} value={q.lane ? paramOf(LANE_PARAM, q.lane) : ''} error={err('baan')} emptyLabel={web.t('Alle', 'All')}
        options={opts(LANE_TEXT, ['urgent', 'b', 'pop', 'ob', 'none']).map((o) => ({ ...o, value: paramOf(LANE_PARAM, o.value as TrayLaneFilter) }))} />
      <Field name="weken" label={web.t('Minimaal weken oud', 'At least weeks old')} value={q.minWeeks === undefined ? '' : String(q.minWeeks).replace('.', web.lang === 'nl' ? ',' : '.')} error={err('weken')} />
      <Field name="instantie" label={web.t('Instantie bevat', 'Agency contains')} value={q.agency ?? ''} error={err('instantie')} />
      <Select name="trefwoord" label={web.t('Trefwoord', 'Keyword')} value={q.keyword ?? ''} error={err('trefwoord')} emptyLabel={web.t('Alle', 'All')} options={data.keywords.map((k) => ({ value: k.id, label: k.label }))} />
      <Select name="sorteer" label={web.t('Sorteren op', 'Sort by')} value={paramOf(SORT_PARAM, q.sort)} error={err('sorteer')}
        options={[{ value: 'prioriteit', label: web.t('Prioriteit', 'Priority') }, { value: 'leeftijd', label: web.t('Leeftijd (oudste eerst)', 'Age (oldest first)') }, { value: 'instantie', label: web.t('Instantie', 'Agency') }]} />
      <div>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">{web.t('Toon', 'Show')}</button>{' '}
        <a href={`/bak?domein=${encodeURIComponent(q.domain)}&eenheid=${q.unit === 'extended' ? 'ukb' : 'kb'}`}>{web.t('Filters wissen', 'Clear filters')}</a>
      </div>
    </form>
  );
}

function Counts({ web, page }: { web: Web; page: TrayPage }) {
  const c = page.counts;
  const items: [string, number | string][] = [
    [web.t('Totaal in deze bak', 'Total in this tray'), num(c.total, web)],
    [web.t('Spoed', 'Urgent'), num(c.urgent, web)], ['B', num(c.b, web)], ['POP', num(c.pop, web)], ['OB', num(c.ob, web)],
    [web.t('Zonder markering', 'Without marker'), num(c.none, web)],
    [web.t('Oudste zaak wacht (weken)', 'Oldest case waits (weeks)'), c.oldestWaitDays === null ? '–' : weeks(c.oldestWaitDays)],
  ];
  return <dl class="grip-counts">{items.map(([k, v]) => <div><dt>{k}</dt><dd>{v}</dd></div>)}</dl>;
}

function TrayTable({ web, page, q, data, selected, expected }: { web: Web; page: TrayPage; q: TrayPageQuery; data: Loaded; selected: Set<string>; expected: Map<string, { p10: Date; p50: Date; p90: Date }> }) {
  const keywordLabel = new Map(data.keywords.map((k) => [k.id, k.label]));
  const sortLink = (sort: TraySort, label: string) => (q.sort === sort ? label : <a href={trayHref({ ...q, sort })}>{label}</a>);
  const ariaSort = (sort: TraySort) => (q.sort === sort ? 'ascending' : undefined);
  const th = (children: ComponentChildren, sort?: TraySort, numeric = false) => (
    <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`} aria-sort={sort && ariaSort(sort)}>{children}</th>
  );
  const sortName = { priority: web.t('prioriteit', 'priority'), age: web.t('leeftijd', 'age'), agency: web.t('instantie', 'agency') }[q.sort];
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table grip-tray">
        <caption class="utrecht-table__caption">
          {web.t(`Zaken in de bak, gesorteerd op ${sortName}: ${page.items.length} van ${num(page.matching, web)} getoond`, `Cases in the tray, sorted by ${sortName}: showing ${page.items.length} of ${num(page.matching, web)}`)}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {th(web.t('Selecteer', 'Select'))}
            {th(web.t('Dossier', 'Dossier'))}
            {th(sortLink('age', web.t('Ontvangen', 'Received')), 'age')}
            {th(web.t('Wacht (weken)', 'Waiting (weeks)'), undefined, true)}
            {th(web.t('Verwachte toewijzing (80%)', 'Expected assignment (80%)'))}
            {th(sortLink('agency', web.t('Instantie', 'Agency')), 'agency')}
            {th(web.t('Onderwerp', 'Subject'))}
            {th(sortLink('priority', web.t('Markering', 'Marker')), 'priority')}
            {th(web.t('Trefwoorden', 'Keywords'))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {page.items.map((c) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">
                <input type="checkbox" class="utrecht-checkbox" name="case" value={`${c.id}:${c.version}`} checked={selected.has(c.id)}
                  aria-label={web.t(`Selecteer ${c.dossierNumber}`, `Select ${c.dossierNumber}`)} />
              </td>
              <td class="utrecht-table__cell"><a href={`/zaken/${c.id}`}>{c.dossierNumber}</a></td>
              <td class="utrecht-table__cell">{formatDate(c.receivedAt, web)}</td>
              <td class="utrecht-table__cell grip-number">{weeks(c.waitingDays)}</td>
              <td class="utrecht-table__cell">{expectedText(expected.get(c.id), web)}</td>
              <td class="utrecht-table__cell">{c.agency}</td>
              <td class="utrecht-table__cell">{c.subject}</td>
              <td class="utrecht-table__cell"><LaneBadges lanes={c.lanes} web={web} /></td>
              <td class="utrecht-table__cell">{c.keywords.map((k) => keywordLabel.get(k) ?? k).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvestigatorChoices({ web, people, value, error }: { web: Web; people: InvestigatorChoice[]; value: string; error?: string }) {
  return (
    <fieldset class="utrecht-form-fieldset" aria-describedby={error ? 'f-investigatorId-error' : undefined}>
      <legend class="utrecht-form-label">{web.t('Klachtonderzoeker *', 'Investigator *')}</legend>
      {error && <p id="f-investigatorId-error" class="grip-field-error">{error}</p>}
      {people.length === 0 ? (
        <p>{web.t('Er zijn geen klachtonderzoekers in dit domein en deze eenheid.', 'There are no investigators in this domain and unit.')}</p>
      ) : (
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{web.t('Klachtonderzoekers met hun huidige werkvoorraad', 'Investigators with their current workload')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">{web.t('Kies', 'Choose')}</th>
              <th scope="col" class="utrecht-table__header-cell">{web.t('Naam', 'Name')}</th>
              <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('Zaken toegewezen of in behandeling', 'Cases assigned or in progress')}</th>
              <th scope="col" class="utrecht-table__header-cell grip-number">{web.t('Fte', 'FTE')}</th>
              <th scope="col" class="utrecht-table__header-cell">{web.t('Specialismen', 'Skills')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {people.map((person) => (
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell">
                  <input type="radio" id={`inv-${person.id}`} name="investigatorId" value={person.id} checked={value === person.id} />
                </td>
                <th scope="row" class="utrecht-table__cell"><label for={`inv-${person.id}`}>{person.name}</label></th>
                <td class="utrecht-table__cell grip-number">{person.load}</td>
                <td class="utrecht-table__cell grip-number">{num(person.fte, web)}</td>
                <td class="utrecht-table__cell">{person.skills.join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </fieldset>
  );
}

async function renderTray(ctx: AppContext, p: PageContext, data: Loaded, outcome: Outcome = {}) {
  const { web, actor } = p;
  const q = data.query;
  const [page, people] = await Promise.all([getTrayPage(ctx, q), getInvestigatorChoices(ctx, q.domain, q.unit)]);
  const expected = await expectationsOf(ctx, page.items.map((c) => c.id));
  const values = outcome.values ?? {};
  const errors = outcome.errors ?? [];
  const err = (name: string) => errorFor(errors, name);
  const selected = new Set(caseRefs(many(values.case)).map((r) => r.id));
  const domainName = data.domains.find((d) => d.id === q.domain)?.name ?? q.domain;
  const unitName = q.unit === 'extended' ? 'UKB' : 'KB';
  return (
    <Layout web={web} title={web.t(`De bak — ${domainName} (${unitName})`, `The tray — ${domainName} (${unitName})`)}>
      <Notice web={web} done={one(p.query.gedaan)} action={one(p.query.actie)} lanes={outcome.lanes} />
      <h2 id="filters-kop" class="utrecht-heading-2">{web.t('Kiezen en filteren', 'Choose and filter')}</h2>
      <FilterForm web={web} data={data} />
      <h2 class="utrecht-heading-2">{web.t('Aantallen', 'Counts')}</h2>
      <Counts web={web} page={page} />
      <h2 class="utrecht-heading-2">{web.t('Zaken', 'Cases')}</h2>
      {page.items.length === 0 ? (
        <Alert kind="info">{page.counts.total === 0 ? web.t('De bak is leeg.', 'The tray is empty.') : web.t('Geen zaken voldoen aan de filters.', 'No cases match the filters.')}</Alert>
      ) : (
        <form method="post" action="/bak/toewijzen" novalidate>
          <Csrf web={web} />
          {filterParams(q, true).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
          {errors.length > 0 && (
            <Alert kind="error">
              <p>{web.t('Er is niets gewijzigd:', 'Nothing was changed:')}</p>
              <ul>{errors.map((e) => <li>{e.message}</li>)}</ul>
            </Alert>
          )}
          {err('cases') && <p id="f-cases-error" class="grip-field-error">{err('cases')}</p>}
          <TrayTable web={web} page={page} q={q} data={data} selected={selected} expected={expected} />
          <nav class="grip-pager" aria-label={web.t('Pagina’s', 'Pages')}>
            {page.prev && <a href={trayHref(q, [['voor', page.prev]])} rel="prev">{web.t('← Vorige pagina', '← Previous page')}</a>}
            {page.next && <a href={trayHref(q, [['na', page.next]])} rel="next">{web.t('Volgende pagina →', 'Next page →')}</a>}
          </nav>
          <h2 class="utrecht-heading-2">{web.t('Geselecteerde zaken toewijzen', 'Assign the selected cases')}</h2>
          <div class="grip-form">
            <InvestigatorChoices web={web} people={people} value={one(values.investigatorId)} error={err('investigatorId')} />
            <Select name="handlingType" label={web.t('Soort afhandeling', 'Handling type')} value={one(values.handlingType) || 'intervention'} error={err('handlingType')}
              options={HANDLING_TYPES.map((h) => ({ value: h, label: web.t(...HANDLING_TEXT[h]!) }))} />
            <Field name="proposal" multiline required label={web.t('Richtinggevend voorstel', 'Directional proposal')} value={one(values.proposal)} error={err('proposal')}
              hint={web.t('Geldt voor alle geselecteerde zaken.', 'Applies to all selected cases.')} />
            <div><button type="submit" class="utrecht-button utrecht-button--primary-action">{web.t('Toewijzen', 'Assign')}</button></div>
          </div>
          {can(actor, 'cases.lanes') && (
            <>
              <h2 class="utrecht-heading-2">{web.t('Markering van de geselecteerde zaken', 'Marker of the selected cases')}</h2>
              <div class="grip-inline">
                <Select name="lane" label={web.t('Markering', 'Marker')} value={one(values.lane)} error={err('lane')} emptyLabel={web.t('Kies…', 'Choose…')}
                  options={(['urgent', 'b', 'pop', 'ob'] as const).map((l) => ({ value: l, label: web.t(...LANE_TEXT[l]!) }))} />
                <Select name="action" label={web.t('Handeling', 'Action')} value={one(values.action) || 'set'} error={err('action')}
                  options={[{ value: 'set', label: web.t('Zetten', 'Set') }, { value: 'clear', label: web.t('Weghalen', 'Clear') }]} />
                <div><button type="submit" formaction="/bak/markeringen" class="utrecht-button utrecht-button--secondary-action">{web.t('Markering bijwerken', 'Update marker')}</button></div>
              </div>
            </>
          )}
        </form>
      )}
    </Layout>
  );
}

const asResult = async (node: Promise<ReturnType<typeof Layout>>, status: number) => ({ status, body: await node });

export function trayPages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/bak', permission: 'cases.assign',
      async handler(p) {
        const data = await load(ctx, p.actor, p.query, p.web);
        return asResult(renderTray(ctx, p, data), data.filterErrors.length ? 400 : 200);
      },
    }),
    definePage({
      method: 'POST', url: '/bak/toewijzen', permission: 'cases.assign',
      async handler(p) {
        const data = await load(ctx, p.actor, p.form, p.web);
        const refs = caseRefs(many(p.form.case));
        const input = { cases: refs, investigatorId: one(p.form.investigatorId), proposal: one(p.form.proposal), handlingType: one(p.form.handlingType) || undefined };
        const parsed = parseForm(ZBulkAssign, input, p.web);
        if (!parsed.ok) {
          const errors = withSelectionError(parsed.errors, refs.length, p.web).map((e) =>
            e.field === 'investigatorId' ? { ...e, message: p.web.t('Kies een klachtonderzoeker.', 'Choose an investigator.') }
              : e.field === 'proposal' && !input.proposal.trim() ? { ...e, message: p.web.t('Vul een richtinggevend voorstel in.', 'Enter a directional proposal.') } : e);
          return asResult(renderTray(ctx, p, data, { errors, values: p.form }), 400);
        }
        try {
          await bulkAssign(ctx, p.actor, parsed.data);
        } catch (err) {
          if (err instanceof AppError && (err.code === 'version_conflict' || err.code === 'transition_forbidden')) {
            const stale = (await staleCases(ctx, parsed.data.cases)).join(', ');
            const message = p.web.t(
              `Iemand anders heeft intussen ${stale || 'een van de zaken'} gewijzigd of uit de bak gehaald. Er is niets toegewezen; de bak hieronder is bijgewerkt. Kijk de selectie na en probeer het opnieuw.`,
              `Someone else changed ${stale || 'one of the cases'} or took it from the tray meanwhile. Nothing was assigned; the tray below is up to date. Check the selection and try again.`,
            );
            return asResult(renderTray(ctx, p, data, { errors: [{ field: '_form', message }], values: p.form }), 409);
          }
          const status = err instanceof AppError ? err.status : 400;
          return asResult(renderTray(ctx, p, data, { errors: serviceErrors(err, p.web), values: p.form }), status);
        }
        return { redirect: trayHref(data.query, [['gedaan', String(refs.length)], ['actie', 'toegewezen']]) };
      },
    }),
    definePage({
      method: 'POST', url: '/bak/markeringen', permission: 'cases.lanes',
      async handler(p) {
        const data = await load(ctx, p.actor, p.form, p.web);
        const refs = caseRefs(many(p.form.case));
        const parsed = parseForm(ZBulkSetLanes, { cases: refs, lane: one(p.form.lane), action: one(p.form.action) }, p.web);
        if (!parsed.ok) {
          const errors = withSelectionError(parsed.errors, refs.length, p.web).map((e) =>
            e.field === 'lane' ? { ...e, message: p.web.t('Kies een markering.', 'Choose a marker.') } : e);
          return asResult(renderTray(ctx, p, data, { errors, values: p.form }), 400);
        }
        const result = await bulkSetLanes(ctx, p.actor, parsed.data);
        if (result.failed.length) {
          const keep = new Set(result.failed.map((f) => f.id));
          const values = { ...p.form, case: many(p.form.case).filter((v) => keep.has(v.split(':')[0]!)) };
          return asResult(renderTray(ctx, p, data, { lanes: result, values }), 409);
        }
        return { redirect: trayHref(data.query, [['gedaan', String(result.changed + result.unchanged)], ['actie', 'markering']]) };
      },
    }),
  ];
}
