import { can, type Actor } from '../auth/policy.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import { Alert, Button, Csrf, errorFor, formatDate, Select } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { one, type PageContext, type Web } from '../web/page.ts';
import { ZContactQuery, type ContactView } from './contact.schema.ts';
import { getContactForActor, listContactsPage } from './contact.service.ts';
import { cell, head, isUuid, short, telHref } from './contact.view.tsx';

/**
 * /telefoon/terugbellen: a domain's open callback requests (TBV), the first
 * due first, each with a form to record the result of calling back. The
 * routes are in contact.pages.tsx.
 */

/** Who gets the form: the front office for every domain, others for their own domains (as markCallbackDone decides). */
function mayCallBack(actor: Actor, domainId: string): boolean {
  return can(actor, 'contacts.callback') && (actor.roles.includes('admin') || (domainId !== null && actor.domains.includes(domainId)));
}

export interface CallbackFailure { id: string | null; errors: FieldError[]; values: Record<string, string | string[]> }

export async function CallbackPage(ctx: AppContext, p: PageContext, failed?: CallbackFailure, status = 200) {
  const { web, actor } = p;
  const domains = await listDomains(ctx.db);
  // No choice yet: the reader's first domain, or every domain; an explicit empty (or unknown) choice is every domain.
  // By default one's own domain; who serves several (front office, managers) sees them all.
  const asked = 'domein' in p.query ? one(p.query.domein) : (actor.domains.length === 1 ? actor.domains[0]! : '');
  const domain = domains.some((d) => d.id === asked) ? asked : '';
  const query = { domain: domain || undefined, openCallbacks: 'true', limit: LIMITS.listPage };
  const paged = ZContactQuery.safeParse({ ...query, cursor: one(p.query.na) || undefined });
  const page = await listContactsPage(ctx, actor, paged.success ? paged.data : ZContactQuery.parse(query));
  const domainName = new Map(domains.map((d) => [d.id, d.name]));
  const doneId = one(p.query.gedaan);
  const done = status === 200 && isUuid(doneId) ? await getContactForActor(ctx, actor, doneId).catch(() => null) : null;
  const inRow = failed !== undefined && page.items.some((c) => c.id === failed.id);
  const pageError = failed && (inRow
    ? web.t('Het resultaat is nog niet goed ingevuld; zie de melding bij het terugbelverzoek.', 'The result is not filled in correctly yet; see the message at the callback request.')
    : failed.errors[0]?.message);
  const which = domain ? domainName.get(domain) ?? domain : web.t('alle domeinen', 'all domains');
  const body = (
    <Layout web={web} title={web.t('Terugbelverzoeken', 'Callback requests')}>
      {done && <Alert kind="ok">{web.t(`Het terugbelverzoek van ${done.caller.name ?? 'de beller'} is afgehandeld.`, `The callback request of ${done.caller.name ?? 'the caller'} is done.`)}</Alert>}
      {pageError && <Alert kind="error">{pageError}</Alert>}
      <p>{web.t('Open terugbelverzoeken (TBV), het eerst te bellen bovenaan. Een terugbelverzoek is geen dossier en telt niet mee in de productie.', 'Open callback requests (TBV), the first due on top. A callback request is not a dossier and does not count in production.')}</p>
      <form method="get" action="/telefoon/terugbellen" class="grip-inline" aria-label={web.t('Filter op domein', 'Filter by domain')}>
        <Select name="domein" label={web.t('Domein', 'Domain')} value={domain} emptyLabel={web.t('Alle domeinen', 'All domains')} options={domains.map((d) => ({ value: d.id, label: d.name }))} />
        <Button secondary>{web.t('Tonen', 'Show')}</Button>
      </form>
      {page.items.length === 0 ? (
        <Alert kind="ok">{web.t(`Geen open terugbelverzoeken voor ${which}.`, `No open callback requests for ${which}.`)}</Alert>
      ) : (
        <div class="grip-table-wrap">
          <table class="utrecht-table" id="terugbelverzoeken">
            <caption class="utrecht-table__caption">{web.t(`${page.items.length} open terugbelverzoeken — ${which}`, `${page.items.length} open callback requests — ${which}`)}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {head(web.t('Terugbellen vóór', 'Call back by'))}{head(web.t('Beller', 'Caller'))}{head(web.t('Telefoon', 'Phone'))}{head(web.t('Domein', 'Domain'))}
                {head(web.t('Instantie', 'Agency'))}{head(web.t('Waarover', 'About'))}{head(web.t('Afhandelen', 'Finish'))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {page.items.map((c) => <CallbackRow c={c} web={web} domainName={domainName.get(c.callback!.domain) ?? c.callback!.domain} domainFilter={domain} mayFinish={mayCallBack(actor, c.callback!.domain)} failed={failed?.id === c.id ? failed : undefined} />)}
            </tbody>
          </table>
        </div>
      )}
      {page.nextCursor && (
        <nav class="grip-pager" aria-label={web.t('Pagina’s', 'Pages')}>
          <a href={`/telefoon/terugbellen?domein=${encodeURIComponent(domain)}&na=${encodeURIComponent(page.nextCursor)}`}>{web.t('Volgende pagina', 'Next page')}</a>
        </nav>
      )}
    </Layout>
  );
  return status === 200 ? body : { status, body };
}

function CallbackRow({ c, web, domainName, domainFilter, mayFinish, failed }: {
  c: ContactView; web: Web; domainName: string; domainFilter: string; mayFinish: boolean; failed?: CallbackFailure;
}) {
  const cb = c.callback!;
  const error = errorFor(failed?.errors, 'result');
  const fieldId = `f-result-${c.id}`;
  return (
    <tr class="utrecht-table__row">
      <td class="utrecht-table__cell">
        {formatDate(cb.dueAt, web, true)} {cb.overdue && <span class="grip-lane grip-lane--urgent">{web.t('te laat', 'overdue')}</span>}
      </td>
      <th scope="row" class="utrecht-table__cell" id={`beller-${c.id}`}><a href={`/telefoon/gesprek/${c.id}`}>{c.caller.name ?? web.t('Onbekende beller', 'Unknown caller')}</a></th>
      {cell(c.caller.phone ? <a href={telHref(c.caller.phone)}>{c.caller.phone}</a> : '–')}
      {cell(domainName)}
      {cell(c.agency?.name ?? '–')}
      {cell(short(c.summary))}
      <td class="utrecht-table__cell">
        {mayFinish ? (
          <form method="post" action={`/telefoon/terugbellen/${c.id}/klaar`} class="grip-row-form" novalidate>
            <Csrf web={web} />
            <input type="hidden" name="domein" value={domainFilter} />
            <label class="utrecht-form-label" for={fieldId}>{web.t('Resultaat', 'Result')}<span aria-hidden="true"> *</span></label>
            <input id={fieldId} name="result" class="utrecht-textbox" required value={failed ? one(failed.values.result) : ''}
              aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${fieldId}-error` : undefined} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-describedby={`beller-${c.id}`}>{web.t('Teruggebeld', 'Called back')}</button>
            {error && <p id={`${fieldId}-error`} class="grip-field-error">{error}</p>}
          </form>
        ) : <span class="grip-muted">{web.t('Alleen het domein zelf of de klachtbehandelaars', 'Only the domain itself or front office')}</span>}
      </td>
    </tr>
  );
}

