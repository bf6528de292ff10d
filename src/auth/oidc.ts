import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { Executor } from '../db/database.ts';
import { ROLES, type Role } from './policy.ts';

/**
 * OpenID Connect login beside the local accounts: discovery, authorization
 * code with PKCE, state and nonce in a short-lived signed cookie. The
 * provider says who someone is (`sub`) and which groups they are in; Grip
 * maps those groups to its roles at every login. Domains stay as the
 * administrator keeps them in Grip.
 *
 * Matching a provider user to a staff member: by `staff.oidc_subject` = sub;
 * a staff member not linked yet is found once by login = preferred_username
 * (lower case), else by e-mail address (only when the provider says it is
 * verified), and only if that person is not linked to another subject; the
 * sub is then stored, and from then on only the sub counts.
 */
export interface OidcConfig {
  /** The issuer (discovery) URL. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Provider group → Grip roles. */
  groupRoles: ReadonlyMap<string, readonly Role[]>;
  groupsClaim: string;
  /**
   * How a provider user is linked to a staff member on their first login:
   * 'email' (default) only by an e-mail address the provider marks verified;
   * 'username' also by login = preferred_username — only for a provider where
   * users cannot choose their own username (OIDC does not promise that).
   */
  linkBy: 'email' | 'username';
  /** The scopes asked for (space-separated), `openid profile email` unless set. */
  scopes: string;
  /** The button's label: "Inloggen met <name>". */
  name: string;
  /** Grip's public URL (for the redirect URI); without one, derived from the request. */
  publicUrl: string | undefined;
}

export const OIDC_START_PATH = '/inloggen/oidc';
export const OIDC_CALLBACK_PATH = '/inloggen/oidc/terug';
export const OIDC_STATE_COOKIE = 'grip_oidc';
/** Minutes a person has at the provider before the state cookie ends. */
export const OIDC_STATE_MINUTES = 10;

/**
 * `grip-coordinatoren=coordinator,grip-onderzoekers=investigator`: a group may
 * appear more than once (several roles); errors name the bad entry.
 */
export function parseGroupRoles(text: string): { mapping: Map<string, Role[]>; errors: string[] } {
  const mapping = new Map<string, Role[]>();
  const errors: string[] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const group = at > 0 ? entry.slice(0, at).trim() : '';
    const role = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!group || !role) {
      errors.push(`"${entry}" is not group=role`);
    } else if (!(ROLES as readonly string[]).includes(role)) {
      errors.push(`"${role}" (for group "${group}") is not a role; roles are ${ROLES.join(', ')}`);
    } else {
      const roles = mapping.get(group) ?? [];
      if (!roles.includes(role as Role)) roles.push(role as Role);
      mapping.set(group, roles);
    }
  }
  if (!errors.length && mapping.size === 0) errors.push('maps no group to a role');
  return { mapping, errors };
}

/**
 * The Grip roles for the groups a provider reports (a list of strings, or one
 * string); anything else in the claim counts as no groups. Ordered as ROLES.
 */
export function rolesForGroups(groups: unknown, mapping: ReadonlyMap<string, readonly Role[]>): Role[] {
  const list = typeof groups === 'string' ? [groups] : Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
  const roles = new Set<Role>();
  for (const g of list) for (const r of mapping.get(g) ?? []) roles.add(r);
  return ROLES.filter((r) => roles.has(r));
}

/** An http issuer is allowed only on this machine (a test or a development provider). */
export const isLoopbackUrl = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

// --- the provider's configuration, discovered once (retried after a failure) ---

const discovered = new Map<string, Promise<client.Configuration>>();

export function discoverProvider(config: OidcConfig): Promise<client.Configuration> {
  const key = `${config.issuer}\0${config.clientId}`;
  let found = discovered.get(key);
  if (!found) {
    const issuer = new URL(config.issuer);
    found = client.discovery(issuer, config.clientId, undefined, client.ClientSecretBasic(config.clientSecret), {
      ...(issuer.protocol === 'http:' && isLoopbackUrl(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
      timeout: 10,
    });
    discovered.set(key, found);
    found.catch(() => discovered.delete(key));
  }
  return found;
}

// --- the state cookie: what the callback must check, signed so nobody can make one up ---

export interface OidcState {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go after logging in (a local path). */
  back: string;
  /** Milliseconds since the epoch. */
  expires: number;
}

const signingKey = (config: OidcConfig) => createHmac('sha256', config.clientSecret).update('grip-oidc-state').digest();
const sign = (config: OidcConfig, payload: string) => createHmac('sha256', signingKey(config)).update(payload).digest('base64url');

export function sealState(config: OidcConfig, state: OidcState): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${sign(config, payload)}`;
}

/** The state from the cookie, or null when it is missing, forged, damaged or expired. */
export function openState(config: OidcConfig, cookie: string | undefined, now: Date): OidcState | null {
  if (!cookie) return null;
  const [payload, mac, ...rest] = cookie.split('.');
  if (!payload || !mac || rest.length) return null;
  const expected = Buffer.from(sign(config, payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcState;
    const fields = [state.state, state.nonce, state.verifier, state.back];
    if (fields.some((f) => typeof f !== 'string') || typeof state.expires !== 'number' || state.expires <= now.getTime()) return null;
    return state;
  } catch {
    return null;
  }
}

// --- who this is in Grip ---

export type OidcRefusal = 'unknown' | 'inactive' | 'noRoles' | 'linkedElsewhere';

export interface OidcClaims {
  sub: string;
  preferred_username?: unknown;
  email?: unknown;
  email_verified?: unknown;
  [claim: string]: unknown;
}

/**
 * The staff member these claims belong to (linked on first login), with the
 * roles from the mapped groups stored; or why not.
 */
export async function matchStaff(
  db: Executor,
  config: OidcConfig,
  claims: OidcClaims,
): Promise<{ ok: true; staffId: string; roles: Role[] } | { ok: false; reason: OidcRefusal }> {
  let staff = await db.selectFrom('staff').select(['id', 'active', 'oidc_subject']).where('oidc_subject', '=', claims.sub).executeTakeFirst();
  if (!staff) {
    const username = typeof claims.preferred_username === 'string' ? claims.preferred_username.trim().toLowerCase() : '';
    const email = claims.email_verified === true && typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const byLogin = username && config.linkBy === 'username' ? await db.selectFrom('staff').select(['id', 'active', 'oidc_subject']).where('login', '=', username).executeTakeFirst() : undefined;
    const candidate = byLogin ?? (email
      ? await db.selectFrom('staff').select(['id', 'active', 'oidc_subject']).where((eb) => eb(eb.fn('lower', ['email']), '=', email)).orderBy('login').executeTakeFirst()
      : undefined);
    if (!candidate) return { ok: false, reason: 'unknown' };
    if (candidate.oidc_subject !== null) return { ok: false, reason: 'linkedElsewhere' };
    staff = candidate;
  }
  if (!staff.active) return { ok: false, reason: 'inactive' };
  const roles = rolesForGroups(claims[config.groupsClaim], config.groupRoles);
  if (!roles.length) return { ok: false, reason: 'noRoles' };
  // Linked only if nobody linked this person to another subject meanwhile.
  const updated = await db
    .updateTable('staff')
    .set({ roles, oidc_subject: claims.sub })
    .where('id', '=', staff.id)
    .where((eb) => eb.or([eb('oidc_subject', 'is', null), eb('oidc_subject', '=', claims.sub)]))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: 'linkedElsewhere' };
  return { ok: true, staffId: staff.id, roles };
}
