import type { Random } from '../core/random.ts';

/**
 * Fictional subjects and descriptions for demo complaints, by agency and
 * keyword. Short, plain Dutch as a petitioner would write it; no real cases.
 */
export interface Topic {
  /** Agencies this topic fits; empty = any agency. */
  agencies: readonly string[];
  keywords: readonly string[];
  /** Subject lines, each with the first sentence of its description. */
  items: readonly (readonly [subject: string, detail: string])[];
  /** Relative frequency among the topics that fit an agency. */
  weight: number;
}

const GEMEENTEN = ['Gemeente Amsterdam', 'Gemeente Rotterdam', 'Gemeente Utrecht'];

export const TOPICS: readonly Topic[] = [
  {
    agencies: [], keywords: ['geen-reactie'], weight: 5,
    items: [
      ['Geen reactie op bezwaarschrift', 'Ik heb op {date} bezwaar gemaakt bij {agency}, maar na {weeks} weken heb ik nog steeds niets gehoord.'],
      ['Geen antwoord op mijn brief', 'Op {date} heb ik {agency} een brief gestuurd. Er is nooit een ontvangstbevestiging of antwoord gekomen.'],
      ['Mails worden niet beantwoord', 'Sinds {date} mail ik {agency} over mijn dossier. Ik krijg alleen automatische antwoorden.'],
      ['Niet teruggebeld ondanks toezegging', 'Ik heb {agency} twee keer gebeld. Er is beloofd dat ik teruggebeld zou worden, maar dat is niet gebeurd.'],
    ],
  },
  {
    agencies: [], keywords: ['behandelingsduur'], weight: 4,
    items: [
      ['Beslissing laat al maanden op zich wachten', 'Mijn aanvraag ligt sinds {date} bij {agency} en niemand kan zeggen wanneer ik een besluit krijg.'],
      ['Beslistermijn ruim overschreden', 'De wettelijke termijn voor mijn aanvraag bij {agency} is al {weeks} weken voorbij.'],
      ['Behandeling van mijn aanvraag duurt te lang', '{agency} heeft de beslissing op mijn aanvraag al twee keer verdaagd. Ik zit daardoor financieel klem.'],
    ],
  },
  {
    agencies: [], keywords: ['bejegening'], weight: 2,
    items: [
      ['Onheus bejegend aan de balie', 'Toen ik op {date} aan de balie van {agency} stond, werd ik uitgelachen en weggestuurd.'],
      ['Medewerker was onbeschoft aan de telefoon', 'De medewerker van {agency} sprak mij op een kleinerende manier aan en verbrak de verbinding.'],
    ],
  },
  {
    agencies: [], keywords: ['informatie'], weight: 2,
    items: [
      ['Tegenstrijdige informatie gekregen', 'Ik krijg van elke medewerker van {agency} een ander antwoord. Ik weet niet meer wat ik moet doen.'],
      ['Geen uitleg over besluit', 'In de brief van {agency} van {date} staat niet waarom mijn aanvraag is afgewezen.'],
    ],
  },
  {
    agencies: ['Belastingdienst'], keywords: ['betaling'], weight: 6,
    items: [
      ['Aanslag klopt niet en niemand legt uit waarom', 'Ik heb een aanslag gekregen van {amount} euro, terwijl mijn inkomen niet is veranderd. Bellen levert niets op.'],
      ['Teruggave blijft uit', 'De Belastingdienst zou mijn teruggave binnen {weeks} weken betalen. Het geld is er nog steeds niet.'],
      ['Betalingsregeling geweigerd', 'Ik kan de aanslag niet in een keer betalen, maar een betalingsregeling wordt zonder uitleg geweigerd.'],
    ],
  },
  {
    agencies: ['Belastingdienst', 'Immigratie- en Naturalisatiedienst', 'Politie'], keywords: ['caribisch-nederland'], weight: 1,
    items: [
      ['Geen loket bereikbaar op het eiland', 'Vanaf het eiland kan ik {agency} alleen per e-mail bereiken en ik krijg geen antwoord.'],
      ['Aanvraag vanuit Caribisch Nederland blijft liggen', 'Mijn aanvraag is op {date} op het eiland ingeleverd, maar in Den Haag is hij niet bekend.'],
    ],
  },
  {
    agencies: ['Dienst Toeslagen'], keywords: ['betaling'], weight: 6,
    items: [
      ['Toeslag teruggevorderd zonder uitleg', 'Ik moet {amount} euro terugbetalen, maar in de brief staat niet waarom. Ik heb alles op tijd doorgegeven.'],
      ['Zorgtoeslag stopgezet', 'Mijn zorgtoeslag is per {date} stopgezet zonder waarschuwing.'],
      ['Huurtoeslag verkeerd berekend', 'De huurtoeslag is berekend op een inkomen dat ik niet heb. Ik kan mijn huur niet meer betalen.'],
      ['Hersteloperatie duurt te lang', 'Ik wacht al {weeks} weken op de integrale beoordeling van mijn dossier.'],
    ],
  },
  {
    agencies: ['UWV'], keywords: ['betaling', 'besluit'], weight: 6,
    items: [
      ['WW-uitkering te laat uitbetaald', 'Mijn uitkering over de maand tot {date} is niet betaald. Het UWV kan niet zeggen waarom.'],
      ['WIA-keuring onzorgvuldig', 'De verzekeringsarts heeft maar tien minuten met mij gesproken en mijn medische stukken niet gelezen.'],
      ['Uitkering stopgezet zonder waarschuwing', 'Het UWV heeft mijn uitkering per {date} stopgezet. Ik heb daar vooraf niets over gehoord.'],
    ],
  },
  {
    agencies: ['Sociale Verzekeringsbank'], keywords: ['betaling'], weight: 4,
    items: [
      ['AOW te laat ingegaan', 'Mijn AOW had op {date} moeten ingaan. Ik heb nog niets ontvangen en de SVB neemt niet op.'],
      ['PGB-betaling aan zorgverlener blijft uit', 'Mijn zorgverlener is al {weeks} weken niet betaald uit mijn PGB. Zij dreigt te stoppen.'],
      ['Kinderbijslag stopgezet', 'De SVB heeft de kinderbijslag stopgezet omdat mijn dochter niet meer bij mij zou wonen, maar dat klopt niet.'],
    ],
  },
  {
    agencies: ['UWV', 'Sociale Verzekeringsbank', 'Koninklijke Marechaussee'], keywords: ['veteranen'], weight: 1,
    items: [
      ['Veteranenuitkering niet toegekend', 'Als veteraan heb ik op {date} een aanvraag gedaan bij {agency}. Ik moet steeds opnieuw mijn verhaal doen.'],
      ['Dossier uit diensttijd zoek', 'Mijn dossier uit de diensttijd is zoek, daardoor ligt mijn aanvraag al {weeks} weken stil.'],
    ],
  },
  {
    agencies: ['DUO'], keywords: ['betaling'], weight: 4,
    items: [
      ['Terugvordering studiefinanciering onterecht', 'DUO vordert {amount} euro terug omdat ik uitwonend zou zijn geweest, maar ik woonde op het opgegeven adres.'],
      ['Aflossing te hoog vastgesteld', 'Mijn draagkracht is niet meegenomen bij de berekening van de aflossing.'],
    ],
  },
  {
    agencies: GEMEENTEN, keywords: ['bomen'], weight: 3,
    items: [
      ['Boom voor mijn huis gekapt zonder melding', 'Op {date} is de boom voor mijn deur gekapt. Niemand heeft de bewoners ingelicht en er komt geen nieuwe boom.'],
      ['Overlast van bomen wordt niet opgelost', 'Takken van de gemeentelijke eik hangen al maanden over mijn dak. Meldingen worden gesloten zonder actie.'],
    ],
  },
  {
    agencies: GEMEENTEN, keywords: ['geen-reactie', 'informatie'], weight: 6,
    items: [
      ['Melding openbare ruimte niet opgepakt', 'Ik heb sinds {date} vier meldingen gedaan bij {agency}. Elke melding wordt afgesloten zonder dat er iets gebeurt.'],
      ['Parkeervergunning geweigerd', '{agency} wijst mijn aanvraag voor een parkeervergunning af op grond van een regel die ik nergens kan vinden.'],
      ['Overlast van buren wordt niet aangepakt', 'Ik heb {agency} al vaak gemeld dat mijn buren tot diep in de nacht overlast geven. Er gebeurt niets.'],
    ],
  },
  {
    agencies: GEMEENTEN, keywords: ['kinderen'], weight: 2,
    items: [
      ['Jeugdhulp voor mijn zoon afgewezen', 'Mijn zoon heeft dringend hulp nodig. {agency} verwijst naar een wachtlijst van {weeks} weken en biedt niets in de tussentijd.'],
    ],
  },
  {
    agencies: ['Rijkswaterstaat', 'Omgevingsdienst'], keywords: ['besluit', 'geen-reactie'], weight: 4,
    items: [
      ['Schade door wegwerkzaamheden niet vergoed', 'Sinds de werkzaamheden van {date} heb ik scheuren in mijn muur. {agency} reageert niet op mijn schadeclaim.'],
      ['Handhavingsverzoek niet behandeld', 'Ik heb een handhavingsverzoek ingediend bij {agency}. Na {weeks} weken is er nog geen besluit.'],
      ['Geluidsoverlast niet onderzocht', 'Ik heb {agency} gevraagd de geluidsoverlast bij mijn woning te meten. Dat is nooit gebeurd.'],
    ],
  },
  {
    agencies: ['Instituut Mijnbouwschade Groningen'], keywords: ['gaswinning'], weight: 8,
    items: [
      ['Schademelding aardbeving blijft liggen', 'Mijn schademelding is van {date}. Er is nog steeds geen opname geweest, terwijl de scheuren groter worden.'],
      ['Schadebedrag veel te laag vastgesteld', 'Het IMG biedt {amount} euro voor schade die volgens mijn aannemer het drievoudige kost.'],
      ['Opnemer kwam niet opdagen', 'Op {date} zou de opnemer komen. Ik had vrij genomen, maar er kwam niemand.'],
    ],
  },
  {
    agencies: ['Centraal Justitieel Incassobureau'], keywords: ['betaling'], weight: 4,
    items: [
      ['Boete betaald maar toch aanmaning', 'Ik heb de boete op {date} betaald, toch krijg ik een aanmaning met verhoging.'],
      ['Verhoging boete onterecht', 'De eerste brief van het CJIB is naar een oud adres gestuurd. Nu moet ik een verhoging betalen.'],
    ],
  },
  {
    agencies: ['Dienst Wegverkeer (RDW)'], keywords: ['besluit', 'behandelingsduur'], weight: 4,
    items: [
      ['Kenteken ten onrechte geschorst', 'De RDW heeft mijn kenteken geschorst terwijl de auto gewoon verzekerd is.'],
      ['Rijbewijsaanvraag blijft liggen', 'Mijn gezondheidsverklaring ligt sinds {date} bij de RDW. Ik mag intussen niet rijden.'],
    ],
  },
  {
    agencies: ['CAK', 'Zorginstituut Nederland'], keywords: ['betaling', 'besluit'], weight: 5,
    items: [
      ['Eigen bijdrage te hoog vastgesteld', 'Er wordt een eigen bijdrage van {amount} euro per maand gerekend, terwijl mijn moeder geen zorg meer krijgt.'],
      ['Eigen bijdrage Wmo dubbel geïnd', 'De eigen bijdrage over {date} is twee keer van mijn rekening afgeschreven.'],
      ['Vergoeding afgewezen zonder uitleg', '{agency} heeft mijn verzoek afgewezen zonder naar de brief van mijn arts te kijken.'],
    ],
  },
  {
    agencies: ['Jeugdbescherming', 'Raad voor de Kinderbescherming'], keywords: ['kinderen'], weight: 8,
    items: [
      ['Jeugdbeschermer onbereikbaar', 'Ik heb mijn kinderen sinds {date} niet gezien. De jeugdbeschermer reageert niet op mijn berichten.'],
      ['Omgangsregeling niet nagekomen', 'De afgesproken omgang met mijn dochter gaat al {weeks} weken niet door en niemand grijpt in.'],
      ['Rapport bevat onjuistheden', 'In het rapport van {agency} staan feiten die niet kloppen. Mijn reactie is niet toegevoegd.'],
    ],
  },
  {
    agencies: ['Wijkteam (Wmo)'], keywords: ['besluit', 'behandelingsduur'], weight: 5,
    items: [
      ['Wmo-aanvraag huishoudelijke hulp afgewezen', 'Ik kan sinds mijn operatie niet meer zelf schoonmaken, maar mijn aanvraag is afgewezen zonder huisbezoek.'],
      ['Keukentafelgesprek steeds uitgesteld', 'Het keukentafelgesprek is al drie keer verzet, de laatste keer op {date}.'],
      ['Trapliftaanvraag blijft liggen', 'Mijn aanvraag voor een traplift is van {date}. Het wijkteam zegt dat het nog even duurt.'],
    ],
  },
  {
    agencies: ['Immigratie- en Naturalisatiedienst'], keywords: ['behandelingsduur'], weight: 7,
    items: [
      ['Beslissing verblijfsvergunning blijft uit', 'Mijn aanvraag is van {date}. De IND heeft de beslistermijn al twee keer verlengd en ik mag intussen niet werken.'],
      ['Gezinshereniging duurt al meer dan een jaar', 'Mijn vrouw en kinderen wachten al {weeks} weken op een besluit over gezinshereniging.'],
      ['Naturalisatieaanvraag kwijtgeraakt', 'De IND zegt mijn naturalisatieaanvraag van {date} niet te hebben ontvangen, terwijl ik een bewijs van verzending heb.'],
    ],
  },
  {
    agencies: ['Politie'], keywords: ['aangifte', 'bejegening'], weight: 7,
    items: [
      ['Aangifte niet opgenomen', 'Op {date} wilde ik aangifte doen van bedreiging. De agent aan de balie weigerde dat en zei dat het geen zin had.'],
      ['Politie kwam niet na melding', 'Na mijn melding van een inbraak op {date} is er niemand gekomen en ik heb niets meer gehoord.'],
      ['Onheus behandeld bij staandehouding', 'Bij een staandehouding op {date} werd ik hardhandig behandeld zonder dat mij werd verteld waarom.'],
    ],
  },
  {
    agencies: ['Dienst Justitiële Inrichtingen'], keywords: ['bejegening', 'besluit'], weight: 4,
    items: [
      ['Bezoek in inrichting geweigerd', 'Mijn bezoek aan mijn broer werd op {date} zonder reden geweigerd.'],
      ['Medische zorg in detentie schiet tekort', 'Mijn zoon zit vast en krijgt al {weeks} weken zijn medicijnen niet op tijd.'],
    ],
  },
  {
    agencies: ['Centraal Orgaan opvang asielzoekers', 'Koninklijke Marechaussee'], keywords: ['bejegening', 'besluit'], weight: 3,
    items: [
      ['Slechte omstandigheden in opvanglocatie', 'Op de locatie is al {weeks} weken geen warm water. Klachten worden niet opgepakt.'],
      ['Behandeling bij grenscontrole', 'Bij de grenscontrole op {date} werd ik apart genomen en urenlang vastgehouden zonder uitleg.'],
    ],
  },
];

const CLOSINGS = [
  'Ik wil graag dat iemand naar mijn situatie kijkt.',
  'Ik heb hier veel stress van.',
  'Kunt u mij helpen?',
  'Ik heb de brieven bijgevoegd.',
  'Ik hoop dat de ombudsman kan bemiddelen.',
  '',
];

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

export function topicsFor(agency: string): readonly Topic[] {
  return TOPICS.filter((t) => t.agencies.length === 0 || t.agencies.includes(agency));
}

/** Subject, description and keywords for a complaint about `agency`, received on `receivedAt`. */
export function complaintText(rng: Random, agency: string, receivedAt: Date): { subject: string; description: string; keywords: string[] } {
  const topic = rng.weighted(topicsFor(agency), (t) => t.weight * (t.agencies.length === 0 ? 0.4 : 1));
  const [subject, detail] = rng.pick(topic.items);
  const weeks = rng.int(3, 20);
  const earlier = new Date(receivedAt.getTime() - weeks * 7 * 86_400_000);
  const fill = (text: string) =>
    text
      .replace('{agency}', agency)
      .replace('{date}', `${earlier.getUTCDate()} ${MONTHS[earlier.getUTCMonth()]}`)
      .replace('{weeks}', String(weeks))
      .replace('{amount}', String(rng.int(3, 120) * 50));
  const description = [fill(detail), rng.pick(CLOSINGS)].filter(Boolean).join(' ');
  const keywords = [rng.pick(topic.keywords)];
  // A second keyword now and then, from the short list's generic ones.
  if (rng.chance(0.15)) {
    const extra = rng.pick(['geen-reactie', 'informatie', 'bejegening']);
    if (!keywords.includes(extra)) keywords.push(extra);
  }
  return { subject, description, keywords };
}

/** The coordinator's directional proposal, by handling type. */
export const PROPOSALS: Record<string, readonly string[]> = {
  intervention: [
    'Instantie bellen en vragen binnen twee weken te beslissen.',
    'Contact opnemen met klachtcoördinator van de instantie; oplossing afspreken.',
    'Interveniëren: betaling of besluit versnellen.',
  ],
  referral: ['Verzoeker doorverwijzen naar de klachtprocedure van de instantie.', 'Doorverwijzen naar bezwaarprocedure; uitleg geven.'],
  investigation: ['Onderzoek starten; dossier opvragen bij de instantie.', 'Hoor en wederhoor; rapport voorbereiden.'],
  advice: ['Verzoeker bellen en adviseren over de vervolgstappen.', 'Uitleg geven over de regels en mogelijke stappen.'],
  quick: ['Snel afhandelen: verzoeker bellen en uitleg geven.', 'POP: kort contact met de instantie, dezelfde week afronden.'],
};

export const AFTERCARE_NOTES = [
  'Verzoeker belde: de toegezegde betaling is nog niet ontvangen; instantie herinnerd.',
  'Instantie heeft het besluit alsnog genomen; verzoeker geïnformeerd.',
  'Verzoeker vraagt om een kopie van de afsluitbrief; verstuurd.',
  'Nagebeld of de afspraak is nagekomen: ja.',
];

export const REOPEN_REASONS = [
  'Instantie komt de toezegging niet na.',
  'Nieuwe informatie van verzoeker.',
  'Afsluiting was te vroeg: besluit nog niet genomen.',
];

export const TRANSFER_REASONS = {
  extended: ['Complexer dan verwacht: meerdere instanties betrokken.', 'Past bij lopend clusteronderzoek van UKB.'],
  research: ['Structureel probleem: doorgezet naar S&O voor breder onderzoek.'],
};
