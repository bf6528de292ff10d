import type { Actor } from '../auth/policy.ts';
import type { Executor } from '../db/database.ts';

/**
 * The audit log of personal data: every view and export of a case's
 * petitioner and complaint is written down — who, when, which case, what, and
 * why where the form asked. Written in the request that shows the data, so a
 * page that could not write its log line is not shown.
 */
export type AuditAction = 'view' | 'export' | 'search' | 'download';

export interface AuditEntry {
  caseId: string | null;
  dossierNumber: string | null;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export async function recordAccess(
  db: Executor,
  actor: Pick<Actor, 'id' | 'login'>,
  at: Date,
  what: { action: AuditAction; route: string; purpose?: string | null; cases: readonly AuditEntry[] },
): Promise<void> {
  if (what.cases.length === 0) return;
  const route = clip(what.route.split('?')[0] || '/', 500);
  const purpose = what.purpose?.trim() ? clip(what.purpose.trim(), 500) : null;
  for (let i = 0; i < what.cases.length; i += 1000) {
    await db
      .insertInto('audit_log')
      .values(what.cases.slice(i, i + 1000).map((c) => ({
        at, actor_id: actor.id, actor_login: actor.login, case_id: c.caseId, dossier_number: c.dossierNumber, action: what.action, route, purpose,
      })))
      .execute();
  }
}
