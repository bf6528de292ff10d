import type { Generated } from 'kysely';

export interface AttachmentTable {
  id: Generated<string>;
  case_id: string;
  file_name: string;
  content_type: string;
  size: number;
  data: Buffer;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}
