import { can, mayActInDomain, type Actor } from '../auth/policy.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { Alert, Button, Csrf, Field, Select } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { amsterdamDay } from '../notices/calllist.report.ts';
import { ZEditRosterDay, ZGenerateRoster, ZMonth } from './roster.schema.ts';
import {
  choicesFor, dateNl, editDay, generateMonth, onCallToday, readMonth, type RosterMonth, type RosterMonthDay, type UnavailableReason,
} from './roster.service.ts';

/**
 * /rooster: the on-call roster. Front office sees today's person per domain
 * (and, when nobody is available, goes straight to a callback request); below
 * it a domain's month, which coordinators and team managers of that domain
 * edit per day and (re)generate, keeping the days they edited by hand.
 */
type Domain = { id: string; name: string };

const monthNl = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthEn = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayText = (web: Web, day: string) => web.lang === 'nl'
  ? dateNl(day)
  : new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const callbackLink = (domainId?: string) => `/telefoon?uitkomst=callback${domainId ? `&domein=${encodeURIComponent(domainId)}` : ''}`;
const monthUrl = (domainId: string, month: string, extra = '') => `/rooster?domein=${encodeURIComponent(domainId)}&maand=${month}${extra}`;
const mayManage = (actor: Actor, domainId: string) => can(actor, 'roster.manage') && mayActInDomain(actor, domainId);

type Today = Awaited<ReturnType<typeof onCallToday>>;
type Choices = Awaited<ReturnType<typeof choicesFor>>;

/**
 * A callback request for a domain in one click, for those who register calls;
 * others (investigators, managers) read the same words without the link.
 */
function CallbackLink({ mayRegister, domainId, children }: { mayRegister: boolean; domainId?: string; children: string }) {
  return mayRegister ? <a href={callbackLink(domainId)}>{children}</a> : <>{children}</>;
}

function TodayOnCall({ web, today, mayRegister }: { web: Web; today: Today; mayRegister: boolean }) {
  return (
    <section aria-labelledby="vandaag">
      <h2 class="utrecht-heading-2" id="vandaag">{web.t('Vandaag van dienst', 'On call today')}: {dayText(web, today.day)}</h2>
      {!today.workingDay ? (
        <Alert>
          {web.t('Vandaag is geen werkdag: er is niemand van dienst. ', 'Today is not a working day: nobody is on call. ')}
          <CallbackLink mayRegister={mayRegister}>{web.t('Maak een terugbelverzoek', 'Make a callback request')}</CallbackLink>
        </Alert>
      ) : (
        <div class="grip-table-wrap">
          <table class="utrecht-table utrecht-table--html-table" id="vandaag-tabel">
            <caption class="utrecht-table__caption">{web.t('Naar wie de klachtbehandelaar een beller mag doorverbinden', 'Whom front office may put a caller through to')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">{web.t('Domein', 'Domain')}</th>
                <th scope="col" class="utrecht-table__header-cell">{web.t('Onderzoeker van dienst', 'Investigator on call')}</th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {today.domains.map((d) => (
                <tr class="utrecht-table__row" data-domein={d.domain.id}>
                  <th scope="row" class="utrecht-table__header-cell">{d.domain.name}</th>
                  <td class="utrecht-table__cell">
                    {d.investigator
                      ? d.investigator.name
                      : (
                        <CallbackLink mayRegister={mayRegister} domainId={d.domain.id}>
                          {web.t('Geen onderzoeker beschikbaar: maak een terugbelverzoek', 'No investigator available: make a callback request')}
                        </CallbackLink>
                      )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MonthChooser({ web, domains, domainId, month, monthError }: { web: Web; domains: Domain[]; domainId: string; month: string; monthError?: string }) {
  return (
    <form method="get" action="/rooster" class="grip-inline">
      <Select name="domein" label={web.t('Domein', 'Domain')} value={domainId} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
      <Field name="maand" type="month" label={web.t('Maand (JJJJ-MM)', 'Month (YYYY-MM)')} value={month} error={monthError} />
      <Button secondary>{web.t('Toon', 'Show')}</Button>
    </form>
  );
}

const UNAVAILABLE_TEXT: Record<UnavailableReason, [string, string]> = {
  absent: ['afwezig volgens het capaciteitsplan', 'absent according to the capacity plan'],
  notInvestigator: ['geen actieve onderzoeker van dit domein meer', 'no longer an active investigator of this domain'],
};

/** A day put on someone by hand who can no longer take calls that day: nobody is on call until it is chosen again. */
function UnavailableFlag({ web, unavailable, mayChoose }: { web: Web; unavailable: NonNullable<RosterMonthDay['unavailable']>; mayChoose: boolean }) {
  const { person, reason } = unavailable;
  const [nl, en] = UNAVAILABLE_TEXT[reason];
  return (
    <p class="grip-field-error">
      {web.t(`Met de hand ingeroosterd: ${person.name}, maar ${nl}.`, `Put on by hand: ${person.name}, but ${en}.`)}
      {mayChoose ? web.t(' Kies iemand anders.', ' Choose someone else.') : ''}
    </p>
  );
}

function MonthTable({ web, roster, choices }: { web: Web; roster: RosterMonth; choices: Choices | null }) {
  const title = web.t(`Rooster ${roster.domain.name}, ${monthNl(roster.month)}`, `Roster ${roster.domain.name}, ${monthEn(roster.month)}`);
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table utrecht-table--html-table" id="maand-tabel">
        <caption class="utrecht-table__caption">{title}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">{web.t('Werkdag', 'Working day')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Onderzoeker van dienst', 'Investigator on call')}</th>
            <th scope="col" class="utrecht-table__header-cell">{web.t('Met de hand gewijzigd', 'Edited by hand')}</th>
            {choices && <th scope="col" class="utrecht-table__header-cell">{web.t('Wijzigen', 'Change')}</th>}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {roster.days.map((d) => {
            const id = `f-dag-${d.date}`;
            return (
              <tr class="utrecht-table__row" data-dag={d.date}>
                <th scope="row" class="utrecht-table__header-cell">{dayText(web, d.date)}</th>
                <td class="utrecht-table__cell">
                  {d.investigator?.name ?? <em>{web.t('Niemand beschikbaar (terugbelverzoek)', 'Nobody available (callback request)')}</em>}
                  {d.unavailable && <UnavailableFlag web={web} unavailable={d.unavailable} mayChoose={choices !== null} />}
                </td>
                <td class="utrecht-table__cell">{d.editedBy ? web.t(`Ja, door ${d.editedBy.name}`, `Yes, by ${d.editedBy.name}`) : ''}</td>
                {choices && (
                  <td class="utrecht-table__cell">
                    <form method="post" action={`/rooster/${encodeURIComponent(roster.domain.id)}/${d.date}`} class="grip-row-form">
                      <Csrf web={web} />
                      <label for={id} class="grip-visually-hidden">{web.t(`Onderzoeker op ${dayText(web, d.date)}`, `Investigator on ${dayText(web, d.date)}`)}</label>
                      <select id={id} name="investigatorId" class="utrecht-select" required>
                        {d.investigator === null && <option value="">{web.t('Kies een onderzoeker', 'Choose an investigator')}</option>}
                        {choices.investigators.map((inv) => (
                          <option value={inv.id} selected={inv.id === d.investigator?.id}>
                            {inv.name}{choices.absent(inv.id, d.date) ? web.t(' (afwezig)', ' (absent)') : ''}
                          </option>
                        ))}
                      </select>
                      <Button secondary>{web.t('Opslaan', 'Save')}<span class="grip-visually-hidden">: {dayText(web, d.date)}</span></Button>
                    </form>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface PageExtra { status?: number; error?: string; done?: string; domainId?: string; month?: string }

async function rosterPage(ctx: AppContext, p: PageContext, extra: PageExtra = {}) {
  const { web, actor } = p;
  const domains = await listDomains(ctx.db);
  const thisMonth = amsterdamDay(ctx.clock()).slice(0, 7);
  const askedDomain = extra.domainId ?? one(p.query.domein);
  const domainId = askedDomain || (domains.find((d) => actor.domains.includes(d.id)) ?? domains[0])?.id || '';
  const askedMonth = extra.month ?? one(p.query.maand);
  const monthOk = askedMonth === '' || ZMonth.safeParse(askedMonth).success;
  const month = askedMonth !== '' && monthOk ? askedMonth : thisMonth;
  const domain = domains.find((d) => d.id === domainId);
  let status = extra.status ?? 200;
  if (!monthOk) status = 400;
  if (!domain) status = 404;
  const roster = domain ? await readMonth(ctx, domain.id, month) : null;
  const manage = domain !== undefined && mayManage(actor, domain.id);
  const flagged = roster?.days.filter((d) => d.unavailable !== null).length ?? 0;
  const [today, choices] = await Promise.all([onCallToday(ctx), roster && manage ? choicesFor(ctx, roster.domain.id, roster.month) : null]);
  const body = (
    <Layout web={web} title={web.t('Rooster van dienst', 'On-call roster')}>
      {extra.done && <Alert kind="ok">{extra.done}</Alert>}
      {extra.error && <Alert kind="error">{extra.error}</Alert>}
      <TodayOnCall web={web} today={today} mayRegister={can(actor, 'contacts.register')} />

      <section aria-labelledby="maandrooster">
        <h2 class="utrecht-heading-2" id="maandrooster">{web.t('Maandrooster', 'Monthly roster')}</h2>
        <MonthChooser web={web} domains={domains} domainId={domainId} month={monthOk ? month : askedMonth}
          monthError={monthOk ? undefined : web.t('Vul een maand in als JJJJ-MM, bijvoorbeeld 2024-05.', 'Enter a month as YYYY-MM, for example 2024-05.')} />
        {!domain && <Alert kind="error">{web.t(`Onbekend domein: ${domainId}. Kies een domein uit de lijst.`, `Unknown domain: ${domainId}. Choose a domain from the list.`)}</Alert>}
        {roster && (
          <>
            <p class="grip-muted">
              {web.t(
                'Het rooster rouleert eerlijk over de onderzoekers van het domein: wie deze maand het minst aan de beurt was, is het eerst weer aan de beurt, en niemand staat ingeroosterd op een dag dat hij of zij volgens het capaciteitsplan afwezig is. Is niemand beschikbaar, dan maakt de klachtbehandelaar een terugbelverzoek.',
                'The roster rotates fairly over the domain\'s investigators: whoever had the fewest turns this month goes next, and nobody is on call on a day they are absent in the capacity plan. When nobody is available, front office makes a callback request.',
              )}
            </p>
            {manage && (
              <form method="post" action={`/rooster/${encodeURIComponent(roster.domain.id)}/genereren?maand=${roster.month}`} class="grip-actions">
                <Csrf web={web} />
                <Button>{web.t('Maand (opnieuw) indelen', 'Plan the month (again)')}</Button>
                <span class="grip-muted">{web.t('Met de hand gewijzigde dagen blijven staan.', 'Days edited by hand are kept.')}</span>
              </form>
            )}
            {manage && flagged > 0 && (
              <Alert kind="error">
                {web.t(
                  `${flagged === 1 ? 'Op 1 dag staat' : `Op ${flagged} dagen staat`} met de hand iemand ingeroosterd die volgens het capaciteitsplan afwezig is of geen actieve onderzoeker van dit domein meer is. Daar is nu niemand van dienst: kies iemand anders.`,
                  `On ${flagged === 1 ? '1 day' : `${flagged} days`} someone is on call by hand who is absent according to the capacity plan or no longer an active investigator of this domain. Nobody is on call there now: choose someone else.`,
                )}
              </Alert>
            )}
            {roster.days.length === 0
              ? <p>{web.t('Deze maand heeft geen werkdagen.', 'This month has no working days.')}</p>
              : <MonthTable web={web} roster={roster} choices={choices} />}
          </>
        )}
      </section>
    </Layout>
  );
  return status === 200 ? body : { status, body };
}

/** A refusal from the service as a message on the page, in the page's language. */
function refusal(err: unknown, web: Web): { status: number; error: string } {
  if (!(err instanceof AppError)) throw err;
  return { status: err.status, error: serviceErrors(err, web).map((e) => e.message).join(' ') };
}

export function rosterPages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/rooster', permission: 'roster.read',
      handler: (p) => rosterPage(ctx, p, { done: one(p.query.klaar) ? p.web.t('Het rooster is bijgewerkt.', 'The roster has been updated.') : undefined }),
    }),
    definePage({
      method: 'POST', url: '/rooster/:domain/genereren', permission: 'roster.manage',
      async handler(p) {
        const parsed = parseForm(ZGenerateRoster, { domain: p.params.domain, month: one(p.query.maand) }, p.web);
        if (!parsed.ok) return rosterPage(ctx, p, { status: 400, error: p.web.t('Kies een geldige maand (JJJJ-MM).', 'Choose a valid month (YYYY-MM).'), domainId: p.params.domain, month: '' });
        try {
          await generateMonth(ctx, p.actor, parsed.data);
        } catch (err) {
          return rosterPage(ctx, p, { ...refusal(err, p.web), domainId: parsed.data.domain, month: parsed.data.month });
        }
        return { redirect: monthUrl(parsed.data.domain, parsed.data.month, '&klaar=1') };
      },
    }),
    definePage({
      method: 'POST', url: '/rooster/:domain/:day', permission: 'roster.manage',
      async handler(p) {
        const day = p.params.day ?? '';
        const parsed = parseForm(ZEditRosterDay, { domain: p.params.domain, day, investigatorId: one(p.form.investigatorId) }, p.web);
        const month = /^\d{4}-\d{2}/.test(day) ? day.slice(0, 7) : '';
        if (!parsed.ok) {
          const message = parsed.errors.some((e) => e.field === 'investigatorId')
            ? p.web.t('Kies een onderzoeker.', 'Choose an investigator.')
            : p.web.t('Deze dag bestaat niet.', 'This day does not exist.');
          return rosterPage(ctx, p, { status: 400, error: message, domainId: p.params.domain, month });
        }
        try {
          await editDay(ctx, p.actor, parsed.data);
        } catch (err) {
          return rosterPage(ctx, p, { ...refusal(err, p.web), domainId: parsed.data.domain, month });
        }
        return { redirect: monthUrl(parsed.data.domain, month, '&klaar=1') };
      },
    }),
  ];
}
