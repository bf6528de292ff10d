import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDecisionPdf } from './decision.pdf.ts';
import { DECISION_PHRASES, DECISION_TEMPLATE, decisionLetter, fillPlaceholders, objectionDeadline, type DecisionInput } from './decision.ts';
import { DEFAULT_GROUNDS, type InventoryRow } from './woo.ts';

// pdftotext and pdfinfo (poppler-utils) read the PDF back: without them these tests fail, never skip.

const ROWS: InventoryRow[] = [
  { number: 1, date: '2023-10-10', title: 'Verslag MT KB', decision: 'partly', grounds: ['5.1.2e', '5.2.1'] },
  { number: 2, date: '2023-10-16', title: 'Verslag MT KB', decision: 'partly', grounds: ['5.1.2e'] },
  { number: 3, date: '2023-10-31', title: 'Verslag MT KB', decision: 'public', grounds: [] },
  { number: 4, date: '2023-11-13', title: 'E-mail over inhuur', decision: 'notPublic', grounds: ['5.2.1'] },
];

const INPUT: DecisionInput = {
  requestNumber: '2024-0042',
  subject: 'de opgelopen wachttijden van de klachtbehandeling',
  requestText: 'Graag ontvang ik alle documenten over de wachttijden bij de klachtbehandeling en hoe u daarmee omgaat.',
  requester: { name: 'Mevrouw Zoë van der Berg-Öztürk', addressLines: ['Lange Voorhout 9', '2514 EA  Den Haag'] },
  receivedOn: '2026-10-01',
  decidedOn: '2026-11-12',
  extension: { reason: 'het grote aantal documenten dat moet worden beoordeeld' },
  suspendedDays: 0,
  dueOn: '2026-11-12',
  counts: { public: 1, partly: 2, notPublic: 1 },
  rows: ROWS,
  groundsUsed: DEFAULT_GROUNDS.slice(0, 2),
  organisation: 'Nationale ombudsman',
  signatory: 'A. Jansen, Woo-coördinator',
};

const letterText = (input: DecisionInput) => {
  const l = decisionLetter(input);
  return [l.subject, ...l.paragraphs.flatMap((p) => [p.heading ?? '', p.text])].join('\n');
};

describe('objectionDeadline', () => {
  it('is six weeks after the day of sending, the same weekday', () => {
    // Thursday 12 November 2026: the term starts on Friday the 13th and ends six weeks later, Thursday 24 December
    expect(objectionDeadline('2026-11-12')).toBe('2026-12-24');
  });

  it('runs on past a weekend or holiday (art. 1 Atw)', () => {
    // Friday 13 November 2026 + 42 days = Friday 25 December (Eerste Kerstdag); the 26th is Tweede Kerstdag and a
    // Saturday, the 27th a Sunday: the first working day is Monday 28 December
    expect(objectionDeadline('2026-11-13')).toBe('2026-12-28');
    // Tuesday 16 March 2027 + 42 days = Tuesday 27 April 2027, Koningsdag: Wednesday 28 April
    expect(objectionDeadline('2027-03-16')).toBe('2027-04-28');
    // Saturday 14 November 2026 + 42 days = Saturday 26 December: Monday 28 December
    expect(objectionDeadline('2026-11-14')).toBe('2026-12-28');
  });

  it('does not move for Good Friday, which is no Atw holiday', () => {
    // Friday 12 February 2027 + 42 days = Friday 26 March 2027, Goede Vrijdag (Easter is 28 March 2027)
    expect(objectionDeadline('2027-02-12')).toBe('2027-03-26');
  });
});

describe('decisionLetter', () => {
  it('names the counts, each ground with its article, and the objection period', () => {
    const letter = decisionLetter(INPUT);
    expect(letter.subject).toBe('Besluit op uw Woo-verzoek 2024-0042');
    const text = letterText(INPUT);
    expect(text).toContain('Geachte Mevrouw Zoë van der Berg-Öztürk,');
    expect(text).toContain('U heeft gevraagd om informatie over de opgelopen wachttijden van de klachtbehandeling.');
    expect(text).toContain('Uw verzoek is op 1 oktober 2026 ontvangen.');
    expect(text).toContain('“Graag ontvang ik alle documenten over de wachttijden');
    expect(text).toContain('Ik wijs uw verzoek gedeeltelijk toe. Ik besluit 1 document volledig openbaar te maken, 2 documenten deels openbaar te maken en 1 document niet openbaar te maken.');
    expect(text).toContain('Bij de inventarisatie zijn 4 documenten aangetroffen.');
    expect(text).toContain('de beslistermijn met twee weken verdaagd. De reden daarvan is: het grote aantal documenten dat moet worden beoordeeld.');
    expect(text).toContain('De beslistermijn liep tot en met 12 november 2026.');
    expect(text).not.toContain('excuses');
    expect(text).not.toContain('zienswijze');
    for (const g of DEFAULT_GROUNDS.slice(0, 2)) {
      expect(text).toContain(`Grondslag: ${g.article}.`);
      expect(text).toContain(g.explanation);
    }
    expect(text).not.toContain('buiten verzoek');
    expect(text).toContain('Dan kunt u binnen zes weken na de dag van verzending van dit besluit bezwaar maken.');
    expect(text).toContain('de bezwaartermijn eindigt op 24 december 2026');
    expect(text).toContain('Nationale ombudsman, Postbus 93122, 2509 AC Den Haag');
    expect(text).toContain('A. Jansen, Woo-coördinator');
    expect(text).not.toMatch(/\{[a-z_]+\}/);
  });

  it('gives each section its heading, and the grounds their own', () => {
    const headings = decisionLetter(INPUT).paragraphs.flatMap((p) => (p.heading ? [p.heading] : []));
    expect(headings).toEqual([
      'Uw verzoek', 'Verloop van de procedure', 'Besluit', 'Gevonden documenten', 'Overwegingen',
      '5.1.2e: Persoonsgegevens (eerbiediging van de persoonlijke levenssfeer)', '5.2.1: Persoonlijke beleidsopvattingen in intern beraad',
      'Wijze van openbaarmaking', 'Vragen', 'Bezwaar', 'Voorlopige voorziening',
    ]);
  });

  it('leaves the requester out of the anonymised version', () => {
    const text = letterText({ ...INPUT, requester: null });
    expect(text).toContain('Geachte [naam verzoeker],');
    for (const s of ['Zoë', 'Berg', 'Öztürk', 'Voorhout', '2514']) expect(text).not.toContain(s);
  });

  it('tells of a suspension for third parties, a late decision, and a full refusal', () => {
    const text = letterText({
      ...INPUT, extension: null, suspendedDays: 12, decidedOn: '2026-11-20', dueOn: '2026-11-12',
      counts: { public: 0, partly: 0, notPublic: 1 }, rows: ROWS.slice(3), groundsUsed: [DEFAULT_GROUNDS[1]!],
    });
    expect(text).not.toContain('verdaagd');
    expect(text).toContain('De beslistermijn is daardoor 12 dagen opgeschort.');
    expect(text).toContain('Dit besluit komt later dan de wet voorschrijft');
    expect(text).toContain('Ik wijs uw verzoek af. Ik besluit 1 document niet openbaar te maken.');
    expect(text).toContain('Bij de inventarisatie is 1 document aangetroffen.');
  });

  it('says so when nothing was found or nothing was withheld', () => {
    const none = letterText({ ...INPUT, counts: { public: 0, partly: 0, notPublic: 0 }, rows: [], groundsUsed: [] });
    expect(none).toContain('Er zijn geen documenten aangetroffen die onder uw verzoek vallen.');
    const all = letterText({ ...INPUT, counts: { public: 3, partly: 0, notPublic: 0 }, rows: ROWS.slice(0, 3), groundsUsed: [] });
    expect(all).toContain('Ik wijs uw verzoek toe. Ik besluit 3 documenten volledig openbaar te maken.');
    expect(all).toContain(DECISION_PHRASES.noGrounds);
    expect(all).not.toContain('Grondslag');
  });

  it('uses only placeholders it fills in, and quotes a request literally', () => {
    expect(() => fillPlaceholders('Beste {naam}, uw {onbekend}', { naam: 'x' })).toThrow(/\{onbekend\}/);
    expect(fillPlaceholders('Beste {naam}', { naam: 'u {onbekend}' })).toBe('Beste u {onbekend}');
    expect(DECISION_TEMPLATE.split('\n')[0]).toMatch(/^Betreft: /);
    // a request that itself contains braces is quoted as written
    expect(letterText({ ...INPUT, requestText: 'Stuur mij {alles} over {naam}.' })).toContain('“Stuur mij {alles} over {naam}.”');
  });
});

describe('renderDecisionPdf', () => {
  const save = (pdf: Buffer) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-decision-')), 'besluit.pdf');
    fs.writeFileSync(file, pdf);
    return file;
  };
  const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ');

  it('prints the letter to the requester with the address in the window and every section', async () => {
    const file = save(await renderDecisionPdf(INPUT));
    const text = pdftotext(file);
    expect(text).toContain('Mevrouw Zoë van der Berg-Öztürk Lange Voorhout 9 2514 EA Den Haag');
    expect(text).toContain('Datum: 12 november 2026');
    expect(text).toContain('Betreft: Besluit op uw Woo-verzoek 2024-0042');
    for (const h of ['Uw verzoek', 'Verloop van de procedure', 'Besluit', 'Gevonden documenten', 'Overwegingen', 'Wijze van openbaarmaking', 'Bezwaar']) {
      expect(text).toContain(h);
    }
    expect(text).toContain('binnen zes weken na de dag van verzending van dit besluit bezwaar maken');
    expect(text).toContain('artikel 5.1, tweede lid, onder e, Woo');
    expect(text).toContain('artikel 5.2, eerste lid, Woo');
    expect(text).toContain('2 documenten deels openbaar');
    expect(text).toMatch(/Pagina 1 van \d/);

    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/^Title:\s+Besluit op Woo-verzoek 2024-0042$/m);
    expect(info).toMatch(/^Producer:\s+Grip$/m);
    expect(info).toMatch(/^Creator:\s+Grip$/m);
    expect(info).not.toMatch(/^Author:/m);
    expect(info).toMatch(/^Metadata Stream:\s+no$/m);
  });

  it('prints placeholders instead of the requester in the version for publication', async () => {
    const file = save(await renderDecisionPdf({ ...INPUT, requester: null }));
    const text = pdftotext(file);
    expect(text).toContain('[naam verzoeker] [adres verzoeker]');
    for (const s of ['Zoë', 'Berg', 'Öztürk', 'Voorhout', '2514']) expect(text).not.toContain(s);
    expect(execFileSync('pdfinfo', [file]).toString('utf8')).not.toMatch(/Zoë|Berg|Öztürk/);
  });
});
