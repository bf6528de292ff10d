import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../cases/annotation.service.ts';
import { buildApp } from '../http/app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { COMPLAINT_POST_LIMIT, COMPLAINT_RATE_LIMIT } from './rate-limit.ts';

/**
 * The public complaint form over HTTP (issue 6, must-show 4): Dutch messages
 * per field and nothing stored on any refusal; files checked by content and
 * size; a rate limit per address; a trap for robots; a double submit files
 * once; a filed case is a web case without an actor, with its attachment.
 */
let tdb: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildApp(tdb.ctx, { logLevel: 'silent' });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await tdb?.close();
});
beforeEach(() => tdb.setNow('2026-03-02T09:00:00Z'));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** Each test posts from its own address, so the rate limit of one never touches another. */
let addresses = 0;
const newAddress = () => `10.1.${Math.floor(++addresses / 250)}.${(addresses % 250) + 1}`;

interface Attachment { name: string; data: Buffer; type?: string }

const valid = (extra: Record<string, string> = {}): Record<string, string> => ({
  token: crypto.randomUUID(),
  name: 'Petra Verzoeker',
  email: 'petra@example.nl',
  address: '',
  phone: '',
  agency: 'UWV',
  subject: 'Uitkering te laat betaald',
  description: 'Mijn WW-uitkering is al twee maanden niet betaald en niemand neemt de telefoon op.',
  approached: 'ja',
  urgent: 'nee',
  website: '',
  ...extra,
});

async function post(fields: Record<string, string>, files: Attachment[] = [], address = newAddress()) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('attachments', new Blob([new Uint8Array(f.data)], { type: f.type ?? 'application/pdf' }), f.name);
  // The browser's own multipart encoding, sent through inject so each test can choose its client address.
  const request = new Request('http://grip.test/klacht', { method: 'POST', body: form });
  const res = await app.inject({
    method: 'POST', url: '/klacht', remoteAddress: address,
    headers: { 'content-type': request.headers.get('content-type')! }, payload: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.statusCode, html: res.body, headers: res.headers };
}

const dossierOf = (html: string) => /id="dossiernummer">([^<]+)</.exec(html)?.[1] ?? null;

/** Row counts of everything a filed complaint stores. */
async function stored() {
  const count = async (table: 'cases' | 'petitioners' | 'attachments' | 'mail_outbox' | 'case_notices' | 'case_events' | 'idempotency_keys' | 'agencies') =>
    Number((await tdb.ctx.db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    cases: await count('cases'), petitioners: await count('petitioners'), attachments: await count('attachments'), mail: await count('mail_outbox'),
    notices: await count('case_notices'), events: await count('case_events'), keys: await count('idempotency_keys'), agencies: await count('agencies'),
  };
}

describe('the form', () => {
  it('is public, with a token, a trap for robots and no CSRF field', async () => {
    const res = await app.inject({ method: 'GET', url: '/klacht' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="utrecht-heading-1">Klacht indienen</h1>');
    expect(res.body).toMatch(/name="token" value="[0-9a-f-]{36}"/);
    expect(res.body).toContain('Laat dit veld leeg');
    expect(res.body).toMatch(/<input id="f-website" type="text" name="website" tabindex="-1" autocomplete="off"/i);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).not.toContain('_csrf');
    const english = await app.inject({ method: 'GET', url: '/klacht', cookies: { grip_lang: 'en' } });
    expect(english.body).toContain('Submit a complaint');
  });
});

describe('refusals store nothing', () => {
  it('lists a Dutch message per missing field, at the field and in a summary, and keeps what was typed', async () => {
    const before = await stored();
    const res = await post({ token: crypto.randomUUID(), name: '', email: '', address: '', phone: '06 12345678', agency: '', subject: '', description: '' });
    expect(res.status).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    const messages = {
      name: 'Vul uw naam in.',
      email: 'Vul uw e-mailadres in, of uw postadres als u geen e-mail hebt.',
      agency: 'Vul in over welke instantie u klaagt.',
      subject: 'Vul in waar uw klacht in het kort over gaat.',
      description: 'Beschrijf wat er is gebeurd.',
      approached: 'Geef aan of u uw klacht eerst bij de instantie zelf hebt ingediend.',
      urgent: 'Geef aan of er binnen 2 weken iets moet gebeuren.',
    };
    expect(res.html).toContain('Uw klacht is nog niet verstuurd');
    for (const [field, message] of Object.entries(messages)) {
      expect(res.html).toContain(`<p id="f-${field}-error" class="grip-field-error">${message}</p>`);
      expect(res.html).toMatch(new RegExp(`<li><a href="#f-${field}(-ja)?">${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</a></li>`));
    }
    expect(res.html).toContain('value="06 12345678"');
    expect(await stored()).toEqual(before);
  });

  it('refuses an e-mail address that is not one, and accepts a postal address instead of e-mail', async () => {
    const bad = await post(valid({ email: 'petra-at-example' }));
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.');
    const letter = await post(valid({ email: '', address: 'Dorpsstraat 1\n1234 AB Ergens' }));
    expect(letter.status).toBe(200);
    expect(letter.html).toContain('bevestiging per post');
  });

  it('refuses a file named .pdf that is not a PDF, by its content', async () => {
    const before = await stored();
    const res = await post(valid(), [{ name: 'x.pdf', data: Buffer.from('<html><script>alert(1)</script></html>') }]);
    expect(res.status).toBe(400);
    expect(res.html).toContain('x.pdf: dit is geen PDF-, JPEG- of PNG-bestand.');
    expect(res.html).toContain('Kies uw bijlagen opnieuw');
    expect(await stored()).toEqual(before);
  });

  it('refuses a file over 10 MB with 413, the form back and a Dutch message', async () => {
    const before = await stored();
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_ATTACHMENT_BYTES, 0x20)]);
    const res = await post(valid(), [{ name: 'groot.pdf', data: big }]);
    expect(res.status).toBe(413);
    expect(res.html).toContain('<html lang="nl">');
    expect(res.html).toContain('groot.pdf is groter dan 10 MB.');
    expect(res.html).toContain('value="Petra Verzoeker"');
    expect(await stored()).toEqual(before);
  });

  it('refuses a sixth file in the form, with a Dutch message', async () => {
    const before = await stored();
    const res = await post(valid(), [1, 2, 3, 4, 5, 6].map((i) => ({ name: `deel${i}.pdf`, data: PDF })));
    expect(res.status).toBe(400);
    expect(res.html).toContain('U kunt hoogstens 5 bestanden meesturen.');
    expect(await stored()).toEqual(before);
  });

  it('refuses files that together exceed 20 MB with 413, the form back and a Dutch message', async () => {
    const before = await stored();
    const part = Buffer.concat([PDF, Buffer.alloc(7 * 1024 * 1024, 0x20)]);
    const res = await post(valid(), [1, 2, 3].map((i) => ({ name: `deel${i}.pdf`, data: part })));
    expect(res.status).toBe(413);
    expect(res.html).toContain('De bestanden zijn samen groter dan 20 MB.');
    expect(res.html).toContain('value="Petra Verzoeker"');
    expect(await stored()).toEqual(before);
  });

  it('stores nothing when the trap for robots is filled in, and answers a neutral thank-you without a dossier number', async () => {
    const before = await stored();
    const res = await post(valid({ website: 'https://spam.example' }));
    expect(res.status).toBe(200);
    expect(res.html).toContain('Wij hebben uw bericht ontvangen.');
    expect(res.html).not.toContain('dossiernummer');
    expect(dossierOf(res.html)).toBeNull();
    expect(await stored()).toEqual(before);
  });

  it('stores nothing when the receipt cannot be queued: case, attachment and receipt are one transaction', async () => {
    const before = await stored();
    // A subject too long for a mail header makes queueing the receipt fail after the case and attachment were written.
    await tdb.ctx.db.insertInto('notice_templates').values({ kind: 'receipt', subject: 'x'.repeat(400), body: 'Beste {{naam}}', updated_by: null, updated_at: tdb.ctx.clock() }).execute();
    try {
      const res = await post(valid(), [{ name: 'brief.pdf', data: PDF }]);
      expect(res.status).toBe(500);
      expect(await stored()).toEqual(before);
    } finally {
      await tdb.ctx.db.deleteFrom('notice_templates').where('kind', '=', 'receipt').execute();
    }
  });
});

describe('rate limit per address', () => {
  it('accepts the first submissions of 100 within a minute and answers the rest 429 in Dutch, storing exactly those', async () => {
    const before = await stored();
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => post(valid({ subject: `Klacht ${i}` }), [], address)));
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    expect(accepted).toHaveLength(COMPLAINT_RATE_LIMIT.max);
    expect(refused).toHaveLength(100 - COMPLAINT_RATE_LIMIT.max);
    expect(new Set(accepted.map((r) => dossierOf(r.html))).size).toBe(COMPLAINT_RATE_LIMIT.max);
    for (const r of refused) {
      expect(r.html).toContain('U hebt in korte tijd veel klachten verstuurd. Probeer het over 10 minuten opnieuw.');
      expect(r.headers['retry-after']).toBe('600');
      expect(dossierOf(r.html)).toBeNull();
    }
    const after = await stored();
    expect(after.cases - before.cases).toBe(COMPLAINT_RATE_LIMIT.max);
    expect(after.mail - before.mail).toBe(COMPLAINT_RATE_LIMIT.max);

    // Invalid posts count too (against the limit of posts); another address is not affected; no address is stored as such.
    expect((await post({ token: crypto.randomUUID() }, [], address)).status).toBe(429);
    expect((await post(valid())).status).toBe(200);
    const keys = await tdb.ctx.db.selectFrom('rate_limits').select('key').execute();
    expect(keys.every((k) => /^public-form(-posts)?:[0-9a-f]{64}$/.test(k.key))).toBe(true);

    // A new window: accepted again, and the ended window is deleted.
    tdb.setNow('2026-03-02T09:10:30Z');
    expect((await post(valid(), [], address)).status).toBe(200);
    const windows = await tdb.ctx.db.selectFrom('rate_limits').select('window_start').execute();
    expect(windows.every((w) => w.window_start.getTime() >= Date.parse('2026-03-02T09:10:00Z'))).toBe(true);
  });
});

describe('rate limit for someone correcting a form', () => {
  it('does not count a refused form as a complaint: ten tries with an error, then the complaint is filed', async () => {
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect((await post({ ...valid(), name: '' }, [], address)).status).toBe(400);
    expect((await post(valid(), [], address)).status).toBe(200);
  });

  it('refuses a flood of invalid posts from one address after 30 in 10 minutes', async () => {
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 40 }, () => post({ token: crypto.randomUUID() }, [], address)));
    expect(results.filter((r) => r.status === 400)).toHaveLength(COMPLAINT_POST_LIMIT.max);
    expect(results.filter((r) => r.status === 429)).toHaveLength(40 - COMPLAINT_POST_LIMIT.max);
  });
});

describe('filing', () => {
  it('files a repeat of the same form (reload, double click) once, and shows the same dossier number', async () => {
    const before = await stored();
    const fields = valid();
    const first = await post(fields, [{ name: 'brief.pdf', data: PDF }]);
    const again = await post(fields, [{ name: 'brief.pdf', data: PDF }]);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(dossierOf(first.html)).toBeTruthy();
    expect(dossierOf(again.html)).toBe(dossierOf(first.html));
    const after = await stored();
    expect(after.cases - before.cases).toBe(1);
    expect(after.attachments - before.attachments).toBe(1);
    expect(after.mail - before.mail).toBe(1);
    // The same token with other content is not the same form: nothing filed, the form back with a new token.
    const other = await post({ ...fields, subject: 'Iets anders' });
    expect(other.status).toBe(409);
    expect(other.html).toContain('Dit formulier was al verstuurd.');
    expect(other.html).not.toContain(`value="${fields.token}"`);
    expect((await stored()).cases - before.cases).toBe(1);
  });

  it('registers a web case without an actor, its urgency answer for the dispatcher to screen, with the attachment by its detected type and the receipt', async () => {
    const res = await post(valid({ urgent: 'ja', approached: 'nee', name: 'Karel Spoed', email: 'karel@example.nl' }), [{ name: 'scan.jpeg', data: PNG, type: 'image/jpeg' }]);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBeUndefined();
    expect(res.html).toContain('Uw klacht is ontvangen');
    expect(res.html).toContain('Wij verwachten dat een klachtonderzoeker uw klacht');
    const dossier = dossierOf(res.html)!;
    const c = await tdb.ctx.db.selectFrom('cases').selectAll().where('dossier_number', '=', dossier).executeTakeFirstOrThrow();
    expect(c.channel).toBe('web');
    // Urgency is screened by dispatchers and coordinators: the answer is there for them, the marker is theirs to set.
    expect(c.lane_urgent).toBe(false);
    expect(c.description).toContain('Moet binnen 2 weken iets gebeuren (betaling of beslissing): ja');
    expect(c.suggested_domain_id).toBe('inkomen');
    expect(c.description).toContain('Instantie eerst benaderd: nee');
    const events = await tdb.ctx.db.selectFrom('case_events').select(['type', 'actor_id']).where('case_id', '=', c.id).orderBy('id').execute();
    expect(events).toEqual([{ type: 'registered', actor_id: null }, { type: 'attachment_added', actor_id: null }]);
    const files = await tdb.ctx.db.selectFrom('attachments').selectAll().where('case_id', '=', c.id).execute();
    expect(files.map((f) => [f.file_name, f.content_type, f.size, f.uploaded_by])).toEqual([['scan.jpeg', 'image/png', PNG.length, null]]);
    expect(Buffer.compare(files[0]!.data, PNG)).toBe(0);
    const mail = await tdb.ctx.db.selectFrom('mail_outbox').selectAll().where('recipient', '=', 'karel@example.nl').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain(dossier);

    const calm = await post(valid({ urgent: 'nee' }));
    const regular = await tdb.ctx.db.selectFrom('cases').select('description').where('dossier_number', '=', dossierOf(calm.html)!).executeTakeFirstOrThrow();
    expect(regular.description).toContain('Moet binnen 2 weken iets gebeuren (betaling of beslissing): nee');
  });
});
