/**
 * Dutch text to matching terms, for cluster suggestions (DOMAIN.md, "Lanes and
 * markers": Cluster). Pure and deterministic.
 *
 * A complaint becomes a list of terms: folded words (lower case, diacritics
 * stripped so "één", "ideeën" and "coördinator" match their plain spellings),
 * without Dutch stop words and without bare numbers (amounts, dates and case
 * numbers say nothing about the theme and would link unrelated letters), each
 * reduced by a light stemmer; optionally with word bigrams.
 * Every term keeps the word it came from (`surface`), so a coordinator is
 * shown "bomen", not the stem "bom".
 */

/** Lower case, diacritics removed (é -> e, ë -> e), ß/æ/ø spelled out. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o');
}

/**
 * The folded words of a text: split on everything but letters and digits, so
 * "WW-uitkering" gives "ww" and "uitkering" and "euro's" gives "euro". Words of
 * one letter (the "s" of "euro's", "m" of "m'n") and bare numbers are dropped.
 */
export function words(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !/^\p{N}+$/u.test(w));
}

/**
 * Dutch function words, folded. Also the common forms of the auxiliary and
 * light verbs (zijn, hebben, worden, kunnen, gaan, krijgen, ...) and letter
 * formulae ("geachte", "vriendelijke groet"), which every complaint shares,
 * counting words ("twee keer", "drie weken") and "euro", for the reason bare
 * numbers are dropped, and prepositions ("onder", "via").
 * Deliberately NOT stop words: "laat"/"late" ("te laat"), "nooit", "weken",
 * "geld": they carry the theme in complaints about slowness and money.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `aan af al alle alleen alles als altijd ander andere anders ben bent beide bij
  binnen daar daarbij daarna daarom daarop daarvan dan dat de deed deden den der
  des deze die dit doe doen doet door dus echt echter een eens elk elke en enkele
  er eraan erg ervan erover even ga gaan gaat gedaan gegaan geen gehad gekomen
  gekregen geweest geworden gewoon gezegd ging gingen graag had hadden haar heb
  hebben hebt heeft heel hem hen het hier hierop hierover hij hoe hun iedere ieder
  iemand iets ik in indien is ja je jij jou jouw jullie kan komen komt kon konden
  kreeg kregen krijg krijgen krijgt kun kunnen kunt kwam kwamen maar mag me mee men
  meer met mezelf mij mijn minder misschien mocht mochten moest moesten moet moeten mogen
  na naar nadat net niet niets noch nog nogal nu of ofwel om omdat ons onze ook
  ooit op over pas reeds sinds soms steeds te tegen tenzij terwijl toch toen tot
  tijdens uit uw van vaak veel voor waar waarom wanneer want waren was wat we weer
  wel welke wellicht werd werden wie wij wil wilde wilden wilt word worden wordt
  zal zei zeg zeggen zegt zeer zelf zelfs zich zij zijn zo zoals zonder zou
  zouden zullen zult u geachte heer mevrouw meneer vriendelijke groet groeten
  hartelijke hoogachtend twee drie vier vijf zes zeven acht negen tien keer keren
  niks ineens euro euros eur cent onder boven naast achter via per tussen langs
  vanaf rond`.split(/\s+/).filter(Boolean),
);

const VOWELS = 'aeiouy';
const isVowel = (c: string | undefined) => c !== undefined && VOWELS.includes(c);
const isConsonant = (c: string | undefined) => c !== undefined && /[a-z]/.test(c) && !isVowel(c);

/** Words that end like a plural in -s but are not one. */
const NOT_PLURAL_S = new Set(['adres', 'proces', 'succes', 'kompas', 'exces', 'congres', 'expres']);

/** Past tenses of -ingen verbs that look like "-ing" nouns (ontving is not "ontv" + "-ing"). */
const NOT_ING = new Set(['ving', 'ontving', 'ging', 'onderging', 'verging', 'ontging', 'hing', 'beging']);

/**
 * A light, conservative Dutch suffix stemmer. It only has to make inflected
 * forms of one word meet; it never has to produce a real word, and a wrong
 * merge costs precision, so it leaves alone what it is unsure of.
 *
 * Steps, on a folded word (words under 4 letters and words with digits are
 * kept as they are):
 * 1. "-heden" -> "-heid" (mogelijkheden -> mogelijkheid).
 * 2. Plural "-s" after "-e", "-el", "-em", "-en", "-er" (boetes -> boete,
 *    regels -> regel, nummers -> nummer), not in a short list of words that
 *    merely end like that (adres, proces).
 * 3. One of, the first that applies, leaving at least 3 letters:
 *    "-ing"/"-ingen" (betaling, uitkeringen), "-heid" (duidelijkheid ->
 *    duidelijk), "-en" after a consonant (bomen, betalen, brieven), "-e" after
 *    a consonant (boete, grote, duidelijke). "-lijk" itself is kept: stripping
 *    it turns "mogelijk" into "moge".
 * 4. After step 3 the Dutch spelling rules are undone: a doubled final
 *    consonant is single again (beslissen -> beslis), final v/z become f/s
 *    (brieven -> brief, reizen -> reis).
 * 5. A final -d/-t after a long vowel and one consonant (not n, r) is a verb
 *    ending: betaald(e) -> betaal, verhoogd -> verhoog (not maand, kaart).
 * 6. Always: a long vowel spelled double before one final consonant is
 *    written single (boom -> bom, like bomen -> bom; laat -> lat, like
 *    late -> lat; betaal -> betal, like betalen and betaling). This meets the
 *    irregular plurals too (dag/dagen, toeslag/toeslagen), which a rule that
 *    doubled the vowel of "bom" would split.
 * Known, accepted merges: "wegen" (roads, to weigh), "keer"/"ker",
 * "voogd"/"voog". Other verb forms (gekapt, geweigerd) are left to
 * compounds.ts, which reduces them only when the shorter form occurs.
 */
export function stem(word: string): string {
  if (word.length < 4 || /\p{N}/u.test(word)) return word;
  let w = word;
  if (w.endsWith('heden')) w = `${w.slice(0, -5)}heid`;
  if (w.endsWith('s') && !NOT_PLURAL_S.has(w) && w.length >= 5 && /(e|e[lmnr])s$/.test(w)) w = w.slice(0, -1);

  const before = w;
  const strip = (suffix: string): boolean => {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  const stripAfterConsonant = (suffix: string): boolean =>
    w.endsWith(suffix) && isConsonant(w[w.length - suffix.length - 1]) && strip(suffix);
  const ingNoun = !NOT_ING.has(w);
  void ((ingNoun && (strip('ingen') || strip('ing'))) || strip('heid') || stripAfterConsonant('en') || stripAfterConsonant('e'));

  if (w !== before) {
    const last = w[w.length - 1];
    if (isConsonant(last) && w[w.length - 2] === last) w = w.slice(0, -1);
    else if (last === 'v') w = `${w.slice(0, -1)}f`;
    else if (last === 'z') w = `${w.slice(0, -1)}s`;
  }
  if (/([aeou])\1[bcdfghjklmpqstvwxz][dt]$/.test(w) && !/[nr][dt]$/.test(w)) w = w.slice(0, -1);
  return undoubleLongVowel(w);
}

/** "boom" -> "bom", "straat" -> "strat"; not "maand" (two final consonants) nor "zee". */
function undoubleLongVowel(w: string): string {
  const n = w.length;
  const v = w[n - 2];
  if (n >= 4 && isConsonant(w[n - 1]) && v !== undefined && 'aeou'.includes(v) && w[n - 3] === v && w[n - 4] !== v) {
    return w.slice(0, n - 2) + w.slice(n - 1);
  }
  return w;
}

/**
 * Particles of separable verbs whose "particle te verb" is nearly always that
 * verb's te-infinitive: "op te nemen" is "opnemen", "aan te vragen" is
 * "aanvragen". Left out: "om" and "voor", mostly "om te" / "voor te" + verb.
 */
const SEPARABLE_PARTICLES = new Set(['aan', 'af', 'bij', 'door', 'in', 'mee', 'na', 'op', 'over', 'terug', 'toe', 'uit', 'weg']);

/** "op te nemen" -> "opnemen": one word, as in "wilde mijn aangifte niet opnemen". */
function joinSeparableVerbs(ws: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const next = ws[i + 2];
    if (SEPARABLE_PARTICLES.has(ws[i]!) && ws[i + 1] === 'te' && next !== undefined && !STOP_WORDS.has(next)) {
      out.push(ws[i]! + next);
      i += 2;
    } else out.push(ws[i]!);
  }
  return out;
}

/** A matching term and the word it was made from. */
export interface Term {
  /** The stem, or two stems joined by a space for a bigram. */
  key: string;
  /** The folded word(s) as written, for showing a term to a coordinator. */
  surface: string;
  /** A part of a compound (compounds.ts): shown only when no whole word has the key. */
  part?: true;
}

export interface TermOptions {
  /** Also emit pairs of neighbouring content words ("verblijf vergunning"). Default false. */
  bigrams?: boolean;
}

/** The terms of a text, in text order (repeats kept: term frequency counts them). */
export function terms(text: string, options: TermOptions = {}): Term[] {
  const unigrams = joinSeparableVerbs(words(text))
    .filter((w) => !STOP_WORDS.has(w))
    .map((w) => ({ key: stem(w), surface: w }));
  if (!options.bigrams) return unigrams;
  const bigrams: Term[] = [];
  for (let i = 1; i < unigrams.length; i++) {
    const a = unigrams[i - 1]!;
    const b = unigrams[i]!;
    bigrams.push({ key: `${a.key} ${b.key}`, surface: `${a.surface} ${b.surface}` });
  }
  return [...unigrams, ...bigrams];
}
