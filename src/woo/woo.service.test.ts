import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { addNote } from '../cases/annotation.service.ts';
import { registerCase } from '../cases/case.service.ts';
import { readZip } from '../shared/zip.ts';
import { createTestDatabase, type TestDatabase } from '../testing/database.ts';
import { complaint, createStaff } from '../testing/factories.ts';
import { makeDocx, makeEml, makePdf } from './fixtures.ts';
import { acceptSuggestions, assessDocument, redactPassage, removeRedaction } from './redaction.service.ts';
import { freezeOutputs, inventoryOutput, publicationPackage } from './woo.output.ts';
import { getDocument, getRequest } from './woo.repository.ts';
import { addMaterial, searchMaterial } from './woo.search.ts';
import { extendRequest, fixDecision, insertDocuments, onRequest, registerRequest, removeDocument, resumeRequest, retitleDocument, suspendRequest, uploadDocument } from './woo.service.ts';
import { saveGround } from './woo.grounds.pages.tsx';

/**
 * A Woo request through the services, on either database: numbering, the
 * clock's commands, five documents (PDF, DOCX, e-mail, two Grip notes),
 * redaction, assessment, the decision lock, the inventory export and the
 * publication package checked with pdftotext/pdfinfo.
 */
let tdb: TestDatabase;
let woo: Actor;
let dir: string;
const today = '2026-11-20';
const AUTHORS = ['Hendrikus Pietersen-Oldenkamp', 'Willemijn Zandvoort'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  tdb.setNow(`${today}T10:00:00Z`);
  woo = await createStaff(tdb.ctx, { roles: ['wooCoordinator'], domains: [] });
  dir = mkdtempSync(path.join(os.tmpdir(), 'grip-woo-'));
}, 60_000);
afterAll(async () => {
  await tdb?.close();
  rmSync(dir, { recursive: true, force: true });
});

const register = (receivedOn = '2026-11-02') => registerRequest(tdb.ctx, woo, {
  receivedOn, requesterName: 'Pieter Journalist', requesterEmail: 'pieter@krant.example.nl', requesterAddress: 'Kerkstraat 1, 1234 AB Dorp',
  subject: 'Klachten over parkeerboetes', requestText: 'Graag alle documenten over klachten over parkeerboetes. Pieter Journalist',
});

describe('a Woo request', () => {
  it('gets a number of its own series and a clock that can be extended once and suspended', async () => {
    const a = await register();
    const b = await register();
    expect(a.number).toMatch(/^WOO-2026-\d{4}$/);
    expect(Number(b.number.slice(-4))).toBe(Number(a.number.slice(-4)) + 1);
    expect((await getRequest(tdb.ctx.db, a.id, today)).clock).toMatchObject({ kind: 'running', due: '2026-11-30' });

    await extendRequest(tdb.ctx, woo, a.id, 'Veel documenten');
    await expect(extendRequest(tdb.ctx, woo, a.id, 'Nog eens')).rejects.toMatchObject({ code: 'transition_forbidden' });
    await suspendRequest(tdb.ctx, woo, a.id, { startedOn: '2026-11-10', thirdParty: 'Gemeente Dorp' });
    expect((await getRequest(tdb.ctx.db, a.id, today)).clock).toMatchObject({ kind: 'suspended', since: '2026-11-10' });
    await resumeRequest(tdb.ctx, woo, a.id, { endedOn: '2026-11-17' });
    const view = await getRequest(tdb.ctx.db, a.id, today);
    // 2 Nov + 6 weeks = 14 Dec, + 7 days suspended = Monday 21 Dec
    expect(view.clock).toMatchObject({ kind: 'running', due: '2026-12-21' });
    expect(view.events.map((e) => e.type)).toEqual(['registered', 'extended', 'suspended', 'resumed']);
  });

  it('refuses a suspension that starts after the deadline, and a decision while suspended', async () => {
    const r = await register('2026-10-01'); // due 29 October
    await expect(suspendRequest(tdb.ctx, woo, r.id, { startedOn: '2026-11-02', thirdParty: 'Gemeente' })).rejects.toMatchObject({ code: 'transition_forbidden' });
    await suspendRequest(tdb.ctx, woo, r.id, { startedOn: '2026-10-20', thirdParty: 'Gemeente' });
    await expect(fixDecision(tdb.ctx, woo, r.id)).rejects.toMatchObject({ code: 'transition_forbidden' });
    await resumeRequest(tdb.ctx, woo, r.id, { endedOn: '2026-10-20' });
    await fixDecision(tdb.ctx, woo, r.id);
    // the clock stopped on the day of the decision: read weeks later it says the same
    const then = (await getRequest(tdb.ctx.db, r.id, '2027-02-01')).clock;
    expect(then).toEqual({ kind: 'decided', due: '2026-10-29' });
  });

  it('renumbers the documents after one is taken off, whatever the rows\' order', async () => {
    const r = await register();
    await onRequest(tdb.ctx, r.id, (tx, at) => insertDocuments(tx, r.id, woo, at, [1, 2, 3, 4].map((n) => ({
      source: 'pdf' as const, sourceRef: null, caseId: null, title: `Document ${n}`, date: null, body: `Tekst ${n}`,
    }))));
    // rows updated out of order: the last one first
    await tdb.ctx.db.updateTable('woo_documents').set({ title: 'Document 4' }).where('request_id', '=', r.id).where('number', '=', 4).execute();
    const docs = (await getRequest(tdb.ctx.db, r.id, today)).documents;
    await removeDocument(tdb.ctx, woo, r.id, docs[1]!.id);
    expect((await getRequest(tdb.ctx.db, r.id, today)).documents.map((d) => [d.number, d.title])).toEqual([[1, 'Document 1'], [2, 'Document 3'], [3, 'Document 4']]);
  });

  it('refuses a decision while a released document still shows a name redacted in another', async () => {
    const r = await register();
    await onRequest(tdb.ctx, r.id, (tx, at) => insertDocuments(tx, r.id, woo, at, [
      { source: 'pdf', sourceRef: null, caseId: null, title: 'Verslag', date: null, body: 'Gesprek met de klager over zijn uitkering.\nNotitie van Anna Pieters.' },
      { source: 'pdf', sourceRef: null, caseId: null, title: 'Vervolg', date: null, body: 'Daarna belde Pieters terug over de uitkering.' },
    ]));
    const [first, second] = (await getRequest(tdb.ctx.db, r.id, today)).documents;
    await redactPassage(tdb.ctx, woo, r.id, first!.id, { passage: 'Anna Pieters', ground: '5.1.2e', everywhere: false });
    await assessDocument(tdb.ctx, woo, r.id, first!.id, { decision: 'partly', grounds: [] });
    await redactPassage(tdb.ctx, woo, r.id, second!.id, { passage: 'over de uitkering', ground: 'buiten verzoek', everywhere: false });
    await assessDocument(tdb.ctx, woo, r.id, second!.id, { decision: 'partly', grounds: [] });
    // "Pieters" alone is no name the detector finds, but "Anna Pieters" is redacted in document 1 ... and the requester's words are known too
    await expect(fixDecision(tdb.ctx, woo, r.id)).rejects.toMatchObject({ code: 'transition_forbidden' });
    const suggestions = await acceptSuggestions(tdb.ctx, woo, r.id, second!.id, { keys: 'all', ground: '5.1.2e' });
    expect(suggestions).toBeGreaterThan(0);
    await fixDecision(tdb.ctx, woo, r.id);
  });

  it('refuses an extension after the four weeks are up', async () => {
    const late = await register('2026-10-01');
    await expect(extendRequest(tdb.ctx, woo, late.id, 'Te laat')).rejects.toMatchObject({ code: 'transition_forbidden' });
  });
});

describe('five documents through inventory, redaction, decision and publication', () => {
  let requestId: string;
  const secrets = ['Marieke van den Akker', 'marieke.akker@example.nl', '06-12345678', '111222333', 'NL91ABNA0417164300'];

  beforeAll(async () => {
    const dispatcher = await createStaff(tdb.ctx, { roles: ['dispatcher'], domains: ['inkomen'] });
    const c = (await registerCase(tdb.ctx, dispatcher, complaint({ subject: 'Parkeerboete onterecht' }))).case;
    await addNote(tdb.ctx, dispatcher, c.id, { kind: 'note', text: 'Gebeld met mevrouw Marieke van den Akker over de parkeerboete; zij is bereikbaar op 06-12345678.' });
    await addNote(tdb.ctx, dispatcher, c.id, { kind: 'action', text: 'Gemeente gevraagd de parkeerboete te heroverwegen. BSN 111222333 staat in het dossier.' });
    requestId = (await register()).id;
    await uploadDocument(tdb.ctx, woo, requestId, { filename: 'verslag.pdf', data: await makePdf({ title: 'Verslag parkeerbeleid', author: AUTHORS[0]!, lines: ['Overleg over parkeerboetes met de gemeente.', 'Contact: marieke.akker@example.nl, rekening NL91ABNA0417164300.'] }) });
    await uploadDocument(tdb.ctx, woo, requestId, { filename: 'memo.docx', data: makeDocx({ title: 'Memo parkeerboetes', author: AUTHORS[1]!, paragraphs: ['Feiten: 12 klachten over parkeerboetes.', 'Ik vind dat de gemeente haar beleid moet herzien.'] }) });
    await uploadDocument(tdb.ctx, woo, requestId, { filename: 'mail.eml', data: makeEml({ from: 'Marieke van den Akker <marieke.akker@example.nl>', to: 'klachten@grip.example', subject: 'Mijn parkeerboete', date: new Date('2026-10-01T10:00:00Z'), body: 'Ik ben het niet eens met de parkeerboete.\nGroet, Marieke van den Akker' }) });
  }, 60_000);

  it('finds Grip notes by search (audited with the request number) and adds them once', async () => {
    const found = await searchMaterial(tdb.ctx, woo, requestId, 'parkeerboete', `/woo/${requestId}`);
    expect(found.map((m) => m.source).sort()).toEqual(['note', 'note']);
    expect(await addMaterial(tdb.ctx, woo, requestId, found.map((m) => m.key))).toBe(2);
    expect(await addMaterial(tdb.ctx, woo, requestId, found.map((m) => m.key))).toBe(0);
    const audit = await tdb.ctx.db.selectFrom('audit_log').select(['action', 'purpose']).where('actor_id', '=', woo.id).execute();
    expect(audit).toContainEqual({ action: 'search', purpose: expect.stringMatching(/^Woo-verzoek WOO-2026-/) });
    const view = await getRequest(tdb.ctx.db, requestId, today);
    expect(view.documents.map((d) => [d.number, d.source])).toEqual([[1, 'pdf'], [2, 'docx'], [3, 'eml'], [4, 'note'], [5, 'note']]);
  });

  it('redacts, reverses, assesses and then refuses every change once the decision is fixed', async () => {
    const [pdf, memo, mail, note1, note2] = (await getRequest(tdb.ctx.db, requestId, today)).documents;
    for (const d of [pdf!, mail!, note1!, note2!]) await acceptSuggestions(tdb.ctx, woo, requestId, d.id, { keys: 'all', ground: '5.1.2e' });
    const n = await redactPassage(tdb.ctx, woo, requestId, memo!.id, { passage: 'Ik vind dat de gemeente haar beleid moet herzien.', ground: '5.2.1', everywhere: false });
    expect(n).toBe(1);
    // reversible: remove one and put it back
    const { redactions } = await getDocument(tdb.ctx.db, requestId, memo!.id);
    await removeRedaction(tdb.ctx, woo, requestId, memo!.id, redactions[0]!.id);
    expect((await getDocument(tdb.ctx.db, requestId, memo!.id)).redactions).toHaveLength(0);
    await expect(assessDocument(tdb.ctx, woo, requestId, memo!.id, { decision: 'partly', grounds: [] })).rejects.toMatchObject({ code: 'validation' });
    await redactPassage(tdb.ctx, woo, requestId, memo!.id, { passage: 'Ik vind dat de gemeente haar beleid moet herzien.', ground: '5.2.1', everywhere: false });

    await expect(assessDocument(tdb.ctx, woo, requestId, pdf!.id, { decision: 'public', grounds: [] })).rejects.toMatchObject({ code: 'validation' });
    for (const d of [pdf!, memo!, note1!]) await assessDocument(tdb.ctx, woo, requestId, d.id, { decision: 'partly', grounds: [] });
    await expect(fixDecision(tdb.ctx, woo, requestId)).rejects.toMatchObject({ code: 'transition_forbidden' });
    await assessDocument(tdb.ctx, woo, requestId, mail!.id, { decision: 'notPublic', grounds: ['5.1.2e'] });
    await assessDocument(tdb.ctx, woo, requestId, note2!.id, { decision: 'partly', grounds: [] });
    // a title holding a redacted name goes onto the inventory unredacted: refused until it is changed
    await retitleDocument(tdb.ctx, woo, requestId, mail!.id, 'Mail van Marieke van den Akker');
    await expect(fixDecision(tdb.ctx, woo, requestId)).rejects.toMatchObject({ code: 'transition_forbidden', details: { errors: [{ nl: expect.stringContaining('document 3') }] } });
    await retitleDocument(tdb.ctx, woo, requestId, mail!.id, 'Mijn parkeerboete');
    await fixDecision(tdb.ctx, woo, requestId);
    await expect(redactPassage(tdb.ctx, woo, requestId, memo!.id, { passage: 'Feiten', ground: '5.2.1', everywhere: false })).rejects.toMatchObject({ code: 'transition_forbidden' });
    await expect(removeRedaction(tdb.ctx, woo, requestId, memo!.id, redactions[0]!.id)).rejects.toMatchObject({ code: 'transition_forbidden' });
  });

  it('exports an inventory that lists every document with the decision and grounds the reviewer set', async () => {
    const view = await getRequest(tdb.ctx.db, requestId, today);
    const file = path.join(dir, 'inventaris.xlsx');
    writeFileSync(file, await inventoryOutput(tdb.ctx.db, view, 'xlsx'));
    const sheets = await readXlsxFile(file);
    const rows = (sheets as unknown as { sheet: string; data: unknown[][] }[])[0]!.data;
    const body = rows.slice(1).map((r) => [Number(r[0]), String(r[3]), String(r[4] ?? '')]);
    expect(body).toEqual([
      [1, 'Deels openbaar', '5.1.2e'],
      [2, 'Deels openbaar', '5.2.1'],
      [3, 'Niet openbaar', '5.1.2e'],
      [4, 'Deels openbaar', '5.1.2e'],
      [5, 'Deels openbaar', '5.1.2e'],
    ]);
  });

  it('keeps the decision and the package as fixed, whatever changes to the grounds later', async () => {
    const first = await freezeOutputs(tdb.ctx.db, requestId, today);
    await saveGround(tdb.ctx, { code: '5.2.1', name: 'Andere naam', article: 'artikel 5.2 Woo', colour: '#ff0000', explanation: 'Een andere uitleg.' });
    const again = await freezeOutputs(tdb.ctx.db, requestId, '2027-01-15');
    expect(again.decision.equals(first.decision)).toBe(true);
    expect(again.pack.equals(first.pack)).toBe(true);
  });

  it('publishes a package whose redacted PDFs hold none of the redacted strings and no author metadata', async () => {
    const view = await getRequest(tdb.ctx.db, requestId, today);
    const zip = readZip(await publicationPackage(tdb.ctx.db, view));
    const names = [...zip.keys()].sort();
    expect(names.filter((n) => n.startsWith('documenten/'))).toHaveLength(4); // the e-mail is not public
    expect(names).toEqual(expect.arrayContaining(['verzoek.pdf', 'besluit.pdf', 'inventaris.pdf', 'inventaris.xlsx', 'LEESMIJ.txt']));
    // every redacted string of every document, straight from the database
    const redacted = (await tdb.ctx.db.selectFrom('woo_redactions as x').innerJoin('woo_documents as d', 'd.id', 'x.document_id')
      .select(['d.body', 'x.start_at', 'x.end_at']).where('d.request_id', '=', requestId).execute()).map((r) => r.body.slice(r.start_at, r.end_at));
    expect(redacted).toEqual(expect.arrayContaining(['Marieke van den Akker', '06-12345678', '111222333', 'Ik vind dat de gemeente haar beleid moet herzien.']));
    for (const name of names.filter((n) => n.endsWith('.pdf'))) {
      const file = path.join(dir, name.replace(/\//g, '_'));
      writeFileSync(file, zip.get(name)!);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      for (const s of [...redacted, ...secrets, 'Pieter Journalist', 'pieter@krant.example.nl', 'Kerkstraat']) {
        expect(text, `${name} shows "${s}"`).not.toContain(s);
      }
      for (const a of AUTHORS) {
        expect(text).not.toContain(a);
        expect(info).not.toContain(a);
      }
      expect(info).not.toMatch(/^Author:/m);
      expect(info).toMatch(/^Producer:\s+Grip$/m);
    }
    const memoText = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, names.find((n) => n.startsWith('documenten/002'))!.replace(/\//g, '_')), '-'], { encoding: 'utf8' });
    expect(memoText).toContain('Feiten: 12 klachten over parkeerboetes.');
    expect(memoText).toContain('5.2.1');
  });
});
