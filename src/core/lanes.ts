/** Lane markers on a case in the tray (DOMAIN.md, "Lanes and markers"). */
export interface Lanes {
  urgent: boolean;
  /** B: about an agency's slowness; cleared in the weekly fast-lane session. */
  b: boolean;
  /** POP (BAK): a small complaint for quick handling. */
  pop: boolean;
  /** A candidate for insufficient-interest (OB) screening. */
  ob: boolean;
}

export const LANE_NAMES = ['urgent', 'b', 'pop', 'ob'] as const;
export type LaneName = (typeof LANE_NAMES)[number];

export const NO_LANES: Lanes = Object.freeze({ urgent: false, b: false, pop: false, ob: false });

/**
 * Tray priority, lower first: urgent cases go first; then the fast lanes (B,
 * POP) and OB candidates, whose short handling takes them out of the tray
 * soonest; then every other case. Within one rank the oldest goes first.
 */
export const TRAY_RANK = { urgent: 0, b: 1, pop: 2, ob: 3, regular: 4 } as const;

export function trayRank(lanes: Lanes): number {
  if (lanes.urgent) return TRAY_RANK.urgent;
  if (lanes.b) return TRAY_RANK.b;
  if (lanes.pop) return TRAY_RANK.pop;
  if (lanes.ob) return TRAY_RANK.ob;
  return TRAY_RANK.regular;
}

export interface TrayEntry {
  lanes: Lanes;
  receivedAt: Date;
  id: string;
}

/** The tray order: rank, then oldest first, then id as a stable tie-break. */
export function compareTrayEntries(a: TrayEntry, b: TrayEntry): number {
  return (
    trayRank(a.lanes) - trayRank(b.lanes) ||
    a.receivedAt.getTime() - b.receivedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
