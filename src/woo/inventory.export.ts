/**
 * The inventory of a Woo request (inventarislijst), as published with the
 * decision: a PDF table and an XLSX workbook with the same columns as the
 * seed's list. Nr., Datum, Documenttitel, Beoordeling, Weigeringsgronden;
 * the PDF explains each ground code used in a legend below the table.
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../notices/letter.pdf.ts';
import { toXlsx } from '../shared/xlsx.ts';
import { numberPages } from './pdf.ts';
import { DECISION_TEXT, type Ground, type InventoryRow } from './woo.ts';

export interface InventoryInput {
  requestNumber: string;
  subject: string;
  rows: readonly InventoryRow[];
  grounds: readonly Ground[];
}

export const INVENTORY_COLUMNS = ['Nr.', 'Datum', 'Documenttitel', 'Beoordeling', 'Weigeringsgronden'] as const;
export const NOT_ASSESSED = 'Nog niet beoordeeld';

/** '2023-10-10' → '10-10-2023', as the seed's documents write dates. */
export function shortDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  return `${m[3]}-${m[2]}-${m[1]}`;
}

const assessment = (row: InventoryRow) => (row.decision ? DECISION_TEXT[row.decision].nl : NOT_ASSESSED);

/** The ground codes the rows use, in the catalogue's order; codes missing from the catalogue last. */
export function usedGrounds(input: InventoryInput): { code: string; ground: Ground | null }[] {
  const used = new Set(input.rows.flatMap((r) => r.grounds));
  const known = input.grounds.filter((g) => used.has(g.code)).map((g) => ({ code: g.code, ground: g as Ground | null }));
  const unknown = [...used].filter((c) => !input.grounds.some((g) => g.code === c)).map((code) => ({ code, ground: null }));
  return [...known, ...unknown];
}

export function inventoryXlsx(input: InventoryInput): Buffer {
  return toXlsx([
    {
      name: 'Inventaris',
      rows: [
        [...INVENTORY_COLUMNS],
        ...input.rows.map((r) => [r.number, r.date ? shortDate(r.date) : null, r.title, assessment(r), r.grounds.join(', ') || null]),
      ],
    },
    {
      name: 'Gronden',
      rows: [['Code', 'Artikel', 'Omschrijving'], ...usedGrounds(input).map(({ code, ground }) => [code, ground?.article ?? null, ground?.name ?? null])],
    },
  ]);
}

const mm = (n: number) => (n * 72) / 25.4;
const MARGIN = mm(15);
const FONT = 'Helvetica';
const FONT_BOLD = 'Helvetica-Bold';
const SIZE = 9;
const PAD = 3;
/** Column widths in points on landscape A4 (842 pt wide); the title takes what is left. */
const FIXED = { nr: 34, date: 62, decision: 100, grounds: 120 };

export async function inventoryPdf(input: InventoryInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN + mm(6), left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'nl-NL',
    // PDF 1.3 (the default) writes no XMP; the info holds only these keys.
    info: { Title: toWinAnsi(`Inventarislijst bij Woo-verzoek ${input.requestNumber}`), Producer: 'Grip', Creator: 'Grip' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const widths = [FIXED.nr, FIXED.date, width - FIXED.nr - FIXED.date - FIXED.decision - FIXED.grounds, FIXED.decision, FIXED.grounds];
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  doc.font(FONT_BOLD).fontSize(14).text(toWinAnsi(`Inventarislijst Woo-verzoek ${input.requestNumber}`), left, MARGIN, { width });
  doc.font(FONT).fontSize(SIZE + 1).text(toWinAnsi(`Onderwerp: ${input.subject}`), { width });
  doc.moveDown();

  /**
   * One table row; returns false (drawing nothing) when it does not fit on
   * this page, unless `force`: then it is cut off at the page's foot (only a
   * row taller than a whole page needs that).
   */
  const drawRow = (cells: readonly string[], header: boolean, force = false): boolean => {
    doc.font(header ? FONT_BOLD : FONT).fontSize(SIZE);
    const top = doc.y;
    let height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    if (top + height > bottom()) {
      if (!force) return false;
      height = bottom() - top;
    }
    if (header) doc.rect(left, top, width, height).fill('#e6e6e6');
    let x = left;
    cells.forEach((c, i) => {
      doc.fillColor('#000000').text(c, x + PAD, top + PAD, { width: widths[i]! - 2 * PAD, height: height - 2 * PAD, ellipsis: true });
      x += widths[i]!;
    });
    doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(header ? 0.8 : 0.4).stroke(header ? '#000000' : '#999999');
    doc.x = left;
    doc.y = top + height;
    return true;
  };
  const header = INVENTORY_COLUMNS.map((c) => c);
  const newPage = () => {
    doc.addPage();
    doc.y = MARGIN;
    drawRow(header, true);
  };

  drawRow(header, true);
  if (input.rows.length === 0) doc.font(FONT).fontSize(SIZE).text('Er zijn geen documenten gevonden.', left + PAD, doc.y + PAD, { width });
  for (const row of input.rows) {
    const cells = [String(row.number), row.date ? shortDate(row.date) : 'onbekend', row.title, assessment(row), row.grounds.join(', ')].map(toWinAnsi);
    if (!drawRow(cells, false)) {
      newPage();
      drawRow(cells, false, true);
    }
  }

  const legend = usedGrounds(input);
  if (legend.length > 0) {
    doc.y += mm(6);
    const lines = legend.map(({ code, ground }) => toWinAnsi(ground ? `${code}: ${ground.article} (${ground.name})` : code));
    doc.font(FONT).fontSize(SIZE);
    const needed = doc.heightOfString(lines.join('\n'), { width }) + 2 * doc.currentLineHeight(true);
    if (doc.y + needed > bottom()) {
      doc.addPage();
      doc.y = MARGIN;
    }
    doc.font(FONT_BOLD).fontSize(SIZE + 1).text('Weigeringsgronden', left, doc.y, { width });
    doc.font(FONT).fontSize(SIZE);
    for (const line of lines) doc.text(line, left, doc.y, { width });
  }

  numberPages(doc, (page, count) => `Inventarislijst Woo-verzoek ${input.requestNumber} - Pagina ${page} van ${count}`, { left, width, bottom: MARGIN });
  doc.end();
  return done;
}
