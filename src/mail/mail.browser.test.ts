import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkA11y, clickAndWait, mainText, startBrowserSuite, type BrowserSuite } from '../testing/browser.ts';
import { produceWeeklyOverviews } from '../weekmail/weekmail.service.ts';
import { deliverDueMail } from './mail.service.ts';
import { createMailTransport } from './mail.transport.ts';

/** The outbox page in real Chromium: reachable from the menu, accessible, and scoped to the person. */
let suite: BrowserSuite;
let dir: string;

beforeAll(async () => {
  suite = await startBrowserSuite();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grip-outbox-'));
  const { ctx } = suite.grip;
  for (const [login, email] of [['teammanager', null], ['onderzoeker', 'olga@grip.example'], ['onderzoeker2', 'iris@grip.example'], ['coordinator', 'coen@grip.example']] as const) {
    await ctx.db.updateTable('staff').set({ email }).where('login', '=', login).execute();
  }
  await produceWeeklyOverviews(ctx);
  await deliverDueMail(ctx, createMailTransport({ smtpUrl: undefined, from: 'Grip <grip@grip.example>', outboxDir: dir }));
});
afterAll(async () => {
  await suite?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Postvak uit', () => {
  it('shows a team manager every message, and one message with its text', async () => {
    const page = await suite.pageAs('teammanager');
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Postvak uit' }));
    expect(new URL(page.url()).pathname).toBe('/postvak-uit');
    await checkA11y(page);
    const text = await mainText(page);
    expect(text).toContain('olga@grip.example');
    expect(text).toContain('coen@grip.example');
    expect(text).toContain('Bewaard in de map postvak uit');

    await clickAndWait(page, page.getByRole('row', { name: /olga@grip\.example/ }).getByRole('link'));
    await checkA11y(page);
    const message = await mainText(page);
    expect(message).toContain('Beste Olga Onderzoek,');
    for (const c of suite.grip.org.assigned) expect(message).toContain(c.dossierNumber);
  });

  it('shows an investigator only their own overview', async () => {
    const page = await suite.pageAs('onderzoeker');
    await clickAndWait(page, page.getByRole('navigation').getByRole('link', { name: 'Postvak uit' }));
    await checkA11y(page);
    const text = await mainText(page);
    expect(text).toContain('olga@grip.example');
    expect(text).not.toContain('coen@grip.example');
  });
});
