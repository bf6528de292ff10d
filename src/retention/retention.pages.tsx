import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, type FieldError } from '../shared/errors.ts';
import { Alert, Button, Csrf, errorFor, Field, formatDate } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef } from '../web/page.ts';
import { anonymiseDue, retentionReport, writeRetentionSettings } from './retention.service.ts';
import { ZRetentionSettings, type HoldReason } from './retention.ts';

/**
 * /privacy/bewaartermijn (privacy officer): the retention period, the dry-run
 * report, and anonymising exactly what the report showed. The button posts
 * the report's cutoff and fingerprint; a selection that changed since is
 * refused and the new report shown.
 */
export const RETENTION_URL = '/privacy/bewaartermijn';
/** The page lists this many dossiers; the counts and the CLI cover them all. */
export const LISTED = 500;

const HOLD_TEXT: Record<HoldReason, [string, string]> = {
  notClosed: ['niet afgesloten', 'not closed'],
  anonymised: ['al geanonimiseerd', 'anonymised already'],
  withinPeriod: ['binnen de termijn', 'within the period'],
  activityAfterClosing: ['na het afsluiten nog iets gebeurd (nazorg, notitie, cluster, escalatie) binnen de termijn', 'activity after closing (aftercare, note, cluster, escalation) within the period'],
  openCluster: ['in een cluster dat nog loopt', 'in a cluster that is still open'],
  openCallback: ['een terugbelverzoek staat nog open', 'a callback is still open'],
  noticePending: ['een bericht aan de verzoeker is nog onderweg (brief niet afgedrukt, e-mail niet verstuurd)', 'a notice to the petitioner is still on its way (letter not printed, e-mail not sent)'],
};

interface Extra {
  settingsErrors?: FieldError[];
  monthsValue?: string;
  applyErrors?: FieldError[];
}

async function retentionPage(ctx: AppContext, p: PageContext, extra: Extra = {}) {
  const { web, query } = p;
  const [report, domains] = await Promise.all([retentionReport(ctx), listDomains(ctx.db)]);
  const domainName = (id: string | null) => (id === null ? web.t('(geen domein)', '(no domain)') : domains.find((d) => d.id === id)?.name ?? id);
  const n = report.due.length;
  const done = one(query.geanonimiseerd);
  const people = /^\d+$/.test(one(query.verzoekers)) ? one(query.verzoekers) : '0';
  const held = Object.entries(report.held) as [HoldReason, number][];
  const body = (
    <Layout web={web} title={web.t('Bewaartermijn', 'Retention period')}>
      <p>{web.t(
        'Een afgesloten dossier bewaart de gegevens van de verzoeker tot de bewaartermijn na het (laatste) afsluiten verstreken is. Daarna worden naam, adres, e-mail en telefoon van de verzoeker verwijderd, net als de vrije teksten (onderwerp, omschrijving, notities, nazorg, registratie, bijlagen, berichten). Wat de cijfers tellen blijft: datums, domein, eenheid, behandelaar, uitkomst en markeringen.',
        'A closed dossier keeps the petitioner\'s data until the retention period after its (latest) closing has passed. Then the petitioner\'s name, address, e-mail and phone are removed, as are the free texts (subject, description, notes, aftercare, registration, attachments, notices). What the figures count stays: dates, domain, unit, handler, outcome and markers.',
      )}</p>
      {one(query.opgeslagen) === '1' && <Alert kind="ok">{web.t('De bewaartermijn is opgeslagen.', 'The retention period is saved.')}</Alert>}
      {/^\d+$/.test(done) && (
        <Alert kind="ok">{web.t(
          `${done} dossiers zijn geanonimiseerd, en ${people} verzoekers (van wie geen dossier meer bewaard wordt).`,
          `${done} dossiers have been anonymised, and ${people} petitioners (with no dossier kept any more).`,
        )}</Alert>
      )}

      <h2 class="utrecht-heading-2">{web.t('Termijn', 'Period')}</h2>
      {extra.settingsErrors && <Alert kind="error">{web.t('De termijn is niet opgeslagen. Verbeter het veld hieronder.', 'The period was not saved. Correct the field below.')}</Alert>}
      <form method="post" action={`${RETENTION_URL}/instellingen`} class="grip-form">
        <Csrf web={web} />
        <Field
          name="months" type="number" required label={web.t('Bewaartermijn in maanden na het afsluiten', 'Retention period in months after closing')}
          value={extra.monthsValue ?? String(report.months)} error={errorFor(extra.settingsErrors, 'months')}
          hint={web.t('Tussen 6 en 120 maanden. Standaard 24.', 'Between 6 and 120 months. Default 24.')}
        />
        <Button secondary>{web.t('Termijn opslaan', 'Save period')}</Button>
      </form>

      <h2 class="utrecht-heading-2">{web.t('Overzicht (proefrun)', 'Report (dry run)')}</h2>
      {extra.applyErrors && <Alert kind="error">{extra.applyErrors.map((e) => e.message).join(' ')}</Alert>}
      <p id="retentie-samenvatting">{web.t(
        `Termijn ${report.months} maanden: aan de beurt zijn dossiers die op of vóór ${formatDate(report.cutoff, web, true)} zijn afgesloten en waarin sindsdien niets meer is gebeurd. Nu ${n} dossiers.`,
        `Period ${report.months} months: due are dossiers closed on or before ${formatDate(report.cutoff, web, true)} with nothing happening since. Now ${n} dossiers.`,
      )}</p>
      {held.length > 0 && (
        <>
          <p>{web.t('Afgesloten vóór die datum maar nog bewaard:', 'Closed before that date but still kept:')}</p>
          <ul id="retentie-aangehouden">{held.map(([reason, count]) => <li>{`${web.t(...HOLD_TEXT[reason])}: ${count}`}</li>)}</ul>
        </>
      )}
      {n > 0 && (
        <>
          <div class="grip-table-wrap">
            <table class="utrecht-table utrecht-table--html-table" id="retentie-per-domein">
              <caption class="utrecht-table__caption">{web.t('Aan de beurt, per domein en jaar van afsluiten', 'Due, per domain and year of closing')}</caption>
              <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                {[web.t('Domein', 'Domain'), web.t('Jaar', 'Year'), web.t('Dossiers', 'Dossiers')].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
              </tr></thead>
              <tbody class="utrecht-table__body">
                {report.byDomainAndYear.map((r) => (
                  <tr class="utrecht-table__row">
                    <td class="utrecht-table__cell">{domainName(r.domainId)}</td>
                    <td class="utrecht-table__cell">{String(r.year)}</td>
                    <td class="utrecht-table__cell">{String(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 class="utrecht-heading-3">{web.t('Anonimiseren', 'Anonymise')}</h3>
          <p>{web.t(
            `Dit verwijdert de gegevens van de verzoeker en de vrije teksten uit deze ${n} dossiers. Dat kan niet ongedaan worden gemaakt. Is het overzicht intussen veranderd, dan gebeurt er niets en ziet u het nieuwe overzicht.`,
            `This removes the petitioner's data and the free texts from these ${n} dossiers. It cannot be undone. If the report changed meanwhile, nothing happens and you see the new report.`,
          )}</p>
          <form method="post" action={`${RETENTION_URL}/anonimiseren`} class="grip-form">
            <Csrf web={web} />
            <input type="hidden" name="cutoff" value={report.cutoff.toISOString()} />
            <input type="hidden" name="fingerprint" value={report.fingerprint} />
            <Button>{web.t(`Anonimiseren (${n} dossiers)`, `Anonymise (${n} dossiers)`)}</Button>
          </form>
          <div class="grip-table-wrap">
            <table class="utrecht-table utrecht-table--html-table" id="retentie-dossiers">
              <caption class="utrecht-table__caption">{n > LISTED
                ? web.t(`De eerste ${LISTED} van ${n} dossiers (oudste eerst; \`grip retention\` toont ze allemaal)`, `The first ${LISTED} of ${n} dossiers (oldest first; \`grip retention\` lists them all)`)
                : web.t('De dossiers (oudste eerst)', 'The dossiers (oldest first)')}</caption>
              <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                {[web.t('Dossier', 'Dossier'), web.t('Afgesloten', 'Closed'), web.t('Domein', 'Domain')].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
              </tr></thead>
              <tbody class="utrecht-table__body">
                {report.due.slice(0, LISTED).map((c) => (
                  <tr class="utrecht-table__row">
                    <td class="utrecht-table__cell">{c.dossierNumber}</td>
                    <td class="utrecht-table__cell">{formatDate(c.closedAt, web)}</td>
                    <td class="utrecht-table__cell">{domainName(c.domainId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
  return extra.settingsErrors || extra.applyErrors ? { status: extra.applyErrors ? 409 : 400, body } : body;
}

export function retentionPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: RETENTION_URL, permission: 'retention.manage', handler: (p) => retentionPage(ctx, p) }),
    definePage({
      method: 'POST', url: `${RETENTION_URL}/instellingen`, permission: 'retention.manage',
      async handler(p) {
        const raw = one(p.form.months).trim();
        const parsed = parseForm(ZRetentionSettings, { months: raw === '' ? undefined : Number(raw.replace(',', '.')) }, p.web);
        if (!parsed.ok || raw === '') {
          const errors = parsed.ok ? [{ field: 'months', message: p.web.t('Vul dit veld in.', 'Please fill in this field.') }] : parsed.errors;
          return retentionPage(ctx, p, { settingsErrors: errors, monthsValue: raw });
        }
        await writeRetentionSettings(ctx.db, parsed.data);
        return { redirect: `${RETENTION_URL}?opgeslagen=1` };
      },
    }),
    definePage({
      method: 'POST', url: `${RETENTION_URL}/anonimiseren`, permission: 'retention.manage',
      async handler(p) {
        const cutoff = new Date(one(p.form.cutoff));
        const shown = one(p.form.fingerprint);
        // Only what this page itself posts: a moment Grip can have reported (PostgreSQL refuses dates before 4713 BC), and a fingerprint.
        if (Number.isNaN(cutoff.getTime()) || cutoff.getUTCFullYear() < 1900 || !/^[0-9a-f]{16}$/.test(shown)) {
          const message = p.web.t('Bekijk eerst het overzicht en anonimiseer vanaf deze pagina.', 'Look at the report first and anonymise from this page.');
          return retentionPage(ctx, p, { applyErrors: [{ field: '_form', message }] });
        }
        try {
          const result = await anonymiseDue(ctx, { actorId: p.actor.id, expected: { cutoff, fingerprint: shown } });
          return { redirect: `${RETENTION_URL}?geanonimiseerd=${result.cases}&verzoekers=${result.petitioners}` };
        } catch (err) {
          if (err instanceof AppError && err.code === 'version_conflict') return retentionPage(ctx, p, { applyErrors: serviceErrors(err, p.web) });
          throw err;
        }
      },
    }),
  ];
}
