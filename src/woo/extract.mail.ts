/**
 * E-mail (.eml, RFC 5322 with MIME) to text for a Woo document: the header
 * lines a reader needs (Van, Aan, Cc, Datum, Onderwerp), then the body. The
 * body is the text/plain part, or the text/html part with its tags stripped
 * when there is no plain one. Attachments of the mail are ignored: each is a
 * document of its own, which the coordinator uploads separately.
 *
 * The message is read as Latin-1 (one character per byte) so that every part
 * can be decoded with its own charset once its transfer encoding is undone.
 */
export interface MailParts {
  text: string;
  title: string | null;
  date: string | null;
  author: string | null;
}

const ZONE = 'Europe/Amsterdam';
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const longFormat = new Intl.DateTimeFormat('nl-NL', { timeZone: ZONE, dateStyle: 'full', timeStyle: 'short' });

/** 'YYYY-MM-DD' of an instant, in Amsterdam. */
export function dayInAmsterdam(at: Date): string {
  const part = (type: string) => dayFormat.formatToParts(at).find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---------------------------------------------------------------- entities (XML and HTML)

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', euro: '€', copy: '©', reg: '®', trade: '™',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', bull: '•', middot: '·', deg: '°', sect: '§', szlig: 'ß', aelig: 'æ', AElig: 'Æ',
  oslash: 'ø', Oslash: 'Ø', times: '×', frac12: '½',
};
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', uml: '\u0308', circ: '\u0302', tilde: '\u0303', ring: '\u030a', cedil: '\u0327' };

/** Character references: numeric ones, XML's five, and the HTML names a mail uses (&eacute; &euml; &euro; &rsquo;...). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,8});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    if (ref in NAMED) return NAMED[ref]!;
    const accented = /^([A-Za-z])(acute|grave|uml|circ|tilde|ring|cedil)$/.exec(ref);
    return accented ? (accented[1]! + ACCENTS[accented[2]!]!).normalize('NFC') : whole;
  });
}

/** Visible text of an HTML body: block elements become line breaks, the rest of the markup goes. */
export function htmlText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+/g, ' ')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/?(?:p|div|h[1-6]|ul|ol|table|tr|blockquote|pre|hr)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/^[ \t]+|[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
}

// ---------------------------------------------------------------- bytes and charsets

/** What Windows-1252 puts in 0x80–0x9F; the rest of it is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node's TextDecoder drops 0x80–0x9F for windows-1252 (it decodes strict Latin-1), and those bytes hold € and ’. */
const windows1252 = (bytes: Buffer) => bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/** Bytes as text in `charset`; without a usable one, UTF-8 when the bytes are valid UTF-8, else Windows-1252. */
function decodeBytes(bytes: Buffer, charset?: string): string {
  const label = charset?.trim().toLowerCase().split('*')[0];
  if (label && label !== 'us-ascii' && label !== 'ascii') {
    let decoder: TextDecoder | null = null;
    try {
      decoder = new TextDecoder(label);
    } catch {
      // an unknown charset: guess below
    }
    // iso-8859-1 and latin1 are labels of windows-1252 (WHATWG), as mail programs treat them
    if (decoder) return decoder.encoding === 'windows-1252' ? windows1252(bytes) : decoder.decode(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

function unQuotedPrintable(s: string): Buffer {
  return latin1(s.replace(/[ \t]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

function transferDecode(body: string, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    case 'quoted-printable':
      return unQuotedPrintable(body);
    default:
      return latin1(body); // 7bit, 8bit, binary
  }
}

/** RFC 2047 encoded-words (=?utf-8?Q?caf=C3=A9?=, =?iso-8859-1?B?...?=); the space between two of them goes. */
function decodeWords(value: string): string {
  const word = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
  return value.replace(/(\?=)[ \t]+(?==\?[^?\s]+\?[bBqQ]\?)/g, '$1').replace(word, (_, charset: string, encoding: string, text: string) =>
    decodeBytes(encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64') : unQuotedPrintable(text.replace(/_/g, ' ')), charset),
  );
}

// ---------------------------------------------------------------- MIME structure

interface Part {
  headers: Map<string, string>;
  body: string;
}

const FIELD = /^([!-9;-~]+):[ \t]*(.*)$/;

function parsePart(raw: string): Part {
  const lead = /^\r?\n/.exec(raw);
  const gap = lead ?? /\r?\n\r?\n/.exec(raw);
  const head = gap ? raw.slice(0, gap.index) : raw;
  const body = gap ? raw.slice(gap.index + gap[0].length) : '';
  const headers = new Map<string, string>();
  const lines = head.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const m = FIELD.exec(line);
    if (!m) {
      if (i === 0 && line.startsWith('From ')) continue; // the separator line of an mbox file
      break;
    }
    const name = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    // To and Cc may come in more than one line; for the others the first one counts
    if (!headers.has(name)) headers.set(name, value);
    else if (name === 'to' || name === 'cc') headers.set(name, `${headers.get(name)}, ${value}`);
  }
  return { headers, body };
}

/** A header as text: raw UTF-8 (RFC 6532) or Windows-1252 bytes decoded, encoded-words decoded. */
function header(part: Part, name: string): string | null {
  const raw = part.headers.get(name);
  if (raw === undefined) return null;
  return decodeWords(decodeBytes(latin1(raw))).replace(/\s+/g, ' ').trim() || null;
}

function contentType(part: Part): { type: string; params: Map<string, string> } {
  const value = part.headers.get('content-type') ?? 'text/plain';
  const params = new Map<string, string>();
  for (const m of value.matchAll(/;\s*([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const v = m[2]!;
    params.set(m[1]!.toLowerCase(), v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v);
  }
  return { type: (value.split(';')[0] ?? '').trim().toLowerCase(), params };
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      const rest = line.slice(delimiter.length);
      if (rest.startsWith('--')) break; // the closing delimiter; what follows is the epilogue
      if (rest.trim() === '') {
        if (current) parts.push(current.join('\n'));
        current = [];
        continue;
      }
    }
    current?.push(line); // lines before the first delimiter are the preamble: not shown
  }
  if (current) parts.push(current.join('\n')); // a missing closing delimiter is forgiven
  return parts;
}

const MAX_DEPTH = 8;

/** The readable body of a part, and whether it had to come from HTML; null for attachments and non-text parts. */
function bodyText(part: Part, depth: number): { text: string; fromHtml: boolean } | null {
  const { type, params } = contentType(part);
  if (depth > 0 && /^\s*attachment/i.test(part.headers.get('content-disposition') ?? '')) return null;
  if (type.startsWith('multipart/')) {
    const boundary = params.get('boundary');
    if (!boundary || depth >= MAX_DEPTH) return null;
    const children = splitMultipart(part.body, boundary)
      .map((raw) => bodyText(parsePart(raw), depth + 1))
      .filter((c) => c !== null);
    if (type === 'multipart/alternative') return children.find((c) => !c.fromHtml) ?? children[0] ?? null;
    // mixed, related...: every inline text part, in order (some mail programs split the body around an inline image)
    return children.length ? { text: children.map((c) => c.text).join('\n\n'), fromHtml: children.every((c) => c.fromHtml) } : null;
  }
  if (type !== 'text/plain' && type !== 'text/html' && type !== '') return null;
  const text = decodeBytes(transferDecode(part.body, part.headers.get('content-transfer-encoding')), params.get('charset'));
  return type === 'text/html' ? { text: htmlText(text), fromHtml: true } : { text, fromHtml: false };
}

// ---------------------------------------------------------------- dates

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 5322's obsolete zone names, plus the Central European ones mail programs still write. */
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, CET: 60, CEST: 120, MET: 60, MEST: 120 };

/** The instant of an RFC 5322 date ('Tue, 14 Jan 2025 10:00:00 +0100'); null when it cannot be read. */
export function parseMailDate(value: string): Date | null {
  const m = /(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([+-])(\d{2})(\d{2})|([A-Za-z]{1,5})\b)?/.exec(value);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  let year = Number(m[3]);
  if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  const [day, hour, minute, second] = [m[1], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number];
  if (month < 0 || day < 1 || new Date(Date.UTC(year, month, day)).getUTCMonth() !== month || hour > 23 || minute > 59 || second > 60) return null;
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) : (ZONES[m[10]?.toUpperCase() ?? 'UT'] ?? 0);
  return new Date(Date.UTC(year, month, day, hour, minute, second) - offset * 60_000);
}

// ---------------------------------------------------------------- the mail

/** Whether the bytes look like an e-mail: a header block holding From and a Subject or Date. */
export function isEml(bytes: Buffer): boolean {
  const { headers } = parsePart(bytes.subarray(0, 64 * 1024).toString('latin1'));
  return headers.has('from') && (headers.has('subject') || headers.has('date'));
}

export function fromEml(bytes: Buffer): MailParts {
  const mail = parsePart(bytes.toString('latin1'));
  const from = header(mail, 'from');
  const subject = header(mail, 'subject');
  const rawDate = header(mail, 'date');
  const sent = rawDate ? parseMailDate(rawDate) : null;
  const lines: [string, string | null][] = [
    ['Van', from],
    ['Aan', header(mail, 'to')],
    ['Cc', header(mail, 'cc')],
    ['Datum', sent ? longFormat.format(sent) : rawDate],
    ['Onderwerp', subject],
  ];
  const body = (bodyText(mail, 0)?.text ?? '').replace(/^(?:[ \t]*\r?\n)+/, '');
  const head = lines.filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
  return { text: `${head.join('\n')}\n\n${body}`, title: subject, date: sent ? dayInAmsterdam(sent) : null, author: from };
}
