/**
 * A labelled test set for cluster suggestions (issue 7, must show 4): short
 * Dutch complaints written by hand as variations of 13 themes at 9 agencies,
 * with hard negatives (the same agency and overlapping words but another
 * theme: "police refuse a report" next to "no news after a report"; "fine
 * raised although paid" next to "no payment plan") and single complaints that
 * belong to no theme. The wording varies on purpose: synonyms (bekeuring,
 * boete; WW, werkloosheidsuitkering), compounds (huurtoeslag,
 * kinderopvangtoeslag), long and short letters, missing diacritics, shouting.
 *
 * Three letters were made more explicit after the first runs (k11, k32, k38
 * named their subject only by paraphrase: "gespreide betaling", "geen
 * aangifte kon doen"); the others are as first written.
 *
 * `theme` is the ground truth: two complaints belong together exactly when
 * they share a theme; `null` means the complaint belongs with none. A theme
 * lives at one agency, so it is also the expected cluster.
 */
export interface LabelledComplaint {
  id: string;
  agency: string;
  theme: string | null;
  text: string;
}

const CJIB = 'Centraal Justitieel Incassobureau';
const UTRECHT = 'Gemeente Utrecht';
const AMSTERDAM = 'Gemeente Amsterdam';
const POLITIE = 'Politie';
const UWV = 'UWV';
const TOESLAGEN = 'Dienst Toeslagen';
const BELASTINGDIENST = 'Belastingdienst';
const IND = 'Immigratie- en Naturalisatiedienst';
const DUO = 'DUO';

type Row = [agency: string, theme: string | null, text: string];

const ROWS: Row[] = [
  // CJIB: the fine was raised although it was paid on time
  [CJIB, 'cjib-verhoging', 'Ik heb mijn verkeersboete binnen de termijn betaald, maar het CJIB stuurt me nu een aanmaning met een verhoging van 9 euro. Het bankafschrift heb ik als bewijs bijgevoegd.'],
  [CJIB, 'cjib-verhoging', 'Het CJIB beweert dat ik te laat heb betaald en heeft de boete verhoogd. Het geld is op 3 maart van mijn rekening afgeschreven, ruim voor de uiterste betaaldatum.'],
  [CJIB, 'cjib-verhoging', 'Geachte ombudsman, ondanks dat ik de bekeuring netjes heb overgemaakt kreeg ik een eerste aanmaning met verhoging. Bellen met het incassobureau levert niets op.'],
  [CJIB, 'cjib-verhoging', 'Boete WEL betaald maar toch een verhoging gekregen!! Het CJIB zegt dat de betaling niet is ontvangen, maar mijn bank laat zien dat het bedrag gewoon is overgeschreven.'],
  [CJIB, 'cjib-verhoging', 'Mijn betaling van de snelheidsboete is volgens het CJIB te laat binnengekomen, terwijl ik de dag na ontvangst van de acceptgiro betaalde. Nu moet ik het dubbele bedrag betalen en dat vind ik onterecht.'],
  [CJIB, 'cjib-verhoging', 'Ik ontving een tweede aanmaning van het Centraal Justitieel Incassobureau, hoewel de boete allang voldaan is. Het betalingskenmerk stond er correct bij. Ik wil dat de verhoging vervalt.'],
  [CJIB, 'cjib-verhoging', 'Sinds wanneer wordt een boete verhoogd als je op tijd betaalt? Ik heb de beschikking binnen twee weken voldaan en toch rekent het CJIB extra kosten.'],
  // CJIB: no payment plan (hard negative for the one above)
  [CJIB, 'cjib-regeling', 'Ik kan de boete van 380 euro niet in een keer betalen. Mijn verzoek om een betalingsregeling is door het CJIB afgewezen zonder uitleg.'],
  [CJIB, 'cjib-regeling', 'Het CJIB wil geen betalingsregeling met mij treffen omdat het bedrag onder de grens zou liggen. Ik leef van een bijstandsuitkering en kan dit echt niet ineens ophoesten.'],
  [CJIB, 'cjib-regeling', 'Al drie keer heb ik gevraagd om in termijnen te mogen betalen. Het incassobureau reageert niet op mijn aanvraag voor een regeling en ondertussen lopen de kosten op.'],
  [CJIB, 'cjib-regeling', 'Mijn aanvraag voor een betalingsregeling voor meerdere verkeersboetes is geweigerd. Ik heb schulden en zit in de schuldhulpverlening, dat had het CJIB moeten weten.'],
  [CJIB, 'cjib-regeling', 'Waarom mag ik mijn boetes niet in maandelijkse termijnen afbetalen? Via de website lukt het aanvragen van een betalingsregeling niet en telefonisch word ik steeds doorverbonden.'],
  [CJIB, null, 'Het CJIB heeft beslag gelegd op mijn loon voor een boete van een auto die ik twee jaar geleden heb verkocht. De vrijwaring bij de RDW was gewoon geregeld.'],

  // Gemeente Utrecht: trees felled without consulting residents
  [UTRECHT, 'utrecht-bomen', 'De gemeente heeft vorige week zes gezonde linden in onze straat gekapt zonder de bewoners te informeren. Er is geen overleg geweest en geen kapvergunning gepubliceerd.'],
  [UTRECHT, 'utrecht-bomen', 'Zonder enige aankondiging zijn de kastanjebomen langs de singel omgezaagd. Wij als buurtbewoners hadden graag vooraf inspraak gehad over het kappen.'],
  [UTRECHT, 'utrecht-bomen', 'Ik wil klagen over het kappen van de bomen op het plein bij ons. De gemeente Utrecht heeft dit besloten zonder de buurt te raadplegen, terwijl die bomen er veertig jaar stonden.'],
  [UTRECHT, 'utrecht-bomen', 'Bomenkap in de Van Lieflandlaan: er kwam een brief een dag voordat de zagen begonnen. Van overleg met bewoners was geen sprake en herplant is niet toegezegd.'],
  [UTRECHT, 'utrecht-bomen', 'Waarom worden in onze wijk massaal bomen weggehaald? Niemand heeft de bewoners iets gevraagd. Mijn bezwaar tegen de kap is nooit beantwoord.'],
  [UTRECHT, 'utrecht-bomen', 'De gemeente liet de grote eik voor mijn huis kappen. Ik heb nergens een vergunning of melding gezien en er was geen bewonersavond, ondanks eerdere beloften over overleg.'],
  [UTRECHT, 'utrecht-bomen', 'Er zijn zonder overleg met de wijkraad twintig iepen gerooid voor de aanleg van een fietspad. Wij bewoners voelen ons niet gehoord, die bomen gaven schaduw en groen.'],
  // Gemeente Utrecht: waste not collected
  [UTRECHT, 'utrecht-afval', 'Al drie weken is de ondergrondse container in onze straat niet geleegd. Het afval ligt ernaast op de stoep en trekt ratten aan. Meldingen bij de gemeente helpen niet.'],
  [UTRECHT, 'utrecht-afval', 'Mijn afspraak voor het ophalen van grofvuil is twee keer niet nagekomen. De bank en de kasten staan nog steeds buiten bij de container.'],
  [UTRECHT, 'utrecht-afval', 'De gemeente haalt het huisvuil in onze wijk steeds later of helemaal niet op. Overal zwerfafval, en via de app melden levert alleen een automatisch antwoord op.'],
  [UTRECHT, 'utrecht-afval', 'De papiercontainer zit propvol en wordt niet geleegd. Ik heb dit vier keer gemeld bij de gemeente Utrecht maar er gebeurt niks met het afval.'],
  [UTRECHT, 'utrecht-afval', 'Afvalinzameling in Overvecht is een puinhoop: containers worden niet geleegd, vuilniszakken scheuren open en de gemeente reageert niet op meldingen.'],
  [UTRECHT, 'utrecht-afval', 'Ik heb grofvuil aangemeld via de website en kreeg een bevestiging, maar niemand is het komen ophalen. Nu krijg ik een waarschuwing voor afval naast de container!'],
  [UTRECHT, null, 'Mijn aanvraag voor een parkeervergunning voor bewoners ligt al twee maanden bij de gemeente zonder beslissing.'],
  [UTRECHT, null, 'De gemeente heeft de speeltuin in ons park gesloten zonder uit te leggen waarom en wanneer die weer opengaat. Onze kinderen spelen nu op straat.'],

  // Gemeente Amsterdam: the tree theme at another agency (never with Utrecht)
  [AMSTERDAM, 'amsterdam-bomen', 'In onze straat in de Pijp zijn zonder overleg met de bewoners tien gezonde bomen gekapt. De gemeente heeft niemand geinformeerd.'],
  [AMSTERDAM, 'amsterdam-bomen', 'Zonder inspraak van de buurt heeft de gemeente Amsterdam de platanen langs de gracht laten kappen. Wij bewoners zijn hier boos over.'],

  // Politie: refuses to take a report
  [POLITIE, 'politie-weigert', 'Ik wilde aangifte doen van diefstal van mijn fiets, maar de agent aan de balie weigerde die op te nemen. Hij zei dat het toch geen zin had.'],
  [POLITIE, 'politie-weigert', 'Op het bureau weigerde de agent mijn aangifte van bedreiging op te nemen, omdat het "maar woorden" waren. Ik voel me niet serieus genomen door de politie.'],
  [POLITIE, 'politie-weigert', 'De politie wilde mijn aangifte van oplichting via Marktplaats niet opnemen en verwees me naar internet. Online lukte het niet, want ik heb geen DigiD.'],
  [POLITIE, 'politie-weigert', 'Na een mishandeling ben ik naar de politie gegaan, maar ze weigerden een aangifte op te nemen en noemden het een burenruzie.'],
  [POLITIE, 'politie-weigert', 'Twee keer ben ik weggestuurd toen ik aangifte wilde doen van inbraak in mijn schuur. Volgens de agenten was er te weinig bewijs om de aangifte op te nemen.'],
  [POLITIE, 'politie-weigert', 'Waarom neemt de politie geen aangifte op van stalking door mijn ex? Ik heb berichten en getuigen, maar de medewerker hield het af en weigerde.'],
  [POLITIE, 'politie-weigert', 'Ik kreeg aan de balie te horen dat aangifte doen van identiteitsfraude niet mogelijk was en dat ik het zelf met de bank moest regelen. Mijn aangifte werd geweigerd.'],
  // Politie: no news after a report (hard negative for the one above)
  [POLITIE, 'politie-terugkoppeling', 'In januari heb ik aangifte gedaan van een inbraak. Sindsdien heb ik niets meer van de politie gehoord, ook niet nadat ik twee keer heb gebeld over de stand van het onderzoek.'],
  [POLITIE, 'politie-terugkoppeling', 'Mijn aangifte van een aanrijding met doorrijden ligt al maanden stil. Niemand laat weten of er onderzoek wordt gedaan of dat de zaak is geseponeerd.'],
  [POLITIE, 'politie-terugkoppeling', 'Ik heb camerabeelden aangeleverd bij mijn aangifte, maar de politie heeft nooit teruggekoppeld wat ermee is gebeurd of hoe het onderzoek ervoor staat.'],
  [POLITIE, 'politie-terugkoppeling', 'Geen enkele terugkoppeling na mijn aangifte van vernieling van mijn auto. Op mails en telefoontjes naar het politiebureau wordt niet gereageerd.'],
  [POLITIE, 'politie-terugkoppeling', 'Het is een half jaar geleden dat ik aangifte deed van oplichting. Ik heb geen bericht gekregen, niets. Ik wil weten hoe het met het onderzoek staat.'],
  [POLITIE, null, 'Bij een verkeerscontrole was de agent onnodig grof tegen mij en mijn kinderen. Hij schreeuwde en weigerde zijn naam te geven.'],

  // UWV: unemployment benefit paid late
  [UWV, 'uwv-ww', 'Mijn WW-uitkering had eind vorige maand betaald moeten worden, maar er is nog steeds niets op mijn rekening gestort. Het UWV zegt dat het in behandeling is.'],
  [UWV, 'uwv-ww', 'Ik ben sinds 1 april werkloos en wacht al zeven weken op mijn eerste WW uitkering. Mijn huur kan ik niet meer betalen.'],
  [UWV, 'uwv-ww', 'UWV betaalt mijn werkloosheidsuitkering steeds te laat uit. Elke maand moet ik bellen voordat het geld op mijn rekening komt.'],
  [UWV, 'uwv-ww', 'Na mijn ontslag heb ik op tijd WW aangevraagd. Er is nog geen besluit en geen betaling, terwijl de termijn allang verstreken is.'],
  [UWV, 'uwv-ww', 'De uitbetaling van mijn ww is al drie weken vertraagd zonder bericht. Door de achterstand kom ik in de problemen met mijn vaste lasten.'],
  [UWV, 'uwv-ww', 'Ik wacht op een voorschot op mijn WW, maar het UWV reageert niet op mijn verzoek. Ondertussen heb ik geen inkomen en wordt de uitkering niet betaald.'],
  [UWV, 'uwv-ww', 'Sinds mijn contract niet verlengd is heb ik recht op een WW-uitkering, maar het UWV heeft na twee maanden nog niets overgemaakt.'],
  // UWV: disability assessment
  [UWV, 'uwv-wia', 'De verzekeringsarts van het UWV heeft mij na een gesprek van tien minuten volledig arbeidsgeschikt verklaard, terwijl mijn specialist het tegendeel schrijft.'],
  [UWV, 'uwv-wia', 'Mijn WIA-uitkering is gestopt na een herbeoordeling. De keuringsarts heeft mijn medische stukken niet eens gelezen.'],
  [UWV, 'uwv-wia', 'Bij de WIA-keuring werd ik niet serieus genomen. De arts van het UWV vond dat ik kan werken, maar door mijn rugklachten kan ik nauwelijks zitten.'],
  [UWV, 'uwv-wia', 'Ik ben voor 35 procent arbeidsongeschikt verklaard in plaats van volledig. De rapportage van de verzekeringsarts bevat feitelijke fouten over mijn medische situatie.'],
  [UWV, 'uwv-wia', 'Na de medische herbeoordeling is mijn WIA verlaagd. Het UWV weigert de informatie van mijn behandelend arts mee te nemen.'],
  [UWV, null, 'Het UWV heeft mijn ziektewetuitkering teruggevorderd omdat ik een formulier te laat zou hebben ingestuurd. Ik heb het wel degelijk op tijd gepost.'],

  // Dienst Toeslagen: benefits reclaimed
  [TOESLAGEN, 'toeslagen-terugvordering', 'De Dienst Toeslagen vordert 4.200 euro kinderopvangtoeslag van mij terug over 2022. Ik heb alle uren correct doorgegeven en begrijp niet waarom.'],
  [TOESLAGEN, 'toeslagen-terugvordering', 'Ik moet ineens mijn hele huurtoeslag van vorig jaar terugbetalen omdat mijn inkomen iets hoger uitviel. Niemand heeft me gewaarschuwd voor deze terugvordering.'],
  [TOESLAGEN, 'toeslagen-terugvordering', 'Terugvordering van zorgtoeslag van 1.100 euro zonder duidelijke uitleg. Ik kan dit bedrag niet terugbetalen en Toeslagen reageert niet op mijn bezwaar.'],
  [TOESLAGEN, 'toeslagen-terugvordering', 'Na de definitieve berekening moet ik de toeslag voor de kinderopvang terugbetalen. De opvang heeft de juiste gegevens gestuurd; de fout ligt bij Toeslagen.'],
  [TOESLAGEN, 'toeslagen-terugvordering', 'Ik kreeg een brief dat ik te veel huurtoeslag heb ontvangen en alles moet terugbetalen. Mijn situatie is helemaal niet veranderd.'],
  [TOESLAGEN, 'toeslagen-terugvordering', 'Toeslagen vordert het voorschot zorgtoeslag terug en zet direct een aanmaning in gang, terwijl mijn bezwaar nog loopt.'],
  [TOESLAGEN, 'toeslagen-terugvordering', 'Waarom moet ik duizenden euros aan toeslagen terugbetalen? Ik heb alles netjes gemeld. Nu dreigt een dwanginvordering van de terugvordering.'],
  [TOESLAGEN, null, 'De Dienst Toeslagen is telefonisch onbereikbaar. Ik heb zes keer een uur in de wacht gestaan om een adreswijziging door te geven.'],

  // Belastingdienst: tax refund not paid out (same agency group as no other theme)
  [BELASTINGDIENST, 'belasting-teruggave', 'Ik heb in maart mijn aangifte inkomstenbelasting ingediend en krijg 1.400 euro terug, maar na vijf maanden is het geld nog steeds niet uitbetaald.'],
  [BELASTINGDIENST, 'belasting-teruggave', 'De Belastingdienst laat mijn teruggaaf al maanden liggen. Op de site staat alleen dat ze mijn aangifte behandelen, maar uitbetaald wordt er niets.'],
  [BELASTINGDIENST, 'belasting-teruggave', 'Wanneer krijg ik mijn teruggave inkomstenbelasting? De termijn van drie maanden is ruim verstreken en de BelastingTelefoon kan niets zeggen.'],
  [BELASTINGDIENST, 'belasting-teruggave', 'Mijn voorlopige aanslag met een terug te ontvangen bedrag is nooit uitbetaald. Het gaat om geld dat ik hard nodig heb.'],
  [BELASTINGDIENST, 'belasting-teruggave', 'Al een half jaar wacht ik op de definitieve aanslag inkomstenbelasting over 2022, terwijl ik recht heb op een flinke teruggave vanwege zorgkosten.'],
  [BELASTINGDIENST, 'belasting-teruggave', 'Belastingdienst reageert niet en betaalt het bedrag dat ik terug moet krijgen van mijn aangifte niet uit. Ik heb drie keer gebeld.'],
  [BELASTINGDIENST, null, 'Ik ben het niet eens met de naheffing motorrijtuigenbelasting. Mijn auto stond geschorst bij de RDW en reed dus niet.'],

  // IND: decision period exceeded
  [IND, 'ind-beslistermijn', 'Mijn aanvraag voor een verblijfsvergunning bij mijn partner is al veertien maanden in behandeling. De wettelijke beslistermijn van negentig dagen is ruim verstreken.'],
  [IND, 'ind-beslistermijn', 'De IND heeft niet binnen de beslistermijn beslist op mijn aanvraag. Ik heb een ingebrekestelling gestuurd, maar er kwam nog steeds geen besluit.'],
  [IND, 'ind-beslistermijn', 'Mijn vrouw wacht al meer dan een jaar op een beslissing over haar verblijfsvergunning. Zonder vergunning mag ze niet werken.'],
  [IND, 'ind-beslistermijn', 'Ik heb gezinshereniging aangevraagd voor mijn kinderen, maar de IND laat de beslistermijn verlopen en geeft geen informatie over wanneer er beslist wordt.'],
  [IND, 'ind-beslistermijn', 'De Immigratie- en Naturalisatiedienst overschrijdt de beslistermijn voor de verlenging van mijn verblijfsvergunning. Ondertussen heb ik geen geldig document.'],
  [IND, 'ind-beslistermijn', 'Waarom duurt de behandeling van mijn verblijfsaanvraag zo lang? Ik heb de IND in gebreke gesteld wegens niet tijdig beslissen, maar krijg geen reactie.'],
  [IND, 'ind-beslistermijn', 'Sinds mijn aanvraag als kennismigrant zijn zes maanden verstreken zonder besluit, ver over de termijn. Mijn werkgever dreigt het contract in te trekken.'],
  [IND, null, 'Ik krijg geen afspraak bij het IND-loket om mijn verblijfsdocument op te halen. Het online systeem geeft al weken geen beschikbare tijden.'],
  [IND, null, 'Mijn naturalisatieceremonie is twee keer afgezegd en de IND en de gemeente verwijzen naar elkaar.'],

  // DUO: student loan repayment
  [DUO, 'duo-aflossing', 'DUO heeft mijn maandelijkse aflossing voor de studieschuld verhoogd naar 310 euro, terwijl mijn inkomen juist is gedaald. Mijn verzoek om aanpassing is genegeerd.'],
  [DUO, 'duo-aflossing', 'Ik betaal mijn studiefinanciering terug, maar DUO schrijft veel meer af dan afgesproken. Het maandbedrag klopt niet met mijn draagkracht.'],
  [DUO, 'duo-aflossing', 'Mijn aanvraag voor aflossen naar draagkracht is al vier maanden niet behandeld en intussen int DUO het volle bedrag van mijn studieschuld.'],
  [DUO, 'duo-aflossing', 'De terugbetaling van mijn studielening is fout berekend: DUO rekent met het inkomen van mijn partner terwijl we niet samenwonen.'],
  [DUO, 'duo-aflossing', 'Het terugbetalen van mijn studieschuld wordt onmogelijk gemaakt. DUO heeft het maandbedrag zonder overleg verdubbeld en reageert niet op mails.'],
  [DUO, 'duo-aflossing', 'DUO incasseert te veel voor mijn studieschuld. Ik heb een lager inkomen opgegeven met loonstroken, maar de aflossing blijft hetzelfde.'],
  [DUO, null, 'Mijn studentenreisproduct is stopgezet en nu moet ik een boete van DUO betalen, terwijl ik nog gewoon studeer.'],
];

/** The test set, ids k01... in the order above. */
export const TEST_SET: readonly LabelledComplaint[] = ROWS.map(([agency, theme, text], i) => ({
  id: `k${String(i + 1).padStart(2, '0')}`,
  agency,
  theme,
  text,
}));

export interface PairScores {
  precision: number;
  recall: number;
  /** Pairs in one suggested cluster / pairs sharing a theme / both. */
  predicted: number;
  actual: number;
  correct: number;
}

/**
 * Pairwise precision and recall of suggested clusters against the labels: a
 * pair is predicted when both complaints are in one suggested cluster, and
 * actual when both have the same theme. Precision with nothing predicted is 1.
 */
export function pairScores(clusters: readonly { members: readonly string[] }[], labelled: readonly LabelledComplaint[]): PairScores {
  const theme = new Map(labelled.map((c) => [c.id, c.theme]));
  let predicted = 0;
  let correct = 0;
  for (const { members } of clusters) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        predicted += 1;
        const t = theme.get(members[i]!);
        if (t != null && t === theme.get(members[j]!)) correct += 1;
      }
    }
  }
  const perTheme = new Map<string, number>();
  for (const c of labelled) if (c.theme !== null) perTheme.set(c.theme, (perTheme.get(c.theme) ?? 0) + 1);
  const actual = [...perTheme.values()].reduce((total, n) => total + (n * (n - 1)) / 2, 0);
  return { precision: predicted === 0 ? 1 : correct / predicted, recall: actual === 0 ? 1 : correct / actual, predicted, actual, correct };
}
