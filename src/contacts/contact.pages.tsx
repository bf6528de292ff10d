import type { AppContext } from '../shared/context.ts';
import type { PageDef } from '../web/page.ts';

export function frontOfficePages(_ctx: AppContext): PageDef[] {
  return [];
}
