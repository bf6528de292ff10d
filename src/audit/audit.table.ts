import type { Generated } from 'kysely';

/** One view or export of a case's personal data (issue 8). */
export interface AuditLogTable {
  id: Generated<string>;
  at: Date;
  actor_id: string | null;
  actor_login: string;
  case_id: string | null;
  dossier_number: string | null;
  action: 'view' | 'export' | 'search' | 'download';
  route: string;
  purpose: string | null;
}
