import { describe, expect, it } from 'vitest';
import { suggestRoute, type RoutingRule } from './routing.ts';

const rule = (r: Partial<RoutingRule> & Pick<RoutingRule, 'id' | 'position'>): RoutingRule => ({
  name: `rule ${r.id}`, agencyId: null, keywordId: null, channel: null, complex: null, domainId: null, unitId: null, ...r,
});

const rules = [
  rule({ id: 1, position: 10, complex: true, unitId: 'extended' }),
  rule({ id: 2, position: 20, keywordId: 'gaswinning', domainId: 'leefomgeving' }),
  rule({ id: 3, position: 100, agencyId: 7, domainId: 'inkomen' }),
];

describe('suggestRoute', () => {
  it('takes the domain from the agency rule and the standard unit by default', () => {
    expect(suggestRoute(rules, { agencyId: 7, keywords: [], channel: 'web', complex: false })).toMatchObject({
      domainId: 'inkomen', unitId: 'standard', domainRule: { id: 3 }, unitRule: null,
    });
  });

  it('lets a keyword rule placed earlier win over the agency, and complexity send it to UKB', () => {
    expect(suggestRoute(rules, { agencyId: 7, keywords: ['gaswinning'], channel: 'web', complex: true })).toMatchObject({
      domainId: 'leefomgeving', unitId: 'extended', domainRule: { id: 2 }, unitRule: { id: 1 },
    });
  });

  it('suggests no domain when no rule matches', () => {
    expect(suggestRoute(rules, { agencyId: 99, keywords: [], channel: 'letter', complex: false }).domainId).toBeNull();
  });
});
