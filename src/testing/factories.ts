import type { Actor, Role } from '../auth/policy.ts';
import { createToken } from '../auth/token.service.ts';
import type { RegisterCase } from '../cases/case.schema.ts';
import type { AppContext } from '../shared/context.ts';

/** Test data, made through the same tables the services use. */
let counter = 0;

export async function createStaff(
  ctx: AppContext,
  options: { roles: Role[]; domains?: string[]; unit?: string; login?: string },
): Promise<Actor & { token: string }> {
  counter += 1;
  const login = options.login ?? `${options.roles[0]}${counter}`;
  const row = await ctx.db
    .insertInto('staff')
    .values({
      login,
      name: `Test ${login}`,
      email: `${login}@example.nl`,
      unit_id: options.unit ?? 'standard',
      roles: options.roles,
      domains: options.domains ?? ['inkomen'],
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  const { token } = await createToken(ctx.db, { login, expiresInDays: 730 }, ctx.clock());
  return { id: row.id, login, name: `Test ${login}`, roles: options.roles, domains: options.domains ?? ['inkomen'], token };
}

export function complaint(overrides: Partial<RegisterCase> = {}): RegisterCase {
  counter += 1;
  return {
    petitioner: { name: `Jan de Vries ${counter}`, email: `jan${counter}@example.nl` },
    agency: 'Belastingdienst',
    subject: 'Geen reactie op bezwaar',
    description: 'Ik heb in januari bezwaar gemaakt en nog steeds niets gehoord.',
    channel: 'web',
    ...overrides,
  };
}
