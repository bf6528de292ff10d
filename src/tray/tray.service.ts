import { z } from 'zod';
import type { Actor } from '../auth/policy.ts';
import { setLanes } from '../cases/case.transitions.ts';
import { LANE_NAMES } from '../core/lanes.ts';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { AppError } from '../shared/errors.ts';
import { LIMITS } from '../shared/limits.ts';
import {
  countTray, countTrayMatching, countTrayOf, countTrayOlderThan, countUnrouted, findCaseStates, listInvestigatorLoads,
  listSkillNames, listTray, listTrayPage, sortKeyLength, type TrayFilter, type TraySort,
} from './tray.repository.ts';

const DAY_MS = 86_400_000;

export const ZTrayQuery = z.strictObject({
  domain: z.string().min(1).max(60).optional(),
  unit: z.enum(['standard', 'extended']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(500).optional(),
});
export type TrayQuery = z.output<typeof ZTrayQuery>;

export const ZTrayItem = z.object({
  id: z.uuid(),
  dossierNumber: z.string(),
  receivedAt: z.iso.datetime(),
  subject: z.string(),
  agency: z.string(),
  keywords: z.array(z.string()),
  domain: z.string(),
  unit: z.string(),
  lanes: z.object({ urgent: z.boolean(), b: z.boolean(), pop: z.boolean(), ob: z.boolean() }),
  waitingDays: z.number().int(),
  version: z.number().int(),
});
export type TrayItem = z.output<typeof ZTrayItem>;

/** A tray row as the API and the tray page show it. */
function toTrayItem(
  r: {
    id: string; dossier_number: string; received_at: Date; subject: string; agency_name: string; keywords: string[];
    domain_id: string | null; unit_id: string | null; lane_urgent: boolean; lane_b: boolean; lane_pop: boolean; lane_ob: boolean; version: number;
  },
  now: number,
): TrayItem {
  return {
    id: r.id,
    dossierNumber: r.dossier_number,
    receivedAt: r.received_at.toISOString(),
    subject: r.subject,
    agency: r.agency_name,
    keywords: r.keywords,
    domain: r.domain_id ?? '',
    unit: r.unit_id ?? '',
    lanes: { urgent: r.lane_urgent, b: r.lane_b, pop: r.lane_pop, ob: r.lane_ob },
    waitingDays: Math.max(0, Math.floor((now - r.received_at.getTime()) / DAY_MS)),
    version: r.version,
  };
}

/** The tray as the API gives it: only the cases the reader may see. */
export async function getTray(ctx: AppContext, reader: Actor, q: TrayQuery): Promise<{ items: TrayItem[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor, 3) : undefined;
  const rows = await listTray(ctx.db, {
    reader,
    domain: q.domain,
    unit: q.unit,
    limit: q.limit,
    after: after && { rank: Number(after[0]), receivedAt: new Date(String(after[1])), id: String(after[2]) },
  });
  const page = rows.slice(0, q.limit);
  const now = ctx.clock().getTime();
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toTrayItem(r, now)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.tray_rank, last.received_at.toISOString(), last.id]) : null,
  };
}

export const ZTrayCount = z.object({
  domain: z.string(),
  unit: z.string(),
  total: z.number().int(),
  lanes: z.object({ urgent: z.number().int(), b: z.number().int(), pop: z.number().int(), ob: z.number().int() }),
  oldestReceivedAt: z.iso.datetime().nullable(),
  oldestWaitDays: z.number().int().nullable(),
});
export type TrayCount = z.output<typeof ZTrayCount>;

/** Counts per domain and unit (every domain listed, empty ones as 0), and the unrouted cases. */
export async function getTrayCounts(ctx: AppContext): Promise<{ items: TrayCount[]; unrouted: number }> {
  const [domains, rows, unrouted] = await Promise.all([listDomains(ctx.db), countTray(ctx.db), countUnrouted(ctx.db)]);
  const now = ctx.clock().getTime();
  const items: TrayCount[] = [];
  for (const d of domains) {
    for (const unit of ['standard', 'extended']) {
      const r = rows.find((x) => x.domain_id === d.id && x.unit_id === unit);
      const oldest = r?.oldest_received_at ? new Date(r.oldest_received_at) : null;
      items.push({
        domain: d.id,
        unit,
        total: Number(r?.total ?? 0),
        lanes: { urgent: Number(r?.urgent ?? 0), b: Number(r?.b ?? 0), pop: Number(r?.pop ?? 0), ob: Number(r?.ob ?? 0) },
        oldestReceivedAt: oldest ? oldest.toISOString() : null,
        oldestWaitDays: oldest ? Math.floor((now - oldest.getTime()) / DAY_MS) : null,
      });
    }
  }
  return { items, unrouted: unrouted.total };
}

// ---- the coordinator's tray page ----

export const TRAY_PAGE_SIZE = 50;
/** DOMAIN.md: every complainant should have a handler within 3 weeks. */
export const WAIT_TARGET_DAYS = 21;

export const ZTrayFilter = z.strictObject({
  domain: z.string().min(1).max(60),
  unit: z.enum(['standard', 'extended']).default('standard'),
  lane: z.enum(['urgent', 'b', 'pop', 'ob', 'none']).optional(),
  minWeeks: z.coerce.number().min(0).max(520).optional(),
  agency: z.string().trim().max(LIMITS.agency).optional(),
  keyword: z.string().max(60).optional(),
  sort: z.enum(['priority', 'age', 'agency']).default('priority'),
  after: z.string().max(500).optional(),
  before: z.string().max(500).optional(),
});
export type TrayPageQuery = z.output<typeof ZTrayFilter>;

export interface TrayLaneCounts {
  total: number;
  urgent: number;
  b: number;
  pop: number;
  ob: number;
  none: number;
  oldestWaitDays: number | null;
}

export interface TrayPage {
  items: TrayItem[];
  /** Cursors for the next and the previous page (null: there is none). */
  next: string | null;
  prev: string | null;
  /** Cases that match the filters. */
  matching: number;
  /** The whole tray of this domain and unit, unfiltered. */
  counts: TrayLaneCounts;
}

const SORT_TAG: Record<TraySort, string> = { priority: 'p', age: 'a', agency: 'i' };

type PageRow = Awaited<ReturnType<typeof listTrayPage>>[number];

function sortKey(sort: TraySort, r: PageRow): (string | number)[] {
  const at = r.received_at.toISOString();
  const key = sort === 'priority' ? [r.tray_rank, at, r.id] : sort === 'age' ? [at, r.id] : [r.agency_name, at, r.id];
  return [SORT_TAG[sort], ...key];
}

const cursorOf = (sort: TraySort, r: PageRow | undefined) => (r ? encodeCursor(sortKey(sort, r)) : null);

/** A cursor of this sort order, or undefined (a stale or foreign cursor starts at the first page). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isMoment = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A cursor from a URL can be tampered with: each part must have its column's type. */
function cursorTypesValid(sort: TraySort, key: (string | number)[]): boolean {
  const id = key[key.length - 1];
  if (typeof id !== 'string' || !UUID.test(id)) return false;
  if (sort === 'priority') return Number.isInteger(key[0]) && isMoment(key[1]);
  if (sort === 'age') return isMoment(key[0]);
  return typeof key[0] === 'string' && isMoment(key[1]);
}

function readCursor(sort: TraySort, cursor: string | undefined): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const [tag, ...key] = decodeCursor(cursor, sortKeyLength(sort) + 1);
    if (tag !== SORT_TAG[sort] || !cursorTypesValid(sort, key)) return undefined;
    return key;
  } catch (err) {
    if (err instanceof AppError) return undefined;
    throw err;
  }
}

export function trayFilterOf(q: TrayPageQuery, now: Date): TrayFilter {
  return {
    domain: q.domain,
    unit: q.unit,
    lane: q.lane,
    receivedBefore: q.minWeeks ? new Date(now.getTime() - q.minWeeks * 7 * DAY_MS) : undefined,
    agency: q.agency || undefined,
    keyword: q.keyword || undefined,
  };
}

/** One page of a domain's tray with filters and sort order, the number of matches, and the tray's lane counts. */
export async function getTrayPage(ctx: AppContext, q: TrayPageQuery, limit = TRAY_PAGE_SIZE): Promise<TrayPage> {
  const now = ctx.clock();
  const filter = trayFilterOf(q, now);
  const after = readCursor(q.sort, q.after);
  const before = after ? undefined : readCursor(q.sort, q.before);
  const read = (page: { after?: (string | number)[]; before?: (string | number)[] }) => listTrayPage(ctx.db, filter, { sort: q.sort, limit, ...page });
  const [first, matching, counts] = await Promise.all([read({ after, before }), countTrayMatching(ctx.db, filter), countTrayOf(ctx.db, q.domain, q.unit)]);
  let rows = first;
  let next: string | null;
  let prev: string | null;
  if (before && rows.length <= limit) {
    // Back at the start: show a full first page.
    rows = await read({});
    prev = null;
    next = rows.length > limit ? cursorOf(q.sort, rows[limit - 1]) : null;
    rows = rows.slice(0, limit);
  } else if (before) {
    rows = rows.slice(1);
    prev = cursorOf(q.sort, rows[0]);
    next = cursorOf(q.sort, rows[rows.length - 1]);
  } else {
    next = rows.length > limit ? cursorOf(q.sort, rows[limit - 1]) : null;
    rows = rows.slice(0, limit);
    prev = after ? (cursorOf(q.sort, rows[0]) ?? q.after ?? null) : null;
  }
  const oldest = counts.oldest_received_at ? new Date(counts.oldest_received_at) : null;
  return {
    items: rows.map((r) => toTrayItem({ ...r, domain_id: q.domain, unit_id: q.unit }, now.getTime())),
    next,
    prev,
    matching,
    counts: {
      total: Number(counts.total),
      urgent: Number(counts.urgent),
      b: Number(counts.b),
      pop: Number(counts.pop),
      ob: Number(counts.ob),
      none: Number(counts.none),
      oldestWaitDays: oldest ? Math.floor((now.getTime() - oldest.getTime()) / DAY_MS) : null,
    },
  };
}

export interface InvestigatorChoice {
  id: string;
  name: string;
  fte: number;
  skills: string[];
  /** Cases assigned to them or in progress. */
  load: number;
}

/** Who can take cases of this domain and unit, with their current load, FTE and skills. */
export async function getInvestigatorChoices(ctx: AppContext, domain: string, unit: string): Promise<InvestigatorChoice[]> {
  const [rows, skills] = await Promise.all([listInvestigatorLoads(ctx.db, domain, unit), listSkillNames(ctx.db)]);
  const skillName = new Map(skills.map((s) => [s.id, s.name]));
  return rows.map((r) => ({
    id: r.id, name: r.name, fte: Number(r.fte), skills: r.skills.map((s) => skillName.get(s) ?? s), load: Number(r.load),
  }));
}

const ZCaseRef = z.strictObject({ id: z.uuid(), version: z.number().int().min(1) });
export type CaseRef = z.output<typeof ZCaseRef>;

export const ZBulkSetLanes = z.strictObject({
  cases: z.array(ZCaseRef).min(1).max(LIMITS.bulkCases),
  lane: z.enum(LANE_NAMES),
  action: z.enum(['set', 'clear']),
});
export type BulkSetLanes = z.output<typeof ZBulkSetLanes>;

export interface BulkLaneResult {
  changed: number;
  /** Cases that already had (or lacked) the marker: no change, no event. */
  unchanged: number;
  failed: { id: string; dossierNumber: string; error: AppError }[];
}

/**
 * Sets or clears one lane marker on many cases. Each case goes through
 * setLanes with the version the person saw, in its own transaction: a case
 * someone else changed meanwhile fails alone and is reported by name.
 */
export async function bulkSetLanes(ctx: AppContext, actor: Actor, input: BulkSetLanes): Promise<BulkLaneResult> {
  const value = input.action === 'set';
  const states = new Map((await findCaseStates(ctx.db, input.cases.map((c) => c.id))).map((r) => [r.id, r]));
  const result: BulkLaneResult = { changed: 0, unchanged: 0, failed: [] };
  for (const ref of input.cases) {
    const row = states.get(ref.id);
    if (!row) {
      result.failed.push({ id: ref.id, dossierNumber: ref.id, error: new AppError('not_found', `Case ${ref.id} does not exist`) });
      continue;
    }
    if (row.version === ref.version && row[`lane_${input.lane}`] === value) {
      result.unchanged += 1;
      continue;
    }
    try {
      await setLanes(ctx, actor, ref.id, { [input.lane]: value, version: ref.version });
      result.changed += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.failed.push({ id: ref.id, dossierNumber: row.dossier_number, error: err });
    }
  }
  return result;
}

/** The dossier numbers of the cases that changed since the person saw them, or left the tray. */
export async function staleCases(ctx: AppContext, refs: readonly CaseRef[]): Promise<string[]> {
  const rows = await findCaseStates(ctx.db, refs.map((r) => r.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return refs
    .filter((ref) => {
      const row = byId.get(ref.id);
      return !row || row.version !== ref.version || row.status !== 'queued';
    })
    .map((ref) => byId.get(ref.id)?.dossier_number ?? ref.id);
}

export interface TrayOverview {
  items: (TrayCount & { overTarget: number })[];
  unrouted: { total: number; oldestWaitDays: number | null };
  targetDays: number;
}

/** Per domain and unit the tray counts, how many wait longer than the target, and the unrouted cases. */
export async function getTrayOverview(ctx: AppContext): Promise<TrayOverview> {
  const now = ctx.clock();
  const cutoff = new Date(now.getTime() - WAIT_TARGET_DAYS * DAY_MS);
  const [counts, older, unrouted] = await Promise.all([getTrayCounts(ctx), countTrayOlderThan(ctx.db, cutoff), countUnrouted(ctx.db)]);
  const oldest = unrouted.oldest ? new Date(unrouted.oldest) : null;
  return {
    items: counts.items.map((c) => ({
      ...c,
      overTarget: Number(older.find((o) => o.domain_id === c.domain && o.unit_id === c.unit)?.total ?? 0),
    })),
    unrouted: { total: unrouted.total, oldestWaitDays: oldest ? Math.floor((now.getTime() - oldest.getTime()) / DAY_MS) : null },
    targetDays: WAIT_TARGET_DAYS,
  };
}
