import type { HistoricCase } from '../cases/case.history.ts';
import { DOMAINS } from '../organisation/reference-data.ts';

/** Cases in the tray per domain id. */
export type TrayCount = Record<string, number>;

/**
 * The tray at a moment: cases whose last status-changing step at or before
 * `at` left them queued, i.e. routed (or transferred into a unit) and not yet
 * assigned, closed or transferred out to research. Per domain; pass `unitId`
 * to count only KB ('standard') or UKB ('extended'). A KB case transferred to
 * UKB counts again while it waits in the UKB tray, as it does in live work.
 */
export function trayAt(cases: readonly HistoricCase[], at: Date, unitId?: 'standard' | 'extended'): TrayCount {
  const counts: TrayCount = Object.fromEntries(DOMAINS.map((d) => [d.id, 0]));
  for (const { domainId } of trayCasesAt(cases, at, unitId)) counts[domainId] = (counts[domainId] ?? 0) + 1;
  return counts;
}

/** The cases in the tray at a moment (see `trayAt`), with the domain and unit they wait in. */
export function trayCasesAt(
  cases: readonly HistoricCase[],
  at: Date,
  unitId?: 'standard' | 'extended',
): { case: HistoricCase; domainId: string; unitId: string }[] {
  const out: { case: HistoricCase; domainId: string; unitId: string }[] = [];
  const t = at.getTime();
  for (const c of cases) {
    if (c.receivedAt.getTime() > t) continue;
    let queued = false;
    let domain: string | null = null;
    let unit: string | null = null;
    let hasInvestigator = false;
    for (const step of c.steps) {
      if (step.at.getTime() > t) break;
      const cmd = step.command;
      switch (cmd.type) {
        case 'route':
          [queued, domain, unit] = [true, cmd.domainId, cmd.unitId];
          break;
        case 'assign':
          [queued, hasInvestigator] = [false, true];
          break;
        case 'close':
          queued = false;
          break;
        case 'transfer':
          unit = cmd.unitId ?? unit;
          domain = cmd.domainId ?? domain;
          queued = unit !== 'research';
          hasInvestigator = false;
          break;
        case 'move':
          unit = cmd.unitId ?? unit;
          domain = cmd.domainId ?? domain;
          break;
        case 'reopen':
          queued = !hasInvestigator && domain !== null;
          break;
        default:
          break;
      }
    }
    if (queued && domain !== null && unit !== null && (unitId === undefined || unit === unitId)) {
      out.push({ case: c, domainId: domain, unitId: unit });
    }
  }
  return out;
}

export function total(counts: TrayCount): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
