/**
 * The decision letter on a Woo request as an A4 PDF, laid out like Grip's
 * other letters (letter.pdf.ts): return address top right, the addressee in
 * the envelope window, date and reference below it, then the subject and
 * the paragraphs with their headings. The anonymised version (requester null)
 * is the one that is published: it shows "[naam verzoeker]" in the window.
 *
 * Metadata holds only a generic title and "Grip": the file is published, and
 * whatever sits in the document info travels with it.
 */
import PDFDocument from 'pdfkit';
import { DEFAULT_SENDER, FONT, FONT_BOLD, MARGINS, mm, SIZE, toWinAnsi, WINDOW } from '../notices/letter.pdf.ts';
import { numberPages } from './pdf.ts';
import { ANONYMOUS_ADDRESS, ANONYMOUS_NAME, decisionLetter, dutchDate, type DecisionInput } from './decision.ts';

// the layout of Grip's letters (letter.pdf.ts): the address where a window envelope shows it

export async function renderDecisionPdf(input: DecisionInput): Promise<Buffer> {
  const letter = decisionLetter(input);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    lang: 'nl-NL',
    // PDF 1.3 (pdfkit's default) gets no XMP metadata stream; the info
    // dictionary then holds exactly these keys. The decision day as creation
    // date makes the file repeatable.
    info: {
      Title: toWinAnsi(`Besluit op Woo-verzoek ${input.requestNumber}`),
      Producer: 'Grip',
      Creator: 'Grip',
      CreationDate: new Date(`${input.decidedOn}T12:00:00Z`),
    },
  });
  const done = collect(doc);
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  const senderX = doc.page.width - MARGINS.right - mm(70);
  doc.font(FONT_BOLD).fontSize(9).text(toWinAnsi(input.organisation), senderX, MARGINS.top, { width: mm(70), align: 'right' });
  doc.font(FONT).text(toWinAnsi(DEFAULT_SENDER.lines.join('\n')), { width: mm(70), align: 'right' });

  const address = input.requester
    ? [input.requester.name, ...input.requester.addressLines.map((l) => l.trim()).filter(Boolean)]
    : [ANONYMOUS_NAME, ANONYMOUS_ADDRESS];
  doc.fontSize(SIZE).text(toWinAnsi(address.join('\n')), WINDOW.x, WINDOW.y, { width: WINDOW.width });

  doc.text(`Datum: ${dutchDate(input.decidedOn)}`, MARGINS.left, mm(95), { width });
  doc.text(toWinAnsi(`Ons kenmerk: ${input.requestNumber}`), { width });
  doc.moveDown(2);
  doc.font(FONT_BOLD).text(toWinAnsi(`Betreft: ${letter.subject}`), { width });
  doc.moveDown();

  const bottom = () => doc.page.height - MARGINS.bottom;
  for (const para of letter.paragraphs) {
    const text = toWinAnsi(para.text);
    if (para.heading !== null) {
      doc.moveDown(0.5);
      // keep a heading with at least two lines of its paragraph
      doc.font(FONT_BOLD);
      const needed = doc.heightOfString(toWinAnsi(para.heading), { width }) + 2 * doc.currentLineHeight(true) + 4;
      if (doc.y + needed > bottom()) doc.addPage();
      doc.text(toWinAnsi(para.heading), MARGINS.left, doc.y, { width });
    }
    doc.font(FONT).text(text, MARGINS.left, doc.y, { width, lineGap: 2 });
    doc.moveDown(0.6);
  }

  // "Pagina 1 van 3" at the foot of each page, when the letter runs over one page
  if (doc.bufferedPageRange().count > 1) {
    numberPages(doc, (page, count) => `Pagina ${page} van ${count}`, { left: MARGINS.left, width: doc.page.width - MARGINS.left - MARGINS.right, bottom: mm(15) - 8 });
  }
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
