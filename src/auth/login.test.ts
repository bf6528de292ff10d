import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { createStaff } from '../testing/factories.ts';
import { checkPasswordPolicy, hashPassword } from './password.ts';
import { sessionFor } from './session.service.ts';

/** The local log-in's protections: a new session at every log-in, throttling, and the password policy. */
const PASSWORD = 'een-lang-en-goed-wachtwoord';
let tdb: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow('2026-11-29T12:00:00Z');
  app = await buildApp(tdb.ctx, { logLevel: 'silent' });
  for (const login of ['anna', 'bert', 'carla', 'dirk']) {
    const person = await createStaff(tdb.ctx, { roles: ['investigator'], login });
    await tdb.ctx.db.updateTable('staff').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', person.id).execute();
  }
});
afterAll(async () => {
  await app?.close();
  await tdb?.close();
});

/** A log-in as a browser does it: the form's CSRF cookie, then the post (optionally with a session cookie it already had). */
async function logIn(login: string, password: string, options: { from?: string; session?: string } = {}) {
  const form = await app.inject({ url: '/inloggen' });
  const csrf = form.cookies.find((c) => c.name === 'grip_login_csrf')!.value;
  const res = await app.inject({
    method: 'POST', url: '/inloggen', remoteAddress: options.from ?? '10.0.0.1',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `grip_login_csrf=${csrf}${options.session ? `; grip_session=${options.session}` : ''}` },
    payload: new URLSearchParams({ _csrf: csrf, login, password, terug: '/' }).toString(),
  });
  return { status: res.statusCode, body: res.body, retryAfter: res.headers['retry-after'], session: res.cookies.find((c) => c.name === 'grip_session')?.value };
}

describe('session rotation', () => {
  it('gives a new session id and CSRF token at every log-in and ends the session the browser brought', async () => {
    const first = await logIn('anna', PASSWORD, { from: '10.1.0.1' });
    expect(first.status).toBe(303);
    const before = await sessionFor(tdb.ctx.db, first.session!, tdb.ctx.clock());
    expect(before?.actor.login).toBe('anna');
    // Logging in again (or as someone else) with that cookie: a new session, and the old one is gone.
    const second = await logIn('bert', PASSWORD, { from: '10.1.0.1', session: first.session });
    expect(second.session).toBeDefined();
    expect(second.session).not.toBe(first.session);
    expect(await sessionFor(tdb.ctx.db, first.session!, tdb.ctx.clock())).toBeNull();
    const after = await sessionFor(tdb.ctx.db, second.session!, tdb.ctx.clock());
    expect(after?.actor.login).toBe('bert');
    expect(after?.csrfToken).not.toBe(before?.csrfToken);
  });

  it('keeps the session a browser brought when the log-in fails', async () => {
    const first = await logIn('carla', PASSWORD, { from: '10.1.0.2' });
    expect((await logIn('carla', 'fout-wachtwoord-123', { from: '10.1.0.2', session: first.session })).status).toBe(401);
    expect(await sessionFor(tdb.ctx.db, first.session!, tdb.ctx.clock())).not.toBeNull();
  });
});

describe('login throttling', () => {
  it('after 5 failures for one login name refuses every attempt, a correct password too, until the window ends', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn('dirk', `fout-${i}-wachtwoord`, { from: `10.2.0.${i}` })).status).toBe(401);
    const locked = await logIn('dirk', PASSWORD, { from: '10.2.0.9' });
    expect(locked.status).toBe(429);
    expect(locked.session).toBeUndefined();
    expect(locked.body).toContain('Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw.');
    expect(Number(locked.retryAfter)).toBe(15 * 60);
    // Other people are not affected.
    expect((await logIn('anna', PASSWORD, { from: '10.2.0.9' })).status).toBe(303);
    // Ten minutes on, still locked, with five minutes to go; after the window it works again.
    tdb.setNow('2026-11-29T12:10:00Z');
    const later = await logIn('dirk', PASSWORD, { from: '10.2.0.9' });
    expect([later.status, later.retryAfter]).toEqual([429, String(5 * 60)]);
    expect(later.body).toContain('Probeer het over 5 minuten opnieuw.');
    tdb.setNow('2026-11-29T12:15:00Z');
    expect((await logIn('dirk', PASSWORD, { from: '10.2.0.9' })).status).toBe(303);
  });

  it('answers a login name that does not exist exactly like one that does', async () => {
    tdb.setNow('2026-11-29T13:00:00Z');
    const answers = async (login: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await logIn(login, 'fout-wachtwoord-xyz', { from: `10.3.${login.length}.${i}` })).status);
      return statuses;
    };
    expect(await answers('carla')).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await answers('bestaat-niet')).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('after 20 failures from one address refuses that address, whatever the login name; correct log-ins do not count', async () => {
    tdb.setNow('2026-11-29T14:00:00Z');
    for (let i = 0; i < 30; i++) expect((await logIn('anna', PASSWORD, { from: '10.4.0.1' })).status).toBe(303);
    for (let i = 0; i < 20; i++) expect((await logIn(`naam-${i}`, 'fout-wachtwoord-xyz', { from: '10.4.0.1' })).status).toBe(401);
    const locked = await logIn('anna', PASSWORD, { from: '10.4.0.1' });
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('Te veel mislukte inlogpogingen');
    expect((await logIn('anna', PASSWORD, { from: '10.4.0.2' })).status).toBe(303);
  });
});

describe('password policy', () => {
  const person = { login: 'o.onderzoek', name: 'Olga Onderzoek' };

  it('accepts a long password of one’s own', () => {
    expect(checkPasswordPolicy('paarse-olifant-fietst-naar-Zwolle', person)).toEqual([]);
    expect(checkPasswordPolicy('x7#Lm9$qR2vT', person)).toEqual([]);
  });

  it('refuses short, overlong, personal and common passwords, in Dutch', () => {
    expect(checkPasswordPolicy('kort-wacht1', person)).toEqual(['Het wachtwoord moet minstens 12 tekens lang zijn.']);
    expect(checkPasswordPolicy('a'.repeat(257), person)).toEqual(['Het wachtwoord mag hoogstens 256 tekens lang zijn.']);
    expect(checkPasswordPolicy('mijn-naam-is-onderzoek', person)).toEqual(['Het wachtwoord mag uw gebruikersnaam of naam niet bevatten.']);
    expect(checkPasswordPolicy('O.Onderzoek-2026', person)).toEqual(['Het wachtwoord mag uw gebruikersnaam of naam niet bevatten.']);
    expect(checkPasswordPolicy('Wachtwoord2024!', person)).toEqual(['Dit wachtwoord wordt veel gebruikt en is makkelijk te raden; kies een ander.']);
    expect(checkPasswordPolicy('welkom01', person)).toEqual([
      'Het wachtwoord moet minstens 12 tekens lang zijn.', 'Dit wachtwoord wordt veel gebruikt en is makkelijk te raden; kies een ander.',
    ]);
    expect(checkPasswordPolicy('123456789012', person)).toEqual(['Dit wachtwoord wordt veel gebruikt en is makkelijk te raden; kies een ander.']);
  });
});
