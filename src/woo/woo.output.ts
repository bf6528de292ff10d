import type { Db } from '../db/database.ts';
import { DEFAULT_SENDER } from '../notices/letter.pdf.ts';
import { toZip } from '../shared/zip.ts';
import type { DecisionInput } from './decision.ts';
import { renderDecisionPdf } from './decision.pdf.ts';
import { inventoryPdf, inventoryXlsx } from './inventory.export.ts';
import { suggestPersonalData } from './personal-data.ts';
import { renderRedactedPdf } from './redacted.pdf.ts';
import { documentsForOutput, inventoryOf, type RequestView } from './woo.repository.ts';
import { DECISIONS, segments, type Decision, type Redaction } from './woo.ts';

/**
 * What a Woo request produces: the inventory (PDF, XLSX), each document
 * redacted and rendered anew, the decision letter (to the requester, or
 * anonymised), and the publication package for the website. Once the
 * decision is fixed, the letter and the package are made once and kept
 * (`freezeOutputs`): what was sent does not change when a ground's text or a
 * name changes later.
 */
const PERSONAL = '5.1.2e';
const PARTICLES = new Set(['van', 'der', 'den', 'de', 'het', 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'du', 'da', 'von', 'bij', 'aan']);

/** The requester's own words to find: the name and each part of it, the e-mail, each line of the address. */
function requesterWords(r: RequestView['request']): string[] {
  const name = r.requester_name.trim();
  const parts = name.split(/[\s,]+/).map((w) => w.replace(/^[.(]+|[.)]+$/g, '')).filter((w) => w.length >= 3 && !PARTICLES.has(w.toLowerCase()));
  const address = (r.requester_address ?? '').split(/[\n,]+/).map((l) => l.trim());
  return [name, ...parts, r.requester_email ?? '', ...address].filter((w) => w.length >= 3);
}

/** Every suggested personal datum and every occurrence of the known words (any case) as redactions on the personal-data ground. */
export function anonymise(text: string, known: readonly string[]): { text: string; redactions: Redaction[] } {
  const redactions: Redaction[] = suggestPersonalData(text).map((s) => ({ start: s.start, end: s.end, ground: PERSONAL }));
  for (const k of known.map((x) => x.trim()).filter((x) => x.length >= 3)) {
    const pattern = new RegExp(k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    for (const m of text.matchAll(pattern)) redactions.push({ start: m.index, end: m.index + m[0].length, ground: PERSONAL });
  }
  return { text, redactions };
}

/** The text with each redacted range replaced by its ground's code in brackets (for quotes in the letter and the inventory). */
export function anonymisedText(text: string, known: readonly string[]): string {
  const { redactions } = anonymise(text, known);
  return segments(text.length, redactions).map((s) => (s.ground === null ? text.slice(s.start, s.end) : `[${s.ground}]`)).join('');
}

export const inventoryInput = (view: RequestView) => ({
  requestNumber: view.request.number,
  subject: anonymisedText(view.request.subject, requesterWords(view.request)),
  rows: inventoryOf(view.documents),
  grounds: view.grounds,
});

export const inventoryPdfOf = (view: RequestView) => inventoryPdf(inventoryInput(view));
export const inventoryXlsxOf = (view: RequestView) => inventoryXlsx(inventoryInput(view));

export async function redactedDocumentPdf(view: RequestView, doc: { number: number; title: string; date: string | null; body: string; redactions: readonly Redaction[] }) {
  return renderRedactedPdf({
    requestNumber: view.request.number, number: doc.number, title: doc.title, date: doc.date, text: doc.body, redactions: doc.redactions, grounds: view.grounds,
  });
}

/** The letter's facts. Anonymised (for publication): no name or address, the request's words and the extension's reason stripped of personal data, signed by the role. */
function decisionInput(view: RequestView, anonymised: boolean, signatory: string): DecisionInput {
  const r = view.request;
  const words = requesterWords(r);
  const clean = (text: string) => (anonymised ? anonymisedText(text, words) : text);
  const counts = Object.fromEntries(DECISIONS.map((d) => [d, view.documents.filter((x) => x.decision === d).length])) as Record<Decision, number>;
  const used = new Set(view.documents.flatMap((d) => d.grounds));
  return {
    requestNumber: r.number,
    subject: clean(r.subject),
    requestText: clean(r.request_text),
    requester: anonymised ? null : { name: r.requester_name, addressLines: (r.requester_address ?? '').split(/\n|,\s*/).map((l) => l.trim()).filter(Boolean) },
    receivedOn: r.receivedOn,
    // a draft is dated today; a fixed decision on its day
    decidedOn: r.decidedOn ?? view.asOf,
    extension: r.extension_reason ? { reason: clean(r.extension_reason) } : null,
    suspendedDays: view.suspendedDays,
    dueOn: view.clock.due,
    counts,
    rows: inventoryOf(view.documents),
    groundsUsed: view.grounds.filter((g) => used.has(g.code)),
    organisation: DEFAULT_SENDER.organisation,
    signatory: anonymised ? 'de Woo-coördinator' : signatory,
  };
}

export const decisionPdf = (view: RequestView, opts: { anonymised: boolean; signatory: string }) =>
  renderDecisionPdf(decisionInput(view, opts.anonymised, opts.signatory));

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
  const request = anonymise(`${r.subject}\n\n${r.request_text}`, requesterWords(r));
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

/** Who fixed the decision signs it. */
const signatoryOf = (view: RequestView) => `${view.deciderName ?? 'de Woo-coördinator'}, Woo-coördinator`;

/**
 * The decision letter and the package as fixed: made on first need after the
 * decision (normally right after it), then always the same bytes.
 */
export async function frozenOutputs(db: Db, view: RequestView): Promise<{ decision: Buffer; pack: Buffer }> {
  const kept = await db.selectFrom('woo_requests').select(['decision_pdf', 'package_zip']).where('id', '=', view.request.id).executeTakeFirstOrThrow();
  if (kept.decision_pdf && kept.package_zip) return { decision: kept.decision_pdf, pack: kept.package_zip };
  const decision = await decisionPdf(view, { anonymised: false, signatory: signatoryOf(view) });
  const pack = await publicationPackage(db, view, signatoryOf(view));
  await db.updateTable('woo_requests').set({ decision_pdf: decision, package_zip: pack })
    .where('id', '=', view.request.id).where('decided_at', 'is not', null).where('decision_pdf', 'is', null).execute();
  const stored = await db.selectFrom('woo_requests').select(['decision_pdf', 'package_zip']).where('id', '=', view.request.id).executeTakeFirstOrThrow();
  return { decision: stored.decision_pdf ?? decision, pack: stored.package_zip ?? pack };
}
