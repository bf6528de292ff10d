import { z } from 'zod';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { countTray, countUnrouted, listTray } from './tray.repository.ts';

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

export async function getTray(ctx: AppContext, q: TrayQuery): Promise<{ items: TrayItem[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor, 3) : undefined;
  const rows = await listTray(ctx.db, {
    domain: q.domain,
    unit: q.unit,
    limit: q.limit,
    after: after && { rank: Number(after[0]), receivedAt: new Date(String(after[1])), id: String(after[2]) },
  });
  const page = rows.slice(0, q.limit);
  const now = ctx.clock().getTime();
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
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
    })),
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
