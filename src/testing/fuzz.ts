import fc from 'fast-check';
import { z } from 'zod';
import { toActor } from '../auth/policy.ts';
import { dutchDay } from '../core/woo-clock.ts';
import { insertDocuments, onRequest, registerRequest } from '../woo/woo.service.ts';
import type { Db } from '../db/database.ts';

/**
 * Shared pieces of the property-based fuzz tests (src/http/api.fuzz.test.ts,
 * src/web/forms.fuzz.test.ts): hostile values, values shaped by a route's zod
 * schema and then spoilt, a small HTML form reader, and row checks for data the
 * schema allows but the domain forbids.
 *
 * Deterministic by default; to replay one endpoint: FUZZ_SEED=<seed> FUZZ_ONLY=<url> (see README).
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20260302);
/** Runs per API route and per form: the fixed number the issue asks for. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Only endpoints whose `METHOD url` contains this (for replaying one). */
export const FUZZ_ONLY = process.env.FUZZ_ONLY ?? '';

export const selected = (method: string, url: string) => !FUZZ_ONLY || `${method} ${url}`.includes(FUZZ_ONLY);

/** Strings that break naive code: NUL, lone surrogates, RTL overrides, emoji, SQL and HTML, numbers and dates at the edges. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '   \t\n ', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDFFF', '\u202Eevil\u202C', 'שלום عربى', '💩🏳️‍🌈👨‍👩‍👧',
  '\uFEFF', '\u200B', 'e\u0301', '\u0007\u001b[31m', "'; drop table cases; --", "' or '1'='1", '"', '\\', '%', '_', '%00', '%ZZ',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '../../etc/passwd', 'null', 'undefined', 'true',
  '0', '-1', '1e309', 'NaN', 'Infinity', '9999999999999999999999', '-0', '0x10', '1.5', '2147483648',
  '0000-00-00', '2026-02-30', '9999-12-31', '0001-01-01', '1970-01-01T00:00:00Z', '2026-13-01', '275760-09-13',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '12345678-1234-1234-1234-1234567890ab',
  'x'.repeat(61), 'x'.repeat(201), 'y'.repeat(5000), 'z'.repeat(70_000), 'Ω'.repeat(3000),
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 2 ** 31, -(2 ** 31), 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON at all, mixed with the nasty scalars. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 3 }) },
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
  pattern?: string;
  default?: unknown;
};

export interface ValuePools {
  /** Real ids from the seeded database (so a good share of requests reach the handlers). */
  uuids: readonly string[];
  /** Other real values (domain, unit, outcome names…). */
  words: readonly string[];
}

/** The JSON schema of a zod schema's input, as the OpenAPI document states it. */
export const inputSchema = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/**
 * Values shaped like the schema (mostly valid, so the handler runs), each part
 * spoilt now and then: wrong types, edge numbers, nasty strings, dropped and extra fields.
 */
export function fromSchema(schema: JsonSchema, pools: ValuePools, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: shaped(schema, pools, depth, true) }, { weight: 1, arbitrary: nastyValue });
}

/** Values that satisfy the schema as far as JSON schema can say (refinements aside): these reach the service. */
export const validFor = (schema: JsonSchema, pools: ValuePools): fc.Arbitrary<unknown> => shaped(schema, pools, 0, false);

function shaped(s: JsonSchema, pools: ValuePools, depth: number, spoil: boolean): fc.Arbitrary<unknown> {
  const inner = (x: JsonSchema) => (spoil ? fromSchema(x, pools, depth + 1) : shaped(x, pools, depth + 1, false));
  if (depth > 4) return spoil ? nastyValue : fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map(inner));
  if (s.allOf?.length) return shaped(Object.assign({}, ...s.allOf), pools, depth + 1, spoil);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      const fields = props.map(([name, p]) =>
        fc.tuple(fc.constant(name), inner(p), fc.nat(9)).map(([n, v, roll]) =>
          // drop an optional field often, a required one seldom (never when valid)
          (required.has(n) ? spoil && roll === 0 : roll < 4) ? null : ([n, v] as const)),
      );
      const record = s.additionalProperties && typeof s.additionalProperties === 'object'
        ? fc.dictionary(spoil ? fc.oneof(fc.string({ maxLength: 8 }), nastyString) : fc.string({ minLength: 1, maxLength: 8 }), inner(s.additionalProperties), { maxKeys: 3 })
        : fc.constant({});
      const extra = spoil ? fc.option(fc.dictionary(fc.string({ maxLength: 10 }), nastyValue, { maxKeys: 2 }), { freq: 8 }) : fc.constant(null);
      return fc.tuple(fc.tuple(...fields), record, extra)
        .map(([kv, rec, more]) => ({ ...rec, ...Object.fromEntries(kv.filter((x) => x !== null)), ...(more ?? {}) }));
    }
    case 'array':
      return fc.array(s.items ? inner(s.items) : spoil ? nastyValue : fc.string(), { minLength: spoil ? 0 : Math.min((s as { minItems?: number }).minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 5, 5) + (spoil ? 1 : 0) });
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Math.max(lo, 1000) + 1000);
      const int = (min: number, max: number) => fc.integer({ min: Math.max(Math.ceil(min), -(2 ** 31)), max: Math.min(Math.floor(max), 2 ** 31) });
      // small values near the minimum hit real versions and counts
      const inRange = type === 'integer' ? fc.oneof(int(lo, Math.min(hi, lo + 5)), int(lo, hi)) : fc.double({ min: lo, max: hi, noNaN: true });
      if (!spoil) return inRange;
      const edges = [lo, hi, lo - 1, hi + 1, 0].filter(Number.isFinite);
      return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 2, arbitrary: fc.constantFrom(...edges) }, { weight: 1, arbitrary: nastyNumber });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      return stringFor(s, pools, spoil);
    default:
      return spoil ? nastyValue : fc.jsonValue({ maxDepth: 1 });
  }
}

const realUuid = (pools: ValuePools) => (pools.uuids.length ? fc.constantFrom(...pools.uuids) : fc.uuid());

function stringFor(s: JsonSchema, pools: ValuePools, spoil: boolean): fc.Arbitrary<string> {
  const max = s.maxLength ?? 200;
  const min = s.minLength ?? 0;
  if (s.format === 'uuid') {
    return spoil ? fc.oneof({ weight: 5, arbitrary: realUuid(pools) }, { weight: 2, arbitrary: fc.uuid() }, { weight: 1, arbitrary: nastyString }) : realUuid(pools);
  }
  if (s.format === 'email') {
    return spoil ? fc.oneof({ weight: 4, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: fc.constantFrom('a@b', '@', 'x@example.nl\u0000', `${'a'.repeat(250)}@example.nl`) }) : fc.constantFrom('jan@example.nl', 'a.b@gemeente.nl');
  }
  if (s.format === 'date' || s.format === 'date-time') {
    const format = (d: Date) => (s.format === 'date' ? d.toISOString().slice(0, 10) : d.toISOString());
    const near = fc.date({ min: new Date('2025-06-01'), max: new Date('2026-06-01'), noInvalidDate: true }).map(format);
    if (!spoil) return near;
    return fc.oneof(
      { weight: 3, arbitrary: near },
      { weight: 1, arbitrary: fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map(format) },
      { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
      { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '9999-12-31', '2026-02-30', '1900-01-01T00:00:00+14:00', '275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '1899-12-31', '2200-01-02') },
    );
  }
  const fitting = pools.words.filter((w) => w.length >= min && w.length <= max);
  const clean = s.pattern
    ? fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= min && x.length <= max)
    : fc.oneof(
        fc.string({ minLength: Math.max(min, 1), maxLength: Math.min(max, 40) }),
        fitting.length ? fc.constantFrom(...fitting) : fc.constant('x'.repeat(Math.max(min, 1))),
      );
  if (!spoil) return clean;
  const edges = fc.constantFrom('x'.repeat(Math.max(min, 1)), 'x'.repeat(max), 'x'.repeat(max + 1), ' '.repeat(Math.max(min, 1)));
  return fc.oneof({ weight: 5, arbitrary: clean }, { weight: 1, arbitrary: edges }, { weight: 2, arbitrary: nastyString });
}

/**
 * Percent-encodes any JS string, lone surrogates included (as their raw WTF-8
 * bytes, which are not valid UTF-8: garbage the server must refuse politely).
 */
export function encodeAny(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    let out = '';
    for (const ch of value) {
      try {
        out += encodeURIComponent(ch);
      } catch {
        const c = ch.charCodeAt(0);
        out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
      }
    }
    return out;
  }
}

/** A query string from fields (a list repeats the key; objects become `a[b]=` garbage). */
export function queryString(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (k: string, v: unknown) => {
    if (v === undefined) return;
    if (Array.isArray(v)) for (const one of v) add(k, one);
    else if (v && typeof v === 'object') for (const [kk, vv] of Object.entries(v)) add(`${k}[${kk}]`, vv);
    else parts.push(`${encodeAny(k)}=${encodeAny(String(v))}`);
  };
  for (const [k, v] of Object.entries(fields)) add(k, v);
  return parts.join('&');
}

export const urlencoded = (fields: Record<string, string | string[]>) => queryString(fields);

/** A multipart/form-data body: text fields and files. */
export function multipartBody(fields: Record<string, string | string[]>, files: { field: string; name: string; type: string; data: Buffer }[] = []) {
  const boundary = `----gripfuzz${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  const quote = (s: string) => s.replace(/["\r\n]/g, '_');
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${one}\r\n`));
    }
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(f.field)}"; filename="${quote(f.name)}"\r\nContent-Type: ${f.type.replace(/[\r\n]/g, '')}\r\n\r\n`));
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A fastify url pattern as a regular expression over a path (params captured by name). */
export function urlPattern(url: string): RegExp {
  const body = url.split('/').map((seg) => (seg.startsWith(':') ? `(?<${seg.slice(1)}>[^/]+)` : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${body}$`);
}

export const paramNames = (url: string) => url.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));

/** Path params as garbage: real-looking ids, nasty strings (length within the router's limit and beyond). */
export const garbageParam: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('0', '-1', 'null', '%00', '%ZZ', '%ED%A0%80', '..', '%2F', 'x'.repeat(201), '00000000-0000-0000-0000-000000000000', '2026-02-30', 'ABCDEF01-2345-6789-ABCD-EF0123456789'),
  nastyString.filter((s) => s.length > 0 && s.length < 300).map(encodeAny),
);

/** A one-line description of a request for a failure message. */
export function describeRequest(r: { method?: string; url?: string; headers?: Record<string, string>; payload?: unknown }): string {
  const body = r.payload === undefined ? '' : typeof r.payload === 'string' ? r.payload : Buffer.isBuffer(r.payload) ? r.payload.toString('latin1') : JSON.stringify(r.payload);
  const url = r.url ?? '';
  return `${r.method} ${url.length > 300 ? `${url.slice(0, 300)}…` : url} content-type=${r.headers?.['content-type'] ?? '-'} body=${JSON.stringify(body.length > 600 ? `${body.slice(0, 600)}…(${body.length})` : body)}`;
}

/* ---------- a seeded organisation to aim at ---------- */

export interface FuzzSeed {
  caseIds: string[];
  contactIds: string[];
  staffIds: string[];
  /** A Woo request and its document (the Woo pages' ids). */
  wooIds: string[];
  words: string[];
}

/**
 * Cases in every early state (received, routed, assigned, in first contact,
 * closed) and phone contacts, made through the API as `token`'s holder, so the
 * fuzz has real ids to aim at. Answers the ids and the reference words.
 */
export async function seedForFuzz(app: import('fastify').FastifyInstance, db: Db, token: string, investigatorId: string): Promise<FuzzSeed> {
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: res.statusCode, body: res.json() as Record<string, any> };
  };
  const caseIds: string[] = [];
  const outcomes = (await db.selectFrom('outcomes').select('id').orderBy('id').execute()).map((o) => o.id);
  for (let i = 0; i < 8; i += 1) {
    const made = await call('POST', '/api/v1/cases', {
      petitioner: { name: `Fuzz Verzoeker ${i}`, email: `fuzz${i}@example.nl` }, agency: i % 2 ? 'UWV' : 'Belastingdienst',
      subject: `Klacht ${i}`, description: 'Geen reactie op mijn bezwaar.', channel: 'web',
    });
    if (made.status !== 201) throw new Error(`seeding a case: ${made.status} ${JSON.stringify(made.body)}`);
    caseIds.push(made.body.id);
    if (i < 2) continue;
    const routed = await call('POST', `/api/v1/cases/${made.body.id}/route`, { domain: 'inkomen', unit: 'standard' });
    if (i < 4 || routed.status !== 200) continue;
    const assigned = await call('POST', `/api/v1/cases/${made.body.id}/assign`, { investigatorId, proposal: 'Bellen met de instantie.', version: routed.body.version });
    if (i < 6 || assigned.status !== 200) continue;
    const contacted = await call('POST', `/api/v1/cases/${made.body.id}/first-contact`, {});
    if (i < 7 || contacted.status !== 200) continue;
    for (const outcome of outcomes) if ((await call('POST', `/api/v1/cases/${made.body.id}/close`, { outcome })).status === 200) break;
  }
  const contactIds: string[] = [];
  for (const outcome of ['advised', 'callback', 'asked_to_write']) {
    const made = await call('POST', '/api/v1/contacts', {
      caller: { name: 'Fuzz Beller', phone: '0612345678' }, domain: 'inkomen', summary: 'Vraag over toeslag', outcome,
    });
    if (made.status === 201) contactIds.push(made.body.id);
  }
  const staffIds = (await db.selectFrom('staff').select('id').orderBy('id').execute()).map((s) => s.id);
  const wooIds = await seedWooRequest(db);
  const words = [
    ...(await db.selectFrom('domains').select('id').execute()).map((d) => d.id),
    ...(await db.selectFrom('units').select('id').execute()).map((u) => u.id),
    ...outcomes,
    'Belastingdienst', 'UWV',
  ];
  return { caseIds, contactIds, staffIds, wooIds, words };
}

/** A Woo request with one document holding personal data, so the crawler reaches the request and document pages and their forms. */
async function seedWooRequest(db: Db): Promise<string[]> {
  const ctx = { db, clock: () => new Date() };
  const row = await db.selectFrom('staff').select(['id', 'login', 'name', 'roles', 'domains']).where('login', '=', 'admin').executeTakeFirstOrThrow();
  const actor = toActor(row);
  const request = await registerRequest(ctx, actor, {
    receivedOn: dutchDay(new Date()), requesterName: 'Fuzz Verzoeker', subject: 'Woo fuzz', requestText: 'Alle documenten over fuzz.',
  });
  await onRequest(ctx, request.id, (tx, at) => insertDocuments(tx, request.id, actor, at, [{
    source: 'pdf', sourceRef: null, caseId: null, title: 'Fuzz-verslag', date: null, body: 'Gesprek met de heer Jan Jansen, bereikbaar op 06-12345678.',
  }]));
  const doc = await db.selectFrom('woo_documents').select('id').where('request_id', '=', request.id).executeTakeFirstOrThrow();
  return [request.id, doc.id];
}

/* ---------- open findings whose fix belongs in a file this test does not own ---------- */

export interface OpenFinding {
  id: string;
  /** Where the fix goes and what it is (the report to the lead says more). */
  fix: string;
  matches(req: { headers?: unknown }, res: { statusCode: number; body: string }): boolean;
}

/**
 * Wrong answers the fuzz found whose fix is still to come: each is tolerated by the properties only in
 * exactly its shape, counted and printed, and pinned by an `it.fails` test until the fix lands. Empty: the
 * two found so far (a broken multipart body gave a 500; the router's own 400/414 were not problem+json)
 * are fixed in src/http/app.ts and kept as ordinary tests.
 */
export const OPEN_FINDINGS: readonly OpenFinding[] = [];

export const openFinding = (req: { headers?: unknown }, res: { statusCode: number; body: string }) =>
  OPEN_FINDINGS.find((f) => f.matches(req, res));
