import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { inventoryPdf, inventoryXlsx, shortDate, type InventoryInput } from './inventory.export.ts';
import { DEFAULT_GROUNDS, type InventoryRow } from './woo.ts';

// pdftotext and pdfinfo (poppler-utils) read the PDF back: without them these tests fail, never skip.

const ROWS: InventoryRow[] = [
  { number: 1, date: '2023-10-10', title: 'Verslag MT KB', decision: 'partly', grounds: ['5.1.2e', '5.2.1'] },
  { number: 2, date: '2023-10-16', title: 'Verslag MT KB', decision: 'partly', grounds: ['5.1.2e'] },
  { number: 3, date: null, title: 'Presentatie "Grip op de werkvoorraden" voor de medewerkers van de directie Klachtbehandeling, met de uitkomsten van de interviews met vier teams en de voorgestelde oplossingsrichtingen', decision: 'public', grounds: [] },
  { number: 4, date: '2023-11-13', title: 'E-mail over inhuur coördinatoren', decision: 'notPublic', grounds: ['5.2.1', 'buiten verzoek'] },
  { number: 5, date: '2024-01-05', title: 'Notitie wachttijden café-overleg', decision: null, grounds: [] },
];
const INPUT: InventoryInput = { requestNumber: '2024-0042', subject: 'wachttijden klachtbehandeling', rows: ROWS, grounds: DEFAULT_GROUNDS };

function save(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-inventory-')), 'inventaris.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string, ...args: string[]) => execFileSync('pdftotext', ['-layout', ...args, file, '-']).toString('utf8');
const collapse = (s: string) => s.replace(/\s+/g, ' ');

describe('shortDate', () => {
  it('writes a day as DD-MM-YYYY', () => {
    expect(shortDate('2023-10-01')).toBe('01-10-2023');
    expect(() => shortDate('1-10-2023')).toThrow(RangeError);
  });
});

describe('inventoryXlsx', () => {
  it('lists every document with its number, date, title, assessment and grounds', async () => {
    const sheets = await readXlsxFile(inventoryXlsx(INPUT));
    expect(sheets.map((s) => s.sheet)).toEqual(['Inventaris', 'Gronden']);
    const [inventory, grounds] = sheets;
    expect(inventory!.data).toEqual([
      ['Nr.', 'Datum', 'Documenttitel', 'Beoordeling', 'Weigeringsgronden'],
      [1, '10-10-2023', 'Verslag MT KB', 'Deels openbaar', '5.1.2e, 5.2.1'],
      [2, '16-10-2023', 'Verslag MT KB', 'Deels openbaar', '5.1.2e'],
      [3, null, ROWS[2]!.title, 'Openbaar', null],
      [4, '13-11-2023', 'E-mail over inhuur coördinatoren', 'Niet openbaar', '5.2.1, buiten verzoek'],
      [5, '05-01-2024', 'Notitie wachttijden café-overleg', 'Nog niet beoordeeld', null],
    ]);
    expect(grounds!.data).toEqual([
      ['Code', 'Artikel', 'Omschrijving'],
      ['5.1.2e', 'artikel 5.1, tweede lid, onder e, Woo', 'Persoonsgegevens (eerbiediging van de persoonlijke levenssfeer)'],
      ['5.2.1', 'artikel 5.2, eerste lid, Woo', 'Persoonlijke beleidsopvattingen in intern beraad'],
      ['buiten verzoek', 'valt buiten het verzoek', 'Buiten de reikwijdte van het verzoek'],
    ]);
  });

  it('explains only the grounds the inventory uses', async () => {
    const sheets = await readXlsxFile(inventoryXlsx({ ...INPUT, rows: ROWS.slice(1, 3) }));
    expect(sheets[1]!.data.map((r) => r[0])).toEqual(['Code', '5.1.2e']);
  });
});

describe('inventoryPdf', () => {
  it('lists every row with its assessment and grounds, and a legend of the grounds used', async () => {
    const file = save(await inventoryPdf(INPUT));
    const text = pdftotext(file);
    const flat = collapse(text);
    expect(flat).toContain('Inventarislijst Woo-verzoek 2024-0042');
    expect(flat).toContain('Onderwerp: wachttijden klachtbehandeling');
    expect(flat).toMatch(/Nr\. +Datum +Documenttitel +Beoordeling +Weigeringsgronden/);
    const line = (start: RegExp) => text.split('\n').find((l) => start.test(l)) ?? '';
    expect(line(/^\s*1\s+10-10-2023/)).toMatch(/Verslag MT KB\s+Deels openbaar\s+5\.1\.2e, 5\.2\.1/);
    expect(line(/^\s*2\s+16-10-2023/)).toMatch(/Verslag MT KB\s+Deels openbaar\s+5\.1\.2e\s*$/);
    expect(line(/^\s*3\s+onbekend/)).toMatch(/Presentatie "Grip op de werkvoorraden".*Openbaar\s*$/);
    expect(line(/^\s*4\s+13-11-2023/)).toMatch(/E-mail over inhuur coördinatoren\s+Niet openbaar\s+5\.2\.1, buiten verzoek/);
    expect(line(/^\s*5\s+05-01-2024/)).toMatch(/Notitie wachttijden café-overleg\s+Nog niet beoordeeld/);
    // the long title wraps inside its column, all of it kept
    expect(flat).toContain('voorgestelde oplossingsrichtingen');
    expect(flat).toContain('Weigeringsgronden 5.1.2e: artikel 5.1, tweede lid, onder e, Woo (Persoonsgegevens');
    expect(flat).toContain('5.2.1: artikel 5.2, eerste lid, Woo (Persoonlijke beleidsopvattingen in intern beraad)');
    expect(flat).toContain('buiten verzoek: valt buiten het verzoek');

    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/^Title:\s+Inventarislijst bij Woo-verzoek 2024-0042$/m);
    expect(info).toMatch(/^Producer:\s+Grip$/m);
    expect(info).not.toMatch(/^Author:/m);
  });

  it('leaves the legend out when no ground is used', async () => {
    const text = collapse(pdftotext(save(await inventoryPdf({ ...INPUT, rows: [ROWS[2]!] }))));
    expect(text).toContain('Openbaar');
    expect(text).not.toContain('5.1.2e');
    expect(text.match(/Weigeringsgronden/g)).toHaveLength(1); // the column header only
  });

  it('repeats the header row on every page of a long inventory and numbers the pages', async () => {
    const rows: InventoryRow[] = Array.from({ length: 80 }, (_, i) => ({
      number: i + 1, date: '2024-02-12', title: `E-mail ${i + 1} over de werkvoorraad`, decision: 'partly', grounds: ['5.1.2e'],
    }));
    const file = save(await inventoryPdf({ ...INPUT, rows }));
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file]).toString('utf8'))![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const all = collapse(pdftotext(file));
    for (const r of rows) expect(all).toContain(`${r.number} 12-02-2024 E-mail ${r.number} over de werkvoorraad Deels openbaar 5.1.2e`);
    for (let p = 1; p <= pages; p++) {
      const page = collapse(pdftotext(file, '-f', String(p), '-l', String(p)));
      expect(page).toMatch(/Nr\. Datum Documenttitel Beoordeling Weigeringsgronden/);
      expect(page).toContain(`Pagina ${p} van ${pages}`);
    }
  });
});
