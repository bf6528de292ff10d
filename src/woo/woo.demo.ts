import { insertEvents } from '../cases/case.repository.ts';
import { toActor } from '../auth/policy.ts';
import type { AppContext } from '../shared/context.ts';
import { addDays } from '../core/holidays.ts';
import { dutchDay } from '../core/woo-clock.ts';
import { makeDocx, makeEml, makePdf } from './fixtures.ts';
import { acceptSuggestions, assessDocument, redactPassage } from './redaction.service.ts';
import { addMaterial } from './woo.search.ts';
import { extendRequest, registerRequest, uploadDocument } from './woo.service.ts';

/**
 * Demo Woo requests for the Woo coordinator (login `woo`): one whose deadline
 * is close, with five documents in review (two of Grip's own notes, a PDF, a
 * Word memo and an e-mail), and one just received. Runs after the demo
 * history is loaded; does nothing without the `woo` login.
 */
export async function loadWooDemo(ctx: AppContext): Promise<void> {
  const staff = await ctx.db.selectFrom('staff').select(['id', 'login', 'name', 'roles', 'domains']).where('login', '=', 'woo').executeTakeFirst();
  if (!staff) return;
  const woo = toActor(staff);
  const today = dutchDay(ctx.clock());
  // two notes on a recent Inkomen dossier, as an investigator would have written them
  const target = await ctx.db.selectFrom('cases').select(['id', 'dossier_number', 'investigator_id'])
    .where('domain_id', '=', 'inkomen').where('status', '=', 'closed').where('anonymised_at', 'is', null)
    .orderBy('closed_at', 'desc').limit(1).executeTakeFirst();
  if (target) {
    const at = ctx.clock();
    await ctx.db.transaction().execute((tx) => insertEvents(tx, [
      { caseId: target.id, type: 'note_added', at: new Date(at.getTime() - 20 * 86_400_000), actorId: target.investigator_id, payload: { kind: 'note', text:
        'Telefonisch contact gehad met mevrouw A. de Boer (06-41234567) over de terugvordering van de zorgtoeslag door Dienst Toeslagen. Zij is het oneens met het bedrag. Volgens teamleider Karin Smit is de terugvordering procedureel correct verlopen. Persoonlijk vind ik de termijn die Dienst Toeslagen hanteert onredelijk kort.' } },
      { caseId: target.id, type: 'note_added', at: new Date(at.getTime() - 18 * 86_400_000), actorId: target.investigator_id, payload: { kind: 'action', text:
        'Dienst Toeslagen gevraagd de terugvordering op te schorten. Contactpersoon bij Dienst Toeslagen: dhr. P. Verbeek, p.verbeek@toeslagen.example.nl. Burgerservicenummer verzoeker 111222333 genoteerd in het dossier. Terugvordering zorgtoeslag afgestemd.' } },
    ]));
  }
  const first = await registerRequest(ctx, woo, {
    receivedOn: addDays(today, -24),
    requesterName: 'Redactie Stadsblad',
    requesterEmail: 'redactie@stadsblad.example.nl',
    requesterAddress: 'Postbus 1200, 1000 BE Amsterdam',
    subject: 'Klachten over terugvordering zorgtoeslag',
    requestText: 'Graag ontvang ik op grond van de Woo alle documenten over klachten die uw organisatie sinds 1 januari heeft ontvangen over de terugvordering van zorgtoeslag door Dienst Toeslagen, met de interne notities daarover.',
  });
  if (target) await addMaterial(ctx, woo, first.id, (await ctx.db.selectFrom('case_events').select('id').where('case_id', '=', target.id).where('type', '=', 'note_added').execute()).map((e) => `note:${e.id}`));
  const pdf = await makePdf({ title: 'Verslag overleg Dienst Toeslagen', author: 'J. Hendriks', date: new Date(`${addDays(today, -40)}T10:00:00Z`), lines: [
    'Verslag van het periodiek overleg met Dienst Toeslagen.',
    'Aanwezig: Jeroen Hendriks (Klachtbehandeling), Sandra Mulder (Dienst Toeslagen).',
    'Dienst Toeslagen ziet een toename van klachten over de terugvordering van zorgtoeslag.',
    'Afgesproken: bij een klacht belt Dienst Toeslagen de burger binnen vijf werkdagen.',
  ] });
  await uploadDocument(ctx, woo, first.id, { filename: 'verslag-overleg-toeslagen.pdf', data: pdf });
  const docx = makeDocx({ title: 'Memo terugvorderingen', author: 'K. Smit', date: new Date(`${addDays(today, -35)}T09:00:00Z`), paragraphs: [
    'Memo aan het managementteam over de klachten over terugvordering van zorgtoeslag.',
    'Sinds januari ontvingen wij 46 klachten over de terugvordering van zorgtoeslag.',
    'Ik adviseer om Dienst Toeslagen hierop formeel aan te spreken.',
    'Opgesteld door Karin Smit, teamleider Inkomen.',
  ] });
  await uploadDocument(ctx, woo, first.id, { filename: 'memo-terugvorderingen.docx', data: docx });
  const eml = makeEml({
    from: 'Sandra Mulder <s.mulder@toeslagen.example.nl>', to: 'klachten@grip.example', subject: 'Re: terugvordering zorgtoeslag',
    date: new Date(`${addDays(today, -30)}T14:12:00Z`),
    body: 'Beste Jeroen,\n\nDank voor je bericht over de klachten over de terugvordering van zorgtoeslag. We nemen dit mee in ons overleg van volgende week.\nBereikbaar op 070 123 45 67.\n\nMet vriendelijke groet,\nSandra Mulder\nDienst Toeslagen',
  });
  await uploadDocument(ctx, woo, first.id, { filename: 'terugvordering.eml', data: eml });
  // the reviewer has done the PDF already: Grip's suggestions taken, assessed partly public
  const docs = await ctx.db.selectFrom('woo_documents').select(['id', 'source']).where('request_id', '=', first.id).orderBy('number').execute();
  const pdfDoc = docs.find((d) => d.source === 'pdf');
  if (pdfDoc) {
    await acceptSuggestions(ctx, woo, first.id, pdfDoc.id, { keys: 'all', ground: '5.1.2e' });
    await assessDocument(ctx, woo, first.id, pdfDoc.id, { decision: 'partly', grounds: [] });
  }
  const memo = docs.find((d) => d.source === 'docx');
  if (memo) await redactPassage(ctx, woo, first.id, memo.id, { passage: 'Ik adviseer om Dienst Toeslagen hierop formeel aan te spreken.', ground: '5.2.1', everywhere: false });

  const second = await registerRequest(ctx, woo, {
    receivedOn: addDays(today, -3),
    requesterName: 'M. Yilmaz',
    requesterEmail: 'm.yilmaz@example.nl',
    subject: 'Afhandeling klachten over het CJIB',
    requestText: 'Ik verzoek u om openbaarmaking van de werkinstructies voor de behandeling van klachten over het CJIB.',
  });
  await extendRequest(ctx, woo, second.id, 'Er zijn veel documenten gevonden; de beoordeling kost meer tijd.').catch(() => undefined);
}
