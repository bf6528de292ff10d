import type { Generated, Selectable } from 'kysely';

export interface ClusterTable {
  id: Generated<string>;
  title: string;
  agency_id: number;
  handler_id: string | null;
  created_by: string | null;
  created_at: Date;
  closed_at: Date | null;
}
export type ClusterRow = Selectable<ClusterTable>;

export interface ClusterCaseTable {
  case_id: string;
  cluster_id: string;
  added_by: string | null;
  added_at: Date;
}
