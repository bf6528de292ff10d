/**
 * The text of a document uploaded to a Woo request: PDF, Word (.docx) or
 * e-mail (.eml). Reviewers redact this text and Grip renders it anew as a
 * PDF, so what is extracted is what gets published: a document that cannot
 * be read completely (truncated, damaged, password protected, a scan without
 * text) is refused rather than published in part.
 *
 * The kind is decided by the content; the file name is only a hint for a
 * clearer refusal. E-mail parsing lives in extract.mail.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError, invalidField } from '../shared/errors.ts';
import { readZip, ZIP_MAX_BYTES, ZipError } from '../shared/zip.ts';
import { decodeEntities, dayInAmsterdam, fromEml, isEml } from './extract.mail.ts';

export const DOCUMENT_KINDS = ['pdf', 'docx', 'eml'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface Extracted {
  kind: DocumentKind;
  text: string;
  title: string | null;
  /** 'YYYY-MM-DD', the day in Europe/Amsterdam when the document says when it was made or sent. */
  date: string | null;
  author: string | null;
}

/** A PDF with more pages is refused: it would make one unwieldy document to redact. */
export const MAX_PAGES = 500;

const notSupported = () =>
  invalidField('file', 'is not a PDF, Word document (.docx) or e-mail (.eml)', 'Dit bestand is geen PDF, Word-document (.docx) of e-mail (.eml).', 'unsupported_media_type');
const unreadable = () =>
  invalidField('file', 'could not be read; it is damaged or protected', 'Dit bestand kon niet gelezen worden; het is beschadigd of beveiligd.', 'unprocessable');
const oldOffice = () =>
  invalidField('file', 'is an old Office file (such as .doc); save it as .docx or PDF', 'Dit is een oud Office-bestand (zoals .doc). Sla het op als .docx of PDF en probeer het opnieuw.', 'unsupported_media_type');
const tooLarge = (what: string, nl: string) => invalidField('file', what, nl, 'unprocessable');
const noText = () =>
  invalidField('file', 'No text could be read from this file (a scan?)', 'Uit dit bestand kon geen tekst gelezen worden (een scan?). Grip leest alleen documenten met tekst.', 'unprocessable');

type Parts = Omit<Extracted, 'kind'>;

export async function extractDocument(bytes: Buffer, filename: string): Promise<Extracted> {
  const kind = detect(bytes, filename);
  const parts = kind === 'pdf' ? await fromPdf(bytes) : kind === 'docx' ? fromDocx(bytes) : fromEml(bytes);
  const text = normaliseText(parts.text);
  if (text.trim() === '') throw noText();
  const clean = (s: string | null) => (s === null ? null : normaliseText(s).replace(/\s+/g, ' ').trim() || null);
  return { kind, text, title: clean(parts.title), date: parts.date, author: clean(parts.author) };
}

function detect(bytes: Buffer, filename: string): DocumentKind {
  // PDF readers accept the header anywhere in the first kilobyte
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'docx';
  // a password-protected .docx is not a zip but an OLE container, like an old .doc
  if (bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) throw /\.docx$/i.test(filename) ? unreadable() : oldOffice();
  if (isEml(bytes)) return 'eml';
  throw notSupported();
}

/** `\r\n` → `\n`, no control characters but newline and tab, no trailing spaces, at most two blank lines in a row. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{4,}/g, '\n\n\n')
    .replace(/^\n+|\n+$/g, '');
}

// ---------------------------------------------------------------- PDF

const fontDirectory = () => path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + path.sep;

async function fromPdf(bytes: Buffer): Promise<Parts> {
  // A truncated upload would still yield the pages before the cut: refuse it, the end marker is in the last kilobyte
  if (!bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF')) throw unreadable();
  // loaded on first use: pdf.js is large and most of Grip never needs it
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy: pdf.js takes ownership of the array it gets
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: fontDirectory(),
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise; // fails with a PasswordException for a PDF that needs a password
  } catch {
    await task.destroy();
    throw unreadable();
  }
  try {
    if (doc.numPages > MAX_PAGES) {
      throw tooLarge(`has more than ${MAX_PAGES} pages`, `Dit bestand heeft meer dan ${MAX_PAGES} pagina's. Splits het in delen en voeg die apart toe.`);
    }
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      pages.push(text);
      page.cleanup();
    }
    const info = ((await doc.getMetadata()).info ?? {}) as Record<string, unknown>;
    const field = (key: string) => (typeof info[key] === 'string' ? (info[key] as string) : null);
    const created = field('CreationDate');
    return { text: pages.join('\n\n'), title: field('Title'), author: field('Author'), date: created ? pdfDay(created) : null };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw unreadable();
  } finally {
    await doc.destroy();
  }
}

/** A PDF date ('D:20250114233000Z', 'D:20250115003000+01'00'', 'D:20250115') as a day in Amsterdam; local time when it has no zone. */
export function pdfDay(value: string): string | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? (i <= 3 ? 1 : 0))) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (!m[7] && !m[8]) return checkedDay(y, mo, d);
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  return dayInAmsterdam(new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000));
}

/** 'YYYY-MM-DD' if that day exists (no 31 February). */
function checkedDay(y: number, mo: number, d: number): string | null {
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCMonth() !== mo - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- DOCX

const DOCUMENT = 'word/document.xml';
const CORE = 'docProps/core.xml';

function fromDocx(bytes: Buffer): Parts {
  let files: Map<string, Buffer>;
  try {
    files = readZip(bytes, ZIP_MAX_BYTES, (name) => name === DOCUMENT || name === CORE);
  } catch (e) {
    if (e instanceof ZipError && e.problem === 'too_large') {
      throw tooLarge('unpacks to more than 50 MB of text', 'Dit Word-document is uitgepakt groter dan 50 MB en kan niet gelezen worden.');
    }
    throw unreadable();
  }
  const document = files.get(DOCUMENT);
  if (!document) throw notSupported(); // a zip, but not a Word document (an .xlsx, .odt or plain archive)
  const core = files.get(CORE)?.toString('utf8') ?? '';
  const created = xmlElement(core, 'dcterms:created');
  const instant = created ? new Date(created) : null;
  return {
    text: docxText(document.toString('utf8')),
    title: xmlElement(core, 'dc:title'),
    author: xmlElement(core, 'dc:creator'),
    date: instant && !Number.isNaN(instant.getTime()) ? dayInAmsterdam(instant) : null,
  };
}

/** The text content of the first `<tag>` in `xml`, entities decoded; null when absent or empty. */
function xmlElement(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  return m?.[1] ? decodeEntities(m[1]).trim() || null : null;
}

/**
 * The body of word/document.xml as text: a line per paragraph (table cells
 * included), tabs and breaks kept. What the document shows once tracked
 * changes are accepted: deleted and moved-away text (`w:del`, `w:moveFrom`)
 * is left out, inserted text (`w:ins`) is kept. Headers, footers, footnotes
 * and comments live in other parts and are not read.
 */
export function docxText(xml: string): string {
  const body = xml
    // a text box is written twice, for new and old Word; read the new one only
    .replace(/<mc:Fallback\b[\s\S]*?<\/mc:Fallback>/g, '')
    // a self-closing w:del marks a deleted paragraph mark: no text, and not the start of a deletion
    .replace(/<w:(del|moveFrom)\b[^>]*\/>/g, '')
    .replace(/<w:(del|moveFrom)\b[^>]*>[\s\S]*?<\/w:\1>/g, '');
  // <w:tab/> without attributes is a tab in the text; with them (w:val, w:pos) it is a tab stop
  const token = /<w:p(?:\s[^>]*)?\/>|<\/w:p>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\s*\/>|<w:(?:br|cr)\b[^>]*\/>|<w:noBreakHyphen\s*\/>/g;
  let text = '';
  for (const m of body.matchAll(token)) {
    const tag = m[0];
    if (m[1] !== undefined) text += decodeEntities(m[1]);
    else if (tag.startsWith('<w:tab')) text += '\t';
    else if (tag.startsWith('<w:noBreakHyphen')) text += '-';
    else text += '\n'; // end of a paragraph, an empty paragraph, a line or page break
  }
  return text;
}
