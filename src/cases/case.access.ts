import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import { can, PERMISSIONS, type Actor, type Role } from '../auth/policy.ts';
import type { Database } from '../db/database.ts';
import type { CaseTable } from './case.table.ts';

/**
 * The policy's `mayReadPersonalData` as a query condition on `cases as c`,
 * for lists and searches that show petitioners: the same rule, one place
 * (src/auth/policy.ts) to read it; access.matrix.test.ts holds them together.
 */
export function readableBy(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { c: CaseTable }, 'c'>): Expression<SqlBool> => {
    if (actor.roles.includes('admin')) return sql<SqlBool>`true`;
    if (!can(actor, 'cases.read')) return sql<SqlBool>`false`;
    const steers = actor.roles.some((r) => r !== 'investigator' && (PERMISSIONS['cases.read'] as readonly Role[]).includes(r));
    const ors: Expression<SqlBool>[] = [eb('c.investigator_id', '=', actor.id)];
    if (can(actor, 'cases.register') || can(actor, 'cases.route')) ors.push(eb('c.domain_id', 'is', null));
    if (actor.domains.length) {
      const inDomains = eb('c.domain_id', 'in', actor.domains);
      ors.push(steers ? inDomains : eb.and([inDomains, eb('c.investigator_id', 'is', null), eb('c.status', '=', 'queued')]));
    }
    return eb.or(ors);
  };
}
