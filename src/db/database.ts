import type { Kysely, Transaction } from 'kysely';
import type { ApiTokenTable } from '../auth/token.table.ts';
import type { SessionTable } from '../auth/session.table.ts';
import type { AttachmentTable } from '../cases/attachment.table.ts';
import type { CaseEventTable, CaseTable, IdempotencyKeyTable, PetitionerTable } from '../cases/case.table.ts';
import type {
  AgencyTable, DomainTable, KeywordTable, OutcomeTable, SettingTable, SkillTable, StaffTable, UnitTable,
} from '../organisation/organisation.table.ts';
import type { RoutingRuleTable } from '../routing/routing.table.ts';
import type { ProductionNormTable } from '../dashboards/production.table.ts';
import type {
  StatsDayTable, StatsInvalidationTable, StatsStateTable, StatsWaitDayTable, StatsWaitWeekTable,
} from '../dashboards/daily.table.ts';
import type {
  CapacityPeriodTable, CaseWaitForecastTable, ForecastRunTable, ForecastScenarioTable, LaneSlotTable,
} from '../capacity/capacity.table.ts';
import type { ContactTable } from '../contacts/contact.table.ts';
import type { MailOutboxTable } from '../mail/mail.table.ts';
import type { RosterDayTable } from '../roster/roster.table.ts';
import type { ClusterCaseTable, ClusterTable } from '../clusters/cluster.table.ts';
import type { EscalationCaseTable, EscalationTable, ObCriterionTable, TransferCriterionTable } from '../screening/screening.table.ts';
import type { LaneSessionCaseTable, LaneSessionTable } from '../lanes/lanes.table.ts';
import type { CallOutcomeTable, CaseNoticeTable, NoticeTemplateTable, RateLimitTable } from '../notices/notice.table.ts';
import type { WeekmailRunTable } from '../weekmail/weekmail.table.ts';
import type { AuditLogTable } from '../audit/audit.table.ts';
import type {
  WooDocumentTable, WooEventTable, WooGroundTable, WooRedactionTable, WooRequestTable, WooSuspensionTable,
} from '../woo/woo.table.ts';

/** Every table, as Kysely sees it. Row types stay below the services. */
export interface Database {
  units: UnitTable;
  domains: DomainTable;
  skills: SkillTable;
  staff: StaffTable;
  petitioners: PetitionerTable;
  agencies: AgencyTable;
  keywords: KeywordTable;
  outcomes: OutcomeTable;
  routing_rules: RoutingRuleTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  idempotency_keys: IdempotencyKeyTable;
  api_tokens: ApiTokenTable;
  sessions: SessionTable;
  attachments: AttachmentTable;
  settings: SettingTable;
  production_norms: ProductionNormTable;
  stats_days: StatsDayTable;
  stats_waits_days: StatsWaitDayTable;
  stats_waits_weeks: StatsWaitWeekTable;
  stats_state: StatsStateTable;
  stats_invalidations: StatsInvalidationTable;
  contacts: ContactTable;
  mail_outbox: MailOutboxTable;
  case_notices: CaseNoticeTable;
  notice_templates: NoticeTemplateTable;
  call_outcomes: CallOutcomeTable;
  rate_limits: RateLimitTable;
  roster_days: RosterDayTable;
  lane_sessions: LaneSessionTable;
  lane_session_cases: LaneSessionCaseTable;
  clusters: ClusterTable;
  cluster_cases: ClusterCaseTable;
  audit_log: AuditLogTable;
  ob_criteria: ObCriterionTable;
  transfer_criteria: TransferCriterionTable;
  escalations: EscalationTable;
  escalation_cases: EscalationCaseTable;
  weekmail_runs: WeekmailRunTable;
  capacity_periods: CapacityPeriodTable;
  lane_slots: LaneSlotTable;
  forecast_scenarios: ForecastScenarioTable;
  forecast_runs: ForecastRunTable;
  case_wait_forecasts: CaseWaitForecastTable;
  woo_grounds: WooGroundTable;
  woo_requests: WooRequestTable;
  woo_suspensions: WooSuspensionTable;
  woo_documents: WooDocumentTable;
  woo_redactions: WooRedactionTable;
  woo_events: WooEventTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A query target: the database or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
