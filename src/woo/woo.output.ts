import type { Executor } from '../db/database.ts';
import { DEFAULT_SENDER } from '../notices/letter.pdf.ts';
import { readZip, toZip } from '../shared/zip.ts';
import { anonymise, anonymisedText, redactedStrings, requesterWords } from './anonymise.ts';
import type { DecisionInput } from './decision.ts';
import { renderDecisionPdf } from './decision.pdf.ts';
import { inventoryPdf, inventoryXlsx } from './inventory.export.ts';
import { renderRedactedPdf } from './redacted.pdf.ts';
import { documentsForOutput, getRequest, inventoryOf, type RequestView } from './woo.repository.ts';
import { DECISIONS, type Decision, type Redaction } from './woo.ts';

/**
 * What a Woo request produces: the inventory (PDF, XLSX), each document
 * redacted and rendered anew, the decision letter (to the requester, or
 * anonymised), and the publication package for the website. When the
 * decision is fixed, the letter and the package are made in the same
 * transaction and kept (`freezeOutputs`): what was sent does not change when
 * a ground's text or a name changes later.
 */
type Documents = Awaited<ReturnType<typeof documentsForOutput>>;

/** What must not show in a published file: the requester's words and every string redacted as personal data in the request. */
const knownOf = (view: RequestView, docs: Documents) => [...requesterWords(view.request), ...redactedStrings(docs)];

function inventoryInput(view: RequestView, known: readonly string[]) {
  return { requestNumber: view.request.number, subject: anonymisedText(view.request.subject, known), rows: inventoryOf(view.documents), grounds: view.grounds };
}

/** The inventory as it stands (before the decision), or as fixed (after it). */
export async function inventoryOutput(db: Executor, view: RequestView, kind: 'pdf' | 'xlsx'): Promise<Buffer> {
  if (view.request.decided_at) {
    const kept = readZip((await freezeOutputs(db, view.request.id, view.asOf)).pack);
    return kept.get(`inventaris.${kind}`)!;
  }
  const input = inventoryInput(view, knownOf(view, await documentsForOutput(db, view.request.id)));
  return kind === 'pdf' ? inventoryPdf(input) : inventoryXlsx(input);
}

export async function redactedDocumentPdf(view: RequestView, doc: { number: number; title: string; date: string | null; body: string; redactions: readonly Redaction[] }) {
  return renderRedactedPdf({
    requestNumber: view.request.number, number: doc.number, title: doc.title, date: doc.date, text: doc.body, redactions: doc.redactions, grounds: view.grounds,
  });
}

/** The letter's facts. Anonymised (for publication): no name or address, the request's words and the extension's reason stripped of personal data, signed by the role. */
function decisionInput(view: RequestView, anonymised: boolean, known: readonly string[]): DecisionInput {
  const r = view.request;
  const clean = (text: string) => (anonymised ? anonymisedText(text, known) : text);
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
    signatory: anonymised || !view.deciderName ? 'de Woo-coördinator' : `${view.deciderName}, Woo-coördinator`,
  };
}

/** The decision letter to the requester: the draft as it stands, or the one fixed. */
export async function decisionOutput(db: Executor, view: RequestView): Promise<Buffer> {
  if (view.request.decided_at) return (await freezeOutputs(db, view.request.id, view.asOf)).decision;
  return renderDecisionPdf(decisionInput(view, false, []));
}

const fileName = (n: number, title: string) =>
  `${String(n).padStart(3, '0')} ${title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9 .,_-]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80)}.pdf`;

/**
 * The publication package: the anonymised request, the decision (without the
 * requester's name and address), the inventory as PDF and spreadsheet, and
 * every public or partly public document redacted. Documents not made public
 * are on the inventory only.
 */
export async function publicationPackage(db: Executor, view: RequestView): Promise<Buffer> {
  const r = view.request;
  const docs = await documentsForOutput(db, r.id);
  const known = knownOf(view, docs);
  const requestText = `${r.subject}\n\n${r.request_text}`;
  const released = docs.filter((d) => d.decision === 'public' || d.decision === 'partly');
  const inventory = inventoryInput(view, known);
  const files: { name: string; data: Buffer | string }[] = [
    { name: 'verzoek.pdf', data: await renderRedactedPdf({ requestNumber: r.number, number: null, title: `Woo-verzoek ${r.number} (geanonimiseerd)`, date: r.receivedOn, text: requestText, redactions: anonymise(requestText, known), grounds: view.grounds }) },
    { name: 'besluit.pdf', data: await renderDecisionPdf(decisionInput(view, true, known)) },
    { name: 'inventaris.pdf', data: await inventoryPdf(inventory) },
    { name: 'inventaris.xlsx', data: inventoryXlsx(inventory) },
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

/**
 * The decision letter and the package as fixed: made by `fixDecision` in its
 * transaction (pass it), then always the same bytes. A decided request
 * without them (decided before they were kept) gets them on first need.
 */
export async function freezeOutputs(db: Executor, requestId: string, today: string): Promise<{ decision: Buffer; pack: Buffer }> {
  const kept = await db.selectFrom('woo_requests').select(['decision_pdf', 'package_zip']).where('id', '=', requestId).executeTakeFirstOrThrow();
  if (kept.decision_pdf && kept.package_zip) return { decision: kept.decision_pdf, pack: kept.package_zip };
  const view = await getRequest(db, requestId, today);
  const docs = await documentsForOutput(db, requestId);
  const decision = await renderDecisionPdf(decisionInput(view, false, knownOf(view, docs)));
  const pack = await publicationPackage(db, view);
  await db.updateTable('woo_requests').set({ decision_pdf: decision, package_zip: pack })
    .where('id', '=', requestId).where('decided_at', 'is not', null).where('decision_pdf', 'is', null).execute();
  const stored = await db.selectFrom('woo_requests').select(['decision_pdf', 'package_zip']).where('id', '=', requestId).executeTakeFirstOrThrow();
  return { decision: stored.decision_pdf ?? decision, pack: stored.package_zip ?? pack };
}
