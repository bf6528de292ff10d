import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A date column: read it with to_char(col, 'YYYY-MM-DD') (the two drivers return it differently). */
type Day = ColumnType<Date | string, string, string>;
type NullableDay = ColumnType<Date | string | null, string | null, string | null>;

export interface WooGroundTable {
  code: string;
  name: string;
  article: string;
  colour: string;
  explanation: string;
  position: number;
}

export interface WooRequestTable {
  id: Generated<string>;
  number: string;
  received_on: Day;
  requester_name: string;
  requester_email: string | null;
  requester_address: string | null;
  subject: string;
  request_text: string;
  extended_at: Date | null;
  extension_reason: string | null;
  decided_at: Date | null;
  decided_on: NullableDay;
  decided_by: string | null;
  decision_pdf: Buffer | null;
  package_zip: Buffer | null;
  created_by: string | null;
  created_at: Date;
  version: Generated<number>;
}

export interface WooSuspensionTable {
  id: Generated<string>;
  request_id: string;
  started_on: Day;
  ended_on: NullableDay;
  third_party: string;
}

export const SOURCES = ['note', 'letter', 'mail', 'pdf', 'docx', 'eml'] as const;
export type DocumentSource = (typeof SOURCES)[number];

export interface WooDocumentTable {
  id: Generated<string>;
  request_id: string;
  number: number;
  source: DocumentSource;
  source_ref: string | null;
  case_id: string | null;
  title: string;
  document_date: NullableDay;
  body: string;
  filename: string | null;
  original: Buffer | null;
  author: string | null;
  decision: 'public' | 'partly' | 'notPublic' | null;
  grounds: ColumnType<string[], string[] | undefined, string[]>;
  added_by: string | null;
  added_at: Date;
}

export interface WooRedactionTable {
  id: Generated<string>;
  document_id: string;
  start_at: number;
  end_at: number;
  ground: string;
  origin: 'manual' | 'suggestion';
  created_by: string | null;
  created_at: Date;
}

export interface WooEventTable {
  id: Generated<string>;
  request_id: string;
  type: string;
  at: Date;
  actor_id: string | null;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
}
