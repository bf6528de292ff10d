import path from 'node:path';
import { z } from 'zod';
import { isLoopbackUrl, parseGroupRoles, type OidcConfig } from './auth/oidc.ts';

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Configuration from the environment, parsed once at start and frozen. */
const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  GRIP_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional()),
  TRUST_PROXY: z.string().trim().regex(/^(true|false|\d{1,2}|[\da-fA-F:./]+(\s*,\s*[\da-fA-F:./]+)*)$/, 'must be false, true, a number of proxies, or proxy addresses (comma-separated, CIDR allowed)').default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL with a host').optional()),
  MAIL_FROM: z.string().trim().max(300).regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an e-mail address, optionally with a name: Grip <grip@example.org>').default('Grip <grip@localhost>'),
  GRIP_OUTBOX_DIR: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),
  // OpenID Connect (all optional; OIDC_ISSUER switches it on, and then the client and the group mapping are required)
  OIDC_ISSUER: optional(z.string().trim().refine(isIssuerUrl, 'must be an https:// URL (http:// only on localhost / 127.0.0.1)')),
  OIDC_CLIENT_ID: optional(z.string().trim().max(500)),
  OIDC_CLIENT_SECRET: optional(z.string().max(2000)),
  OIDC_GROUP_ROLES: optional(z.string().max(10_000)),
  OIDC_LINK_BY: z.enum(['email', 'username']).default('email'),
  OIDC_GROUPS_CLAIM: optional(z.string().trim().regex(/^[\w.:\/-]{1,200}$/, 'must be a claim name such as groups')),
  OIDC_NAME: optional(z.string().trim().min(1).max(60).regex(/^[^<>\r\n]*$/, 'must be a short name without < > or line breaks')),
  OIDC_SCOPES: optional(z.string().trim().regex(/^openid( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'must be space-separated scopes starting with openid')),
  PUBLIC_URL: optional(z.string().trim().refine(isHttpUrl, 'must be an http:// or https:// URL such as https://grip.example.nl')),
}).superRefine((c, check) => {
  if (!c.OIDC_ISSUER) {
    const stray = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_GROUP_ROLES'] as const).filter((k) => c[k]);
    if (stray.length) check.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: `is required when ${stray.join(', ')} is set` });
    return;
  }
  for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_GROUP_ROLES'] as const) {
    if (!c[key]) check.addIssue({ code: 'custom', path: [key], message: 'is required when OIDC_ISSUER is set' });
  }
  if (c.OIDC_CLIENT_SECRET && c.OIDC_CLIENT_SECRET.length < 16) check.addIssue({ code: 'custom', path: ['OIDC_CLIENT_SECRET'], message: 'must be at least 16 characters (it also signs the login state)' });
  for (const message of c.OIDC_GROUP_ROLES ? parseGroupRoles(c.OIDC_GROUP_ROLES).errors : []) {
    check.addIssue({ code: 'custom', path: ['OIDC_GROUP_ROLES'], message: `${message} (expected group=role,group=role)` });
  }
});

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !url.search && !url.hash;
  } catch {
    return false;
  }
}

function isIssuerUrl(value: string): boolean {
  return isHttpUrl(value) && (new URL(value).protocol === 'https:' || isLoopbackUrl(new URL(value)));
}

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  logLevel: string;
  /**
   * Behind a load balancer: take the client's protocol and address from X-Forwarded-* (so cookies get Secure).
   * `true` trusts every hop, so a client can claim any address; a number of proxies or their addresses
   * trusts only those, which the public form's limit per address needs.
   */
  trustProxy: boolean | number | string[];
  /** Where mail goes: an SMTP server, or (without one) the outbox folder. */
  mail: Readonly<{ smtpUrl: string | undefined; from: string; outboxDir: string }>;
  /** OpenID Connect login beside the local accounts; null when OIDC_ISSUER is not set. */
  oidc: OidcConfig | null;
}>;

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.GRIP_DATA_DIR),
    databaseUrl: c.DATABASE_URL || undefined,
    logLevel: c.LOG_LEVEL,
    trustProxy: parseTrustProxy(c.TRUST_PROXY),
    mail: Object.freeze({
      smtpUrl: c.SMTP_URL,
      from: c.MAIL_FROM,
      outboxDir: path.resolve(c.GRIP_OUTBOX_DIR ?? path.join(c.GRIP_DATA_DIR, 'outbox')),
    }),
    oidc: c.OIDC_ISSUER
      ? Object.freeze({
        issuer: c.OIDC_ISSUER,
        clientId: c.OIDC_CLIENT_ID!,
        clientSecret: c.OIDC_CLIENT_SECRET!,
        groupRoles: parseGroupRoles(c.OIDC_GROUP_ROLES!).mapping,
        groupsClaim: c.OIDC_GROUPS_CLAIM ?? 'groups',
        linkBy: c.OIDC_LINK_BY,
        name: c.OIDC_NAME ?? 'OpenID Connect',
        scopes: c.OIDC_SCOPES ?? 'openid profile email',
        publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
      })
      : null,
  });
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((a) => a.trim());
}

export class ConfigError extends Error {}
