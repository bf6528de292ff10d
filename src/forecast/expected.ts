import { formatDate } from '../web/components.tsx';
import type { Web } from '../web/page.ts';

/** "around 12 Mar 2024 (5 Mar – 2 Apr 2024)": the median expected assignment date with its 80% interval. */
export function expectedText(e: { p10: Date; p50: Date; p90: Date } | undefined | null, web: Web): string {
  if (!e) return '–';
  return web.t(
    `rond ${formatDate(e.p50, web)} (${formatDate(e.p10, web)} – ${formatDate(e.p90, web)})`,
    `around ${formatDate(e.p50, web)} (${formatDate(e.p10, web)} – ${formatDate(e.p90, web)})`,
  );
}
