import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWinAnsi, renderLetters, toWinAnsi, type Letter } from './letter.pdf.ts';
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

  it('prints names outside Windows-1252 as their closest readable form, Dutch names exactly', async () => {
    const turkishPolish = delayLetter('Ayşe Yılmaz-Łukasik Doğan', 'Wierzbowa 3\n1234 AB Łódź-aan-Zee', '2024-000125', { p10: day('2024-02-12'), p90: day('2024-03-18'), open: false });
    const dutch = delayLetter('Zoë Öztürk-Müller', 'Dorpsstraat 1\n1234 AB Oost-Souburg', '2024-000126', { p10: day('2024-04-02'), p90: day('2024-10-01'), open: true });
    const sender = { organisation: 'Klachtbehandeling Ēłk', lines: ['Postbus 93122'] };
    const file = save(await renderLetters([turkishPolish, dutch], sender));
    const text = textOf(file);
    // ó is WinAnsi and stays; ł and ź are not: "Łódź" becomes "Lódz"
    for (const expected of ['Ayse Yilmaz-Lukasik Dogan', 'Wierzbowa 3', '1234 AB Lódz-aan-Zee', 'Zoë Öztürk-Müller', 'niet vóór 2 april 2024', 'Klachtbehandeling Elk']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/[şığŁłźĒ]/u);
    // the Turkish name is in the envelope window, on the first page
    const dir = path.dirname(file);
    execFileSync('pdftoppm', ['-r', '60', '-gray', '-f', '1', '-l', '1', file, path.join(dir, 'page')]);
    const page = readPgm(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.pgm'))!));
    expect(inkIn(page, 60, { x: 20, y: 48, w: 90, h: 20 })).toBeGreaterThan(100);
  });

  it('refuses an empty batch', async () => {
    await expect(renderLetters([])).rejects.toThrow(/no letters/);
  });
});

describe('toWinAnsi', () => {
  it('keeps what Windows-1252 has and maps the rest to the closest letter', () => {
    expect(toWinAnsi('Ayşe Yılmaz-Łukasik Doğan, Łódź')).toBe('Ayse Yilmaz-Lukasik Dogan, Lódz');
    expect(toWinAnsi('Erdős Ödön, Čapek, Ćosić, Đoković, Ħal, İzmir, Əliyev')).toBe('Erdos Ödön, Capek, Cosic, Dokovic, Hal, Izmir, Eliyev');
    // an accent WinAnsi can show survives the one it cannot (ǘ → ü), ligatures split, Catalan ŀ is l·
    expect(toWinAnsi('ǘ ệ ĳssel ﬁets coŀlegi')).toBe('ü ê ijssel fiets col·legi');
    // decomposed input (as macOS sends it) is composed first
    expect(toWinAnsi('Zoe\u0308 s\u0327')).toBe('Zoë s');
    expect(toWinAnsi('Москва 李 😀')).toBe('?????? ? ?');
    expect(toWinAnsi('a\r\nb\rc\td')).toBe('a\nb\nc d');
  });

  it('leaves Dutch and other Windows-1252 text exactly as it is', () => {
    const cp1252 = 'Zoë Öztürk-Müller vóór geëmigreerd café ïs ç ñ ø å ß Šš Žž Œœ Ÿ € „ “ ” ‘ ’ ‚ – — … † ‡ ˆ ‰ ‹ › • ˜ ™ ƒ ÿ\nregel';
    expect(toWinAnsi(cp1252)).toBe(cp1252);
    // all of Latin-1's printable range, and the 27 extras in 0x80–0x9F
    const latin1 = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)).join('') + Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');
    expect(toWinAnsi(latin1)).toBe(latin1);
    // 0x80–0x9F of Windows-1252, by code point (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned)
    const extras = [0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178];
    expect(new Set(extras).size).toBe(27);
    expect(extras.every((cp) => isWinAnsi(String.fromCodePoint(cp)))).toBe(true);
    // and nothing else: \n, 95 printable ASCII, 96 of Latin-1, 27 extras
    const all = Array.from({ length: 0x10000 }, (_, cp) => cp).filter((cp) => isWinAnsi(String.fromCodePoint(cp)));
    expect(all).toHaveLength(1 + 95 + 96 + 27);
    // C1 controls are not those characters, even though pdfkit would write their byte
    expect(toWinAnsi('\u0080\u0081\u009f')).toBe('???');
  });

  it('only ever returns characters Windows-1252 can encode', () => {
    const sample = 'Ayşe Yılmaz-Łukasik Doğan ŉ ŋ ſ ȷ ĸ ẞ ‐ − ʼ ′ ″ \u0301 \u200b \u2028 \u0007 Ǆ ǅ ﬀ ① ² Ａ 한국 Ελλάδα';
    const everything = sample + String.fromCodePoint(...Array.from({ length: 0x2500 }, (_, i) => i));
    for (const c of toWinAnsi(everything)) expect(isWinAnsi(c), `U+${c.codePointAt(0)!.toString(16)}`).toBe(true);
  });
});
