import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { labelColour, renderRedactedPdf, type RedactedDocumentInput } from './redacted.pdf.ts';
import { DEFAULT_GROUNDS, type Redaction } from './woo.ts';

// The PDFs are read back with poppler-utils (pdftotext, pdfinfo, pdftoppm) as
// a reader of the published file would: without them these tests fail, never skip.

const TEXT = `Verslag MT Klachtbehandeling
Onderwerp: werkvoorraad en wachttijden

Aanwezig: Hanneke van Essen (voorzitter), Pieter Bakker, Sanne de Wit-Jansen
Afwezig: Mohamed El Amrani

1. Opening
De voorzitter opent de vergadering. Mevrouw De Wit-Jansen is bereikbaar via s.dewit@nationaleombudsman.nl of 06-12345678.

2. Werkvoorraad
Er zijn 748 onverdeelde zaken. Een burger met BSN 123456782 heeft gebeld over zijn klacht; hij woont aan de Kerkstraat 12
3512 AB Utrecht en wacht al drie maanden. De coördinatoren gaan eerder bellen.
Pieter Bakker vindt dat er iets moet gebeuren. Naar zijn mening is de huidige aanpak van het team onhoudbaar en moet de directie op korte termijn extra mensen inhuren, ook al kost dat meer dan begroot en zal de ondernemingsraad daar bezwaar tegen maken.

3. Rondvraag
Het kerstdiner is verplaatst naar vrijdag.
Cijfers: https://www.nationaleombudsman.nl/klachten/werkvoorraad-en-wachttijden/overzicht-2023-2024-per-domein-inkomen-zorg-jeugd-leefomgeving-veiligheid-migratie`;

/** Every occurrence of `needle` in TEXT, redacted with `ground`. */
function redact(needle: string, ground = '5.1.2e'): Redaction[] {
  const out: Redaction[] = [];
  for (let at = TEXT.indexOf(needle); at >= 0; at = TEXT.indexOf(needle, at + 1)) out.push({ start: at, end: at + needle.length, ground });
  if (out.length === 0) throw new Error(`test text lacks ${needle}`);
  return out;
}

const PERSONAL = ['Hanneke van Essen', 'Pieter Bakker', 'Sanne de Wit-Jansen', 'Mohamed El Amrani', 'De Wit-Jansen', 's.dewit@nationaleombudsman.nl', '06-12345678', '123456782', 'Kerkstraat 12\n3512 AB Utrecht'];
const OPINION = 'Naar zijn mening is de huidige aanpak van het team onhoudbaar en moet de directie op korte termijn extra mensen inhuren, ook al kost dat meer dan begroot en zal de ondernemingsraad daar bezwaar tegen maken.';
const OUTSIDE = 'Het kerstdiner is verplaatst naar vrijdag.';
const REDACTIONS = [...PERSONAL.flatMap((p) => redact(p)), ...redact(OPINION, '5.2.1'), ...redact(OUTSIDE, 'buiten verzoek')];

/** Strings that must appear nowhere in the output: each redacted text and its telling parts. */
const SECRETS = [
  ...PERSONAL, OPINION, OUTSIDE,
  'Essen', 'Bakker', 'Wit-Jansen', 'Amrani', 'dewit', '12345678', '123456782', 'Kerkstraat', '3512', 'mening', 'onhoudbaar', 'ondernemingsraad', 'kerstdiner',
];

const INPUT: RedactedDocumentInput = {
  requestNumber: '2024-0042', number: 7, title: 'Verslag MT KB 10-10-2023', date: '2023-10-10',
  text: TEXT, redactions: REDACTIONS, grounds: DEFAULT_GROUNDS,
};

function save(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'grip-woo-')), 'document.pdf');
  fs.writeFileSync(file, pdf);
  return file;
}
const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-']).toString('utf8');
const collapse = (s: string) => s.replace(/\s+/g, ' ');

/**
 * Everything a PDF holds as text, the way a tool digging in the file would
 * find it: the raw bytes, every stream inflated, and the hex strings pdfkit
 * writes text as (`<48656c6c6f> Tj`) decoded.
 */
function rawText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
  }
  const all = [raw, ...streams].join('\n');
  const hex = [...all.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((m) => Buffer.from(m[1]!.replace(/\s/g, ''), 'hex').toString('latin1'));
  return [all, ...hex].join('\n') + '\n' + hex.join('');
}

describe('labelColour', () => {
  it('writes white on the dark grounds and black on the light one', () => {
    expect(labelColour('#000000')).toBe('#ffffff');
    expect(labelColour('#1f5fbf')).toBe('#ffffff');
    expect(labelColour('#d0d0d0')).toBe('#000000');
    expect(labelColour('#ffff00')).toBe('#000000');
  });
});

describe('renderRedactedPdf', () => {
  it('shows every word that is not redacted, and none that is', async () => {
    const pdf = await renderRedactedPdf(INPUT);
    const text = pdftotext(save(pdf));
    const flat = collapse(text);
    for (const secret of SECRETS) expect(flat, secret).not.toContain(collapse(secret));
    for (const secret of SECRETS) expect(text.replace(/\s+/g, ''), secret).not.toContain(secret.replace(/\s+/g, ''));

    let shown = TEXT;
    for (const r of [...REDACTIONS].sort((a, b) => b.start - a.start)) shown = shown.slice(0, r.start) + ' ' + shown.slice(r.end);
    const words = shown.split(/\s+/).filter(Boolean);
    const url = words.find((w) => w.startsWith('https://'))!;
    for (const w of words.filter((w) => w !== url)) expect(flat, w).toContain(w);
    // the address is longer than a line: it is cut over two lines, nothing lost
    // (pdftotext drops a hyphen at a line's end, taking it for hyphenation)
    expect(flat).not.toContain(url);
    expect(text.replace(/[\s-]+/g, '')).toContain(url.replace(/-/g, ''));
    expect(flat).toContain('De coördinatoren gaan eerder bellen.');
  });

  it('labels each box with its ground, splitting a redaction longer than a line', async () => {
    const text = collapse(pdftotext(save(await renderRedactedPdf(INPUT))));
    expect(text.match(/5\.1\.2e/g)?.length ?? 0).toBeGreaterThanOrEqual(PERSONAL.length + 2);
    // the opinion runs over about two lines: at least two boxes, each labelled
    expect(text.match(/5\.2\.1/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text).toContain('buiten verzoek');
    expect(text).toContain('Document 7');
    expect(text).toContain('Verslag MT KB 10-10-2023');
    expect(text).toContain('Datum: 10-10-2023');
    expect(text).toContain('Woo-verzoek 2024-0042');
  });

  it('never writes a redacted string into the file, compressed or not', async () => {
    const pdf = await renderRedactedPdf(INPUT);
    const raw = rawText(pdf);
    // the decoder works: shown text is found in the content streams
    expect(raw).toContain('onverdeelde zaken');
    expect(raw).toContain('5.1.2e');
    for (const secret of SECRETS) {
      expect(raw, secret).not.toContain(secret);
      expect(raw.replace(/\s+/g, ''), secret).not.toContain(secret.replace(/\s+/g, ''));
    }
  });

  it('carries only a generic title and Grip in its metadata', async () => {
    const file = save(await renderRedactedPdf(INPUT));
    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/^Title:\s+Document 7 bij Woo-verzoek 2024-0042$/m);
    expect(info).toMatch(/^Producer:\s+Grip$/m);
    expect(info).toMatch(/^Creator:\s+Grip$/m);
    expect(info).not.toMatch(/^Author:/m);
    expect(info).not.toMatch(/^(Subject|Keywords):/m);
    expect(info).not.toContain('Verslag MT KB');
    expect(info).not.toContain('PDFKit');
    // no XMP packet (it would repeat the metadata where pdfinfo does not show it)
    expect(execFileSync('pdfinfo', ['-meta', file]).toString('utf8').trim()).toBe('');
  });

  it('fills the boxes with the colour of their ground', async () => {
    const file = save(await renderRedactedPdf(INPUT));
    execFileSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', file, path.join(path.dirname(file), 'page')]);
    const ppm = fs.readFileSync(path.join(path.dirname(file), fs.readdirSync(path.dirname(file)).find((f) => f.endsWith('.ppm'))!));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
    const pixels = ppm.subarray(header[0].length);
    const count = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i + 2 < pixels.length; i += 3) {
        if (Math.abs(pixels[i]! - r!) < 12 && Math.abs(pixels[i + 1]! - g!) < 12 && Math.abs(pixels[i + 2]! - b!) < 12) n++;
      }
      return n;
    };
    // a box at 50 dpi is about 9 px high; these are several boxes' worth
    expect(count('#1f5fbf')).toBeGreaterThan(1000);
    expect(count('#d0d0d0')).toBeGreaterThan(300);
    expect(count('#000000')).toBeGreaterThan(1500);
  });

  it('keeps line breaks, and numbers the pages of a long document', async () => {
    const long = { ...INPUT, text: Array.from({ length: 60 }, (_, i) => `Regel ${i + 1} van het verslag.`).join('\n'), redactions: [] };
    const file = save(await renderRedactedPdf(long));
    const info = execFileSync('pdfinfo', [file]).toString('utf8');
    expect(info).toMatch(/^Pages:\s+2$/m);
    const lines = pdftotext(file).split('\n').map((l) => l.trim());
    expect(lines).toContain('Regel 1 van het verslag.');
    expect(lines).toContain('Regel 60 van het verslag.');
    const text = collapse(pdftotext(file));
    expect(text).toContain('Pagina 1 van 2');
    expect(text).toContain('Pagina 2 van 2');
  });

  it('draws a box for a redaction with a ground missing from the list, labelled with its code', async () => {
    const text = 'Contact: Jan Smit, telefoon 070-1234567.';
    const at = text.indexOf('Jan Smit');
    const pdf = await renderRedactedPdf({ ...INPUT, text, redactions: [{ start: at, end: at + 8, ground: '5.1.1d' }] });
    const out = collapse(pdftotext(save(pdf)));
    expect(out).toContain('5.1.1d');
    expect(out).not.toContain('Jan Smit');
    expect(out).toContain('telefoon 070-1234567.');
  });
});
