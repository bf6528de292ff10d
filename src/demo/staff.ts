import type { Role } from '../auth/policy.ts';
import { Random } from '../core/random.ts';
import { loginFor, personName } from './names.ts';
import { DOMAINS, type DemoDomainId } from '../organisation/reference-data.ts';

export interface DemoStaffMember {
  login: string;
  name: string;
  email: string;
  unitId: 'standard' | 'extended' | 'frontOffice' | 'research';
  roles: Role[];
  domains: string[];
  skills: string[];
  fte: number;
  hoursPerWeek: number;
}

/** Logins named in the README, one person each, so a demo user can log in as any role. */
export const FIXED_DEMO_LOGINS = ['werkverdeler', 'coordinator', 'onderzoeker', 'teammanager', 'directeur', 'privacy'] as const;

const ALL_DOMAINS: DemoDomainId[] = DOMAINS.map((d) => d.id);

/**
 * KB investigators per domain, in proportion to the tray on 16 Oct 2023
 * (Leefomgeving 249, Zorg en Jeugd 133, Inkomen 215, Veiligheid en Migratie
 * 115): 33 people, with the 5 of UKB the 35.7 occupied FTE of 2024 (the
 * capacity plan, src/demo/capacity.ts).
 */
export const KB_INVESTIGATORS: Record<DemoDomainId, number> = {
  leefomgeving: 12,
  'zorg-en-jeugd': 6,
  inkomen: 10,
  'veiligheid-en-migratie': 5,
};

/** UKB investigators each cover two domains; every domain is covered at least twice. */
const UKB_DOMAINS: DemoDomainId[][] = [
  ['leefomgeving', 'zorg-en-jeugd'],
  ['inkomen', 'veiligheid-en-migratie'],
  ['leefomgeving', 'inkomen'],
  ['zorg-en-jeugd', 'veiligheid-en-migratie'],
  ['leefomgeving', 'veiligheid-en-migratie'],
];

/** Specific knowledge (DOMAIN.md): who in which domain carries which skill. */
const KB_SKILLS: Partial<Record<DemoDomainId, string[][]>> = {
  leefomgeving: [['gaswinning'], ['gaswinning']],
  'zorg-en-jeugd': [['kinderen'], ['kinderen']],
  inkomen: [['cn']],
  'veiligheid-en-migratie': [['veteranen'], ['cn']],
};
const UKB_SKILLS: string[][] = [['gaswinning', 'kinderen'], ['cn'], [], ['kinderen'], ['veteranen']];

/** Part-time factors seen in a 36-hour week: 21.6, 24, 28, 28.8, 32 and 36 hours. */
const FTE_CHOICES = [
  { fte: 0.6, weight: 1 },
  { fte: 0.67, weight: 2 },
  { fte: 0.78, weight: 2 },
  { fte: 0.8, weight: 3 },
  { fte: 0.89, weight: 5 },
  { fte: 1, weight: 7 },
];

/**
 * The demo directorate: ~50 fictional people (admin, 3 dispatchers, a
 * coordinator per domain, 33 KB and 5 UKB investigators, front office, two
 * team managers and a director). Deterministic for a seed.
 */
export function demoStaff(seed: number): DemoStaffMember[] {
  const rng = new Random(seed).fork('staff');
  const taken = new Set<string>(['admin', ...FIXED_DEMO_LOGINS]);
  const staff: DemoStaffMember[] = [
    {
      login: 'admin', name: 'Beheerder', email: 'admin@grip.example', unitId: 'standard', roles: ['admin'],
      domains: [], skills: [], fte: 1, hoursPerWeek: 36,
    },
  ];

  const add = (
    role: Role,
    unitId: DemoStaffMember['unitId'],
    domains: string[],
    options: { login?: string; skills?: string[]; fte?: number } = {},
  ) => {
    const name = personName(rng);
    const login = options.login ?? loginFor(name, taken);
    taken.add(login);
    const fte = options.fte ?? rng.weighted(FTE_CHOICES, (c) => c.weight).fte;
    staff.push({
      login,
      name: name.full,
      email: `${login}@grip.example`, // .example is reserved (RFC 2606): demo mail reaches no one
      unitId,
      roles: [role],
      domains,
      skills: options.skills ?? [],
      fte,
      hoursPerWeek: Math.round(36 * fte * 10) / 10,
    });
  };

  // Dispatchers route every domain's cases.
  add('dispatcher', 'standard', [...ALL_DOMAINS], { login: 'werkverdeler' });
  add('dispatcher', 'standard', [...ALL_DOMAINS]);
  add('dispatcher', 'standard', [...ALL_DOMAINS]);

  for (const domain of ALL_DOMAINS) {
    add('coordinator', 'standard', [domain], domain === 'leefomgeving' ? { login: 'coordinator', fte: 1 } : { fte: 1 });
  }

  for (const domain of ALL_DOMAINS) {
    const skills = KB_SKILLS[domain] ?? [];
    for (let i = 0; i < KB_INVESTIGATORS[domain]; i++) {
      const fixed = domain === 'leefomgeving' && i === 0 ? { login: 'onderzoeker', fte: 1 } : {};
      add('investigator', 'standard', [domain], { ...fixed, skills: skills[i] ?? [] });
    }
  }

  UKB_DOMAINS.forEach((domains, i) => add('investigator', 'extended', [...domains], { skills: UKB_SKILLS[i] ?? [] }));

  // Front office answers any citizen's call, so it serves every domain.
  for (let i = 0; i < 3; i++) add('frontOffice', 'frontOffice', [...ALL_DOMAINS], i === 0 ? { login: 'frontoffice' } : {});

  add('teamManager', 'standard', ['leefomgeving', 'zorg-en-jeugd'], { login: 'teammanager', fte: 1 });
  add('teamManager', 'standard', ['inkomen', 'veiligheid-en-migratie'], { fte: 1 });
  add('director', 'standard', [...ALL_DOMAINS], { login: 'directeur', fte: 1 });
  // The privacy officer reads the audit log and runs retention; no cases, so no domains.
  staff.push({
    login: 'privacy', name: 'Functionaris Gegevensbescherming', email: 'privacy@grip.example', unitId: 'standard',
    roles: ['privacyOfficer'], domains: [], skills: [], fte: 1, hoursPerWeek: 36,
  });
  // The Woo coordinator handles requests under the Open Government Act about the organisation's own files.
  staff.push({
    login: 'woo', name: 'Wout Openbaar', email: 'woo@grip.example', unitId: 'standard',
    roles: ['wooCoordinator'], domains: [], skills: [], fte: 1, hoursPerWeek: 36,
  });
  return staff;
}
