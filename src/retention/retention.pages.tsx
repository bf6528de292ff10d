import type { AppContext } from '../shared/context.ts';
import type { PageDef } from '../web/page.ts';

/** Issue 8: the privacy officer's retention page (being written). */
export function retentionPages(_ctx: AppContext): PageDef[] {
  return [];
}
