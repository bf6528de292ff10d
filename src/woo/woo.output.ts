import type { Db } from '../db/database.ts';
import { DEFAULT_SENDER } from '../notices/letter.pdf.ts';
import { toZip } from '../shared/zip.ts';
import type { DecisionInput } from './decision.ts';
import { renderDecisionPdf } from './decision.pdf.ts';
import { inventoryPdf, inventoryXlsx } from './inventory.export.ts';
import { suggestPersonalData } from './personal-data.ts';
import { renderRedactedPdf } from './redacted.pdf.ts';
import { occurrences } from './redaction.service.ts';
import { documentsForOutput, inventoryOf, type RequestView } from './woo.repository.ts';
import { DECISIONS, segments, type Decision, type Redaction } from './woo.ts';

/**
 * What a Woo request produces: the inventory (PDF, XLSX), each document
 * redacted and rendered anew, the decision letter (to the requester, or
 * anonymised), and the publication package for the website.
 */
const PERSONAL = '5.1.2e';

export const inventoryInput = (view: RequestView) => ({
  requestNumber: view.request.number, subject: view.request.subject, rows: inventoryOf(view.documents), grounds: view.grounds,
});

export const inventoryPdfOf = (view: RequestView) => inventoryPdf(inventoryInput(view));
export const inventoryXlsxOf = (view: RequestView) => inventoryXlsx(inventoryInput(view));

export async function redactedDocumentPdf(view: RequestView, doc: { number: number; title: string; date: string | null; body: string; redactions: readonly Redaction[] }) {
  return renderRedactedPdf({
    requestNumber: view.request.number, number: doc.number, title: doc.title, date: doc.date, text: doc.body, redactions: doc.redactions, grounds: view.grounds,
  });
}

function decisionInput(view: RequestView, anonymised: boolean, signatory: string): DecisionInput {
  const r = view.request;
  const counts = Object.fromEntries(DECISIONS.map((d) => [d, view.documents.filter((x) => x.decision === d).length])) as Record<Decision, number>;
  const used = new Set(view.documents.flatMap((d) => d.grounds));
  return {
    requestNumber: r.number,
    subject: r.subject,
    requestText: anonymised ? anonymisedText(r.request_text, [r.requester_name, r.requester_email ?? '', r.requester_address ?? '']) : r.request_text,
    requester: anonymised ? null : { name: r.requester_name, addressLines: (r.requester_address ?? '').split(/\n|,\s*/).map((l) => l.trim()).filter(Boolean) },
    receivedOn: r.receivedOn,
    decidedOn: r.decidedOn ?? view.clock.due,
    extension: r.extension_reason ? { reason: r.extension_reason } : null,
    suspendedDays: view.suspendedDays,
    dueOn: view.clock.due,
    counts,
    rows: inventoryOf(view.documents),
    groundsUsed: view.grounds.filter((g) => used.has(g.code)),
    organisation: DEFAULT_SENDER.organisation,
    signatory,
  };
}

export const decisionPdf = (view: RequestView, opts: { anonymised: boolean; signatory: string }) =>
  renderDecisionPdf(decisionInput(view, opts.anonymised, opts.signatory));

/** The request's text with the requester's own name and e-mail and every suggested personal datum redacted. */
export function anonymise(text: string, known: readonly string[]): { text: string; redactions: Redaction[] } {
  const redactions: Redaction[] = suggestPersonalData(text).map((s) => ({ start: s.start, end: s.end, ground: PERSONAL }));
  for (const k of known.map((x) => x.trim()).filter((x) => x.length >= 3)) {
    for (const at of occurrences(text, k)) redactions.push({ start: at, end: at + k.length, ground: PERSONAL });
  }
  return { text, redactions };
}

/** The text with each redacted range replaced by its ground's code in brackets, for the letter's quote of the request. */
function anonymisedText(text: string, known: readonly string[]): string {
  const { redactions } = anonymise(text, known);
  return segments(text.length, redactions).map((s) => (s.ground === null ? text.slice(s.start, s.end) : `[${s.ground}]`)).join('');
}

const fileName = (n: number, title: string) =>
  `${String(n).padStart(3, '0')} ${title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9 .,_-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80)}.pdf`;

/**
 * The publication package: the anonymised request, the decision (without the
 * requester's name and address), the inventory as PDF and spreadsheet, and
 * every public or partly public document redacted. Documents not made public
 * are on the inventory only.
 */
export async function publicationPackage(db: Db, view: RequestView, signatory: string): Promise<Buffer> {
  const r = view.request;
  const request = anonymise(`${r.subject}\n\n${r.request_text}`, [r.requester_name, r.requester_email ?? '', r.requester_address ?? '']);
  const docs = await documentsForOutput(db, r.id);
  const released = docs.filter((d) => d.decision === 'public' || d.decision === 'partly');
  const files: { name: string; data: Buffer | string }[] = [
    { name: 'verzoek.pdf', data: await renderRedactedPdf({ requestNumber: r.number, number: null, title: `Woo-verzoek ${r.number} (geanonimiseerd)`, date: r.receivedOn, text: request.text, redactions: request.redactions, grounds: view.grounds }) },
    { name: 'besluit.pdf', data: await decisionPdf(view, { anonymised: true, signatory }) },
    { name: 'inventaris.pdf', data: await inventoryPdfOf(view) },
    { name: 'inventaris.xlsx', data: inventoryXlsxOf(view) },
  ];
  for (const d of released) {
    files.push({ name: `documenten/${fileName(d.number, d.title)}`, data: await redactedDocumentPdf(view, d) });
  }
  files.push({
    name: 'LEESMIJ.txt',
    data: [
      `Publicatiepakket Woo-verzoek ${r.number}`,
      `Besluit van ${r.decidedOn ?? '(nog niet vastgesteld)'}.`,
      '',
      'verzoek.pdf       het verzoek, geanonimiseerd',
      'besluit.pdf       het besluit, zonder naam en adres van de verzoeker',
      'inventaris.pdf    de inventarislijst (ook als inventaris.xlsx)',
      `documenten/       ${released.length} openbaar gemaakte documenten, gelakt waar nodig; ${docs.length - released.length} niet openbaar (zie de inventarislijst)`,
      '',
    ].join('\r\n'),
  });
  return toZip(files);
}
