import { toWinAnsi } from '../notices/letter.pdf.ts';

/** Writes a footer ("Pagina x van y") on every buffered page (pdfkit's bufferPages), below the bottom margin. */
export function numberPages(
  doc: PDFKit.PDFDocument,
  footer: (page: number, count: number) => string,
  at: { left: number; width: number; bottom: number },
): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text below the margin would otherwise start a new page
    doc.font('Helvetica').fontSize(8).fillColor('#000000')
      .text(toWinAnsi(footer(i + 1, count)), at.left, doc.page.height - at.bottom - 8, { width: at.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
