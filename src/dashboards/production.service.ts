import { sql } from 'kysely';
import { z } from 'zod';
import { ZMoment } from '../cases/case.schema.ts';
import { CONVERSATION_BAND, personWeeks, type NormStep, type PersonWeek } from '../core/production.ts';
import { weekStart } from '../core/replay.ts';
import type { AppContext } from '../shared/context.ts';

/**
 * Closed cases per investigator per week against the norm. "Closed" means one
 * thing in every domain: a `closed` event whose outcome counts as closed,
 * credited to the investigator who held the case then. Callback requests are
 * not cases, so they never count; a cluster counts once per petitioner closed.
 */
const DAY_MS = 86_400_000;
const HOURS_PER_FTE = 36;

export const ZProductionQuery = z.strictObject({
  from: ZMoment,
  to: ZMoment,
  domain: z.string().max(60).optional(),
}).refine((q) => q.to > q.from && q.to.getTime() - q.from.getTime() <= 53 * 7 * DAY_MS, { message: 'to must lie after from, at most a year later', path: ['to'] });

export const ZProduction = z.object({
  weeks: z.array(z.iso.date()),
  people: z.array(z.object({
    id: z.string(), name: z.string(), domains: z.array(z.string()), fte: z.number(),
    weeks: z.array(z.object({ week: z.iso.date(), closed: z.number().int(), expected: z.number().nullable(), ratio: z.number().nullable() })),
    closed: z.number().int(), expected: z.number().nullable(), ratio: z.number().nullable(), conversation: z.enum(['below', 'above']).nullable(),
  })),
  team: z.array(z.object({ week: z.iso.date(), closed: z.number().int(), expected: z.number().nullable() })),
});
export type Production = z.output<typeof ZProduction>;

export async function production(ctx: AppContext, q: { from: Date; to: Date; domain?: string }): Promise<Production> {
  const weeks: string[] = [];
  for (let t = new Date(`${weekStart(q.from)}T00:00:00Z`).getTime(); t < q.to.getTime(); t += 7 * DAY_MS) weeks.push(new Date(t).toISOString().slice(0, 10));
  const start = new Date(`${weeks[0] ?? weekStart(q.from)}T00:00:00Z`);
  const [closings, people, norms] = await Promise.all([
    ctx.db
      .selectFrom('case_events as e')
      .innerJoin('outcomes as o', (join) => join.on(sql`o.id`, '=', sql`e.payload->>'outcomeId'`))
      .select([
        'e.at',
        // who held the case when it closed: the last assignment, unless a transfer came after it
        sql<string | null>`(select case when a.type = 'assigned' then a.payload->>'investigatorId' end
          from case_events a where a.case_id = e.case_id and a.type in ('assigned', 'transferred') and a.at <= e.at
          order by a.at desc, a.id desc limit 1)`.as('investigator_id'),
      ])
      .where('e.type', '=', 'closed')
      .where('o.counts_as_closed', '=', true)
      // a petitioner's second complaint in a cluster closes as the same one: counted once per petitioner
      .where(sql<boolean>`(e.payload->'registration'->>'samePetitionerAs') is null`)
      // a closing undone by a later reopening does not count: each case counts once, at its last closing
      .where(sql<boolean>`not exists (select 1 from case_events r where r.case_id = e.case_id and r.type = 'reopened' and r.at >= e.at)`)
      .where('e.at', '>=', start)
      .where('e.at', '<', q.to)
      .execute(),
    ctx.db
      .selectFrom('staff')
      .select(['id', 'name', 'domains', 'hours_per_week'])
      .where('active', '=', true)
      .where(sql<boolean>`'investigator' = any(roles)`)
      .$if(q.domain !== undefined, (qb) => qb.where(sql<boolean>`${q.domain} = any(domains)`))
      .orderBy('name')
      .execute(),
    ctx.db.selectFrom('production_norms').select([sql<string>`valid_from::text`.as('valid_from'), 'per_fte_week']).execute(),
  ]);
  const schedule: NormStep[] = norms.map((n) => ({ validFrom: n.valid_from, perFteWeek: Number(n.per_fte_week) }));
  const staff = people.map((p) => ({ id: p.id, name: p.name, domains: p.domains, fte: Math.round((Number(p.hours_per_week) / HOURS_PER_FTE) * 100) / 100 }));
  const rows = personWeeks(
    closings.filter((c) => c.investigator_id).map((c) => ({ investigatorId: c.investigator_id!, week: weekStart(c.at) })),
    staff,
    weeks,
    schedule,
  );
  const sum = (xs: (number | null)[]) => (xs.every((x) => x === null) ? null : Math.round(xs.reduce<number>((a, b) => a + (b ?? 0), 0) * 10) / 10);
  const byPerson = (id: string) => rows.filter((r) => r.investigatorId === id);
  return {
    weeks,
    people: staff.map((p) => {
      const mine: PersonWeek[] = byPerson(p.id);
      const closed = mine.reduce((n, r) => n + r.closed, 0);
      const expected = sum(mine.map((r) => r.expected));
      const ratio = expected ? Math.round((closed / expected) * 100) / 100 : null;
      const conversation = ratio === null ? null : ratio < CONVERSATION_BAND.below ? 'below' : ratio > CONVERSATION_BAND.above ? 'above' : null;
      return { ...p, weeks: mine.map(({ week, closed: c, expected: e, ratio: r }) => ({ week, closed: c, expected: e, ratio: r })), closed, expected, ratio, conversation };
    }),
    team: weeks.map((week) => {
      const inWeek = rows.filter((r) => r.week === week);
      return { week, closed: inWeek.reduce((n, r) => n + r.closed, 0), expected: sum(inWeek.map((r) => r.expected)) };
    }),
  };
}
