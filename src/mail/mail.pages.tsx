import { can } from '../auth/policy.ts';
import type { AppContext } from '../shared/context.ts';
import { recentWeekmailRuns } from '../weekmail/weekmail.service.ts';
import { Alert, formatDate } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type Web } from '../web/page.ts';
import { getMailForActor, getMailPage, type MailStatus } from './mail.service.ts';
import type { MailRow } from './mail.table.ts';

/**
 * Postvak uit: every message Grip sent or is about to send, with its status.
 * Admins see all; directors every message to staff; team managers their own
 * and those to the staff of their domains; investigators and coordinators
 * their own (without SMTP this is where they read their weekly overview).
 * Messages to petitioners are their case's personal data: front office and
 * directors see those about the cases they may read (mailScopeOf).
 */
const KIND_TEXT: Record<string, [string, string]> = {
  weekmail: ['Weekoverzicht', 'Weekly overview'],
};
const kindText = (kind: string, web: Web) => (KIND_TEXT[kind] ? web.t(...KIND_TEXT[kind]) : kind);

type StatusRow = Pick<MailRow, 'sent_at' | 'transport' | 'delivery_ref' | 'last_error' | 'next_attempt_at' | 'attempts'> & { status: MailStatus };

function statusText(m: StatusRow, web: Web): string {
  switch (m.status) {
    case 'sent':
      return web.t(`Verzonden ${formatDate(m.sent_at, web, true)}`, `Sent ${formatDate(m.sent_at, web, true)}`);
    case 'kept':
      return web.t(`Bewaard in de map postvak uit ${formatDate(m.sent_at, web, true)}`, `Kept in the outbox folder ${formatDate(m.sent_at, web, true)}`);
    case 'waiting':
      return web.t('Wacht op verzending', 'Waiting to be sent');
    case 'retrying':
      return web.t(
        `Mislukt na ${m.attempts} ${m.attempts === 1 ? 'poging' : 'pogingen'}, nieuwe poging ${formatDate(m.next_attempt_at, web, true)}: ${m.last_error}`,
        `Failed after ${m.attempts} ${m.attempts === 1 ? 'attempt' : 'attempts'}, next attempt ${formatDate(m.next_attempt_at, web, true)}: ${m.last_error}`,
      );
    case 'failed':
      return web.t(`Mislukt, opgegeven na ${m.attempts} pogingen: ${m.last_error}`, `Failed, given up after ${m.attempts} attempts: ${m.last_error}`);
  }
}

export function mailPages(ctx: AppContext) {
  return [
    definePage({
      method: 'GET', url: '/postvak-uit', permission: 'mail.read',
      async handler(p) {
        const web = p.web;
        const cursor = one(p.query.na) || undefined;
        const [page, runs] = await Promise.all([
          getMailPage(ctx, p.actor, cursor),
          can(p.actor, 'mail.readAll') ? recentWeekmailRuns(ctx, 4) : Promise.resolve([]),
        ]);
        const c = page.counts;
        return (
          <Layout web={web} title={web.t('Postvak uit', 'Outbox')}>
            <p>
              {page.reach === 'all'
                ? web.t('Elk bericht dat Grip verstuurt, met zijn status. Zonder SMTP-server blijven berichten bewaard in de map postvak uit en hier.', 'Every message Grip sends, with its status. Without an SMTP server, messages are kept in the outbox folder and here.')
                : page.reach === 'staff'
                  ? web.t('Elk bericht dat Grip aan medewerkers verstuurt, en de berichten aan verzoekers over de zaken van uw domeinen, met hun status.', 'Every message Grip sends to staff, and the messages to petitioners about the cases of your domains, with their status.')
                : page.reach === 'domains'
                  ? web.t('De berichten die Grip stuurt aan u en aan de medewerkers van uw domeinen, met hun status.', 'The messages Grip sends to you and to the staff of your domains, with their status.')
                  : page.reach === 'petitioners'
                    ? web.t('De berichten die Grip aan verzoekers stuurt over de zaken van uw domeinen (ontvangstbevestigingen, uitstelberichten en reacties) en aan u, met hun status.', 'The messages Grip sends to petitioners about the cases of your domains (receipts, delay notices and reactions) and to you, with their status.')
                    : web.t('De berichten die Grip aan u stuurde, zoals uw weekoverzicht.', 'The messages Grip sent you, such as your weekly overview.')}
            </p>
            <dl class="grip-counts">
              <div><dt>{web.t('Verzonden', 'Sent')}</dt><dd>{c.sent}</dd></div>
              <div><dt>{web.t('Bewaard in de map', 'Kept in the folder')}</dt><dd>{c.kept}</dd></div>
              <div><dt>{web.t('Wachtend', 'Waiting')}</dt><dd>{c.waiting}</dd></div>
              <div><dt>{web.t('Mislukt', 'Failed')}</dt><dd>{c.failed}</dd></div>
            </dl>
            {runs.length > 0 && (
              <div class="grip-table-wrap">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{web.t('Weekoverzichten van de laatste weken', 'Weekly overviews of recent weeks')}</caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Week', 'Week')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Opgesteld', 'Produced')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Berichten', 'Messages')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Geen bericht (geen e-mailadres)', 'No message (no e-mail address)')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Geen bericht (overzicht niet te maken)', 'No message (overview could not be made)')}</th>
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">
                    {runs.map((r) => (
                      <tr class="utrecht-table__row">
                        <td class="utrecht-table__cell">{r.week}</td>
                        <td class="utrecht-table__cell">{formatDate(r.produced_at, web, true)}</td>
                        <td class="utrecht-table__cell grip-number">{r.queued}</td>
                        <td class="utrecht-table__cell">{r.skipped.length ? r.skipped.join(', ') : '—'}</td>
                        <td class="utrecht-table__cell">{r.failed.length ? r.failed.join(', ') : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {page.items.length === 0 ? <Alert>{web.t('Er zijn (nog) geen berichten.', 'There are no messages (yet).')}</Alert> : (
              <div class="grip-table-wrap">
                <table class="utrecht-table">
                  <caption class="utrecht-table__caption">{web.t('Berichten, nieuwste eerst', 'Messages, newest first')}</caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Tijd', 'Time')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Soort', 'Kind')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Aan', 'To')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Onderwerp', 'Subject')}</th>
                      <th scope="col" class="utrecht-table__header-cell">{web.t('Status', 'Status')}</th>
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">
                    {page.items.map((m) => (
                      <tr class="utrecht-table__row">
                        <td class="utrecht-table__cell">{formatDate(m.created_at, web, true)}</td>
                        <td class="utrecht-table__cell">{kindText(m.kind, web)}</td>
                        <td class="utrecht-table__cell">{m.recipient}</td>
                        <td class="utrecht-table__cell"><a href={`/postvak-uit/${m.id}`}>{m.subject}</a></td>
                        <td class="utrecht-table__cell">{statusText(m, web)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {(page.next || cursor) && (
              <nav class="grip-pager" aria-label={web.t('Pagina’s', 'Pages')}>
                {cursor && <a href="/postvak-uit">{web.t('← Nieuwste berichten', '← Newest messages')}</a>}
                {page.next && <a href={`/postvak-uit?${new URLSearchParams({ na: page.next })}`} rel="next">{web.t('Oudere berichten →', 'Older messages →')}</a>}
              </nav>
            )}
          </Layout>
        );
      },
    }),
    definePage({
      method: 'GET', url: '/postvak-uit/:id', permission: 'mail.read',
      async handler(p) {
        const web = p.web;
        const m = await getMailForActor(ctx, p.actor, p.params.id!);
        return (
          <Layout web={web} title={m.subject}>
            <p><a href="/postvak-uit">{web.t('← Postvak uit', '← Outbox')}</a></p>
            <dl class="grip-facts">
              <dt>{web.t('Aan', 'To')}</dt>
              <dd>{m.recipient}</dd>
              <dt>{web.t('Soort', 'Kind')}</dt>
              <dd>{kindText(m.kind, web)}</dd>
              <dt>{web.t('Gemaakt', 'Made')}</dt>
              <dd>{formatDate(m.created_at, web, true)}</dd>
              <dt>{web.t('Status', 'Status')}</dt>
              <dd class="grip-status">{statusText(m, web)}</dd>
              {m.delivery_ref && <dt>{m.transport === 'outbox' ? web.t('Bestand', 'File') : web.t('Berichtkenmerk', 'Message id')}</dt>}
              {m.delivery_ref && <dd><code>{m.delivery_ref}</code></dd>}
            </dl>
            <h2 class="utrecht-heading-2">{web.t('Tekst', 'Text')}</h2>
            <pre class="grip-card" style="white-space:pre-wrap">{m.body_text}</pre>
          </Layout>
        );
      },
    }),
  ];
}
