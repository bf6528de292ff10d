/**
 * Delay notices on paper: one PDF holding every letter of a print batch, laid
 * out as a Dutch business letter so it can be folded into a standard window
 * envelope. Petitioners without an e-mail address get their delay notice this
 * way; the post room prints the batch as it is.
 *
 * Helvetica is one of the PDF standard fonts, so nothing is embedded or
 * fetched; pdfkit encodes it as WinAnsi, which covers Dutch diacritics (vóór,
 * geëmigreerd, café). Letters outside WinAnsi (ş, ı, ğ, ł, ő, č...) would come
 * out as garbage, so all text goes through `toWinAnsi` first: see there.
 */
import PDFDocument from 'pdfkit';

export interface Letter {
  name: string;
  /** Postal address, one line per `\n`, as it must appear in the envelope window. */
  address: string;
  dossierNumber: string;
  /** The date the letter carries; also the PDF's creation date, so a batch is reproducible. */
  date: Date;
  subject: string;
  /** Plain text; paragraphs are separated by blank lines. */
  body: string;
}

/** Who the letter is from: the return address in the top right corner. */
export interface Sender {
  organisation: string;
  lines: string[];
}

export const DEFAULT_SENDER: Sender = { organisation: 'Klachtbehandeling', lines: ['Postbus 93122', '2509 AC Den Haag'] };

export const mm = (n: number) => (n * 72) / 25.4;

/**
 * Where a standard Dutch window envelope shows the address (C5/6 and EA5/6
 * envelopes with the window on the left): printing elsewhere makes the
 * letter undeliverable, so these are fixed, not derived from the margins.
 */
export const WINDOW = { x: mm(22), y: mm(50), width: mm(85) };
export const MARGINS = { top: mm(25), bottom: mm(25), left: mm(22), right: mm(20) };
export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';
export const SIZE = 10.5;

/**
 * The 27 characters Windows-1252 (WinAnsi) puts in 0x80–0x9F; the rest of it
 * is Latin-1 (0x20–0x7E, 0xA0–0xFF). pdfkit's standard fonts can draw exactly
 * these: any other character is written as a wrong byte and prints as garbage.
 */
const CP1252_EXTRAS = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›žœŸ'].map((c) => c.codePointAt(0)!));

/** Whether the standard fonts can draw `c` (a single code point); `\n` is a line break to pdfkit. */
export const isWinAnsi = (c: string): boolean => {
  const cp = c.codePointAt(0)!;
  return c.length === 1 && (cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || CP1252_EXTRAS.has(cp));
};

/**
 * Letters (and a few marks) that have no decomposition to WinAnsi text. The
 * Catalan ŀ needs none: it decomposes to "l·", which is how Catalan writes it.
 */
const FALLBACKS: Record<string, string> = {
  ł: 'l', Ł: 'L', ı: 'i', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ĸ: 'k', ŉ: '’n', ŋ: 'n', Ŋ: 'N',
  ŧ: 't', Ŧ: 'T', ſ: 's', ȷ: 'j', ə: 'e', Ə: 'E', ẞ: 'SS',
  '\t': ' ', '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', ʼ: '’', ʻ: '‘', '′': "'", '″': '"',
};

/**
 * Makes text drawable in the PDF standard fonts, which only know WinAnsi
 * (Windows-1252): embedding a Unicode font would mean shipping a font file.
 * Characters WinAnsi has stay as they are, so Dutch and most Western names
 * (Zoë, Öztürk, Müller, Šimek, Œuvray) print exactly. Any other character
 * becomes the closest WinAnsi text, so a name in the envelope window stays
 * readable instead of turning into garbage: "Ayşe Yılmaz-Łukasik" → "Ayse
 * Yilmaz-Lukasik", "Łódź" → "Lódz".
 *
 *  1. a letter without a decomposition gets a fixed fallback (ł → l, ı → i);
 *  2. otherwise it is decomposed (NFKD: also splits ligatures such as ĳ and
 *     ﬁ) and keeps the accents WinAnsi can show on the base letter (ǘ → ü),
 *     dropping the others (ş → s, ő → o, č → c);
 *  3. whatever is still not WinAnsi (Cyrillic, Chinese, emoji) becomes '?'.
 *
 * Line breaks become `\n`; tabs become a space.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const c of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    if (isWinAnsi(c)) out += c;
    else if (c in FALLBACKS) out += FALLBACKS[c];
    else {
      const parts = [...c.normalize('NFKD')];
      if (parts.some((p) => !isMark(p) && !isWinAnsi(p))) out += '?';
      else for (const p of parts) out = isMark(p) ? withAccent(out, p) : out + p;
    }
  }
  return out;
}

const isMark = (c: string) => /^\p{M}$/u.test(c);

/** Puts `mark` on the last letter of `out` if WinAnsi has the result (u + ¨ → ü), else drops it (s + ¸). */
function withAccent(out: string, mark: string): string {
  const composed = (out.slice(-1) + mark).normalize('NFC');
  return out && composed.length === 1 && isWinAnsi(composed) ? out.slice(0, -1) + composed : out;
}

/** "5 februari 2024": the day as the petitioner sees it in the Netherlands, whatever the server's zone. */
export const letterDate = (d: Date) =>
  d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

/**
 * Renders the letters into one A4 PDF, each letter starting on a new page.
 * An empty batch is a caller's mistake (there is nothing to print), so it
 * throws instead of producing a PDF without pages.
 */
export async function renderLetters(letters: readonly Letter[], sender: Sender = DEFAULT_SENDER): Promise<Buffer> {
  if (letters.length === 0) throw new Error('renderLetters: no letters to render');

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    autoFirstPage: false,
    // page numbers are written once a letter's length is known, so keep pages open
    bufferPages: true,
    lang: 'nl-NL',
    // A fixed creation date makes the file ID and bytes repeatable. The title
    // stays generic: metadata travels with the file, and a name in it would
    // show up in print queues and viewers' recent-files lists.
    info: { Title: 'Brief', Creator: 'Grip', Producer: 'Grip', CreationDate: letters[0]!.date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const firstPages: number[] = [];
  for (const letter of letters) {
    firstPages.push(doc.bufferedPageRange().count);
    doc.addPage();
    writeLetter(doc, letter, sender);
  }
  numberPages(doc, firstPages);

  doc.end();
  return done;
}

function writeLetter(doc: PDFKit.PDFDocument, letter: Letter, sender: Sender): void {
  const width = doc.page.width - MARGINS.left - MARGINS.right;

  // Return address, top right; it is not in the window, so the post office ignores it.
  const senderX = doc.page.width - MARGINS.right - mm(70);
  doc.font(FONT_BOLD).fontSize(9).text(toWinAnsi(sender.organisation), senderX, MARGINS.top, { width: mm(70), align: 'right' });
  doc.font(FONT).text(toWinAnsi(sender.lines.join('\n')), { width: mm(70), align: 'right' });

  const addressLines = [letter.name, ...letter.address.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)];
  doc.fontSize(SIZE).text(toWinAnsi(addressLines.join('\n')), WINDOW.x, WINDOW.y, { width: WINDOW.width });

  // Below the window, so it never shows through the envelope.
  doc.text(letterDate(letter.date), MARGINS.left, mm(95), { width });
  doc.text(toWinAnsi(`Ons kenmerk: ${letter.dossierNumber}`), { width });
  doc.moveDown(2);
  doc.font(FONT_BOLD).text(toWinAnsi(letter.subject), { width });
  doc.moveDown();
  // pdfkit wraps and adds pages as needed; continuation pages use MARGINS
  doc.font(FONT).text(toWinAnsi(letter.body.replace(/\r\n/g, '\n').trim()), { width, lineGap: 2 });
}

/**
 * "Pagina 1 van 2" at the foot of every page of a letter that runs over one
 * page, so a batch that falls on the floor can be put together again. A
 * one-page letter gets none: a lone "1 van 1" only adds noise.
 */
function numberPages(doc: PDFKit.PDFDocument, firstPages: readonly number[]): void {
  const total = doc.bufferedPageRange().count;
  firstPages.forEach((first, i) => {
    const count = (firstPages[i + 1] ?? total) - first;
    if (count < 2) return;
    for (let n = 0; n < count; n++) {
      doc.switchToPage(first + n);
      // text below the bottom margin would otherwise make pdfkit start a new page
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font(FONT).fontSize(8).text(`Pagina ${n + 1} van ${count}`, MARGINS.left, doc.page.height - mm(15), {
        width: doc.page.width - MARGINS.left - MARGINS.right,
        align: 'center',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
  });
}
