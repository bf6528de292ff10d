import { describe, expect, it } from 'vitest';
import { fromLocalInput, startOfAmsterdamDay, toLocalInput } from './contact.time.ts';

describe('Amsterdam time in a datetime-local field', () => {
  it('reads a summer time the way a clock in Amsterdam shows it', () => {
    expect(fromLocalInput('2026-07-01T12:00')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(fromLocalInput('2026-03-29T12:00')?.toISOString()).toBe('2026-03-29T10:00:00.000Z'); // the day the clocks go forward
    expect(fromLocalInput('2026-02-30T12:00')).toBeNull();
    expect(fromLocalInput('2026-03-03 25:00')).toBeNull();
  });

  it('shows a moment as Amsterdam’s wall clock, and knows where the Amsterdam day starts', () => {
    expect(toLocalInput(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16T00:30');
    expect(toLocalInput(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00');
    expect(startOfAmsterdamDay(new Date('2026-01-15T23:30:00Z')).toISOString()).toBe('2026-01-15T23:00:00.000Z');
    expect(startOfAmsterdamDay(new Date('2026-07-01T10:00:00Z')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });
});
