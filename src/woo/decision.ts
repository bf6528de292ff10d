import { addDays, nextWorkingDay } from '../core/holidays.ts';
import { DEFAULT_SENDER } from '../notices/letter.pdf.ts';
import type { Decision, Ground, InventoryRow } from './woo.ts';

/**
 * The decision letter on a Woo request (besluit op Woo-verzoek), pure: a
 * Dutch template with `{placeholders}` filled from the request. The wording
 * follows the seed's real decision letter. All Dutch text is data (the
 * template and the phrases); the code only picks phrases and fills them in.
 *
 * Template format: the first line is "Betreft: <subject>". Paragraphs are
 * separated by blank lines; a line "## <heading>" gives the next paragraph
 * its heading. A paragraph that fills to nothing (an optional part such as
 * the extension) is left out. The paragraph "{gronden}" expands to one
 * paragraph per ground used.
 */
export interface DecisionInput {
  requestNumber: string;
  subject: string;
  requestText: string;
  /** null = anonymised for publication: placeholders instead of name and address. */
  requester: { name: string; addressLines: string[] } | null;
  /** 'YYYY-MM-DD' */
  receivedOn: string;
  /** 'YYYY-MM-DD': the day the decision is sent. */
  decidedOn: string;
  extension: { reason: string } | null;
  suspendedDays: number;
  /** 'YYYY-MM-DD': the statutory deadline (wooDeadline). */
  dueOn: string;
  counts: Record<Decision, number>;
  rows: readonly InventoryRow[];
  /** The grounds applied, in order. */
  groundsUsed: readonly Ground[];
  organisation: string;
  /** Name and role of who fixed the decision, e.g. 'de Woo-coördinator'. */
  signatory: string;
}

export interface DecisionLetter {
  subject: string;
  paragraphs: { heading: string | null; text: string }[];
}

/** Shown instead of the requester's name and address in the published (anonymised) letter. */
export const ANONYMOUS_NAME = '[naam verzoeker]';
export const ANONYMOUS_ADDRESS = '[adres verzoeker]';

export const DECISION_TEMPLATE = `Betreft: Besluit op uw Woo-verzoek {verzoeknummer}

Geachte {naam},

## Uw verzoek
U heeft gevraagd om informatie over {onderwerp}. U doet daarbij een beroep op de Wet open overheid (Woo). Uw verzoek luidt:

“{verzoektekst}”

Uw verzoek wordt aangemerkt als verzoek om openbaarmaking van informatie op grond van artikel 4.1 van de Woo.

## Verloop van de procedure
Uw verzoek is op {ontvangen} ontvangen. Op grond van artikel 4.4, eerste lid, van de Woo moet binnen vier weken op uw verzoek worden beslist.

{verdaging}

{opschorting}

{termijn}

## Besluit
{besluit}

## Gevonden documenten
{gevonden}

## Overwegingen
{gronden}

## Wijze van openbaarmaking
Naast dat dit besluit aan u wordt toegezonden, worden uw (geanonimiseerde) verzoek, dit (geanonimiseerde) besluit, de inventarislijst en de documenten die openbaar worden gemaakt gepubliceerd op onze website.

## Vragen
Heeft u vragen over de afhandeling van uw verzoek? Neem dan contact op met de Woo-coördinator. Vermeld daarbij het nummer van uw verzoek ({verzoeknummer}).

## Bezwaar
Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag van verzending van dit besluit bezwaar maken. Dit besluit is verzonden op {besluitdatum}; de bezwaartermijn eindigt op {bezwaar_uiterlijk}.

Het bezwaarschrift bevat de volgende informatie:
- uw naam en adres;
- de datum waarop u het bezwaarschrift schrijft;
- een omschrijving van het besluit waar u het niet mee eens bent en het nummer van uw verzoek ({verzoeknummer});
- de reden van uw bezwaar;
- uw handtekening.

Stuur uw bezwaarschrift per post naar {organisatie}, {postadres}. Aan het indienen van een bezwaarschrift zijn geen kosten verbonden. Zijn er naast u nog andere belanghebbenden bij dit besluit betrokken, dan kunnen zij ook bezwaar maken.

## Voorlopige voorziening
Het indienen van een bezwaarschrift schort de werking van het besluit niet op. Meent u dat de betrokken belangen zo zwaar wegen dat u de beslissing op uw bezwaar niet kunt afwachten? Dan kunt u tegelijkertijd met of na het indienen van uw bezwaarschrift een verzoek om voorlopige voorziening indienen bij de rechtbank. Hiervoor betaalt u griffiekosten.

Met vriendelijke groet,

{organisatie},
namens deze,

{ondertekenaar}`;

/** The sentences the template's optional and counted parts are made of; `{n}` and friends are filled in by `decisionLetter`. */
export const DECISION_PHRASES = {
  extension: 'Op grond van artikel 4.4, tweede lid, van de Woo is de beslistermijn met twee weken verdaagd. De reden daarvan is: {reden}',
  suspension: 'In de documenten staat informatie van derden. Zij zijn in de gelegenheid gesteld hun zienswijze te geven over de openbaarmaking. De beslistermijn is daardoor {dagen} opgeschort.',
  onTime: 'De beslistermijn liep tot en met {uiterlijk}.',
  late: 'De beslistermijn liep tot en met {uiterlijk}. Dit besluit komt later dan de wet voorschrijft; mijn excuses daarvoor.',
  grantAll: 'Ik wijs uw verzoek toe.',
  grantPartly: 'Ik wijs uw verzoek gedeeltelijk toe.',
  refuse: 'Ik wijs uw verzoek af.',
  decide: 'Ik besluit {delen}.',
  public: '{aantal} volledig openbaar te maken',
  partly: '{aantal} deels openbaar te maken',
  notPublic: '{aantal} niet openbaar te maken',
  noneFound: 'Op basis van uw verzoek is gezocht naar documenten. Er zijn geen documenten aangetroffen die onder uw verzoek vallen. Alleen bestaande documenten vallen onder de Woo; de Woo verplicht niet om nieuwe documenten te maken.',
  found: 'Op basis van uw verzoek is gezocht naar documenten. Bij de inventarisatie {zijn} {aantal} aangetroffen. Deze zijn benoemd in de inventarislijst die bij dit besluit hoort. In de inventarislijst staat per document of het openbaar, deels openbaar of niet openbaar wordt gemaakt, en op welke grond informatie onleesbaar is gemaakt. De documenten die (deels) openbaar worden gemaakt, zijn bij dit besluit gevoegd.',
  groundsIntro: 'De documenten moet ik beoordelen op grond van de artikelen 5.1 en 5.2 van de Woo. In deze artikelen staat welke informatie niet openbaar wordt gemaakt. In de inventarislijst staat per document welke uitzonderingsgrond is toegepast; in de documenten staat de code van de grond in elk vlak dat onleesbaar is gemaakt.',
  groundHeading: '{code}: {naam}',
  ground: '{uitleg}\nGrondslag: {artikel}.',
  noGrounds: 'Ik heb geen uitzonderingsgronden toegepast: alle gevonden documenten worden volledig openbaar gemaakt.',
} as const;

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/**
 * Fills `{name}` placeholders in one pass (values are never read as template
 * text, so a request quoting "{naam}" stays as written). An unknown
 * placeholder is a mistake in the template and throws.
 */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown placeholder {${name}} in the decision letter`);
    return value;
  });
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** '2026-11-12' → '12 november 2026'. */
export function dutchDate(day: string): string {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * The last day to object (art. 6:7 and 6:8 Awb): six weeks starting the day
 * after the day of sending, so the same weekday six weeks later; a term
 * ending on a Saturday, Sunday or Atw holiday runs on to the next working day
 * (art. 1 Atw).
 */
export function objectionDeadline(decidedOn: string): string {
  return nextWorkingDay(addDays(decidedOn, 42));
}

/** Trimmed, ending in a full stop unless it already ends in punctuation. */
const sentence = (s: string) => s.trim().replace(/([^.!?])$/, '$1.');

const documents = (n: number) => `${n} ${n === 1 ? 'document' : 'documenten'}`;

/** "a", "a en b", "a, b en c". */
function listNl(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`;
}

function decisionText(counts: Record<Decision, number>): string {
  const p = DECISION_PHRASES;
  const parts = (['public', 'partly', 'notPublic'] as const)
    .filter((d) => counts[d] > 0)
    .map((d) => fillPlaceholders(p[d], { aantal: documents(counts[d]) }));
  const overall = counts.public + counts.partly === 0 ? p.refuse : counts.partly + counts.notPublic === 0 ? p.grantAll : p.grantPartly;
  return parts.length === 0 ? overall : `${overall} ${fillPlaceholders(p.decide, { delen: listNl(parts) })}`;
}

function groundParagraphs(grounds: readonly Ground[]): DecisionLetter['paragraphs'] {
  const p = DECISION_PHRASES;
  if (grounds.length === 0) return [{ heading: null, text: p.noGrounds }];
  return [
    { heading: null, text: p.groundsIntro },
    ...grounds.map((g) => ({
      heading: fillPlaceholders(p.groundHeading, { naam: g.name, code: g.code }),
      text: fillPlaceholders(p.ground, { uitleg: g.explanation.trim(), artikel: g.article }),
    })),
  ];
}

/** The letter's subject and paragraphs, with every placeholder filled in. */
export function decisionLetter(input: DecisionInput): DecisionLetter {
  const p = DECISION_PHRASES;
  const found = input.rows.length;
  const values: Record<string, string> = {
    verzoeknummer: input.requestNumber,
    naam: input.requester?.name ?? ANONYMOUS_NAME,
    ontvangen: dutchDate(input.receivedOn),
    organisatie: input.organisation,
    onderwerp: input.subject,
    verzoektekst: input.requestText.replace(/\r\n?/g, '\n').trim(),
    verdaging: input.extension ? fillPlaceholders(p.extension, { reden: sentence(input.extension.reason) }) : '',
    opschorting: input.suspendedDays > 0
      ? fillPlaceholders(p.suspension, { dagen: `${input.suspendedDays} ${input.suspendedDays === 1 ? 'dag' : 'dagen'}` })
      : '',
    termijn: fillPlaceholders(input.decidedOn > input.dueOn ? p.late : p.onTime, { uiterlijk: dutchDate(input.dueOn) }),
    besluit: decisionText(input.counts),
    gevonden: found === 0 ? p.noneFound : fillPlaceholders(p.found, { zijn: found === 1 ? 'is' : 'zijn', aantal: documents(found) }),
    besluitdatum: dutchDate(input.decidedOn),
    bezwaar_uiterlijk: dutchDate(objectionDeadline(input.decidedOn)),
    postadres: DEFAULT_SENDER.lines.join(', '),
    ondertekenaar: input.signatory,
  };

  const [first = '', ...rest] = DECISION_TEMPLATE.split('\n');
  const subject = fillPlaceholders(first.replace(/^Betreft:\s*/, ''), values).replace(/\s+/g, ' ').trim();
  const paragraphs: DecisionLetter['paragraphs'] = [];
  for (const block of rest.join('\n').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const heading = lines[0]?.startsWith('## ') ? lines.shift()!.slice(3).trim() : null;
    const body = lines.join('\n').trim();
    const filled = body === '{gronden}' ? groundParagraphs(input.groundsUsed) : [{ heading: null, text: fillPlaceholders(body, values).trim() }];
    const kept = filled.filter((para) => para.text !== '');
    if (heading !== null && kept[0]) kept[0] = { ...kept[0], heading };
    paragraphs.push(...kept);
  }
  return { subject, paragraphs };
}
