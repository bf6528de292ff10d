import { sql } from 'kysely';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { ProfileField } from '../organisation/organisation.table.ts';
import type { AppContext } from '../shared/context.ts';
import type { ContactMatch } from '../contacts/contact.match.ts';
import type { ContactBrief } from '../contacts/contact.repository.ts';
import { caseContactsFor } from '../contacts/contact.service.ts';
import type { Actor } from '../auth/policy.ts';
import { expectedWait, type ExpectedWait } from '../forecast/forecast.service.ts';
import { listAttachments } from './annotation.service.ts';
import { noticesOfCase } from '../notices/notice.repository.ts';
import type { CaseView } from './case.schema.ts';
import { readCase } from './case.service.ts';
import { activeObCriteria } from '../screening/screening.service.ts';
import { mayScreen } from '../screening/screening.ts';

/** Everything the case page shows about one dossier, read in one go. */
export interface CasePageData {
  c: CaseView & { events: NonNullable<CaseView['events']> };
  staffNames: Map<string, string>;
  domains: { id: string; name: string }[];
  outcomes: { id: string; name: string; profile: ProfileField[] }[];
  investigators: { id: string; name: string; fte: number; skills: string[]; load: number }[];
  attachments: Awaited<ReturnType<typeof listAttachments>>;
  /** For a case waiting in a tray (or assigned since): the expected assignment date, now and when it came in. */
  expected: ExpectedWait | null;
  /** What Grip told the petitioner: the receipt, delay notices, a place on the call list. */
  notices: Awaited<ReturnType<typeof noticesOfCase>>;
  /**
   * Phone contacts linked to this case, and earlier unlinked contacts of the same
   * petitioner to link. For every reader: the page shows each one those they may see.
   */
  contacts: CaseContacts;
  /** The active OB criteria, for the OB screening of a case that is received or in the tray (else empty). */
  obCriteria: { id: string; label: string }[];
}

export interface CaseContacts {
  linked: ContactBrief[];
  suggested: ContactMatch<ContactBrief>[];
}

/** The case page as `actor` sees it (the phone contacts they may see). */
export async function loadCasePage(ctx: AppContext, id: string, actor: Actor): Promise<CasePageData> {
  const c = await readCase(ctx, actor, id, { route: `/zaken/${id}` });
  const actorIds = [...new Set([...c.events.map((e) => e.actorId), c.investigatorId, ...c.events.map((e) => e.payload.investigatorId as string | undefined)].filter((x): x is string => typeof x === 'string'))];
  const [names, domains, outcomes, investigators, attachments] = await Promise.all([
    actorIds.length ? ctx.db.selectFrom('staff').select(['id', 'name']).where('id', 'in', actorIds).execute() : [],
    listDomains(ctx.db),
    ctx.db.selectFrom('outcomes').select(['id', 'name', 'profile']).orderBy('name').execute(),
    c.domain && c.unit
      ? ctx.db
          .selectFrom('staff as s')
          .select((eb) => [
            's.id', 's.name', 's.fte', 's.skills',
            eb.selectFrom('cases as x').select(sql<string>`count(*)`.as('n'))
              .whereRef('x.investigator_id', '=', 's.id').where('x.status', 'in', ['assigned', 'in_progress']).as('load'),
          ])
          .where('s.active', '=', true)
          .where(sql<boolean>`'investigator' = any(s.roles)`)
          .where(sql<boolean>`${c.domain} = any(s.domains)`)
          .where('s.unit_id', '=', c.unit)
          .orderBy('s.name')
          .execute()
      : [],
    listAttachments(ctx, id),
  ]);
  return {
    c,
    staffNames: new Map(names.map((n) => [n.id, n.name])),
    domains,
    outcomes,
    investigators: investigators.map((i) => ({ id: i.id, name: i.name, fte: Number(i.fte), skills: i.skills, load: Number(i.load ?? 0) })),
    attachments,
    expected: await expectedWait(ctx, id),
    notices: await noticesOfCase(ctx.db, id),
    contacts: await caseContactsFor(ctx, actor, c),
    obCriteria: mayScreen(c.status) ? await activeObCriteria(ctx) : [],
  };
}
