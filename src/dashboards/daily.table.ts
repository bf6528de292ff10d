import type { ColumnType, Generated } from 'kysely';

/** Materialised daily dashboard figures (see migration 0004 and daily.ts). */
type DateColumn = ColumnType<string, string, string>;

export interface StatsDayTable {
  day: DateColumn;
  domain_id: string;
  unit_id: string;
  unassigned: number;
  in_progress: number;
  oldest_received_at: Date | null;
  ages: number[];
  urgent: number;
  lane_b: number;
  pop: number;
  ob: number;
  inflow: number;
  assigned: number;
  closed: number;
  routed: number;
  overridden: number;
}

export interface StatsWaitDayTable {
  day: DateColumn;
  domain_id: string;
  kind: string;
  wait_days: number;
  cases: number;
}

export interface StatsWaitWeekTable {
  week: DateColumn;
  domain_id: string;
  kind: string;
  wait_days: number;
  cases: number;
}

export interface StatsStateTable {
  id: Generated<boolean>;
  complete_before: DateColumn | null;
}

export interface StatsInvalidationTable {
  id: Generated<string>;
  since: Date;
}
