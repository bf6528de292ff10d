import type { AppContext } from '../shared/context.ts';
import type { PageDef } from '../web/page.ts';

/** Issue 8: the privacy officer's audit log page (being written). */
export function auditPages(_ctx: AppContext): PageDef[] {
  return [];
}
