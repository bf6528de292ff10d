import type { ComponentChildren } from 'preact';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Csrf, errorFor, Field, formatDate, STATUS_TEXT, weeks } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import type { Web } from '../web/page.ts';
import type { SessionLane, Tally } from './lanes.ts';
import type { SessionRecord } from './lanes.repository.ts';
import type { Board, QuickOutcome, Report } from './lanes.service.ts';

/** The board of a session, the quick close form and the session report (pages of /lanen/:id). */
export const LANE_TEXT: Record<SessionLane, [string, string]> = { b: ['Vluchtstrook (B)', 'Fast lane (B)'], pop: ['POP-dag', 'POP day'] };

export const dayText = (day: string, web: Web) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(web.lang === 'en' ? 'en-GB' : 'nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export const sessionTitle = (s: SessionRecord, web: Web) => `${web.t(...LANE_TEXT[s.lane])} ${s.domainName}, ${dayText(s.day, web)}`;

const th = (children: ComponentChildren, numeric = false) => <th scope="col" class={`utrecht-table__header-cell${numeric ? ' grip-number' : ''}`}>{children}</th>;
const td = (children: ComponentChildren, numeric = false) => <td class={`utrecht-table__cell${numeric ? ' grip-number' : ''}`}>{children}</td>;

export function Errors({ web, errors }: { web: Web; errors?: FieldError[] }) {
  if (!errors?.length) return null;
  return (
    <Alert kind="error">
      <p>{web.t('Dat is niet gelukt:', 'That did not work:')}</p>
      <ul>{errors.map((e) => <li>{e.message}</li>)}</ul>
    </Alert>
  );
}

function Progress({ web, board }: { web: Web; board: Board }) {
  const row = (t: Tally) => [td(t.handedOut, true), td(t.closedOnDay + t.closedLater, true), td(t.open, true)];
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table" id="voortgang">
        <caption class="utrecht-table__caption">{web.t('Voortgang per persoon: uitgedeeld, afgesloten en nog open', 'Progress per person: handed out, closed and still open')}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">{th(web.t('Persoon', 'Person'))}{th(web.t('Uitgedeeld', 'Handed out'), true)}{th(web.t('Afgesloten', 'Closed'), true)}{th(web.t('Nog open', 'Still open'), true)}</tr>
        </thead>
        <tbody class="utrecht-table__body">
          {board.perPerson.map(({ person, tally }) => <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{person.name}</th>{row(tally)}</tr>)}
        </tbody>
        <tfoot>
          <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{web.t('Totaal', 'Total')}</th>{row(board.total)}</tr>
        </tfoot>
      </table>
    </div>
  );
}

function HandedOut({ web, board, actorId }: { web: Web; board: Board; actorId: string }) {
  const name = new Map(board.perPerson.map((p) => [p.person.id, p.person.name]));
  if (board.handouts.length === 0) return <p>{web.t('Nog niets uitgedeeld.', 'Nothing handed out yet.')}</p>;
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table" id="uitgedeeld">
        <caption class="utrecht-table__caption">{web.t(`Uitgedeelde zaken (${board.handouts.length})`, `Cases handed out (${board.handouts.length})`)}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">{th(web.t('Dossier', 'Dossier'))}{th(web.t('Onderwerp', 'Subject'))}{th(web.t('Uitgedeeld aan', 'Handed out to'))}{th(web.t('Stand', 'Status'))}{th(web.t('Afsluiten', 'Close'))}</tr>
        </thead>
        <tbody class="utrecht-table__body">
          {board.handouts.map((h) => {
            const mayClose = h.status !== 'closed' && h.status !== 'transferred' && (h.currentInvestigatorId === actorId || board.mayHandOut);
            const selectId = `uitkomst-${h.caseId}`;
            return (
              <tr class="utrecht-table__row">
                <th scope="row" class="utrecht-table__header-cell"><a href={`/zaken/${h.caseId}`}>{h.dossierNumber}</a></th>
                {td(h.subject)}
                {td(name.get(h.investigatorId) ?? h.investigatorId)}
                {td(h.status === 'closed' ? `${web.t('Afgesloten', 'Closed')}: ${h.outcomeName ?? h.outcomeId ?? ''}` : web.t(...(STATUS_TEXT[h.status] ?? [h.status, h.status])))}
                <td class="utrecht-table__cell">
                  {mayClose && (
                    <form method="get" action={`/lanen/${board.session.id}/zaken/${h.caseId}/afsluiten`} class="grip-inline">
                      <label class="grip-visually-hidden" for={selectId}>{web.t(`Uitkomst voor ${h.dossierNumber}`, `Outcome for ${h.dossierNumber}`)}</label>
                      <select id={selectId} name="uitkomst" class="utrecht-select">
                        {board.outcomes.map((o) => <option value={o.id}>{o.name}</option>)}
                      </select>
                      <Button secondary>{web.t('Afsluiten', 'Close')}<span class="grip-visually-hidden"> {h.dossierNumber}</span></Button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Waiting({ web, board, actorId }: { web: Web; board: Board; actorId: string }) {
  const { session } = board;
  const canAct = board.isToday && (board.mayClaim || board.mayHandOut);
  const laneName = session.lane === 'b' ? 'B' : 'POP';
  if (board.cases.length === 0) return <Alert kind="info">{web.t(`Er wachten geen ${laneName}-zaken in de bak van dit domein.`, `No ${laneName} cases are waiting in this domain's tray.`)}</Alert>;
  const shown = board.cases.length < board.waiting ? web.t(`, de eerste ${board.cases.length} getoond`, `, the first ${board.cases.length} shown`) : '';
  const order = session.topic
    ? web.t(`zaken die passen bij het onderwerp „${session.topic}” eerst, dan de oudste eerst`, `cases fitting the topic "${session.topic}" first, then the oldest first`)
    : web.t('de oudste eerst', 'the oldest first');
  return (
    <div class="grip-table-wrap">
      <table class="utrecht-table" id="bord">
        <caption class="utrecht-table__caption">
          {web.t(`${board.waiting} ${laneName}-${board.waiting === 1 ? 'zaak' : 'zaken'} in de bak${shown}; ${order}`, `${board.waiting} ${laneName} ${board.waiting === 1 ? 'case' : 'cases'} in the tray${shown}; ${order}`)}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {th(web.t('Dossier', 'Dossier'))}{th(web.t('Ontvangen', 'Received'))}{th(web.t('Wacht (weken)', 'Waiting (weeks)'), true)}{th(web.t('Instantie', 'Agency'))}{th(web.t('Onderwerp', 'Subject'))}
            {session.topic && th(web.t('Past bij onderwerp', 'Fits the topic'))}
            {canAct && th(web.t('Uitdelen', 'Hand out'))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {board.cases.map((c) => (
            <tr class="utrecht-table__row">
              <th scope="row" class="utrecht-table__header-cell"><a href={`/zaken/${c.id}`}>{c.dossierNumber}</a></th>
              {td(formatDate(c.receivedAt, web))}
              {td(weeks(c.waitingDays), true)}
              {td(c.agency)}
              {td(c.subject)}
              {session.topic && td(c.fitsTopic ? web.t('Ja', 'Yes') : web.t('Nee', 'No'))}
              {canAct && (
                <td class="utrecht-table__cell">
                  <form method="post" action={`/lanen/${session.id}/uitdelen`} class="grip-inline">
                    <Csrf web={web} />
                    <input type="hidden" name="caseId" value={c.id} />
                    <input type="hidden" name="version" value={String(c.version)} />
                    {board.mayHandOut ? (
                      <>
                        <label class="grip-visually-hidden" for={`aan-${c.id}`}>{web.t(`${c.dossierNumber} uitdelen aan`, `Hand out ${c.dossierNumber} to`)}</label>
                        <select id={`aan-${c.id}`} name="investigatorId" class="utrecht-select">
                          {board.people.map((p) => <option value={p.id} selected={p.id === actorId}>{p.name}</option>)}
                        </select>
                        <Button>{web.t('Uitdelen', 'Hand out')}<span class="grip-visually-hidden"> {c.dossierNumber}</span></Button>
                      </>
                    ) : (
                      <Button>{web.t('Oppakken', 'Claim')}<span class="grip-visually-hidden"> {c.dossierNumber}</span></Button>
                    )}
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BoardPage({ web, board, actorId, notice, errors }: { web: Web; board: Board; actorId: string; notice?: string; errors?: FieldError[] }) {
  const { session } = board;
  return (
    <Layout web={web} title={sessionTitle(session, web)}>
      <p><a href={`/lanen?domein=${encodeURIComponent(session.domainId)}`}>{web.t(`Alle sessies van ${session.domainName}`, `All sessions of ${session.domainName}`)}</a></p>
      {notice && <Alert kind="ok">{notice}</Alert>}
      <Errors web={web} errors={errors} />
      <dl class="grip-counts">
        {session.topic && <div><dt>{web.t('Onderwerp', 'Topic')}</dt><dd>{session.topic}</dd></div>}
        <div><dt>{web.t('Mensen', 'People')}</dt><dd>{board.people.map((p) => p.name).join(', ')}</dd></div>
      </dl>
      {!board.isToday && !board.isOver && (
        <Alert kind="info">{web.t(`Deze sessie is op ${dayText(session.day, web)}. Op die dag kunt u hier zaken uitdelen en oppakken.`, `This session is on ${dayText(session.day, web)}. On that day you can hand out and claim cases here.`)}</Alert>
      )}
      {board.isOver && <Alert kind="info">{web.t('Deze sessie is voorbij; uitgedeelde zaken kunt u hier nog afsluiten.', 'This session is over; cases handed out can still be closed here.')}</Alert>}
      {board.isToday && !board.mayClaim && !board.mayHandOut && (
        <Alert kind="info">{web.t('U hoort niet bij deze sessie: u kunt het bord bekijken, niet uitdelen.', 'You are not one of this session\'s people: you can view the board, not hand out.')}</Alert>
      )}
      <p><a href={`/lanen/${session.id}/rapport`}>{web.t('Rapport van deze sessie', 'Report of this session')}</a></p>
      <h2 class="utrecht-heading-2">{web.t('Voortgang', 'Progress')}</h2>
      <Progress web={web} board={board} />
      <h2 class="utrecht-heading-2">{web.t('Uitgedeelde zaken', 'Cases handed out')}</h2>
      <HandedOut web={web} board={board} actorId={actorId} />
      <h2 class="utrecht-heading-2">{web.t('In de bak', 'In the tray')}</h2>
      <Waiting web={web} board={board} actorId={actorId} />
    </Layout>
  );
}

export function ClosePage(p: {
  web: Web; session: SessionRecord; dossierNumber: string; subject: string; caseId: string; outcome: QuickOutcome;
  values?: Record<string, string>; errors?: FieldError[];
}) {
  const { web, session, outcome } = p;
  return (
    <Layout web={web} title={web.t(`Zaak ${p.dossierNumber} afsluiten`, `Close case ${p.dossierNumber}`)}>
      <p><a href={`/lanen/${session.id}`}>{web.t('Terug naar het bord', 'Back to the board')}: {sessionTitle(session, web)}</a></p>
      <Errors web={web} errors={p.errors} />
      <p>{p.subject}</p>
      <form method="post" action={`/lanen/${session.id}/zaken/${p.caseId}/afsluiten`} class="grip-form" novalidate>
        <Csrf web={web} />
        <input type="hidden" name="outcome" value={outcome.id} />
        <p>{web.t('Uitkomst', 'Outcome')}: <strong>{outcome.name}</strong> (<a href={`/lanen/${session.id}`}>{web.t('andere uitkomst kiezen', 'choose another outcome')}</a>)</p>
        {outcome.profile.map((f) => (
          <Field name={`registration.${f.key}`} label={f.label} required={f.required} multiline={f.kind === 'text'} value={p.values?.[f.key] ?? ''} error={errorFor(p.errors, `registration.${f.key}`)} />
        ))}
        <div><Button>{web.t('Afsluiten', 'Close')}</Button></div>
      </form>
    </Layout>
  );
}

const STANDING_TEXT: Record<'closedOnDay' | 'closedLater' | 'open', [string, string]> = {
  closedOnDay: ['Afgesloten op de dag', 'Closed on the day'], closedLater: ['Later afgesloten', 'Closed later'], open: ['Nog open', 'Still open'],
};

export function ReportPage({ web, report }: { web: Web; report: Report }) {
  const { session, total } = report;
  const cells = (t: Tally) => [td(t.handedOut, true), td(t.closedOnDay, true), td(t.closedLater, true), td(t.open, true)];
  const name = new Map(report.perPerson.map((p) => [p.person.id, p.person.name]));
  return (
    <Layout web={web} title={web.t(`Rapport: ${sessionTitle(session, web)}`, `Report: ${sessionTitle(session, web)}`)}>
      <p><a href={`/lanen/${session.id}`}>{web.t('Naar het bord', 'To the board')}</a> · <a href={`/lanen?domein=${encodeURIComponent(session.domainId)}`}>{web.t(`Alle sessies van ${session.domainName}`, `All sessions of ${session.domainName}`)}</a></p>
      {session.topic && <p>{web.t('Onderwerp', 'Topic')}: {session.topic}</p>}
      {session.day >= report.today && <Alert kind="info">{web.t('De sessie is nog niet voorbij: dit is de stand van nu.', 'The session is not over yet: these are the figures of now.')}</Alert>}
      <h2 class="utrecht-heading-2">{web.t('Wat de sessie opruimde', 'What the session cleared')}</h2>
      <dl class="grip-counts" id="rapport-totaal">
        <div><dt>{web.t('Uitgedeeld (uit de bak)', 'Handed out (out of the tray)')}</dt><dd>{total.handedOut}</dd></div>
        <div><dt>{web.t('Afgesloten op de dag', 'Closed on the day')}</dt><dd>{total.closedOnDay}</dd></div>
        <div><dt>{web.t('Later afgesloten', 'Closed later')}</dt><dd>{total.closedLater}</dd></div>
        <div><dt>{web.t('Nog open', 'Still open')}</dt><dd>{total.open}</dd></div>
      </dl>
      <div class="grip-table-wrap">
        <table class="utrecht-table" id="rapport-personen">
          <caption class="utrecht-table__caption">{web.t('Resultaat per persoon', 'Results per person')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {th(web.t('Persoon', 'Person'))}{th(web.t('Uitgedeeld', 'Handed out'), true)}{th(web.t('Afgesloten op de dag', 'Closed on the day'), true)}
              {th(web.t('Later afgesloten', 'Closed later'), true)}{th(web.t('Nog open', 'Still open'), true)}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {report.perPerson.map(({ person, tally }) => <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{person.name}</th>{cells(tally)}</tr>)}
          </tbody>
          <tfoot>
            <tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell">{web.t('Totaal', 'Total')}</th>{cells(total)}</tr>
          </tfoot>
        </table>
      </div>
      {report.handouts.length > 0 && (
        <div class="grip-table-wrap">
          <table class="utrecht-table" id="rapport-zaken">
            <caption class="utrecht-table__caption">{web.t('De uitgedeelde zaken', 'The cases handed out')}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">{th(web.t('Dossier', 'Dossier'))}{th(web.t('Uitgedeeld aan', 'Handed out to'))}{th(web.t('Stand', 'Standing'))}{th(web.t('Uitkomst', 'Outcome'))}{th(web.t('Afgesloten op', 'Closed on'))}</tr>
            </thead>
            <tbody class="utrecht-table__body">
              {report.handouts.map((h) => (
                <tr class="utrecht-table__row">
                  <th scope="row" class="utrecht-table__header-cell"><a href={`/zaken/${h.caseId}`}>{h.dossierNumber}</a></th>
                  {td(name.get(h.investigatorId) ?? h.investigatorId)}
                  {td(web.t(...STANDING_TEXT[h.standing]))}
                  {td(h.standing === 'open' ? '–' : (h.outcomeName ?? h.outcomeId ?? ''))}
                  {td(h.standing === 'open' ? '–' : formatDate(h.closedAt, web, true))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
