import type { Generated, Selectable } from 'kysely';

export interface RoutingRuleTable {
  id: Generated<number>;
  position: number;
  name: string;
  agency_id: number | null;
  keyword_id: string | null;
  channel: string | null;
  complex: boolean | null;
  domain_id: string | null;
  unit_id: string | null;
  active: Generated<boolean>;
}
export type RoutingRuleRow = Selectable<RoutingRuleTable>;
