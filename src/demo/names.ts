import type { Random } from '../core/random.ts';

/**
 * Dutch-looking but fictional people for demo data: names are free
 * combinations of common first names and surnames, e-mail addresses use the
 * reserved example.nl domain, and phone numbers and addresses are random. Any
 * resemblance to a real person is a coincidence of common names.
 */
const FIRST_NAMES = [
  'Anna', 'Bram', 'Daan', 'Emma', 'Femke', 'Gijs', 'Hanna', 'Ilse', 'Jeroen', 'Joost', 'Karin', 'Lotte', 'Maarten',
  'Noor', 'Olga', 'Pieter', 'Roos', 'Sander', 'Tessa', 'Wouter', 'Yvonne', 'Ahmed', 'Fatima', 'Mohamed', 'Sanne',
  'Thijs', 'Lieke', 'Sem', 'Julia', 'Lucas', 'Mila', 'Finn', 'Saskia', 'Marco', 'Esther', 'Bas', 'Ingrid', 'Henk',
  'Truus', 'Kees', 'Annelies', 'Mustafa', 'Yasmina', 'Priya', 'Rik', 'Floor', 'Merel', 'Niels', 'Eva', 'Koen',
  'Marloes', 'Dirk', 'Wilma', 'Elif', 'Chantal', 'Rachid', 'Naima', 'Jasper', 'Iris', 'Gerda', 'Hans', 'Nadia',
  'Ruben', 'Anouk', 'Tim', 'Fleur', 'Mehmet', 'Samira', 'Willem', 'Ria', 'Stijn', 'Demi', 'Jan', 'Mirjam',
] as const;

/**
 * Surnames with the tussenvoegsels they are written with ('' = none), so
 * combinations stay plausible: "van der Meer", "ter Haar", "Bakker", never
 * "van Bakker". About four in ten Dutch surnames carry a tussenvoegsel.
 */
const SURNAMES: readonly (readonly [name: string, prefixes: readonly string[]])[] = [
  ['Vries', ['de']], ['Jong', ['de']], ['Boer', ['de']], ['Groot', ['de']], ['Wit', ['de']], ['Graaf', ['de', 'van de']],
  ['Haan', ['de']], ['Bruijn', ['de']], ['Lange', ['de']], ['Koning', ['de']], ['Dijk', ['van']], ['Leeuwen', ['van']],
  ['Beek', ['van', 'van der']], ['Vliet', ['van', 'van der']], ['Wijk', ['van']], ['Meer', ['van der']],
  ['Linden', ['van der']], ['Heijden', ['van der']], ['Veen', ['van der', 'van']], ['Wal', ['van der']],
  ['Berg', ['van den']], ['Broek', ['van den']], ['Ven', ['van de']], ['Horst', ['ter', 'van der']],
  ['Dam', ['', 'van', 'ten']], ['Hoek', ['', 'van der', 'van den']], ['Laan', ['van der', '']], ['Brink', ['van den', 'ten']],
  ['Kamp', ['van de', '']], ['Berkel', ['van']], ['Haar', ['ter', 'van der']], ['Molen', ['van der', 'ter']],
  ['Hoeven', ['van der']], ['Sluis', ['van der']], ['Kok', ['', 'de']], ['Velde', ['van de', 'van der']],
  ['Veld', ["in 't", "van 't", '']],
  ...[
    'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Brouwer', 'Dijkstra',
    'Jansen', 'Vermeulen', 'Koster', 'Prins', 'Kuiper', 'Postma', 'Huisman', 'Schouten', 'Willems', 'Maas',
    'Verhoeven', 'Kramer', 'Bosman', 'Wouters', 'Bergsma', 'Hoekstra', 'Smits', 'Jacobs', 'Yilmaz', 'El Amrani',
    'Bouzid', 'Kaya', 'Ramdin', 'Tjon', 'Öztürk', 'Nguyen',
  ].map((name) => [name, ['']] as const),
];

export interface PersonName {
  first: string;
  prefix: string;
  last: string;
  /** As written in a letterhead: "Jan van der Meer". */
  full: string;
}

export function personName(rng: Random): PersonName {
  const first = rng.pick(FIRST_NAMES);
  const [last, prefixes] = rng.pick(SURNAMES);
  const prefix = rng.pick(prefixes);
  return { first, prefix, last, full: [first, prefix, last].filter(Boolean).join(' ') };
}

/** Lowercase a-z only, so names become safe logins and e-mail local parts. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** "Jan de Vries" -> "jdevries"; a digit is added when the login is taken. */
export function loginFor(name: PersonName, taken: ReadonlySet<string>): string {
  const base = asciiSlug(name.first).slice(0, 1) + asciiSlug(name.prefix + name.last);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

export function emailFor(name: PersonName, rng: Random): string {
  const local = rng.chance(0.5)
    ? `${asciiSlug(name.first)}.${asciiSlug(name.prefix + name.last)}`
    : `${asciiSlug(name.first).slice(0, 1)}${asciiSlug(name.last)}${rng.int(1, 99)}`;
  return `${local}@example.nl`;
}

export function mobilePhone(rng: Random): string {
  let digits = '';
  for (let i = 0; i < 8; i++) digits += String(rng.int(0, 9));
  return `06-${digits}`;
}

const STREETS = [
  'Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Schoolstraat', 'Stationsweg', 'Julianastraat', 'Beatrixlaan',
  'Wilhelminastraat', 'Eikenlaan', 'Lindenlaan', 'Nieuwstraat', 'Parallelweg', 'Kastanjelaan', 'Hoofdstraat',
  'Spoorstraat', 'Oranjestraat', 'Prinses Irenestraat', 'Vondellaan', 'Merelstraat', 'Zonnebloemweg', 'Dijkweg',
  'Sportlaan', 'Burgemeester de Withstraat', 'Populierenlaan', 'Havenstraat', 'Marktplein', 'Tulpstraat',
] as const;

/** Towns with a plausible range of 4-digit postcodes. */
export const TOWNS: readonly { name: string; postcodes: [number, number] }[] = [
  { name: 'Amsterdam', postcodes: [1011, 1109] },
  { name: 'Rotterdam', postcodes: [3011, 3089] },
  { name: 'Utrecht', postcodes: [3511, 3585] },
  { name: 'Den Haag', postcodes: [2491, 2597] },
  { name: 'Eindhoven', postcodes: [5611, 5658] },
  { name: 'Tilburg', postcodes: [5011, 5049] },
  { name: 'Almere', postcodes: [1311, 1364] },
  { name: 'Zwolle', postcodes: [8011, 8048] },
  { name: 'Arnhem', postcodes: [6811, 6846] },
  { name: 'Leeuwarden', postcodes: [8911, 8939] },
  { name: 'Maastricht', postcodes: [6211, 6229] },
  { name: 'Enschede', postcodes: [7511, 7548] },
  { name: 'Amersfoort', postcodes: [3811, 3829] },
  { name: 'Breda', postcodes: [4811, 4839] },
];

/** The gas-extraction area: complaints about earthquake damage come from here. */
export const GRONINGEN_TOWNS: readonly { name: string; postcodes: [number, number] }[] = [
  { name: 'Groningen', postcodes: [9711, 9747] },
  { name: 'Appingedam', postcodes: [9901, 9903] },
  { name: 'Delfzijl', postcodes: [9930, 9937] },
  { name: 'Loppersum', postcodes: [9919, 9919] },
  { name: 'Hoogezand', postcodes: [9601, 9603] },
];

/** Caribbean Netherlands has no postcodes. */
const CARIBBEAN = [
  { island: 'Bonaire', town: 'Kralendijk', streets: ['Kaya Grandi', 'Kaya Gob. N. Debrot', 'Kaya Industria'] },
  { island: 'Sint Eustatius', town: 'Oranjestad', streets: ['Fort Oranjestraat', 'Van Tonningenweg'] },
  { island: 'Saba', town: 'The Bottom', streets: ['Lambee Street', 'Fort Bay Road'] },
] as const;

/** Postcode letters; SA, SD and SS are not issued in the Netherlands. */
function postcodeLetters(rng: Random): string {
  const letters = 'ABCDEFGHJKLMNPRSTVWXZ';
  for (;;) {
    const pair = rng.pick([...letters]) + rng.pick([...letters]);
    if (pair !== 'SA' && pair !== 'SD' && pair !== 'SS') return pair;
  }
}

/** A street address in an area, or in the named town when it is one of TOWNS (complaints about a municipality come from its residents). */
export function address(rng: Random, area: 'anywhere' | 'groningen' | 'caribbean' = 'anywhere', townName?: string): string {
  if (area === 'caribbean') {
    const place = rng.pick(CARIBBEAN);
    return `${rng.pick(place.streets)} ${rng.int(1, 80)}, ${place.town}, ${place.island}`;
  }
  const town = TOWNS.find((t) => t.name === townName) ?? rng.pick(area === 'groningen' ? GRONINGEN_TOWNS : TOWNS);
  const number = rng.int(1, 180) + (rng.chance(0.1) ? rng.pick(['a', 'b', '-1', '-2']) : '');
  const postcode = `${rng.int(town.postcodes[0], town.postcodes[1])} ${postcodeLetters(rng)}`;
  return `${rng.pick(STREETS)} ${number}, ${postcode} ${town.name}`;
}
