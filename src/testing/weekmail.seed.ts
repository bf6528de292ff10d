import type { Actor } from '../auth/policy.ts';
import { registerCase } from '../cases/case.service.ts';
import { assignCase, recordFirstContact, routeCase } from '../cases/case.transitions.ts';
import type { AppContext } from '../shared/context.ts';
import { complaint, createStaff } from './factories.ts';

/**
 * A small organisation for the weekly overview: three investigators (one
 * without an e-mail address), a coordinator and a team manager, with cases
 * in progress and in the tray. Cases are made `weeksAgo` before the context's
 * clock and assigned a few days later.
 */
export interface WeekmailSeed {
  /** Who should get an overview, by e-mail address, with the dossier numbers it must name. */
  expected: Map<string, { name: string; dossiers: string[] }>;
  /** In the organisation, but without an e-mail address. */
  withoutEmail: Actor;
  teamManager: Actor;
  coordinator: Actor;
}

export async function seedWeekmailOrganisation(ctx: AppContext, options: { at: () => Date; setNow: (d: Date) => void }): Promise<WeekmailSeed> {
  const now = options.at();
  const at = (daysAgo: number) => options.setNow(new Date(now.getTime() - daysAgo * 86_400_000));
  const staff = async (login: string, roles: Actor['roles'][number][], domains: string[], email: string | null) => {
    const s = await createStaff(ctx, { roles, domains, login });
    await ctx.db.updateTable('staff').set({ email, name: login.replace('.', ' ') }).where('id', '=', s.id).execute();
    return { ...s, name: login.replace('.', ' ') };
  };
  const admin = await staff('w.admin', ['admin'], [], null);
  const anna = await staff('anna.onderzoeker', ['investigator'], ['inkomen'], 'anna@grip.example');
  const bert = await staff('bert.onderzoeker', ['investigator'], ['leefomgeving'], 'bert@grip.example');
  const carl = await staff('carl.onderzoeker', ['investigator'], ['inkomen'], null);
  const coordinator = await staff('dora.coordinator', ['coordinator'], ['inkomen'], 'dora@grip.example');
  const teamManager = await staff('eric.teammanager', ['teamManager'], ['inkomen'], 'eric@grip.example');

  const made = async (domain: string, daysAgo: number, investigator?: Actor, contact = false) => {
    at(daysAgo);
    const { case: c } = await registerCase(ctx, admin, complaint());
    const routed = await routeCase(ctx, admin, c.id, { domain, unit: 'standard' });
    if (investigator) {
      at(daysAgo - 3);
      const assigned = await assignCase(ctx, admin, c.id, { investigatorId: investigator.id, proposal: 'Bel de verzoeker.', handlingType: 'intervention', version: routed.version });
      if (contact) {
        at(daysAgo - 5);
        await recordFirstContact(ctx, admin, c.id, { version: assigned.version });
      }
    }
    return c.dossierNumber;
  };
  const anna1 = await made('inkomen', 40, anna, true);
  const anna2 = await made('inkomen', 12, anna);
  const bert1 = await made('leefomgeving', 30, bert, true);
  const carl1 = await made('inkomen', 20, carl, true);
  await made('inkomen', 25);
  await made('inkomen', 4);
  options.setNow(now);

  return {
    expected: new Map([
      ['anna@grip.example', { name: anna.name, dossiers: [anna1, anna2] }],
      ['bert@grip.example', { name: bert.name, dossiers: [bert1] }],
      // the coordinator of Inkomen: anna1 has had no action for more than three weeks
      ['dora@grip.example', { name: coordinator.name, dossiers: [anna1] }],
    ]),
    withoutEmail: { ...carl, name: carl.name },
    teamManager,
    coordinator,
  };
}
