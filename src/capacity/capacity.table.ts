import type { ColumnType, Generated } from 'kysely';

/** A date column: PostgreSQL hands it back as a Date (midnight, local); we read it as text with to_char. */
type Day = ColumnType<Date | string, string, string>;
type NullableDay = ColumnType<Date | string | null, string | null, string | null>;
/** numeric comes back from PostgreSQL as a string */
type Numeric = ColumnType<string, number, number>;

export interface CapacityPeriodTable {
  id: Generated<string>;
  person: string;
  staff_id: string | null;
  domain_id: string;
  kind: string;
  from_day: Day;
  to_day: NullableDay;
  hours_per_week: Numeric;
  created_at: Generated<Date>;
}

export interface LaneSlotTable {
  id: Generated<string>;
  domain_id: string;
  lane: string;
  weekday: number;
  every_weeks: number;
  hours: Numeric;
  from_day: Day;
  to_day: NullableDay;
}

export interface ForecastScenarioTable {
  id: Generated<string>;
  name: string;
  changes: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface ForecastRunTable {
  scenario_key: string;
  made_at: Date;
  result: ColumnType<unknown, string, string>;
}

export interface CaseWaitForecastTable {
  case_id: string;
  first_made_at: Date;
  first_p10: Date;
  first_p50: Date;
  first_p90: Date;
  made_at: Date;
  p10: Date;
  p50: Date;
  p90: Date;
}
