/**
 * Routing: distribution criteria kept as data suggest a domain and a unit for
 * a new complaint; the dispatcher confirms or overrides the suggestion.
 * Rules are tried in order of position; a rule matches when every criterion
 * it sets matches. The domain comes from the first matching rule that names a
 * domain, the unit from the first that names a unit (default: standard), so a
 * complexity rule can send any domain's case to the extended unit.
 */
export interface RoutingRule {
  id: number;
  position: number;
  name: string;
  agencyId: number | null;
  keywordId: string | null;
  channel: string | null;
  complex: boolean | null;
  domainId: string | null;
  unitId: string | null;
}

export interface RoutingInput {
  agencyId: number;
  keywords: readonly string[];
  channel: string;
  complex: boolean;
}

export interface RouteSuggestion {
  domainId: string | null;
  unitId: string;
  domainRule: { id: number; name: string } | null;
  unitRule: { id: number; name: string } | null;
}

export const DEFAULT_UNIT = 'standard';

export function matches(rule: RoutingRule, input: RoutingInput): boolean {
  return (
    (rule.agencyId === null || rule.agencyId === input.agencyId) &&
    (rule.keywordId === null || input.keywords.includes(rule.keywordId)) &&
    (rule.channel === null || rule.channel === input.channel) &&
    (rule.complex === null || rule.complex === input.complex)
  );
}

export function suggestRoute(rules: readonly RoutingRule[], input: RoutingInput): RouteSuggestion {
  const ordered = [...rules].sort((a, b) => a.position - b.position || a.id - b.id);
  const matching = ordered.filter((rule) => matches(rule, input));
  const domainRule = matching.find((rule) => rule.domainId !== null) ?? null;
  const unitRule = matching.find((rule) => rule.unitId !== null) ?? null;
  return {
    domainId: domainRule?.domainId ?? null,
    unitId: unitRule?.unitId ?? DEFAULT_UNIT,
    domainRule: domainRule && { id: domainRule.id, name: domainRule.name },
    unitRule: unitRule && { id: unitRule.id, name: unitRule.name },
  };
}
