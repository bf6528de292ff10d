import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_LANES } from './lanes.ts';
import {
  CASE_STATUSES, allowedCommands, decide, initialState, type CaseState, type CaseStatus, type Command,
} from './lifecycle.ts';

const route: Command = { type: 'route', domainId: 'inkomen', unitId: 'standard', suggested: { domainId: 'inkomen', unitId: 'standard' } };
const assign: Command = { type: 'assign', investigatorId: 'inv-1', proposal: 'Bellen en interveniëren', handlingType: 'intervention' };

function run(commands: Command[]): CaseState {
  let state = initialState();
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(`${c.type} refused in ${state.status}`);
    state = d.state;
  }
  return state;
}

describe('the happy path', () => {
  it('goes received -> queued -> assigned -> in_progress -> closed, one event per step', () => {
    let state = initialState();
    const seen: string[] = [];
    for (const c of [route, assign, { type: 'recordFirstContact' }, { type: 'close', outcomeId: 'intervention' }] as Command[]) {
      const d = decide(state, c);
      expect(d.ok).toBe(true);
      if (d.ok) {
        state = d.state;
        seen.push(`${d.event.type}:${state.status}`);
      }
    }
    expect(seen).toEqual(['routed:queued', 'assigned:assigned', 'first_contact:in_progress', 'closed:closed']);
    expect(state).toMatchObject({ domainId: 'inkomen', unitId: 'standard', investigatorId: 'inv-1', outcomeId: 'intervention' });
  });

  it('records whether the dispatcher overrode the suggested route', () => {
    const d = decide(initialState(), { ...route, domainId: 'leefomgeving' } as Command);
    expect(d.ok && d.event.payload).toMatchObject({ overridden: true, suggested: { domainId: 'inkomen' } });
    const same = decide(initialState(), route);
    expect(same.ok && same.event.payload.overridden).toBe(false);
  });
});

describe('side exits', () => {
  it('transfers KB -> UKB back into a tray, clearing the investigator', () => {
    const state = run([route, assign]);
    const d = decide(state, { type: 'transfer', unitId: 'extended', reason: 'complex' });
    expect(d.ok && d.state).toMatchObject({ status: 'queued', unitId: 'extended', investigatorId: null });
  });

  it('transfers to research out of the tray for good', () => {
    const d = decide(run([route]), { type: 'transfer', unitId: 'research', reason: 'structureel probleem' });
    expect(d.ok && d.state.status).toBe('transferred');
    expect(allowedCommands('transferred')).toEqual([]);
  });

  it('refuses a transfer that changes nothing', () => {
    const d = decide(run([route]), { type: 'transfer', unitId: 'standard', reason: 'x' });
    expect(d).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('keeps aftercare on the same closed dossier and reopens with a reason', () => {
    const closed = run([route, assign, { type: 'recordFirstContact' }, { type: 'close', outcomeId: 'report' }]);
    const after = decide(closed, { type: 'aftercare', note: 'Burger belde na' });
    expect(after.ok && after.state).toEqual(closed);
    expect(after.ok && after.event.type).toBe('aftercare');
    const reopened = decide(closed, { type: 'reopen', reason: 'Instantie kwam toezegging niet na' });
    expect(reopened.ok && reopened.state).toMatchObject({ status: 'in_progress', investigatorId: 'inv-1', outcomeId: null });
  });

  it('moves a running case in a reorganisation without touching its handler', () => {
    const d = decide(run([route, assign]), { type: 'move', domainId: 'leefomgeving', reason: 'reorganisatie' });
    expect(d.ok && d.state).toMatchObject({ status: 'assigned', domainId: 'leefomgeving', investigatorId: 'inv-1' });
  });
});

// Property: for every status and every command, decide() allows exactly the
// commands in the table, and a refusal names exactly those.
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.constant(route),
  fc.record({ urgent: fc.boolean(), b: fc.boolean() }).map((lanes) => ({ type: 'setLanes', lanes }) as Command),
  fc.constantFrom('inv-1', 'inv-2').map((id) => ({ ...assign, investigatorId: id }) as Command),
  fc.constant<Command>({ type: 'recordFirstContact' }),
  fc.constantFrom('KEN', 'OB', 'intervention').map((o) => ({ type: 'close', outcomeId: o }) as Command),
  fc.constantFrom('standard', 'extended', 'research').map((u) => ({ type: 'transfer', unitId: u, reason: 'r' }) as Command),
  fc.constantFrom('inkomen', 'leefomgeving').map((d) => ({ type: 'move', domainId: d, reason: 'r' }) as Command),
  fc.constant<Command>({ type: 'aftercare', note: 'n' }),
  fc.constant<Command>({ type: 'reopen', reason: 'r' }),
);

const stateArb: fc.Arbitrary<CaseState> = fc.record({
  status: fc.constantFrom<CaseStatus>(...CASE_STATUSES),
  domainId: fc.constantFrom('inkomen', 'leefomgeving', null),
  unitId: fc.constantFrom('standard' as const, 'extended' as const, null),
  investigatorId: fc.constantFrom('inv-1', null),
  lanes: fc.constant(NO_LANES),
  outcomeId: fc.constant(null),
});

describe('every transition, allowed or forbidden', () => {
  it('refuses exactly the commands outside the table, naming the allowed ones', () => {
    fc.assert(
      fc.property(stateArb, commandArb, (state, command) => {
        const d = decide(state, command);
        const allowed = allowedCommands(state.status);
        if (!allowed.includes(command.type)) {
          expect(d).toEqual({ ok: false, reason: 'forbidden', allowed });
        } else if (d.ok) {
          expect(d.event.type).toBeTruthy();
        } else {
          expect(d.reason).toBe('invalid');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves an assigned or in-progress case without an investigator, nor a tray case without a domain', () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 25 }), (commands) => {
        let state = initialState();
        for (const c of commands) {
          const d = decide(state, c);
          if (d.ok) state = d.state;
          if (state.status === 'assigned' || state.status === 'in_progress') expect(state.investigatorId).not.toBeNull();
          if (state.status === 'queued') expect(state.domainId).not.toBeNull();
          if (state.status === 'closed') expect(state.outcomeId).not.toBeNull();
          if (state.status !== 'closed') expect(state.outcomeId).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('has a table row for every status', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((s) => [s, allowedCommands(s)]))).toEqual({
      received: ['route', 'setLanes', 'close', 'transfer'],
      queued: ['setLanes', 'assign', 'close', 'transfer', 'move'],
      assigned: ['setLanes', 'assign', 'recordFirstContact', 'close', 'transfer', 'move'],
      in_progress: ['setLanes', 'assign', 'close', 'transfer', 'move'],
      closed: ['aftercare', 'reopen'],
      transferred: [],
    });
  });
});
