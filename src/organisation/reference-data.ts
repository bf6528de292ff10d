import type { ProfileField } from './organisation.table.ts';

/**
 * The reference data a fresh installation starts with (DOMAIN.md,
 * "Organisation"): units, the four domains, skills, agencies complained about
 * (with the share of inflow the demo history gives each), the short keyword
 * list, outcomes and the routing rules. Administrators change them later.
 */
export const UNITS = [
  { id: 'standard', name: 'Klachtbehandeling (KB)', shortName: 'KB' },
  { id: 'extended', name: 'Uitgebreide klachtbehandeling (UKB)', shortName: 'UKB' },
  { id: 'frontOffice', name: 'Ombudsplein', shortName: 'OP' },
  { id: 'research', name: 'S&O Onderzoek', shortName: 'S&O' },
] as const;

export const DOMAINS = [
  { id: 'leefomgeving', name: 'Leefomgeving' },
  { id: 'zorg-en-jeugd', name: 'Zorg en Jeugd' },
  { id: 'inkomen', name: 'Inkomen' },
  { id: 'veiligheid-en-migratie', name: 'Veiligheid en Migratie' },
] as const;
export type DemoDomainId = (typeof DOMAINS)[number]['id'];

export const SKILLS = [
  { id: 'cn', name: 'Caribisch Nederland' },
  { id: 'gaswinning', name: 'Gaswinning' },
  { id: 'veteranen', name: 'Veteranen (VO)' },
  { id: 'kinderen', name: 'Kinderen (KOM)' },
] as const;

/** Agencies and the domain their complaints usually belong to; weight ~ share of inflow. */
export const AGENCIES: readonly { name: string; domainId: DemoDomainId; weight: number }[] = [
  { name: 'Gemeente Amsterdam', domainId: 'leefomgeving', weight: 6 },
  { name: 'Gemeente Rotterdam', domainId: 'leefomgeving', weight: 5 },
  { name: 'Gemeente Utrecht', domainId: 'leefomgeving', weight: 3 },
  { name: 'Rijkswaterstaat', domainId: 'leefomgeving', weight: 2 },
  { name: 'Instituut Mijnbouwschade Groningen', domainId: 'leefomgeving', weight: 3 },
  { name: 'Omgevingsdienst', domainId: 'leefomgeving', weight: 2 },
  { name: 'Centraal Justitieel Incassobureau', domainId: 'leefomgeving', weight: 2 },
  { name: 'Dienst Wegverkeer (RDW)', domainId: 'leefomgeving', weight: 2 },
  { name: 'CAK', domainId: 'zorg-en-jeugd', weight: 3 },
  { name: 'Zorginstituut Nederland', domainId: 'zorg-en-jeugd', weight: 1 },
  { name: 'Jeugdbescherming', domainId: 'zorg-en-jeugd', weight: 3 },
  { name: 'Raad voor de Kinderbescherming', domainId: 'zorg-en-jeugd', weight: 2 },
  { name: 'Wijkteam (Wmo)', domainId: 'zorg-en-jeugd', weight: 3 },
  { name: 'Belastingdienst', domainId: 'inkomen', weight: 6 },
  { name: 'Dienst Toeslagen', domainId: 'inkomen', weight: 4 },
  { name: 'UWV', domainId: 'inkomen', weight: 5 },
  { name: 'Sociale Verzekeringsbank', domainId: 'inkomen', weight: 3 },
  { name: 'DUO', domainId: 'inkomen', weight: 2 },
  { name: 'Immigratie- en Naturalisatiedienst', domainId: 'veiligheid-en-migratie', weight: 4 },
  { name: 'Politie', domainId: 'veiligheid-en-migratie', weight: 4 },
  { name: 'Dienst Justitiële Inrichtingen', domainId: 'veiligheid-en-migratie', weight: 2 },
  { name: 'Centraal Orgaan opvang asielzoekers', domainId: 'veiligheid-en-migratie', weight: 1 },
  { name: 'Koninklijke Marechaussee', domainId: 'veiligheid-en-migratie', weight: 1 },
];

/** A deliberately short keyword list (DOMAIN.md, "Registration burden"). */
export const KEYWORDS = [
  { id: 'geen-reactie', label: 'Geen reactie van instantie' },
  { id: 'behandelingsduur', label: 'Lange behandelingsduur' },
  { id: 'bejegening', label: 'Bejegening' },
  { id: 'informatie', label: 'Informatieverstrekking' },
  { id: 'besluit', label: 'Besluit of beslissing' },
  { id: 'betaling', label: 'Betaling of terugvordering' },
  { id: 'aangifte', label: 'Aangifte niet opgenomen' },
  { id: 'bomen', label: 'Bomen en groen' },
  { id: 'gaswinning', label: 'Gaswinning' },
  { id: 'kinderen', label: 'Kinderen' },
  { id: 'veteranen', label: 'Veteranen' },
  { id: 'caribisch-nederland', label: 'Caribisch Nederland' },
] as const;

/**
 * Outcomes with their registration profile: the fields an investigator fills
 * in when closing with that outcome (DOMAIN.md, "Registration burden"). A
 * referral needs one line; an intervention, report or advice a little more.
 */
const line = (key: string, label: string, required = true) => ({ key, label, required, kind: 'line' as const });
const text = (key: string, label: string, required = true) => ({ key, label, required, kind: 'text' as const });

export const OUTCOMES: readonly { id: string; name: string; profile: readonly ProfileField[] }[] = [
  { id: 'KEN', name: 'Eerst klacht indienen bij instantie (KEN)', profile: [line('referredTo', 'Verwezen naar')] },
  { id: 'referral', name: 'Doorverwezen', profile: [line('referredTo', 'Verwezen naar')] },
  {
    id: 'intervention', name: 'Interventie',
    profile: [
      text('agreement', 'Wat is met de instantie afgesproken'),
      text('result', 'Resultaat voor verzoeker'),
      line('feedbackDate', 'Datum terugkoppeling', false),
    ],
  },
  { id: 'OB', name: 'Onvoldoende belang (OB)', profile: [line('reason', 'Waarom onvoldoende belang')] },
  {
    id: 'report', name: 'Rapport',
    profile: [
      text('conclusion', 'Conclusie van het onderzoek'),
      text('recommendations', 'Aanbevelingen aan de instantie', false),
      line('reportNumber', 'Rapportnummer', false),
    ],
  },
  {
    id: 'advice', name: 'Advies',
    profile: [text('advice', 'Advies aan verzoeker'), line('nextStep', 'Vervolgstap voor verzoeker', false)],
  },
  { id: 'withdrawn', name: 'Ingetrokken', profile: [line('reason', 'Reden van intrekking', false)] },
];

/** Settings a fresh installation starts with (the `settings` table, values as JSON). */
export const DEFAULT_SETTINGS = {
  /** Warn administrators when more keywords than this are active: the list is meant to stay short. */
  keyword_warn_limit: 15,
} as const;


/**
 * Routing rules as data (positions in steps of 10 leave room between them).
 * Keyword rules come first because specific knowledge wins over the agency;
 * complexity sends any domain's case to the extended unit.
 */
export interface DemoRoutingRule {
  position: number;
  name: string;
  agency?: string;
  keywordId?: string;
  channel?: string;
  complex?: boolean;
  domainId?: DemoDomainId;
  unitId?: 'standard' | 'extended';
}

export const ROUTING_RULES: readonly DemoRoutingRule[] = [
  { position: 10, name: 'Complexe zaak naar UKB', complex: true, unitId: 'extended' },
  { position: 20, name: 'Gaswinning naar Leefomgeving', keywordId: 'gaswinning', domainId: 'leefomgeving' },
  { position: 30, name: 'Kinderen naar Zorg en Jeugd (KOM)', keywordId: 'kinderen', domainId: 'zorg-en-jeugd' },
  { position: 40, name: 'Veteranen naar Veiligheid en Migratie', keywordId: 'veteranen', domainId: 'veiligheid-en-migratie' },
  ...AGENCIES.map((a, i) => ({ position: 100 + i * 10, name: `${a.name} naar ${a.domainId}`, agency: a.name, domainId: a.domainId })),
];
