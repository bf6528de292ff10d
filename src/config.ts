import path from 'node:path';
import { z } from 'zod';

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
});

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
  });
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((a) => a.trim());
}

export class ConfigError extends Error {}
