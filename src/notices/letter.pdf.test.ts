import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLetters, type Letter } from './letter.pdf.ts';
import { DEFAULT_TEMPLATES, renderTemplate, templateValues } from './template.ts';

// The PDF is read back with poppler-utils (pdftoppm, pdftotext, pdfinfo), as a
// printer would: without them these tests fail, never skip (.ci/run installs them).

const day = (iso: string) => new Date(`${iso}T10:00:00+01:00`);

function delayLetter(name: string, address: string, dossierNumber: string, expected: { p10: Date; p90: Date; open: boolean }): Letter {
  const values = templateValues({
    name, dossierNumber, receivedAt: day('2024-01-08'), agency: 'de gemeente Utrecht', expected, waitingTimesUrl: 'https://klachten.example.nl/wachttijden',
  });
  const { subject, body } = renderTemplate(DEFAULT_TEMPLATES['delay.letter'], values);
  return { name, address, dossierNumber, date: day('2024-02-05'), subject, body };
}

const letters = [
  delayLetter('Mevrouw Zoë de Vries', 'Kerkstraat 12 bis\n3512 AB  Utrecht', '2024-000123', { p10: day('2024-02-12'), p90: day('2024-03-18'), open: false }),
  delayLetter('De heer J. Öztürk', 'Postbus 45\n9700 AA  Groningen', '2024-000124', { p10: day('2024-04-02'), p90: day('2024-10-01'), open: true }),
];

function save(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-letter-')), 'brieven.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}

/** The text of a PDF, with the layout's runs of spaces and line breaks folded into single spaces. */
const textOf = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').replace(/\s+/g, ' ');

interface Gray { width: number; height: number; pixels: Buffer }

/** Reads a binary PGM (P5, 8-bit) as pdftoppm writes it: "P5\n<w> <h>\n255\n" then one byte per pixel. */
function readPgm(file: string): Gray {
  const buf = fs.readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error(`${file}: not an 8-bit binary PGM`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: buf.subarray(header[0].length, header[0].length + width * height) };
}

/** Dark pixels inside a rectangle given in millimetres from the top left corner of the page. */
function inkIn(page: Gray, dpi: number, box: { x: number; y: number; w: number; h: number }): number {
  const px = (mm: number) => Math.round((mm * dpi) / 25.4);
  let dark = 0;
  for (let y = px(box.y); y < Math.min(page.height, px(box.y + box.h)); y++) {
    for (let x = px(box.x); x < Math.min(page.width, px(box.x + box.w)); x++) if (page.pixels[y * page.width + x]! < 128) dark++;
  }
  return dark;
}

describe('renderLetters', () => {
  it('prints one readable A4 page per letter, with the address in the envelope window', async () => {
    const file = save(await renderLetters(letters));
    const dir = path.dirname(file);
    execFileSync('pdftoppm', ['-r', '60', '-gray', file, path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
    expect(pages).toHaveLength(2);
    for (const name of pages) {
      const page = readPgm(path.join(dir, name));
      expect(page.height / page.width).toBeCloseTo(297 / 210, 2);
      const whole = { x: 0, y: 0, w: 210, h: 297 };
      expect(inkIn(page, 60, whole)).toBeGreaterThan(2000);
      // the window of a standard Dutch envelope: 22 mm from the left, 50 mm from the top
      expect(inkIn(page, 60, { x: 20, y: 48, w: 90, h: 20 })).toBeGreaterThan(100);
      // nothing else may show through the window below the address
      expect(inkIn(page, 60, { x: 20, y: 70, w: 90, h: 20 })).toBe(0);
      // the return address, top right
      expect(inkIn(page, 60, { x: 120, y: 20, w: 70, h: 20 })).toBeGreaterThan(50);
    }
  });

  it('carries the address block, dossier number, date and expected range as text, diacritics intact', async () => {
    const text = textOf(save(await renderLetters(letters)));
    for (const expected of [
      'Mevrouw Zoë de Vries', 'Kerkstraat 12 bis', '3512 AB Utrecht', 'Ons kenmerk: 2024-000123', 'Uw klacht 2024-000123',
      'De heer J. Öztürk', 'Postbus 45', '9700 AA Groningen', 'Ons kenmerk: 2024-000124',
      '5 februari 2024', 'tussen 12 februari 2024 en 18 maart 2024', 'niet vóór 2 april 2024', 'Klachtbehandeling', 'Postbus 93122',
    ]) expect(text).toContain(expected);
    // a one-page letter has no page numbers
    expect(text).not.toContain('Pagina');
  });

  it('keeps names out of the metadata, and the same batch gives the same bytes', async () => {
    const pdf = await renderLetters(letters);
    const info = execFileSync('pdfinfo', [save(pdf)]).toString('utf8');
    expect(info).toMatch(/^Title:\s+Brief$/m);
    expect(info).toMatch(/^Page size:.*\(A4\)$/m);
    expect(info).not.toMatch(/Vries|Öztürk|Zoë/);
    expect(info).not.toMatch(/^Author:/m);
    expect((await renderLetters(letters)).equals(pdf)).toBe(true);
  });

  it('runs a long letter onto more pages, numbered, before the next letter starts', async () => {
    const long = { ...letters[0]!, body: Array.from({ length: 40 }, (_, i) => `Alinea ${i + 1}: ${'een zin die de brief langer maakt '.repeat(6)}`).join('\n\n') };
    const file = save(await renderLetters([long, letters[1]!]));
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file]).toString())![1]);
    expect(pages).toBeGreaterThan(2);
    const perPage = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8').split('\f');
    expect(perPage[0]).toContain(`Pagina 1 van ${pages - 1}`);
    expect(perPage[pages - 2]).toContain(`Pagina ${pages - 1} van ${pages - 1}`);
    expect(perPage[pages - 1]).toContain('De heer J. Öztürk');
    expect(perPage[pages - 1]).not.toContain('Pagina');
  });

  it('refuses an empty batch', async () => {
    await expect(renderLetters([])).rejects.toThrow(/no letters/);
  });
});
