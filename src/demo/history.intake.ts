import type { Lanes } from '../core/lanes.ts';
import type { Random } from '../core/random.ts';
import { suggestRoute, type RoutingRule } from '../core/routing.ts';
import type { HistoricCase } from '../cases/case.history.ts';
import { address, emailFor, mobilePhone, personName } from './names.ts';
import { AGENCIES, DOMAINS, ROUTING_RULES } from '../organisation/reference-data.ts';
import { momentOf } from './history.calendar.ts';
import { complaintText } from './history.text.ts';

/**
 * One new written complaint as it arrives: who, about which agency, what, by
 * which channel, what the routing rules suggest and what the dispatcher and
 * coordinator will decide at intake (route, lanes). Pure; draws from `rng`.
 */
export interface Intake {
  historic: HistoricCase;
  domainId: string;
  unitId: 'standard' | 'extended';
  /** Lanes the screening will set, or null when the case gets none. */
  lanes: Partial<Lanes> | null;
}

/** The demo routing rules in the shape `suggestRoute` reads (agency ids are positions in AGENCIES). */
const RULES: RoutingRule[] = ROUTING_RULES.map((r, i) => ({
  id: i + 1,
  position: r.position,
  name: r.name,
  agencyId: r.agency === undefined ? null : AGENCIES.findIndex((a) => a.name === r.agency) + 1,
  keywordId: r.keywordId ?? null,
  channel: r.channel ?? null,
  complex: r.complex ?? null,
  domainId: r.domainId ?? null,
  unitId: r.unitId ?? null,
}));

const CHANNELS: readonly { channel: HistoricCase['channel']; weight: number }[] = [
  { channel: 'web', weight: 55 },
  { channel: 'email', weight: 27 },
  { channel: 'letter', weight: 14 },
  { channel: 'phone', weight: 4 },
];

/** CHOSEN shares: ~8% complex (to UKB), lanes ~3% urgent, ~10% B, ~10% POP, ~5% OB candidate. */
export const COMPLEX_SHARE = 0.08;
const OVERRIDE_SHARE = 0.05;

/** Minute of the day (UTC) a complaint comes in: web and e-mail around the clock, post in the morning. */
function receiptMinute(rng: Random, channel: HistoricCase['channel']): number {
  if (channel === 'letter') return rng.int(420, 600);
  if (channel === 'phone') return rng.int(480, 960);
  const hour = rng.weighted([...Array(24).keys()], (h) => (h < 6 ? 0.3 : h < 21 ? 2 : 1));
  return hour * 60 + rng.int(0, 59);
}

export function newIntake(rng: Random, day: number, registeredBy: string | null): Intake {
  const agencyIndex = rng.weighted([...AGENCIES.keys()], (i) => AGENCIES[i]!.weight);
  const agency = AGENCIES[agencyIndex]!;
  const channel = rng.weighted(CHANNELS, (c) => c.weight).channel;
  const receivedAt = momentOf(day, receiptMinute(rng, channel));
  const text = complaintText(rng, agency.name, receivedAt);
  const complex = rng.chance(text.keywords.includes('gaswinning') ? 0.15 : COMPLEX_SHARE);
  const rule = suggestRoute(RULES, { agencyId: agencyIndex + 1, keywords: text.keywords, channel, complex });
  const suggested = { domainId: rule.domainId, unitId: rule.unitId };

  // The dispatcher follows the rules, except now and then (~5%): another domain fits the content better, or the complexity is judged differently.
  let domainId = suggested.domainId ?? agency.domainId;
  let unitId: 'standard' | 'extended' = suggested.unitId === 'extended' ? 'extended' : 'standard';
  if (rng.chance(OVERRIDE_SHARE)) {
    if (rng.chance(0.7)) domainId = rng.pick(DOMAINS.filter((d) => d.id !== domainId)).id;
    else unitId = unitId === 'extended' ? 'standard' : 'extended';
  }

  const name = personName(rng);
  const area = text.keywords.includes('gaswinning') ? 'groningen' : text.keywords.includes('caribisch-nederland') ? 'caribbean' : 'anywhere';
  const written = channel === 'web' || channel === 'email';
  const petitioner = {
    name: name.full,
    email: written || rng.chance(0.3) ? emailFor(name, rng) : null,
    phone: channel === 'phone' || rng.chance(0.45) ? mobilePhone(rng) : null,
    address: channel === 'letter' || rng.chance(0.5) ? address(rng, area, agency.name.replace(/^Gemeente /, '')) : null,
  };

  return {
    historic: {
      receivedAt,
      petitioner,
      agency: agency.name,
      subject: text.subject,
      description: text.description,
      channel,
      keywords: text.keywords,
      complex,
      registeredBy,
      suggested,
      steps: [],
    },
    domainId,
    unitId,
    lanes: screenLanes(rng, text.keywords),
  };
}

/** Lane screening at intake: complaints about slowness go to B far more often; the rest is a matter of judgement. */
function screenLanes(rng: Random, keywords: readonly string[]): Partial<Lanes> | null {
  const r = rng.next();
  if (r < 0.03) return { urgent: true };
  const slow = keywords.includes('behandelingsduur');
  if (rng.chance(slow ? 0.4 : 0.03)) return { b: true };
  // Ranges sized so that, after B has taken its share, ~10% end up POP and ~5% OB.
  if (r < 0.14) return { pop: true };
  if (r < 0.195) return { ob: true };
  return null;
}
