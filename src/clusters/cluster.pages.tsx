import { recordAccess } from '../audit/audit.service.ts';
import { z } from 'zod';
import { findOutcome, listOutcomes } from '../organisation/organisation.repository.ts';
import { investigatorsFor } from './cluster.repository.ts';
import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, formatDate, Select, STATUS_TEXT } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, many, one, type PageContext, type PageDef, type PageResult } from '../web/page.ts';
import {
  addToCluster, assignClusterHandler, closeCluster, clusterDetail, clusters, clusterSuggestions, confirmCluster, laterComplaintsFor,
  removeFromCluster, ZAddToCluster, ZCloseCluster, ZClusterHandler, ZConfirmCluster,
} from './cluster.service.ts';

/**
 * /clusters: Grip's suggestions of similar waiting complaints, to confirm as
 * a cluster; /clusters/:id: one cluster — its complaints, its handler, the
 * complaints that arrived later and fit it, and closing it with one reaction
 * per petitioner.
 */
/** How many suggestions a page shows: enough to work through, not a wall. */
const SHOWN = 15;
const th = (h: string) => <th scope="col" class="utrecht-table__header-cell">{h}</th>;
const td = (v: unknown) => <td class="utrecht-table__cell">{v as string}</td>;

async function overview(ctx: AppContext, p: PageContext, errors?: FieldError[]) {
  const { web } = p;
  const [suggested, all] = await Promise.all([clusterSuggestions(ctx, p.actor), clusters(ctx, p.actor)]);
  const shown = suggested.slice(0, SHOWN);
  const body = (
    <Layout web={web} title={web.t('Clusters', 'Clusters')}>
      <p>{web.t(
        'Grip zoekt in de bakken naar klachten over dezelfde instantie met gelijkende tekst. Bevestig een cluster om ze als één onderzoek te behandelen; iedere verzoeker krijgt een eigen reactie.',
        'Grip looks in the trays for complaints about the same agency with similar text. Confirm a cluster to handle them as one investigation; every petitioner gets their own reaction.',
      )}</p>
      {errors && <Alert kind="error">{errors.map((e) => e.message).join(' ')}</Alert>}
      <h2 class="utrecht-heading-2">{web.t('Bestaande clusters', 'Clusters')}</h2>
      {all.length === 0 ? <p>{web.t('Nog geen clusters.', 'No clusters yet.')}</p> : (
        <div class="grip-table-wrap"><table class="utrecht-table utrecht-table--html-table" id="clusters">
          <caption class="utrecht-table__caption">{web.t('Clusters, nieuwste eerst', 'Clusters, newest first')}</caption>
          <thead class="utrecht-table__header"><tr class="utrecht-table__row">{[web.t('Cluster', 'Cluster'), web.t('Instantie', 'Agency'), web.t('Klachten', 'Complaints'), web.t('Behandelaar', 'Handler'), web.t('Status', 'Status')].map(th)}</tr></thead>
          <tbody class="utrecht-table__body">
            {all.map((k) => (
              <tr class="utrecht-table__row">
                <th scope="row" class="utrecht-table__header-cell"><a href={`/clusters/${k.id}`}>{k.title}</a></th>
                {td(k.agency)}{td(k.members)}{td(k.handler ?? '—')}
                {td(k.closed_at ? web.t(`afgesloten ${formatDate(k.closed_at, web)}`, `closed ${formatDate(k.closed_at, web)}`) : web.t('open', 'open'))}
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      <h2 class="utrecht-heading-2">{web.t('Voorgestelde clusters', 'Suggested clusters')}</h2>
      {suggested.length === 0 && <p>{web.t('Geen voorstellen: geen wachtende klachten lijken genoeg op elkaar.', 'No suggestions: no waiting complaints are alike enough.')}</p>}
      {suggested.length > SHOWN && <p>{web.t(`De ${SHOWN} grootste van ${suggested.length} voorstellen; een bevestigd cluster maakt plaats voor het volgende.`, `The ${SHOWN} largest of ${suggested.length} suggestions; a confirmed cluster makes room for the next.`)}</p>}
      {shown.map((s, i) => (
        <form method="post" action="/clusters" class="grip-form grip-form--wide grip-card">
          <Csrf web={p.web} />
          <h3 class="utrecht-heading-3">{web.t(`Voorstel ${i + 1}: ${s.agency}`, `Suggestion ${i + 1}: ${s.agency}`)} <span class="grip-muted">({web.t('gedeelde woorden', 'shared words')}: {s.terms.join(', ')})</span></h3>
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">{web.t('Klachten in dit cluster', 'Complaints in this cluster')}</legend>
            {s.cases.map((c) => <Checkbox name="caseIds" value={c.id} checked label={`${c.dossier_number} — ${c.subject}`} id={`s${i}-${c.id}`} />)}
          </fieldset>
          <Field name="title" id={`s${i}-title`} label={web.t('Naam van het cluster', 'Name of the cluster')} value={`${s.agency}: ${s.terms.slice(0, 3).join(', ')}`} required />
          <Button>{web.t('Cluster bevestigen', 'Confirm cluster')}</Button>
        </form>
      ))}
    </Layout>
  );
  return errors ? { status: 400, body } : body;
}

async function detail(ctx: AppContext, p: PageContext, errors?: FieldError[], values: Record<string, string | string[]> = {}) {
  const { web } = p;
  const { cluster, members } = await clusterDetail(ctx, p.actor, p.params.id!);
  // The members' petitioners and complaints are on this page: each is an audit line.
  await recordAccess(ctx.db, p.actor, ctx.clock(), { action: 'view', route: `/clusters/${cluster.id}`, cases: members.map((m) => ({ caseId: m.id, dossierNumber: m.dossier_number })) });
  const open = !cluster.closed_at;
  const domains = [...new Set(members.map((m) => m.domain_id).filter((d): d is string => d !== null))];
  const outcomeId = one(values.outcome) || one(p.query.uitkomst);
  const [handlers, outcomes, later, outcome] = await Promise.all([
    investigatorsFor(ctx.db, domains), listOutcomes(ctx.db), open ? laterComplaintsFor(ctx, p.actor, cluster.id) : Promise.resolve([]),
    outcomeId ? findOutcome(ctx.db, outcomeId) : Promise.resolve(undefined),
  ]);
  const v = (k: string) => one(values[k]);
  const body = (
    <Layout web={web} title={cluster.title}>
      <p><a href="/clusters">{web.t('Terug naar de clusters', 'Back to the clusters')}</a></p>
      {one(p.query.klaar) && <Alert kind="ok">{web.t('Opgeslagen.', 'Saved.')}</Alert>}
      {errors && <Alert kind="error">{errors.map((e) => e.message).join(' ')}</Alert>}
      <p>{web.t(`Instantie: ${cluster.agency}. Behandelaar: ${cluster.handler ?? 'nog geen'}.`, `Agency: ${cluster.agency}. Handler: ${cluster.handler ?? 'none yet'}.`)}{cluster.closed_at && web.t(` Afgesloten op ${formatDate(cluster.closed_at, web)}.`, ` Closed on ${formatDate(cluster.closed_at, web)}.`)}</p>
      <div class="grip-table-wrap"><table class="utrecht-table utrecht-table--html-table" id="cluster-klachten">
        <caption class="utrecht-table__caption">{web.t(`${members.length} klachten`, `${members.length} complaints`)}</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">{[web.t('Dossier', 'Case'), web.t('Verzoeker', 'Petitioner'), web.t('Onderwerp', 'Subject'), web.t('Status', 'Status'), web.t('Actie', 'Action')].map(th)}</tr></thead>
        <tbody class="utrecht-table__body">
          {members.map((m) => (
            <tr class="utrecht-table__row">
              <th scope="row" class="utrecht-table__header-cell"><a href={`/zaken/${m.id}`}>{m.dossier_number}</a></th>
              {td(m.name)}{td(m.subject)}{td(web.t(...(STATUS_TEXT[m.status] ?? [m.status, m.status])))}
              <td class="utrecht-table__cell">
                {open && (
                  <form method="post" action={`/clusters/${cluster.id}/uit-cluster`}>
                    <Csrf web={web} />
                    <input type="hidden" name="caseId" value={m.id} />
                    <Button secondary>{web.t(`${m.dossier_number} uit het cluster halen`, `Take ${m.dossier_number} out`)}</Button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {open && (
        <>
          <h2 class="utrecht-heading-2">{web.t('Behandelaar', 'Handler')}</h2>
          <form method="post" action={`/clusters/${cluster.id}/behandelaar`} class="grip-form grip-inline">
            <Csrf web={web} />
            <Select name="investigatorId" label={web.t('Klachtonderzoeker (alle klachten worden aan hem of haar toegewezen)', 'Investigator (every complaint is assigned to them)')} options={handlers.map((h) => ({ value: h.id, label: `${h.name} (${h.unit_id === 'extended' ? 'UKB' : 'KB'})` }))} value={cluster.handler_id ?? ''} required />
            <Button>{web.t('Toewijzen', 'Assign')}</Button>
          </form>
          <h2 class="utrecht-heading-2">{web.t('Later binnengekomen klachten die erbij passen', 'Later complaints that fit')}</h2>
          {later.length === 0 ? <p>{web.t('Geen.', 'None.')}</p> : (
            <ul id="later">
              {later.map((c) => (
                <li>
                  <form method="post" action={`/clusters/${cluster.id}/toevoegen`} class="grip-inline">
                    <Csrf web={web} />
                    <input type="hidden" name="caseId" value={c.id} />
                    <a href={`/zaken/${c.id}`}>{c.dossier_number}</a> {c.subject}{' '}
                    <Button secondary>{web.t(`${c.dossier_number} toevoegen`, `Add ${c.dossier_number}`)}</Button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <h2 class="utrecht-heading-2">{web.t('Cluster afsluiten', 'Close the cluster')}</h2>
          <form method="get" action={`/clusters/${cluster.id}`} class="grip-form grip-inline">
            <Select name="uitkomst" label={web.t('Uitkomst', 'Outcome')} options={outcomes.map((o) => ({ value: o.id, label: o.name }))} value={outcomeId} required />
            <Button secondary>{web.t('Velden tonen', 'Show fields')}</Button>
          </form>
          {outcome && (
            <form method="post" action={`/clusters/${cluster.id}/afsluiten`} class="grip-form grip-form--wide">
              <Csrf web={web} />
              <input type="hidden" name="outcome" value={outcome.id} />
              <p>{web.t(`Alle open klachten worden afgesloten met: ${outcome.name}. Iedere verzoeker krijgt één reactie.`, `Every open complaint closes with: ${outcome.name}. Every petitioner gets one reaction.`)}</p>
              {outcome.profile.map((f) => <Field name={`registration.${f.key}`} label={f.label} required={f.required} multiline={f.kind === 'text'} value={v(`registration.${f.key}`)} error={errorFor(errors, `registration.${f.key}`)} />)}
              <Field name="subject" label={web.t('Onderwerp van de reactie', 'Subject of the reaction')} value={v('subject') || 'Uw klacht {{dossiernummer}} over {{instantie}}'} required error={errorFor(errors, 'subject')} />
              <Field name="reaction" multiline label={web.t('Reactie aan iedere verzoeker (invulplekken: {{naam}}, {{dossiernummer}}, {{instantie}}, {{ontvangen}})', 'Reaction to every petitioner (placeholders: {{naam}}, {{dossiernummer}}, {{instantie}}, {{ontvangen}})')} value={v('reaction') || 'Beste {{naam}},\n\n'} required error={errorFor(errors, 'reaction')} />
              <Button>{web.t('Cluster afsluiten en reacties versturen', 'Close the cluster and send the reactions')}</Button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
  return errors ? { status: 400, body } : body;
}

export function clusterPages(ctx: AppContext): PageDef[] {
  /** Parses the form with the operation's schema, runs it, and answers the page again with Dutch errors when it fails. */
  async function act<S extends z.ZodType>(
    p: PageContext, schema: S, input: unknown, run: (data: z.output<S>) => Promise<string>, again: (errors: FieldError[]) => Promise<PageResult>,
  ): Promise<PageResult> {
    const parsed = parseForm(schema, input, p.web);
    if (!parsed.ok) return again(parsed.errors);
    try {
      return { redirect: await run(parsed.data) };
    } catch (err) {
      return again(serviceErrors(err, p.web));
    }
  }
  const back = (p: PageContext) => `/clusters/${p.params.id}?klaar=1`;
  return [
    definePage({ method: 'GET', url: '/clusters', permission: 'clusters.manage', handler: (p) => overview(ctx, p) }),
    definePage({
      method: 'POST', url: '/clusters', permission: 'clusters.manage',
      handler: (p) => act(p, ZConfirmCluster, { title: one(p.form.title), caseIds: many(p.form.caseIds) },
        async (d) => `/clusters/${await confirmCluster(ctx, p.actor, d)}?klaar=1`, (e) => overview(ctx, p, e)),
    }),
    definePage({ method: 'GET', url: '/clusters/:id', permission: 'clusters.manage', handler: (p) => detail(ctx, p) }),
    definePage({
      method: 'POST', url: '/clusters/:id/behandelaar', permission: 'clusters.manage',
      handler: (p) => act(p, ZClusterHandler, { investigatorId: one(p.form.investigatorId) },
        async (d) => (await assignClusterHandler(ctx, p.actor, p.params.id!, d), back(p)), (e) => detail(ctx, p, e)),
    }),
    definePage({
      method: 'POST', url: '/clusters/:id/toevoegen', permission: 'clusters.manage',
      handler: (p) => act(p, ZAddToCluster, { caseId: one(p.form.caseId) },
        async (d) => (await addToCluster(ctx, p.actor, p.params.id!, d), back(p)), (e) => detail(ctx, p, e)),
    }),
    definePage({
      method: 'POST', url: '/clusters/:id/uit-cluster', permission: 'clusters.manage',
      handler: (p) => act(p, ZAddToCluster, { caseId: one(p.form.caseId) },
        async (d) => (await removeFromCluster(ctx, p.actor, p.params.id!, d), back(p)), (e) => detail(ctx, p, e)),
    }),
    definePage({
      method: 'POST', url: '/clusters/:id/afsluiten', permission: 'clusters.manage',
      handler: (p) => {
        const registration = Object.fromEntries(Object.entries(p.form).filter(([k]) => k.startsWith('registration.')).map(([k, val]) => [k.slice('registration.'.length), one(val)]));
        const input = { outcome: one(p.form.outcome), registration, subject: one(p.form.subject), reaction: one(p.form.reaction) };
        return act(p, ZCloseCluster, input, async (d) => (await closeCluster(ctx, p.actor, p.params.id!, d), back(p)), (e) => detail(ctx, p, e, p.form));
      },
    }),
  ];
}
