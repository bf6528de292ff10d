/**
 * Who may do what (pure): the one place pages, API and CLI ask. Roles as in
 * DOMAIN.md, plus the privacy officer (functionaris gegevensbescherming), who
 * reads the audit log and runs retention; `admin` may do everything.
 *
 * Two questions: `can(actor, permission)` — may this person use a feature at
 * all; `mayReadPersonalData(actor, c)` / `mayActOnCase(actor, c)` — may they
 * see this case's petitioner and complaint, or change it. The rules are
 * written down in the README ("Who sees what").
 */
export const ROLES = [
  'dispatcher', 'coordinator', 'investigator', 'frontOffice', 'teamManager', 'director', 'privacyOfficer', 'wooCoordinator', 'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  login: string;
  name: string;
  roles: readonly Role[];
  domains: readonly string[];
}

/** An actor from a staff row: unknown role names are dropped, never trusted. */
export function toActor(row: { id: string; login: string; name: string; roles: readonly string[]; domains: readonly string[] }): Actor {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    roles: row.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    domains: row.domains,
  };
}

export const PERMISSIONS = {
  'cases.read': ['dispatcher', 'coordinator', 'investigator', 'frontOffice', 'teamManager', 'director'],
  'cases.register': ['dispatcher', 'coordinator', 'frontOffice'],
  'cases.route': ['dispatcher', 'coordinator'],
  'cases.lanes': ['dispatcher', 'coordinator'],
  'cases.assign': ['coordinator', 'teamManager'],
  'cases.handle': ['investigator', 'coordinator'],
  'cases.transfer': ['coordinator', 'teamManager'],
  'cases.move': ['teamManager', 'director'],
  'cases.import': [],
  'dashboards.read': ['teamManager', 'director', 'coordinator'],
  /** The capacity plan, the forecast and its scenarios: read by those who steer, kept by team managers. */
  'capacity.read': ['teamManager', 'director', 'coordinator'],
  'capacity.manage': ['teamManager', 'director'],
  'admin.manage': [],
  'organisation.read': ['dispatcher', 'coordinator', 'investigator', 'frontOffice', 'teamManager', 'director'],
  'contacts.register': ['frontOffice', 'dispatcher', 'coordinator'],
  'contacts.read': ['frontOffice', 'dispatcher', 'coordinator', 'investigator', 'teamManager', 'director'],
  'contacts.callback': ['frontOffice', 'coordinator', 'investigator'],
  /** The mail outbox page: one's own messages (mail.read), or everyone's (mail.readAll). */
  'mail.read': ['coordinator', 'investigator', 'frontOffice', 'teamManager', 'director'],
  'mail.readAll': ['teamManager', 'director'],
  /** The messages to petitioners (receipts, delay notices) on the outbox page: front office, who answers their calls. */
  'mail.readPetitioners': ['frontOffice'],
  /** Telling petitioners: the notices sent, the letters to print (notices.read); the texts (notices.templates); when and where (notices.settings). */
  'notices.read': ['frontOffice', 'coordinator', 'teamManager', 'director'],
  'notices.templates': ['frontOffice', 'teamManager', 'director'],
  'notices.settings': ['teamManager', 'director'],
  /** The call-list pilot: front office calls instead of a notice and records what the call brought. */
  'calls.read': ['frontOffice', 'coordinator', 'teamManager', 'director'],
  'calls.register': ['frontOffice', 'coordinator'],
  /** The on-call roster: who front office may put a caller through to (read), and keeping it (manage). */
  'roster.read': ['frontOffice', 'dispatcher', 'coordinator', 'investigator', 'teamManager', 'director'],
  'roster.manage': ['coordinator', 'teamManager'],
  /** The B lane and POP days: the boards (read; investigators claim from them with cases.handle) and planning them (manage). */
  'lanes.read': ['coordinator', 'investigator', 'teamManager', 'director'],
  'lanes.manage': ['coordinator', 'teamManager'],
  /** Clusters of similar complaints: suggested by Grip, confirmed, handed to a handler and closed by coordinators. */
  'clusters.manage': ['coordinator', 'teamManager'],
  /** OB screening criteria and transfer criteria (data), the flagged cases and escalations to research. */
  'screening.manage': ['coordinator', 'teamManager'],
  /** The audit log of personal-data views and exports, and its export. */
  'audit.read': ['privacyOfficer'],
  /** Retention: the dry-run report and anonymising closed dossiers past the retention period. */
  'retention.manage': ['privacyOfficer'],
  /**
   * Woo requests: register, search Grip's material and upload documents, redact, decide, publish.
   * The Woo coordinator reads case material of every domain for this purpose only (audited with the request's number).
   */
  'woo.manage': ['wooCoordinator'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.includes('admin') || actor.roles.some((r) => (PERMISSIONS[permission] as readonly Role[]).includes(r));
}

/**
 * Roles hold per domain: a coordinator or team manager acts on the cases of
 * their own domains. Admins and directors act everywhere; so do dispatchers,
 * who route into every domain.
 */
export function mayActInDomain(actor: Actor, domainId: string | null): boolean {
  if (domainId === null) return true;
  if (actor.roles.some((r) => r === 'admin' || r === 'director' || r === 'dispatcher')) return true;
  return actor.domains.includes(domainId);
}

/** What the policy needs to know about a case. */
export interface CaseFacts {
  domainId: string | null;
  investigatorId: string | null;
  status: string;
}

/**
 * May this person see the case's personal data (petitioner, complaint text,
 * notes, attachments, letters)? Admins always. Otherwise only with
 * `cases.read`, and then:
 * - the investigator handling it;
 * - investigators (without a steering role): the waiting cases in their
 *   domains' trays, and none of a colleague's assigned cases;
 * - every other role: the cases of their own domains;
 * - who registers and routes (dispatchers, front office, coordinators): also
 *   the cases not yet routed to any domain.
 */
export function mayReadPersonalData(actor: Actor, c: CaseFacts): boolean {
  if (actor.roles.includes('admin')) return true;
  if (!can(actor, 'cases.read')) return false;
  if (c.investigatorId !== null && c.investigatorId === actor.id) return true;
  if (c.domainId === null) return can(actor, 'cases.register') || can(actor, 'cases.route');
  if (!actor.domains.includes(c.domainId)) return false;
  const steers = actor.roles.some((r) => r !== 'investigator' && (PERMISSIONS['cases.read'] as readonly Role[]).includes(r));
  return steers || (c.investigatorId === null && c.status === 'queued');
}

/** May this person change the case (with the permission the command needs)? Acting requires seeing. */
export function mayActOnCase(actor: Actor, permission: Permission, c: CaseFacts): boolean {
  return can(actor, permission) && mayReadPersonalData(actor, c) && mayActInDomain(actor, c.domainId);
}
