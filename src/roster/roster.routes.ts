import type { AnyRoute } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';

export function rosterRoutes(_ctx: AppContext): AnyRoute[] {
  return [];
}
