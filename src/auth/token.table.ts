import type { ColumnType, Generated } from 'kysely';

export interface ApiTokenTable {
  id: Generated<string>;
  staff_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  revoked_at: Date | null;
  /** 'read' (GET routes) and/or 'write' (the others). */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
}
