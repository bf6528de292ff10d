import { describe, expect, it } from 'vitest';
import { percentile, stateAt, weekStart, type StoredEvent } from './replay.ts';

const ev = (type: string, at: string, payload: Record<string, unknown> = {}): StoredEvent => ({ type, at: new Date(at), payload });

describe('stateAt', () => {
  const events = [
    ev('registered', '2024-01-01T09:00:00Z'),
    ev('routed', '2024-01-02T09:00:00Z', { domainId: 'inkomen', unitId: 'standard' }),
    ev('moved', '2024-01-03T09:00:00Z', { to: { domainId: 'leefomgeving', unitId: 'standard' } }),
    ev('assigned', '2024-01-10T09:00:00Z', { investigatorId: 'a' }),
    ev('first_contact', '2024-01-11T09:00:00Z'),
    ev('closed', '2024-01-20T09:00:00Z', { outcomeId: 'KEN' }),
    ev('reopened', '2024-02-01T09:00:00Z', { reason: 'x' }),
    ev('transferred', '2024-02-05T09:00:00Z', { to: { unitId: 'extended', domainId: 'leefomgeving' } }),
  ];
  it('follows the case through its life, including a move, a reopening and a transfer back into a tray', () => {
    expect(stateAt(events, new Date('2024-01-02T12:00:00Z'))).toMatchObject({ status: 'queued', domainId: 'inkomen' });
    expect(stateAt(events, new Date('2024-01-05T00:00:00Z'))).toMatchObject({ status: 'queued', domainId: 'leefomgeving' });
    expect(stateAt(events, new Date('2024-01-15T00:00:00Z'))).toMatchObject({ status: 'in_progress', investigatorId: 'a' });
    expect(stateAt(events, new Date('2024-01-25T00:00:00Z')).status).toBe('closed');
    expect(stateAt(events, new Date('2024-02-02T00:00:00Z')).status).toBe('in_progress');
    expect(stateAt(events, new Date('2024-02-06T00:00:00Z'))).toMatchObject({ status: 'queued', unitId: 'extended', investigatorId: null });
    expect(stateAt(events, new Date('2024-02-06T00:00:00Z')).firstAssignedAt?.toISOString()).toBe('2024-01-10T09:00:00.000Z');
  });
});

describe('percentile and weeks', () => {
  it('takes the nearest rank', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(xs, 0.5), percentile(xs, 0.8), percentile(xs, 0.95)]).toEqual([5, 8, 10]);
    expect(percentile([], 0.5)).toBeNull();
  });
  it('starts weeks on Monday', () => {
    expect(weekStart(new Date('2024-01-14T23:00:00Z'))).toBe('2024-01-08');
    expect(weekStart(new Date('2024-01-15T00:00:00Z'))).toBe('2024-01-15');
  });
});
