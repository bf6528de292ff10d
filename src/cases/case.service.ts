import { createHash } from 'node:crypto';
import { mayReadPersonalData, type Actor, type CaseFacts } from '../auth/policy.ts';
import { recordAccess, type AuditAction } from '../audit/audit.service.ts';
import { trayRank } from '../core/lanes.ts';
import { suggestRoute } from '../core/routing.ts';
import { listKeywords } from '../organisation/organisation.repository.ts';
import { listActiveRules } from '../routing/routing.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError, invalidField, notFound } from '../shared/errors.ts';
import {
  claimIdempotencyKey, completeIdempotencyKey, findCaseWithParties, findOrCreateAgency, insertCase, insertEvents,
  insertPetitioner, listEvents,
} from './case.repository.ts';
import type { CaseView, RegisterCase } from './case.schema.ts';
import { toCaseView } from './case.view.ts';
import type { Executor, Tx } from '../db/database.ts';

/** Registering a written complaint, and reading one. */

export async function getCase(ctx: AppContext, id: string, options: { events?: boolean; db?: Executor } = {}): Promise<CaseView> {
  const db = options.db ?? ctx.db;
  const row = await findCaseWithParties(db, id);
  if (!row) throw notFound('Case', id);
  return toCaseView(row, ctx.clock(), options.events ? await listEvents(db, id) : undefined);
}

/** The policy's view of a case. */
export const caseFacts = (c: Pick<CaseView, 'domain' | 'investigatorId' | 'status'>): CaseFacts => ({
  domainId: c.domain, investigatorId: c.investigatorId, status: c.status,
});

/**
 * A case with its events, for a reader: refused (403) unless the policy lets
 * them see its personal data, and written to the audit log when shown.
 */
export async function readCase(
  ctx: AppContext,
  actor: Actor,
  id: string,
  access: { route: string; action?: AuditAction; purpose?: string | null },
): Promise<CaseView & { events: NonNullable<CaseView['events']> }> {
  const c = await getCase(ctx, id, { events: true });
  if (!mayReadPersonalData(actor, caseFacts(c))) {
    throw new AppError('forbidden', `${actor.login} may not see case ${id}: it is not in their domains or cases`, { caseId: id });
  }
  await recordAccess(ctx.db, actor, ctx.clock(), {
    action: access.action ?? 'view', route: access.route, purpose: access.purpose, cases: [{ caseId: c.id, dossierNumber: c.dossierNumber }],
  });
  return c as CaseView & { events: NonNullable<CaseView['events']> };
}

export interface RegisterOptions {
  /** The Idempotency-Key of the request: a repeat returns the first case. */
  idempotencyKey?: string;
}

export async function registerCase(
  ctx: AppContext,
  actor: Actor,
  input: RegisterCase,
  options: RegisterOptions = {},
): Promise<{ case: CaseView; replayed: boolean }> {
  const idempotency = options.idempotencyKey ? { scope: actor.id, key: options.idempotencyKey } : undefined;
  const result = await ctx.db.transaction().execute((tx) => registerCaseIn(tx, ctx.clock(), input, { actorId: actor.id, idempotency }));
  return { case: await getCase(ctx, result.caseId), replayed: result.replayed };
}

/**
 * Registers a case inside the caller's transaction, so a caller that stores
 * more with it (the public form: attachments and the receipt) stores all or
 * nothing. `actorId` null: the petitioner filed it themselves. A repeated
 * idempotency key (per scope) answers the first case, `replayed`.
 */
export async function registerCaseIn(
  tx: Tx,
  now: Date,
  input: RegisterCase,
  options: { actorId: string | null; idempotency?: { scope: string; key: string } },
): Promise<{ caseId: string; dossierNumber: string; replayed: boolean }> {
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    throw invalidField('receivedAt', 'lies in the future', 'Deze datum ligt in de toekomst');
  }
  if (receivedAt.getUTCFullYear() < 1990) throw invalidField('receivedAt', 'lies before 1990', 'Deze datum ligt vóór 1990');
  const { idempotency } = options;
  if (idempotency) {
    const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    const claim = await claimIdempotencyKey(tx, { scope: idempotency.scope, key: idempotency.key, requestHash });
    if (!claim.claimed) {
      if (claim.requestHash !== requestHash || !claim.caseId) {
        throw new AppError('unprocessable', 'This Idempotency-Key was already used for a different request');
      }
      const first = await tx.selectFrom('cases').select('dossier_number').where('id', '=', claim.caseId).executeTakeFirstOrThrow();
      return { caseId: claim.caseId, dossierNumber: first.dossier_number, replayed: true };
    }
  }
  const keywords = [...new Set(input.keywords ?? [])];
  const known = new Set(keywords.length ? (await listKeywords(tx)).map((k) => k.id) : []);
  const unknown = keywords.findIndex((k) => !known.has(k));
  if (unknown >= 0) {
    throw invalidField(`keywords.${unknown}`, `unknown keyword ${keywords[unknown]}`, `Onbekend trefwoord ${keywords[unknown]}`);
  }
  const agency = await findOrCreateAgency(tx, input.agency);
  const complex = input.complex ?? false;
  const suggestion = suggestRoute(await listActiveRules(tx), {
    agencyId: agency.id, keywords, channel: input.channel, complex,
  });
  const petitionerId = await insertPetitioner(tx, {
    name: input.petitioner.name,
    email: input.petitioner.email ?? null,
    phone: input.petitioner.phone ?? null,
    address: input.petitioner.address ?? null,
  });
  const urgent = input.urgent ?? false;
  const row = await insertCase(tx, {
    petitioner_id: petitionerId,
    agency_id: agency.id,
    subject: input.subject,
    description: input.description,
    channel: input.channel,
    keywords,
    complex,
    received_at: receivedAt,
    status: 'received',
    suggested_domain_id: suggestion.domainId,
    suggested_unit_id: suggestion.unitId,
    lane_urgent: urgent,
    tray_rank: trayRank({ urgent, b: false, pop: false, ob: false }),
    domain_id: null,
    unit_id: null,
    investigator_id: null,
    proposal: null,
    handling_type: null,
    outcome_id: null,
    queued_at: null,
    assigned_at: null,
    first_contact_at: null,
    closed_at: null,
  });
  await insertEvents(tx, [{
    caseId: row.id,
    type: 'registered',
    at: receivedAt,
    actorId: options.actorId,
    payload: {
      channel: input.channel,
      suggested: { domainId: suggestion.domainId, unitId: suggestion.unitId },
      rules: { domain: suggestion.domainRule, unit: suggestion.unitRule },
      urgent,
    },
  }]);
  if (idempotency) await completeIdempotencyKey(tx, idempotency.scope, idempotency.key, row.id);
  return { caseId: row.id, dossierNumber: row.dossier_number, replayed: false };
}
