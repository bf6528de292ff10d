import { describe, expect, it } from 'vitest';
import { defaultCallbackDue } from './callback.due.ts';

describe('the default due time of a callback request', () => {
  it('is noon in Amsterdam on the next working day, in winter and in summer time', () => {
    expect(defaultCallbackDue(new Date('2026-03-02T09:00:00Z')).toISOString()).toBe('2026-03-03T11:00:00.000Z'); // Mon -> Tue, CET
    expect(defaultCallbackDue(new Date('2026-06-10T15:00:00Z')).toISOString()).toBe('2026-06-11T10:00:00.000Z'); // Wed -> Thu, CEST
  });

  it('skips the weekend, and counts the day in Amsterdam, not in UTC', () => {
    expect(defaultCallbackDue(new Date('2026-03-06T16:00:00Z')).toISOString()).toBe('2026-03-09T11:00:00.000Z'); // Fri -> Mon
    expect(defaultCallbackDue(new Date('2026-03-07T10:00:00Z')).toISOString()).toBe('2026-03-09T11:00:00.000Z'); // Sat -> Mon
    // Sunday 23:30 UTC is already Monday 00:30 in Amsterdam: due Tuesday
    expect(defaultCallbackDue(new Date('2026-03-08T23:30:00Z')).toISOString()).toBe('2026-03-10T11:00:00.000Z');
  });

  it('lands on the right hour across the change to summer time', () => {
    // Friday 27 March 2026 -> Monday 30 March, after the clocks went forward on the 29th
    expect(defaultCallbackDue(new Date('2026-03-27T12:00:00Z')).toISOString()).toBe('2026-03-30T10:00:00.000Z');
  });
});
