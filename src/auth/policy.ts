/**
 * Who may do what (pure). Roles as in DOMAIN.md; `admin` may do everything.
 * Issue 8 scopes this further to domains and units; every adapter already asks
 * here, so that is a change in one place.
 */
export const ROLES = [
  'dispatcher', 'coordinator', 'investigator', 'frontOffice', 'teamManager', 'director', 'admin',
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
