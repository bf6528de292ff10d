import { describe, expect, it } from 'vitest';
import { gripEnv, runGrip } from '../testing/process.ts';
import { clockState, suspendedDays, wooDeadline, workingDaysBetween } from './woo-clock.ts';

describe('the Woo decision clock (art. 4.4 Woo, Algemene termijnenwet)', () => {
  it('is four calendar weeks after the day of receipt', () => {
    // Monday 2 November 2026 → Monday 30 November 2026
    expect(wooDeadline({ received: '2026-11-02' })).toBe('2026-11-30');
  });

  it('runs two weeks longer once extended', () => {
    expect(wooDeadline({ received: '2026-11-02', extended: true })).toBe('2026-12-14');
  });

  it('stands still for the days third parties were asked for their view', () => {
    // 30 November + 10 days suspended = Thursday 10 December
    expect(wooDeadline({ received: '2026-11-02', suspendedDays: 10 })).toBe('2026-12-10');
    expect(wooDeadline({ received: '2026-11-02', extended: true, suspendedDays: 3 })).toBe('2026-12-17');
  });

  it('moves a deadline on a public holiday to the next working day', () => {
    // Friday 27 November + 4 weeks = Friday 25 December (Eerste Kerstdag); 26 is Tweede Kerstdag (Saturday), 27 a Sunday → Monday 28 December
    expect(wooDeadline({ received: '2026-11-27' })).toBe('2026-12-28');
    // Koningsdag Tuesday 27 April 2027 → Wednesday 28 April
    expect(wooDeadline({ received: '2027-03-30' })).toBe('2027-04-28');
    // Hemelvaartsdag Thursday 6 May 2027 → Friday 7 May
    expect(wooDeadline({ received: '2027-04-08' })).toBe('2027-05-07');
    // Bevrijdingsdag counts every year under the Atw: Tuesday 5 May 2026 → Wednesday 6 May
    expect(wooDeadline({ received: '2026-04-07' })).toBe('2026-05-06');
    // Nieuwjaarsdag Friday 1 January 2027 → Monday 4 January
    expect(wooDeadline({ received: '2026-12-04' })).toBe('2027-01-04');
    // a suspension that pushes the deadline onto Christmas: 18 December + 7 days = 25 December → 28 December
    expect(wooDeadline({ received: '2026-11-20', suspendedDays: 7 })).toBe('2026-12-28');
  });

  it('moves a deadline on a weekend, but not one on Good Friday (not an Atw holiday)', () => {
    expect(wooDeadline({ received: '2026-11-07' })).toBe('2026-12-07'); // Saturday 5 December → Monday 7 December
    expect(wooDeadline({ received: '2027-02-26' })).toBe('2027-03-26'); // Goede Vrijdag 2027
  });

  it('counts the extension from the unmoved four weeks', () => {
    // 27 November + 6 weeks = Friday 8 January 2027 (not 28 December + 2 weeks)
    expect(wooDeadline({ received: '2026-11-27', extended: true })).toBe('2027-01-08');
  });

  it('refuses a negative or fractional suspension', () => {
    expect(() => wooDeadline({ received: '2026-11-02', suspendedDays: -1 })).toThrow(RangeError);
    expect(() => wooDeadline({ received: '2026-11-02', suspendedDays: 1.5 })).toThrow(RangeError);
  });
});

describe('where a request stands on its clock', () => {
  const base = { received: '2026-11-02', extended: false, suspensions: [], decided: false };

  it('warns five working days ahead and after the deadline', () => {
    expect(clockState(base, '2026-11-20')).toEqual({ kind: 'running', due: '2026-11-30', workingDaysLeft: 6 });
    expect(clockState(base, '2026-11-23')).toEqual({ kind: 'soon', due: '2026-11-30', workingDaysLeft: 5 });
    expect(clockState(base, '2026-12-02')).toEqual({ kind: 'overdue', due: '2026-11-30', daysLate: 2 });
    expect(clockState({ ...base, decided: true }, '2026-12-02').kind).toBe('decided');
  });

  it('shows an open suspension, its days counting up to today', () => {
    const suspensions = [{ startedOn: '2026-11-10', endedOn: '2026-11-13' }, { startedOn: '2026-11-20', endedOn: null }];
    expect(suspendedDays(suspensions, '2026-11-25')).toBe(3 + 5);
    expect(clockState({ ...base, suspensions }, '2026-11-25')).toEqual({ kind: 'suspended', due: '2026-12-08', since: '2026-11-20' });
  });

  it('counts working days without weekends and holidays', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-28')).toBe(1); // 25, 26 holidays, 27 Sunday, 28 Monday
  });
});

describe('grip woo deadline', () => {
  it('prints the due date on its last line', async () => {
    const run = await runGrip(['woo', 'deadline', '--received', '2026-11-27'], gripEnv({}));
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('2026-12-28');
    const longer = await runGrip(['woo', 'deadline', '--received', '2026-11-02', '--extended', '--suspended-days', '3'], gripEnv({}));
    expect(longer.stdout.trim().split('\n').at(-1)).toBe('2026-12-17');
  });

  it('refuses a date that does not exist', async () => {
    const run = await runGrip(['woo', 'deadline', '--received', '2026-02-30'], gripEnv({}));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not a date');
  });
});
