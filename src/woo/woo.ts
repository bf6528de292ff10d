/**
 * Woo requests (Wet open overheid), the pure part: the decisions a document
 * can get, the legal grounds for redaction and their colours, and how a
 * document's text splits into what is shown and what is redacted. No IO.
 *
 * A redaction is a character range [start, end) of a document's text with a
 * ground. The text of a redaction is never written into any output: the
 * renderers get `segments` and draw a box where the text was.
 */
export const DECISIONS = ['public', 'partly', 'notPublic'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_TEXT: Record<Decision, { nl: string; en: string }> = {
  public: { nl: 'Openbaar', en: 'Public' },
  partly: { nl: 'Deels openbaar', en: 'Partly public' },
  notPublic: { nl: 'Niet openbaar', en: 'Not public' },
};

/** A legal ground for redaction: data, kept on /woo/gronden. `code` is the label printed in each box. */
export interface Ground {
  code: string;
  name: string;
  article: string;
  /** '#rrggbb' */
  colour: string;
  /** The paragraph of the decision letter that explains this ground. */
  explanation: string;
}

/** The seed's three grounds (DOMAIN.md, "The Woo process"). */
export const DEFAULT_GROUNDS: readonly Ground[] = [
  {
    code: '5.1.2e',
    name: 'Persoonsgegevens (eerbiediging van de persoonlijke levenssfeer)',
    article: 'artikel 5.1, tweede lid, onder e, Woo',
    colour: '#000000',
    explanation: 'In de documenten staan namen, contactgegevens en andere gegevens van burgers en medewerkers. Het belang van openbaarmaking weegt niet op tegen het belang van eerbiediging van hun persoonlijke levenssfeer. Deze gegevens zijn zwart gelakt en gemarkeerd met 5.1.2e.',
  },
  {
    code: '5.2.1',
    name: 'Persoonlijke beleidsopvattingen in intern beraad',
    article: 'artikel 5.2, eerste lid, Woo',
    colour: '#1f5fbf',
    explanation: 'Sommige documenten zijn opgesteld voor intern beraad en bevatten persoonlijke beleidsopvattingen van medewerkers: meningen, adviezen en argumenten. Daarover wordt geen informatie verstrekt. Feitelijke informatie is wel openbaar gemaakt. Deze passages zijn blauw gelakt en gemarkeerd met 5.2.1.',
  },
  {
    code: 'buiten verzoek',
    name: 'Buiten de reikwijdte van het verzoek',
    article: 'valt buiten het verzoek',
    colour: '#d0d0d0',
    explanation: 'Sommige passages gaan niet over het onderwerp van uw verzoek. Die vallen buiten de reikwijdte van het verzoek en zijn lichtgrijs gelakt en gemarkeerd met "buiten verzoek".',
  },
];

export interface Redaction {
  start: number;
  end: number;
  ground: string;
}

/** A piece of a document: shown text (ground null) or a redacted range (ground set, text never output). */
export interface Segment {
  start: number;
  end: number;
  ground: string | null;
}

/**
 * The document cut into shown and redacted segments, in order. Overlapping
 * redactions merge; where grounds differ, the earlier-starting one wins for
 * the overlap (the reviewer sees and can remove either).
 */
export function segments(length: number, redactions: readonly Redaction[]): Segment[] {
  const sorted = redactions
    .map((r) => ({ start: Math.max(0, Math.min(length, r.start)), end: Math.max(0, Math.min(length, r.end)), ground: r.ground }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const r of sorted) {
    const start = Math.max(r.start, at);
    if (r.end <= start) continue;
    if (start > at) out.push({ start: at, end: start, ground: null });
    const last = out[out.length - 1];
    if (last && last.ground === r.ground && last.end === start) last.end = r.end;
    else out.push({ start, end: r.end, ground: r.ground });
    at = r.end;
  }
  if (at < length) out.push({ start: at, end: length, ground: null });
  return out;
}

/** One line of the inventory (inventarislijst), as in the seed. */
export interface InventoryRow {
  number: number;
  /** 'YYYY-MM-DD' or null when unknown */
  date: string | null;
  title: string;
  decision: Decision | null;
  /** Ground codes, in the grounds' order. */
  grounds: string[];
}

/**
 * The grounds of a document on the inventory: those of its redactions when
 * partly public, those the reviewer chose when not public, none when public.
 */
export function inventoryGrounds(
  decision: Decision | null,
  redactionGrounds: readonly string[],
  chosen: readonly string[],
  order: readonly Ground[],
): string[] {
  const used = new Set(decision === 'partly' ? redactionGrounds : decision === 'notPublic' ? chosen : []);
  return order.map((g) => g.code).filter((c) => used.has(c));
}
