/**
 * Realistic documents for tests of the Woo feature (and the browser test):
 * a PDF as pdfkit writes it, a Word document as Word structures it (text
 * split over runs, tracked changes, tab stops), and an e-mail as a mail
 * program sends it (encoded-word headers, quoted-printable or base64 body,
 * HTML, an attachment).
 */
import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../notices/letter.pdf.ts';
import { toZip } from '../shared/zip.ts';

/** The default date of the fixtures: Tuesday 14 January 2025, 10:00 in Amsterdam. */
export const FIXTURE_DATE = new Date('2025-01-14T09:00:00Z');

export async function makePdf({ title, author, lines, date = FIXTURE_DATE }: { title: string; author: string; lines: string[]; date?: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    info: { Title: title, Author: author, Creator: 'Grip (test fixture)', CreationDate: date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica').fontSize(11);
  for (const line of lines) doc.text(toWinAnsi(line));
  doc.end();
  return done;
}

const escapeXml = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A run of text as Word writes it: tabs and line breaks as their own elements. */
function runs(text: string): string {
  const pieces = text.split(/(\t|\n)/).filter((p) => p !== '');
  return pieces
    .map((p) => (p === '\t' ? '<w:r><w:tab/></w:r>' : p === '\n' ? '<w:r><w:br/></w:r>' : `<w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r>`))
    .join('');
}

/** A paragraph; Word splits text over several runs (spelling marks, edits), so the fixture does too. */
function paragraph(text: string): string {
  const cut = text.indexOf(' ', text.length >> 1);
  const body = cut > 0 ? `${runs(text.slice(0, cut))}<w:proofErr w:type="spellStart"/>${runs(text.slice(cut))}<w:proofErr w:type="spellEnd"/>` : runs(text);
  // a tab stop in the paragraph properties is a <w:tab> too, with attributes: it must not become text
  const tabs = text.includes('\t') ? '<w:tabs><w:tab w:val="left" w:pos="2835"/></w:tabs>' : '';
  return `<w:p w:rsidR="00A1B2C3"><w:pPr>${tabs}<w:spacing w:after="160"/></w:pPr>${body}</w:p>`;
}

/**
 * A minimal valid .docx. `deleted` adds a paragraph with a tracked deletion
 * of that text, next to a tracked insertion ("(ingevoegd)") and with its
 * paragraph mark deleted, as Word records an edit with track changes on.
 */
export function makeDocx({ title, author, paragraphs, deleted, date = FIXTURE_DATE }: { title: string; author: string; paragraphs: string[]; deleted?: string; date?: Date }): Buffer {
  const change = `w:author="${escapeXml(author)}" w:date="${iso(date)}"`;
  const edit = deleted === undefined ? '' :
    `<w:p><w:pPr><w:rPr><w:del w:id="1" ${change}/></w:rPr></w:pPr>${runs('Na de bewerking: ')}` +
    `<w:del w:id="2" ${change}><w:r><w:delText xml:space="preserve">${escapeXml(deleted)}</w:delText></w:r></w:del>` +
    `<w:ins w:id="3" ${change}>${runs('(ingevoegd)')}</w:ins></w:p>`;
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${W} mc:Ignorable=""><w:body>${paragraphs.map(paragraph).join('')}${edit}` +
    `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>${escapeXml(author)}</dc:creator><cp:lastModifiedBy>${escapeXml(author)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso(date)}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso(date)}</dcterms:modified></cp:coreProperties>`;
  return toZip([
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>` },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>` },
    { name: 'word/document.xml', data: document },
    { name: 'docProps/core.xml', data: core },
  ]);
}

// ---------------------------------------------------------------- e-mail

/** RFC 2047 Q encoded-words for a phrase with non-ASCII characters, each word at most 75 characters. */
function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let word = '';
  for (const c of text) {
    const q = c === ' ' ? '_' : /[A-Za-z0-9!*+\-/]/.test(c) ? c : [...Buffer.from(c, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    if (word.length + q.length > 75 - '=?utf-8?Q??='.length) {
      words.push(word);
      word = '';
    }
    word += q;
  }
  words.push(word);
  return words.map((w) => `=?utf-8?Q?${w}?=`).join('\r\n ');
}

/** An address header: a non-ASCII display name becomes encoded-words, the address stays. */
const encodeAddress = (value: string) => value.replace(/^"?([^"<]*?)"?\s*<([^>]+)>$/, (_, name: string, address: string) => `${encodeWords(name)} <${address}>`);

/** RFC 5322 date in Amsterdam time with its offset, as a Dutch mail program writes it. */
export function mailDate(d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' })
      .formatToParts(d).map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName as string).replace(/^GMT/, '').replace(':', '') || '+0000';
  return `${parts.weekday}, ${parts.day} ${parts.month} ${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${offset}`;
}

function quotedPrintable(text: string): string {
  return text.split('\n').map((line) => {
    let out = '';
    let width = 0;
    const bytes = [...Buffer.from(line, 'utf8')];
    bytes.forEach((b, i) => {
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + piece.length > 75) {
        out += '=\r\n'; // a soft line break: the reader joins the lines again
        width = 0;
      }
      out += piece;
      width += piece.length;
    });
    return out;
  }).join('\r\n');
}

const base64Lines = (data: Buffer) => data.toString('base64').replace(/.{76}/g, '$&\r\n');

const HTML_NAMES: Record<string, string> = { é: 'eacute', ë: 'euml', ï: 'iuml', ó: 'oacute', '’': 'rsquo', '€': 'euro', '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' };

/** The body as an HTML mail program writes it: paragraphs, <br> for line breaks, non-ASCII as character references. */
function toHtml(body: string): string {
  const escape = (s: string) => s.replace(/[^\x20-\x7e\n]|[&<>"]/gu, (c) => (HTML_NAMES[c] ? `&${HTML_NAMES[c]};` : `&#${c.codePointAt(0)};`));
  const paragraphs = body.split(/\n{2,}/).map((p) => `<p class="MsoNormal">${escape(p).replace(/\n/g, '<br>\n')}</p>`);
  return `<html><head><style>p.MsoNormal { margin: 0 }</style><title>mail</title></head>\n<body>\n${paragraphs.join('\n')}\n</body></html>`;
}

export interface MailFixture {
  from: string;
  to: string;
  cc?: string;
  subject: string;
  date: Date;
  body: string;
  encoding?: 'quoted-printable' | 'base64' | '8bit';
  html?: boolean;
  /** Makes the mail multipart/mixed with this file attached (base64). */
  attachment?: { name: string; type: string; data: Buffer };
}

export function makeEml({ from, to, cc, subject, date, body, encoding = 'quoted-printable', html = false, attachment }: MailFixture): Buffer {
  const content = html ? toHtml(body) : body;
  const encoded = encoding === 'quoted-printable' ? quotedPrintable(content) : encoding === 'base64' ? base64Lines(Buffer.from(content, 'utf8')) : content.replace(/\n/g, '\r\n');
  const textPart = [`Content-Type: ${html ? 'text/html' : 'text/plain'}; charset="utf-8"`, `Content-Transfer-Encoding: ${encoding}`, '', encoded];
  const head = [
    `From: ${encodeAddress(from)}`,
    `To: ${encodeAddress(to)}`,
    ...(cc ? [`Cc: ${encodeAddress(cc)}`] : []),
    `Subject: ${encodeWords(subject)}`,
    `Date: ${mailDate(date)}`,
    `Message-ID: <${date.getTime()}.fixture@grip.test>`,
    'MIME-Version: 1.0',
  ];
  if (!attachment) return Buffer.from([...head, ...textPart].join('\r\n') + '\r\n', 'utf8');
  const boundary = '----=_Part_0_1234567890';
  return Buffer.from([
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    ...textPart,
    `--${boundary}`,
    `Content-Type: ${attachment.type}; name="${attachment.name}"`,
    `Content-Disposition: attachment; filename="${attachment.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(attachment.data),
    `--${boundary}--`,
    '',
  ].join('\r\n'), 'utf8');
}
