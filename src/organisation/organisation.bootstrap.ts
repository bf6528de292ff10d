import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { AGENCIES, DEFAULT_SETTINGS, DOMAINS, KEYWORDS, OUTCOMES, ROUTING_RULES, SKILLS, UNITS } from './reference-data.ts';

/**
 * A fresh installation starts with the reference data of DOMAIN.md — units,
 * domains, skills, a short keyword list, outcomes with their registration
 * profiles, agencies, routing rules and default settings — and one `admin`
 * login. Runs once: it does nothing when units exist.
 */
export async function bootstrapOrganisation(db: Db): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // Two nodes starting at once: the second waits here, then finds the data.
    await sql`lock table units in exclusive mode`.execute(tx);
    if (await tx.selectFrom('units').select('id').limit(1).executeTakeFirst()) return false;
    await tx.insertInto('units').values(UNITS.map((u) => ({ id: u.id, name: u.name, short_name: u.shortName }))).execute();
    await tx.insertInto('domains').values([...DOMAINS]).execute();
    await tx.insertInto('skills').values([...SKILLS]).execute();
    await tx.insertInto('keywords').values(KEYWORDS.map((k) => ({ id: k.id, label: k.label }))).execute();
    await tx.insertInto('outcomes').values(OUTCOMES.map((o) => ({ id: o.id, name: o.name, profile: JSON.stringify(o.profile) }))).execute();
    await tx
      .insertInto('settings')
      .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value: JSON.stringify(value) })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const agencies = await tx
      .insertInto('agencies')
      .values(AGENCIES.map((a) => ({ name: a.name })))
      .returning(['id', 'name'])
      .execute();
    const agencyId = new Map(agencies.map((a) => [a.name, a.id]));
    await tx
      .insertInto('routing_rules')
      .values(
        ROUTING_RULES.map((r) => ({
          position: r.position,
          name: r.name,
          agency_id: r.agency ? (agencyId.get(r.agency) ?? null) : null,
          keyword_id: r.keywordId ?? null,
          channel: r.channel ?? null,
          complex: r.complex ?? null,
          domain_id: r.domainId ?? null,
          unit_id: r.unitId ?? null,
        })),
      )
      .execute();
    await tx
      .insertInto('staff')
      .values({ login: 'admin', name: 'Beheerder', email: null, unit_id: 'standard', roles: ['admin'], domains: DOMAINS.map((d) => d.id) })
      .execute();
    return true;
  });
}
