/**
 * Development test set for suggestPersonalData: short Dutch texts as they
 * occur in a complaints office's Woo documents (case notes, phone notes,
 * letters, e-mails about UWV, Belastingdienst, gemeenten, CJIB, DUO, IND,
 * politie), written by hand. Personal data is marked inline as ⟦kind|text⟧.
 *
 * Gold conventions: a name is the name itself with initials and
 * tussenvoegsels, without title or salutation ("de heer ⟦naam|J. de Vries⟧",
 * "mr. ⟦naam|K. Visser⟧"); a job title is marked only next to a name, with a
 * modifier like "senior" ("⟦functie|senior beleidsmedewerker⟧"); phone numbers
 * include a leading + or parentheses; BSN and IBAN include their dots and
 * spaces. Not marked: organisations and their functional mailboxes
 * (info@...), 0800/0900/088 numbers, addresses and postcodes (out of scope),
 * dates, amounts, dossier numbers, numbers that fail the elfproef or mod 97.
 * This set was used to develop the detector; personal-data.holdout.ts was not.
 */
import { PERSONAL_DATA_KINDS, type PersonalDataKind } from './personal-data.ts';

export interface GoldSpan {
  start: number;
  end: number;
  kind: PersonalDataKind;
}

/** Removes the ⟦kind|text⟧ marks and returns the plain text with the marked spans. */
export function parseGold(marked: string): { text: string; gold: GoldSpan[] } {
  const gold: GoldSpan[] = [];
  let text = '';
  let at = 0;
  for (const m of marked.matchAll(/⟦([a-z]+)\|([^⟦⟧]*)⟧/g)) {
    const kind = m[1] as PersonalDataKind;
    if (!PERSONAL_DATA_KINDS.includes(kind)) throw new Error(`unknown kind ${m[1]} in: ${marked}`);
    text += marked.slice(at, m.index);
    gold.push({ start: text.length, end: text.length + m[2]!.length, kind });
    text += m[2];
    at = m.index + m[0].length;
  }
  text += marked.slice(at);
  if (/[⟦⟧]/.test(text)) throw new Error(`unbalanced mark in: ${marked}`);
  return { text, gold };
}

export const DEVELOPMENT_SET: readonly string[] = [
  // letters and salutations
  'Geachte heer ⟦naam|Bakker⟧, op 12 maart 2026 ontvingen wij uw klacht over de Belastingdienst.',
  'Geachte mevrouw ⟦naam|De Wit⟧, hierbij sturen wij u het verslag van het gesprek.',
  'Geachte heer ⟦naam|J. de Vries⟧,\n\nU heeft ons op 3 februari gebeld over uw WW-uitkering.',
  'Beste ⟦naam|Sanne⟧, kun jij het dossier 2026.000123 overnemen? Ik ben vanaf maandag met verlof.',
  'Hoi ⟦naam|Mohammed⟧, de klager heeft weer gebeld. Wil je hem vandaag nog terugbellen?',
  'Geachte heer, geachte mevrouw,\n\nDe Nationale ombudsman heeft uw klacht over het CJIB ontvangen. Wij nemen binnen twee weken contact met u op.',
  'Beste collega\'s, de teamleider besluit morgen over de verdeling van de achterstand.',
  'Geachte heer ⟦naam|Van den Berg⟧, wij hebben uw brief van 4 april 2026 goed ontvangen.',
  'Dag ⟦naam|Ayşe⟧, dank voor je snelle reactie. Ik zet de stukken in het dossier.',
  'Geachte mevrouw ⟦naam|Mooij⟧, de gemeente Utrecht heeft toegezegd uw aanvraag opnieuw te beoordelen.',
  // signatures
  'Met vriendelijke groet,\n\n⟦naam|Karin Smit⟧\n⟦functie|Teamleider⟧ Klachtbehandeling\nNationale ombudsman',
  'Met vriendelijke groet,\nDe Belastingdienst',
  'Met vriendelijke groet,\ndrs. ⟦naam|P. Kok⟧',
  'Met vriendelijke groeten,\n⟦naam|Fatima El Amrani⟧\n⟦functie|klachtbehandelaar⟧',
  'Hoogachtend,\n\n⟦naam|A.M. ter Horst⟧\n⟦functie|directeur⟧ Bedrijfsvoering',
  'Met vriendelijke groet,\nNationale ombudsman\nAfdeling Klachtbehandeling',
  // phone notes
  'Telefoonnotitie: mevrouw ⟦naam|Visser⟧ belde over haar huurtoeslag. Zij is bereikbaar op ⟦telefoon|06-12345678⟧.',
  'Dhr. ⟦naam|Yilmaz⟧ heeft gebeld, graag terugbellen op ⟦telefoon|06 1234 5678⟧ na 14.00 uur.',
  'Mw. ⟦naam|Groen⟧ vraagt of wij haar kunnen bellen op ⟦telefoon|020 123 45 67⟧ of mobiel ⟦telefoon|06 12 34 56 78⟧.',
  'Klager (⟦naam|Mehmet Özdemir⟧) geeft aan dat hij tussen 9 en 12 uur bereikbaar is op ⟦telefoon|+31 6 23456789⟧.',
  'Teruggebeld naar ⟦telefoon|(010) 234 5678⟧, geen gehoor. Morgen nogmaals proberen.',
  'Meneer ⟦naam|de Haan⟧ woont tijdelijk in Duitsland en is bereikbaar op ⟦telefoon|+49 30 12345678⟧.',
  'De heer ⟦naam|Schipper⟧ heeft het CJIB gebeld op 0800-0231 en kreeg daar geen antwoord op zijn vraag.',
  'Verzoeker kan de klantenservice van de Belastingdienst bereiken via 0800-0543; wij hebben dat nummer doorgegeven.',
  'UWV is bereikbaar op 088-8982001. Mevrouw ⟦naam|Dekker⟧ heeft dat nummer al geprobeerd.',
  'Bel mij gerust op ⟦telefoon|+31 (0)6-34567890⟧ of op mijn werk: ⟦telefoon|070-3563563⟧.',
  'Telefoonnummer klager: ⟦telefoon|0031 6 45678901⟧. Voorkeur voor contact per mail.',
  'Op 06-03-2024 heeft verzoeker 10 keer gebeld zonder iemand te spreken.',
  'Het nummer ⟦telefoon|0612345678⟧ is van haar zoon ⟦naam|Ahmed⟧, die namens haar belt.',
  // e-mail
  'Graag reactie naar ⟦email|j.devries@gemeente.nl⟧, met een kopie naar woo@gemeente.nl.',
  'Stuur de stukken naar info@belastingdienst.nl of naar de behandelaar, ⟦email|p.mulder@toeslagen.nl⟧.',
  'Van: ⟦email|fatima.elidrissi@gmail.com⟧\nAan: klachten@nationaleombudsman.nl\nOnderwerp: bezwaar tegen de terugvordering',
  'Mijn e-mailadres is ⟦email|hansvisser1962@hotmail.com⟧, ik lees het dagelijks.',
  'De IND antwoordt alleen via het contactformulier; een mail naar info@ind.nl kwam onbestelbaar terug.',
  'Collega ⟦naam|Roos⟧ (⟦email|r.roos@nationaleombudsman.nl⟧) neemt het dossier over.',
  // BSN
  'BSN klager: ⟦bsn|725763863⟧. Geboortedatum bekend in het dossier.',
  'Het burgerservicenummer van mevrouw ⟦naam|Kok⟧ is ⟦bsn|162.275.869⟧.',
  'Vermeld bij correspondentie uw BSN (⟦bsn|192 285 142⟧) en het kenmerk WOO-2026-0001.',
  'Het kenmerk van de Belastingdienst is 378286356; dat nummer is geen BSN.',
  'Zaaknummer 2026.000123 is gekoppeld aan BSN ⟦bsn|6916.82.483⟧.',
  'Het dossiernummer 987825706 en het klantnummer 307924673 staan op de brief.',
  'Op de aanslag stond sofinummer ⟦bsn|987825707⟧ in plaats van het juiste nummer.',
  // IBAN
  'Het bedrag van € 1.234,56 wordt overgemaakt op rekening ⟦iban|NL79 ABNA 5131 3735 37⟧ ten name van ⟦naam|M. de Jong⟧.',
  'Terugbetaling graag op ⟦iban|NL43INGB9907511637⟧.',
  'Het rekeningnummer ⟦iban|NL88 RABO 2651 6761 22⟧ hoort bij de moeder van klager.',
  'Zij woont in België en heeft rekening ⟦iban|BE50 3268 6563 5515⟧.',
  'De toeslag werd gestort op een Duitse rekening: ⟦iban|DE12 0587 7065 8948 1131 14⟧.',
  'Het opgegeven nummer NL79 ABNA 5131 3735 38 klopt niet; de bank heeft de betaling geweigerd.',
  'Het CJIB heeft € 95 afgeschreven van ⟦iban|NL18SNSB2029729975⟧ terwijl de boete al betaald was.',
  // job titles with names, and on their own
  'Volgens ⟦functie|teamleider⟧ ⟦naam|J. de Vries⟧ is de termijn verlopen.',
  'Mevrouw ⟦naam|Jansen⟧, ⟦functie|beleidsmedewerker⟧ bij de gemeente Amsterdam, heeft de stukken nagezocht.',
  'De teamleider besluit volgende week over de herverdeling van de zaken.',
  'Ik heb de ⟦functie|senior beleidsmedewerker⟧, de heer ⟦naam|Brouwer⟧, om een reactie gevraagd.',
  'De jurist van UWV stelt dat het besluit juist is.',
  '⟦functie|Wijkagent⟧ ⟦naam|Vos⟧ heeft de aangifte opgenomen op het bureau in Zwolle.',
  'Het gesprek met ⟦functie|klantmanager⟧ ⟦naam|Bas Mulder⟧ verliep volgens klager moeizaam.',
  '⟦functie|Wethouder⟧ ⟦naam|Zwart⟧ heeft toegezegd de zaak persoonlijk te bekijken.',
  'De ⟦functie|verzekeringsarts⟧, dr. ⟦naam|S. ten Brink⟧, heeft geen lichamelijk onderzoek gedaan.',
  'Een medewerker van DUO heeft klager verteld dat zijn studieschuld kwijtgescholden zou worden.',
  // surnames that are also words
  'De bakker op de hoek heeft de brief voor klager in ontvangst genomen.',
  'De visser uit Urk klaagt over de gemeente, die zijn vergunning niet verlengt.',
  'De Koning heeft in de troonrede aandacht gevraagd voor de hersteloperatie toeslagen.',
  'De Post bezorgt de aangetekende brieven van het CJIB vaak te laat.',
  'Klager stuurde een foto van een groene post met een deuk; de gemeente weigert de schade te vergoeden.',
  'De Raad van State heeft de uitspraak van de rechtbank bevestigd.',
  'Volgens ⟦naam|Piet Bakker⟧ heeft de gemeente zijn bezwaar nooit behandeld.',
  'Het verslag is opgesteld door ⟦naam|K. Visser⟧ en gecontroleerd door ⟦naam|H. de Groot⟧.',
  'De heer ⟦naam|De Koning⟧ vraagt waarom de SVB zijn AOW heeft gekort.',
  'De smid en de schipper uit het dorp zijn allebei door de Belastingdienst aangeschreven.',
  'Mevrouw ⟦naam|Boer⟧ en de heer ⟦naam|Post⟧ wonen op hetzelfde adres, Kerkstraat 12, 1234 AB Utrecht.',
  'Het zwart gelakte document bevat volgens klager ook zijn eigen naam.',
  'De groep boeren uit Groningen heeft een gezamenlijke klacht ingediend over de schadeafhandeling.',
  'Mevrouw ⟦naam|Mulder-de Jong⟧ is het niet eens met de hoogte van de naheffing.',
  // first names that are also words
  'Wil je de klager laten weten dat zijn klacht is doorgestuurd naar de IND?',
  'Ik wil graag weten waarom mijn uitkering is stopgezet, schrijft klager.',
  'Mark dit dossier als spoed: de uitzetting staat voor volgende week gepland.',
  'Vandaag heeft ⟦naam|Hans⟧ de zaak samen met ⟦naam|Lot⟧ besproken.',
  'Bij de gemeente kan Jan en alleman een melding doen, maar klager krijgt geen reactie.',
  '⟦naam|Roos van der Meer⟧ belde namens haar vader, die in een verpleeghuis woont.',
  'Het lot van de aanvraag is onzeker; de IND heeft nog niet beslist.',
  'Ben je morgen aanwezig bij het gesprek met de politie?',
  // organisations, dates, amounts: nothing to mark
  'De Belastingdienst, Dienst Toeslagen en UWV wisselen gegevens uit over de hersteloperatie.',
  'Gemeente Amsterdam heeft op 1 april 2026 besloten de bijstand met € 250,00 per maand te verlagen.',
  'Het CAK, de SVB, DUO en het CJIB zijn aangeschreven met kenmerk WOO-2026-0001.',
  'Klager woont sinds 2019 aan de Dorpsstraat 4 in 3512 JK Utrecht en ontvangt sindsdien post van het CJIB voor een ander.',
  'De Nationale ombudsman heeft in 2025 in totaal 1.234 klachten over de politie ontvangen.',
  // mixed
  'Aanvullende informatie van ⟦naam|Ahmed Benali⟧ (⟦telefoon|06-98765432⟧, ⟦email|a.benali@outlook.com⟧): hij heeft de beschikking van 12-01-2026 nooit ontvangen.',
  "Prof. dr. ⟦naam|M.J. van 't Hof⟧ heeft als deskundige een rapport geschreven over de schadeafhandeling in Groningen.",
  'Mr. ⟦naam|L. Schipper⟧, ⟦functie|advocaat⟧ van klager, verzoekt om een kopie van het dossier.',
  'Ir. ⟦naam|W. Smit⟧ van het waterschap heeft de klacht over de dijkverzwaring doorgestuurd.',
  'De klacht van ⟦naam|Ayşe Çelik⟧ over DUO is gegrond verklaard.',
  'Mevr. ⟦naam|Van der Linden⟧ heeft op ⟦telefoon|030-2345678⟧ laten weten dat haar zoon ⟦naam|Thomas⟧ de aanvraag heeft gedaan.',
  'De heer ⟦naam|Janssen⟧ en mevrouw ⟦naam|Dekker⟧ hebben beiden een klacht ingediend over dezelfde ⟦functie|medewerker⟧, mevrouw ⟦naam|Kok⟧.',
  "Collega ⟦naam|Sanne in 't Veld⟧ heeft het gesprek met klager gevoerd.",
  'Namens ⟦naam|José García⟧ belde zijn buurman, die ook een klacht heeft over de gemeente.',
  'De ⟦functie|rechercheur⟧, de heer ⟦naam|Kok⟧, wilde de aangifte niet opnemen.',
  // longer notes and e-mails with several persons
  'Van: ⟦naam|Lisanne de Groot⟧ <⟦email|l.degroot@nationaleombudsman.nl⟧>\nAan: ⟦naam|Marco van Leeuwen⟧\nOnderwerp: klacht ⟦naam|Yıldız⟧\n\nHoi ⟦naam|Marco⟧, zie de bijlage.',
  'Gesprek met mevrouw ⟦naam|Khadija Amrani⟧ (⟦telefoon|06-41234567⟧). Zij ontvangt sinds januari geen kinderopvangtoeslag meer. Haar BSN is ⟦bsn|688136138⟧.',
  'De heer ⟦naam|Van Dam⟧ stuurde op 2 mei een mail vanaf ⟦email|henk.vandam@ziggo.nl⟧ en belde daarna vanaf ⟦telefoon|0229-123456⟧.',
  'Intern overleg met ⟦naam|Wouter⟧ en ⟦naam|Esther⟧: de klacht over de IND wordt als signaal doorgezet naar ⟦functie|directeur⟧ mr. ⟦naam|R. Koning⟧.',
  'Klager, de heer ⟦naam|A. Bouzid⟧, heeft een betalingsregeling met het CJIB. Het CJIB schrijft maandelijks € 50 af van ⟦iban|NL41 ASNB 3304 3483 95⟧.',
  'Verzoekster ⟦naam|Jolanda Brouwer⟧ vraagt om inzage in haar dossier bij de politie. Contactpersoon bij de politie is ⟦functie|brigadier⟧ ⟦naam|Mulder⟧.',
  'Beste ⟦naam|Noor⟧,\n\nIk heb zojuist met ⟦naam|Peter de Boer⟧ van UWV gesproken. Hij belt klager morgen terug.\n\nGroet,\n⟦naam|Bas⟧',
  'Mevrouw ⟦naam|Fatma Kaya⟧ en haar dochter ⟦naam|Elif⟧ zijn samen op het spreekuur geweest. De gemeente Rotterdam weigert de bijzondere bijstand.',
  'Notitie: dhr. ⟦naam|Kok⟧ (⟦telefoon|06 2345 6789⟧) en mevr. ⟦naam|Vos⟧ (⟦telefoon|06 3456 7890⟧) klagen over dezelfde deurwaarder.',
  'Graag bellen met ⟦functie|behandelaar⟧ ⟦naam|Ruud Mooij⟧ op ⟦telefoon|050-3123456⟧ of mailen naar ⟦email|r.mooij@groningen.nl⟧.',
  'Op verzoek van ir. ⟦naam|T. de Jong⟧ is de zaak aangehouden tot na de zomer.',
  'Klager ⟦naam|Mohammed Ouali⟧ (BSN ⟦bsn|864623112⟧, rekening ⟦iban|NL91KNAB4862057986⟧) wacht al acht maanden op zijn teruggaaf.',
  'De ⟦functie|substituut-ombudsman⟧, mevrouw ⟦naam|Bakker⟧, heeft het rapport ondertekend.',
  'Meneer ⟦naam|Pieter-Jan Dekker⟧ heeft ons gevraagd niet meer te bellen naar ⟦telefoon|0513-612345⟧ maar naar ⟦telefoon|06-51234567⟧.',
  'Toelichting van ⟦naam|Ümit Doğan⟧: DUO vordert € 3.412,00 terug, terwijl hij volgens eigen zeggen altijd uitwonend was.',
  'Collega ⟦naam|Vera⟧ heeft mevrouw ⟦naam|Smit⟧ uitgelegd dat de Nationale ombudsman niet over de hoogte van de boete oordeelt.',
  'Aan: ⟦email|m.el-khatib@duo.nl⟧; CC: secretariaat@duo.nl\nGeachte heer ⟦naam|El-Khatib⟧, naar aanleiding van ons gesprek stuur ik u de stukken.',
  'De ⟦functie|woordvoerder⟧ van de gemeente, ⟦naam|Thijs Groen⟧, zegt dat het bezwaar in behandeling is.',
  'Mevrouw ⟦naam|Çelik⟧ belde vanaf ⟦telefoon|+32 470 12 34 56⟧ en gaf rekening ⟦iban|BE50326865635515⟧ op voor de schadevergoeding.',
  'Met vriendelijke groet,\n\n⟦naam|Jeroen van der Heijden⟧\n⟦functie|senior klachtbehandelaar⟧\nT ⟦telefoon|06-19876543⟧\nE ⟦email|j.vanderheijden@nationaleombudsman.nl⟧',
  'Volgens ⟦naam|Maria⟧ van het wijkteam heeft de familie ⟦naam|Yilmaz⟧ recht op schuldhulp.',
  'Klaagster ⟦naam|Roos⟧ heeft haar klacht over de IND ingetrokken.',
  'De boete van € 290 is opgelegd op 14-02-2026 om 10.45 uur aan de Stationsweg; beschikkingsnummer 1234567890123456.',
  'Het gesprek werd gevoerd door ⟦naam|Dirk⟧ en ⟦naam|Mark Verbeek⟧; verslag door ⟦naam|Lotte⟧.',
];
