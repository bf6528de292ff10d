import type { AppContext } from '../shared/context.ts';
import type { PageDef } from '../web/page.ts';

export function screeningPages(_ctx: AppContext): PageDef[] {
  return [];
}
