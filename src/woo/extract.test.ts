import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { AppError, type ErrorCode } from '../shared/errors.ts';
import { toZip } from '../shared/zip.ts';
import { extractDocument, MAX_PAGES, pdfDay } from './extract.ts';
import { makeDocx, makeEml, makePdf } from './fixtures.ts';

const DUTCH = 'Geëmigreerd naar Curaçao: naïef café’s, € 12,50 & meer';
/** 23:30 UTC on the 14th is already the 15th in Amsterdam. */
const LATE = new Date('2025-01-14T23:30:00Z');

async function refusal(bytes: Buffer, filename: string): Promise<{ code: ErrorCode; nl: string | undefined }> {
  try {
    await extractDocument(bytes, filename);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const error = e as AppError;
    expect(error.details.errors?.[0]?.field).toBe('file');
    return { code: error.code, nl: error.details.errors?.[0]?.nl };
  }
  throw new Error(`${filename} was not refused`);
}

/** pdfkit with a callback on the document, for PDFs the fixture does not make (encrypted, no text, many pages). */
function pdfkit(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

/**
 * A PDF written by hand, not by pdfkit: one page, Helvetica in WinAnsi, two
 * lines by Tj, the Dutch characters as octal escapes (é \351, ë \353, ï \357,
 * ’ \222, € \200), the xref table with real offsets.
 */
function handWrittenPdf(): Buffer {
  const stream = 'BT /F1 12 Tf 72 720 Td (Besluit: caf\\351, ge\\353migreerd, na\\357ef, \\222s-Hertogenbosch, \\200 12,50) Tj 0 -16 Td (Tweede regel) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    "<< /Title (Handgeschreven besluit) /Author (Ander programma) /CreationDate (D:20240229233000Z) >>",
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('extractDocument: PDF', () => {
  it('reads the lines, title, author and creation day (in Amsterdam) of a pdfkit PDF, Dutch characters intact', async () => {
    const pdf = await makePdf({ title: 'Besluit op Woo-verzoek ’s-Hertogenbosch', author: 'Gemeente Één', lines: [DUTCH, 'Tweede regel'], date: LATE });
    expect(await extractDocument(pdf, 'besluit.pdf')).toEqual({
      kind: 'pdf',
      text: `${DUTCH}\nTweede regel`,
      title: 'Besluit op Woo-verzoek ’s-Hertogenbosch',
      author: 'Gemeente Één',
      date: '2025-01-15',
    });
  });

  it('separates pages by a blank line', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => `Regel ${i + 1}`);
    const { text } = await extractDocument(await makePdf({ title: 't', author: 'a', lines }), 'lang.pdf');
    const pages = text.split('\n\n');
    expect(pages.length).toBe(2);
    expect(pages.join('\n')).toBe(lines.join('\n'));
  });

  it('reads a hand-written PDF too: nothing depends on pdfkit', async () => {
    expect(await extractDocument(handWrittenPdf(), 'ander.pdf')).toEqual({
      kind: 'pdf',
      text: 'Besluit: café, geëmigreerd, naïef, ’s-Hertogenbosch, € 12,50\nTweede regel',
      title: 'Handgeschreven besluit',
      author: 'Ander programma',
      date: '2024-03-01',
    });
  });

  it('reads PDF dates with and without a zone', () => {
    expect(pdfDay("D:20250115003000+01'00'")).toBe('2025-01-15');
    expect(pdfDay('D:20250714230000Z')).toBe('2025-07-15'); // summer time: +2
    expect(pdfDay('D:20250714')).toBe('2025-07-14');
    expect(pdfDay('D:20250231')).toBeNull();
    expect(pdfDay('gisteren')).toBeNull();
  });

  it('refuses a truncated, a password-protected, a text-less and a too long PDF as unprocessable', async () => {
    const pdf = await makePdf({ title: 't', author: 'a', lines: [DUTCH] });
    const truncated = await refusal(pdf.subarray(0, pdf.length - 200), 'besluit.pdf');
    expect(truncated).toEqual({ code: 'unprocessable', nl: 'Dit bestand kon niet gelezen worden; het is beschadigd of beveiligd.' });
    expect((await refusal(pdf.subarray(0, 400), 'besluit.pdf')).code).toBe('unprocessable');
    const locked = await pdfkit({ userPassword: 'geheim', pdfVersion: '1.7' }, (doc) => doc.text('Vertrouwelijk'));
    expect(await refusal(locked, 'locked.pdf')).toEqual(truncated);
    const scan = await pdfkit({}, (doc) => doc.rect(50, 50, 300, 400).fill('#777777'));
    expect((await refusal(scan, 'scan.pdf')).nl).toMatch(/geen tekst gelezen/);
    const long = await pdfkit({}, (doc) => {
      for (let i = 0; i < MAX_PAGES; i++) doc.text(`Pagina ${i + 1}`).addPage();
    });
    expect(await refusal(long, 'lang.pdf')).toEqual({ code: 'unprocessable', nl: expect.stringContaining(`meer dan ${MAX_PAGES} pagina's`) });
  });
});

describe('extractDocument: Word', () => {
  const paragraphs = [DUTCH, 'Kolom\tWaarde', 'R&D <intern> "citaat"', 'Regel een\nregel twee'];

  it('reads paragraphs as lines, tabs and breaks, title, author and creation day', async () => {
    const docx = makeDocx({ title: 'Nota over café’s', author: 'Zoë van Dijk', paragraphs, date: LATE });
    expect(await extractDocument(docx, 'nota.docx')).toEqual({
      kind: 'docx',
      text: paragraphs.join('\n'),
      title: 'Nota over café’s',
      author: 'Zoë van Dijk',
      date: '2025-01-15',
    });
  });

  it('leaves tracked deletions out and keeps tracked insertions and the text after them', async () => {
    const docx = makeDocx({ title: 't', author: 'a', paragraphs: ['Eerst dit.'], deleted: 'Naam van de melder: J. Jansen' });
    const { text } = await extractDocument(docx, 'nota.docx');
    expect(text).not.toContain('Jansen');
    expect(text).toBe('Eerst dit.\nNa de bewerking: (ingevoegd)');
  });

  it('reads text-box text once, decodes numeric references and skips deleted text in any run', async () => {
    const xml = '<w:document><w:body><w:p><w:r><w:t>caf&#233; &#x20AC;</w:t></w:r></w:p>' +
      '<w:p><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p></w:txbxContent></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">Blijft </w:t></w:r><w:del w:id="1"><w:r><w:t>weg</w:t></w:r></w:del><w:moveFrom w:id="2"><w:r><w:t>verplaatst</w:t></w:r></w:moveFrom></w:p></w:body></w:document>';
    const docx = toZip([{ name: 'word/document.xml', data: xml }]);
    expect(await extractDocument(docx, 'x.docx')).toEqual({ kind: 'docx', text: 'café €\nIn het kader\n\nBlijft', title: null, author: null, date: null });
  });

  it('refuses a damaged Word document and a zip bomb as unprocessable', async () => {
    const docx = makeDocx({ title: 't', author: 'a', paragraphs: ['tekst'] });
    expect((await refusal(docx.subarray(0, docx.length - 30), 'nota.docx')).code).toBe('unprocessable');
    const bomb = toZip([{ name: 'word/document.xml', data: Buffer.alloc(60 * 1024 * 1024, 'a') }]);
    expect(await refusal(bomb, 'bom.docx')).toEqual({ code: 'unprocessable', nl: expect.stringContaining('groter dan 50 MB') });
  });
});

describe('extractDocument: e-mail', () => {
  const mail = {
    from: '"José Öztürk" <j.ozturk@example.nl>',
    to: 'Woo-coördinator <woo@gemeente.nl>',
    cc: 'Ëlla de Vries <e.devries@gemeente.nl>',
    subject: 'Vraag over café’s en € 12,50',
    date: LATE,
    body: `${DUTCH}\n\nMet vriendelijke groet,\nJosé`,
  };
  const header = [
    'Van: José Öztürk <j.ozturk@example.nl>',
    'Aan: Woo-coördinator <woo@gemeente.nl>',
    'Cc: Ëlla de Vries <e.devries@gemeente.nl>',
    'Datum: woensdag 15 januari 2025 om 00:30',
    'Onderwerp: Vraag over café’s en € 12,50',
  ].join('\n');

  for (const encoding of ['quoted-printable', 'base64', '8bit'] as const) {
    for (const html of [false, true]) {
      it(`reads a ${html ? 'HTML' : 'plain'} mail in ${encoding}: header lines, body, subject, sender and day`, async () => {
        const eml = makeEml({ ...mail, encoding, html });
        expect(await extractDocument(eml, 'mail.eml')).toEqual({
          kind: 'eml',
          text: `${header}\n\n${mail.body}`,
          title: mail.subject,
          author: 'José Öztürk <j.ozturk@example.nl>',
          date: '2025-01-15',
        });
      });
    }
  }

  it('decodes encoded-word headers and joins quoted-printable soft line breaks', async () => {
    const long = `Dit is een lange zin over het verzoek van de heer Öztürk die ver voorbij de zesenzeventig tekens doorloopt, € 1.250,00.`;
    const eml = makeEml({ ...mail, body: long, encoding: 'quoted-printable' });
    const raw = eml.toString('latin1');
    expect(raw).toContain('Subject: =?utf-8?Q?Vraag_over_caf=C3=A9=E2=80=99s_en_=E2=82=AC_12=2C50?=');
    expect(raw).toContain('=\r\n'); // the fixture did wrap the line
    const { text } = await extractDocument(eml, 'mail.eml');
    expect(text.split('\n').at(-1)).toBe(long);
  });

  it('ignores attachments and prefers the plain part of an alternative; reads Windows-1252 and B-encoded headers', async () => {
    const withAttachment = makeEml({ ...mail, attachment: { name: 'bijlage.txt', type: 'text/plain', data: Buffer.from('INHOUD VAN DE BIJLAGE') } });
    const { text } = await extractDocument(withAttachment, 'mail.eml');
    expect(text).toBe(`${header}\n\n${mail.body}`);

    const alternative = Buffer.concat([
      Buffer.from('From: =?iso-8859-1?B?Suly9G1l?= <jerome@example.nl>\r\nTo: woo@gemeente.nl\r\nSubject: =?windows-1252?Q?Caf=E9?=\r\n =?windows-1252?Q?_=80_5?=\r\nDate: Fri, 7 Mar 2025 23:15:00 CET\r\n' +
        'Content-Type: multipart/alternative; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x92, 0x73]), // Café € ’s
      Buffer.from('\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML-VERSIE</p>\r\n--b1--\r\n', 'latin1'),
    ]);
    expect(await extractDocument(alternative, 'Doorgestuurd.msg.txt')).toEqual({
      kind: 'eml',
      text: 'Van: Jérôme <jerome@example.nl>\nAan: woo@gemeente.nl\nDatum: vrijdag 7 maart 2025 om 23:15\nOnderwerp: Café € 5\n\nCafé € ’s',
      title: 'Café € 5',
      author: 'Jérôme <jerome@example.nl>',
      date: '2025-03-07',
    });
  });

  it('normalises the text: no control characters, trailing spaces or long runs of blank lines', async () => {
    const body = 'Regel\u0000 een   \nRegel\u0007 twee\t\n\n\n\n\n\nNa vijf lege regels';
    const { text } = await extractDocument(makeEml({ ...mail, body, encoding: '8bit' }), 'mail.eml');
    expect(text.slice(header.length + 2)).toBe('Regel een\nRegel twee\n\n\nNa vijf lege regels');
  });
});

describe('extractDocument: what it is not', () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
  const notSupported = { code: 'unsupported_media_type', nl: 'Dit bestand is geen PDF, Word-document (.docx) of e-mail (.eml).' };

  it('refuses an image, random bytes, a spreadsheet and plain text as unsupported, whatever the name says', async () => {
    expect(await refusal(png, 'foto.png')).toEqual(notSupported);
    expect(await refusal(png, 'besluit.pdf')).toEqual(notSupported);
    let seed = 42;
    const random = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff));
    expect(await refusal(random, 'mail.eml')).toEqual(notSupported);
    expect(await refusal(toZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]), 'lijst.docx')).toEqual(notSupported);
    expect(await refusal(Buffer.from('Beste meneer,\nHierbij mijn verzoek.\n'), 'brief.txt')).toEqual(notSupported);
    expect((await refusal(Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(504), 'hex'), 'oud.doc')).nl).toMatch(/oud Office-bestand/);
  });

  it('takes the content over the name: a PDF named .eml is read as a PDF', async () => {
    const pdf = await makePdf({ title: 't', author: 'a', lines: ['Toch een PDF'] });
    expect((await extractDocument(pdf, 'bericht.eml')).kind).toBe('pdf');
  });
});
