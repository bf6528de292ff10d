import type { ColumnType, Generated, Selectable } from 'kysely';

export type NoticeKind = 'receipt' | 'delay' | 'reaction';
export type NoticeChannel = 'email' | 'letter' | 'call' | 'none';

export interface CaseNoticeTable {
  id: Generated<string>;
  case_id: string;
  kind: NoticeKind;
  /** 0 for the first of its kind; re-notices count up. */
  seq: number;
  channel: NoticeChannel;
  expected_p10: Date | null;
  expected_p50: Date | null;
  expected_p90: Date | null;
  mail_id: string | null;
  recipient: string | null;
  subject: string | null;
  body: string | null;
  printed_at: Date | null;
  created_at: ColumnType<Date, Date, never>;
}
export type CaseNoticeRow = Selectable<CaseNoticeTable>;

export interface NoticeTemplateTable {
  kind: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: Date;
}

export interface CallOutcomeTable {
  id: Generated<string>;
  case_id: string;
  called_by: string | null;
  called_at: Date;
  reached: boolean;
  urgent: boolean | null;
  agency_approached: boolean | null;
  withdrawn: boolean | null;
  note: string | null;
  effect: 'urgent' | 'ken' | 'withdrawn' | null;
}
export type CallOutcomeRow = Selectable<CallOutcomeTable>;

export interface RateLimitTable {
  key: string;
  window_start: Date;
  count: number;
}
