import { can, type Actor } from '../auth/policy.ts';
import type { CaseContacts } from '../cases/case.page.data.ts';
import { Csrf, formatDate } from '../web/components.tsx';
import type { Web } from '../web/page.ts';
import { visibleIn, type MatchReason } from './contact.match.ts';
import { cell, head, OUTCOME_TEXT, short } from './contact.view.tsx';
import { contactScopeOf } from './contact.service.ts';

/**
 * The case page's part about phone contacts: those linked to the case, and
 * earlier unlinked contacts of the same petitioner with a button to link one
 * (DOMAIN.md, "Phone channel": the written dossier links to the call). Each
 * reader sees only the contacts the API would show them. The page's loader
 * reads them per reader with caseContactsFor (contact.service.ts), scoped in
 * the query; the filter here keeps the view safe whatever it is given.
 */
const REASON_TEXT: Record<MatchReason, [string, string]> = {
  phone: ['zelfde telefoonnummer', 'same phone number'],
  email: ['zelfde e-mailadres', 'same e-mail address'],
  name: ['zelfde naam en instantie', 'same name and agency'],
};

/** Earlier unlinked contacts of the petitioner, each with a button that links it to this case. */
export function ContactSuggestions({ contacts, caseId, web, actor }: { contacts: CaseContacts; caseId: string; web: Web; actor: Actor }) {
  if (!can(actor, 'contacts.register')) return null;
  const scope = contactScopeOf(actor);
  const shown = contacts.suggested.filter((m) => visibleIn(scope, m.contact));
  if (shown.length === 0) return null;
  return (
    <section class="grip-card" aria-labelledby="eerdere-gesprekken-kop" id="eerdere-gesprekken">
      <h2 id="eerdere-gesprekken-kop" class="utrecht-heading-2">{web.t('Eerdere telefoongesprekken van deze verzoeker', 'Earlier phone calls of this petitioner')}</h2>
      <p>{web.t('Nog niet aan een dossier gekoppeld, met hetzelfde telefoonnummer of e-mailadres, of met dezelfde naam over dezelfde instantie. Koppel het gesprek dat tot deze klacht leidde, dan is niets dubbel geregistreerd.', 'Not linked to a dossier yet, with the same phone number or e-mail address, or the same name about the same agency. Link the call that led to this complaint, so nothing is registered twice.')}</p>
      <div class="grip-table-wrap">
          <table class="utrecht-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {head(web.t('Gesprek', 'Call'))}{head(web.t('Beller', 'Caller'))}{head(web.t('Instantie', 'Agency'))}{head(web.t('Waarover', 'About'))}
                {head(web.t('Uitkomst', 'Outcome'))}{head(web.t('Overeenkomst', 'Match'))}{head(web.t('Koppelen', 'Link'))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {shown.map(({ contact: c, reasons }) => (
                <tr class="utrecht-table__row">
                  <th scope="row" class="utrecht-table__cell" id={`gesprek-${c.id}`}><a href={`/telefoon/gesprek/${c.id}`}>{formatDate(c.at, web, true)}</a></th>
                  {cell([c.caller.name, c.caller.phone, c.caller.email].filter(Boolean).join(', ') || '–')}
                  {cell(c.agency ?? '–')}
                  {cell(short(c.summary))}
                  {cell(web.t(...OUTCOME_TEXT[c.outcome]))}
                  {cell(reasons.map((r) => web.t(...REASON_TEXT[r])).join(', '))}
                  <td class="utrecht-table__cell">
                    <form method="post" action={`/telefoon/gesprek/${c.id}/koppelen`} class="grip-row-form">
                      <Csrf web={web} />
                      <input type="hidden" name="caseId" value={caseId} />
                      <button type="submit" class="utrecht-button utrecht-button--primary-action" aria-describedby={`gesprek-${c.id}`}>{web.t('Koppelen', 'Link')}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
    </section>
  );
}

/** The phone contacts linked to this case, as far as the reader may see them. */
export function LinkedContacts({ contacts, web, actor }: { contacts: CaseContacts; web: Web; actor: Actor }) {
  if (!can(actor, 'contacts.read')) return null;
  const scope = contactScopeOf(actor);
  const shown = contacts.linked.filter((c) => visibleIn(scope, c));
  return (
    <>
      <h3 class="utrecht-heading-3">{web.t('Telefoongesprekken', 'Phone calls')}</h3>
      {shown.length === 0 ? <p>{web.t('Geen gekoppelde gesprekken.', 'No linked calls.')}</p> : (
        <ul id="gekoppelde-gesprekken">
          {shown.map((c) => (
            <li><a href={`/telefoon/gesprek/${c.id}`}>{formatDate(c.at, web, true)}</a>: {c.caller.name ?? web.t('onbekende beller', 'unknown caller')} — {short(c.summary, 80)} <span class="grip-muted">({web.t(...OUTCOME_TEXT[c.outcome])})</span></li>
          ))}
        </ul>
      )}
    </>
  );
}
