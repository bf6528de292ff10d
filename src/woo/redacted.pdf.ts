/**
 * A document of a Woo request, made public with its redactions: a new PDF
 * typeset from the document's text, never the original file, so nothing of
 * the original (hidden layers, metadata, fonts with text) can leak along.
 *
 * The text is laid out here, line by line, from `segments`: shown text is
 * written as words; a redacted range becomes a filled box in its ground's
 * colour with the ground's code in it. The redacted characters are only
 * counted, never handed to pdfkit, not even to measure them: a box's width
 * is the number of characters times the font's average character width, so
 * the box does not give away the glyph widths of a name either.
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../notices/letter.pdf.ts';
import { shortDate } from './inventory.export.ts';
import { numberPages } from './pdf.ts';
import { segments, type Ground, type Redaction } from './woo.ts';

export interface RedactedDocumentInput {
  requestNumber: string;
  /** null for the request itself (the publication package's anonymised request) */
  number: number | null;
  title: string;
  /** 'YYYY-MM-DD' or null when unknown */
  date: string | null;
  text: string;
  redactions: readonly Redaction[];
  grounds: readonly Ground[];
}

const mm = (n: number) => (n * 72) / 25.4;
const MARGIN = mm(20);
const FOOTER = mm(12);
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const SIZE = 10;
const LINE = SIZE * 1.5;
const LABEL_SIZE = 7;
const LABEL_PAD = 3;
/**
 * The width a redacted character gets, in em. Dutch running text in Helvetica
 * averages 0.45 em a character (the seed's letter); names, numbers and
 * e-mail addresses run to 0.46-0.56, so 0.5.
 */
const CHAR_EM = 0.5;

/** What a line is made of; the text of a box is not here, only its ground. */
type Piece = { kind: 'text'; text: string } | { kind: 'box'; width: number; ground: string };
type Token = { kind: 'word'; text: string } | { kind: 'space'; text: string } | { kind: 'box'; chars: number; ground: string } | { kind: 'break' };

/** White on a dark colour, black on a light one: the WCAG relative luminance of '#rrggbb' against 0.179 (equal contrast to both). */
export function labelColour(background: string): '#ffffff' | '#000000' {
  const hex = /^#?([0-9a-f]{6})$/i.exec(background)?.[1] ?? '000000';
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.179 ? '#000000' : '#ffffff';
}

/** Shown text as words, runs of spaces and line breaks; a redacted range as boxes, one per line of the original. */
function tokens(text: string, redactions: readonly Redaction[]): Token[] {
  const out: Token[] = [];
  for (const seg of segments(text.length, redactions)) {
    const slice = text.slice(seg.start, seg.end);
    if (seg.ground === null) {
      for (const m of toWinAnsi(slice).matchAll(/\n| +|[^ \n]+/g)) {
        const t = m[0];
        out.push(t === '\n' ? { kind: 'break' } : t.startsWith(' ') ? { kind: 'space', text: t } : { kind: 'word', text: t });
      }
    } else {
      slice.replace(/\r\n?/g, '\n').split('\n').forEach((part, i) => {
        if (i > 0) out.push({ kind: 'break' });
        const chars = [...part].length;
        if (chars > 0) out.push({ kind: 'box', chars, ground: seg.ground! });
      });
    }
  }
  return out;
}

/**
 * Breaks the tokens into lines of at most `width` points. Words that do not
 * fit go to the next line, words longer than a line are cut; a box that does
 * not fit goes to the next line, and one longer than a line is split into
 * boxes, each wide enough for its label.
 */
function layout(doc: PDFKit.PDFDocument, toks: readonly Token[], width: number, labelWidths: ReadonlyMap<string, number>): Piece[][] {
  const lines: Piece[][] = [[]];
  let x = 0;
  let soft = false; // the current line started by wrapping: leading spaces are dropped
  const line = () => lines[lines.length - 1]!;
  const newLine = (wrapped: boolean) => {
    lines.push([]);
    x = 0;
    soft = wrapped;
  };
  const addText = (text: string, w: number) => {
    const last = line()[line().length - 1];
    if (last?.kind === 'text') last.text += text;
    else line().push({ kind: 'text', text });
    x += w;
  };
  doc.font(FONT).fontSize(SIZE);
  const charWidth = CHAR_EM * SIZE;

  for (const t of toks) {
    if (t.kind === 'break') newLine(false);
    else if (t.kind === 'space') {
      if (x === 0 && soft) continue;
      const w = doc.widthOfString(t.text);
      if (x + w > width) newLine(true);
      else addText(t.text, w);
    } else if (t.kind === 'word') {
      let word = t.text;
      let w = doc.widthOfString(word);
      if (x + w > width && x > 0) newLine(true);
      while (w > width) {
        // cut the longest prefix that fits (at least one character)
        let n = word.length - 1;
        while (n > 1 && doc.widthOfString(word.slice(0, n)) > width) n--;
        addText(word.slice(0, n), doc.widthOfString(word.slice(0, n)));
        newLine(true);
        word = word.slice(n);
        w = doc.widthOfString(word);
      }
      if (word) addText(word, w);
    } else {
      const min = Math.min(width, (labelWidths.get(t.ground) ?? 0) + 2 * LABEL_PAD);
      let rest = Math.max(min, t.chars * charWidth);
      if (x + rest > width && x > 0 && (rest <= width || width - x < min)) newLine(true);
      while (x + rest > width) {
        line().push({ kind: 'box', width: width - x, ground: t.ground });
        rest = Math.max(min, rest - (width - x));
        newLine(true);
      }
      line().push({ kind: 'box', width: rest, ground: t.ground });
      x += rest;
    }
  }
  return lines;
}

export async function renderRedactedPdf(input: RedactedDocumentInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'nl-NL',
    // Only these info keys are written (pdfkit adds CreationDate). PDF 1.3,
    // pdfkit's default, gets no XMP metadata stream: do not raise pdfVersion.
    info: { Title: toWinAnsi(input.number === null ? input.title : `Document ${input.number} bij Woo-verzoek ${input.requestNumber}`), Producer: 'Grip', Creator: 'Grip' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - FOOTER;
  const grounds = new Map(input.grounds.map((g) => [g.code, g]));
  const label = (code: string) => toWinAnsi(code);
  doc.font(FONT_BOLD).fontSize(LABEL_SIZE);
  const labelWidths = new Map(input.redactions.map((r) => [r.ground, doc.widthOfString(label(r.ground))]));

  doc.font(FONT).fontSize(9).fillColor('#555555').text(toWinAnsi(`Woo-verzoek ${input.requestNumber}`), MARGIN, MARGIN, { width });
  doc.font(FONT_BOLD).fontSize(14).fillColor('#000000').text(input.number === null ? 'Verzoek' : `Document ${input.number}`, { width });
  doc.font(FONT_BOLD).fontSize(11).text(toWinAnsi(input.title), { width });
  doc.font(FONT).fontSize(9).text(`Datum: ${input.date ? shortDate(input.date) : 'onbekend'}`, { width });
  const ruleY = doc.y + 4;
  doc.moveTo(MARGIN, ruleY).lineTo(MARGIN + width, ruleY).lineWidth(0.5).stroke('#999999');

  const lines = layout(doc, tokens(input.text, input.redactions), width, labelWidths);
  let y = ruleY + 10;
  for (const pieces of lines) {
    if (y + LINE > bottom) {
      doc.addPage();
      y = MARGIN;
    }
    let x = MARGIN;
    for (const p of pieces) {
      if (p.kind === 'text') {
        doc.font(FONT).fontSize(SIZE).fillColor('#000000').text(p.text, x, y, { lineBreak: false });
        x += doc.widthOfString(p.text);
      } else {
        const colour = grounds.get(p.ground)?.colour ?? '#000000';
        const boxTop = y - 1.5;
        const boxHeight = SIZE + 3;
        doc.rect(x, boxTop, p.width, boxHeight).fill(colour);
        doc.font(FONT_BOLD).fontSize(LABEL_SIZE).fillColor(labelColour(colour));
        const text = label(p.ground);
        const w = doc.widthOfString(text);
        doc.text(text, x + Math.max(0, (p.width - w) / 2), boxTop + (boxHeight - LABEL_SIZE) / 2, { lineBreak: false });
        x += p.width;
      }
    }
    y += LINE;
  }

  numberPages(doc, (page, count) => `${input.number === null ? 'Verzoek' : `Document ${input.number}`} bij Woo-verzoek ${input.requestNumber} - Pagina ${page} van ${count}`, { left: MARGIN, width, bottom: MARGIN });
  doc.end();
  return done;
}
