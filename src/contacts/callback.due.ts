/**
 * When a callback request is due if the caller was promised no time: 12:00
 * Amsterdam time on the next working day (Monday to Friday; public holidays
 * are not known to Grip yet). Pure: the moment of the call is passed in.
 */
const ZONE = 'Europe/Amsterdam';
const DAY_MS = 86_400_000;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  hourCycle: 'h23',
});

/** The wall-clock time in Amsterdam of a moment, as if it were UTC (for date arithmetic). */
function amsterdamWallClock(at: Date): Date {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, Number(x.value)]));
  return new Date(Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!));
}

/** The moment it is `hour`:00 in Amsterdam on a calendar day (given as a UTC midnight). */
function amsterdamAt(day: Date, hour: number): Date {
  const guess = new Date(day.getTime() + hour * 3_600_000);
  // the offset at noon is never ambiguous: clocks change at night
  const offset = amsterdamWallClock(guess).getTime() - guess.getTime();
  return new Date(guess.getTime() - offset);
}

export function defaultCallbackDue(callAt: Date): Date {
  const local = amsterdamWallClock(callAt);
  let day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) + DAY_MS);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day = new Date(day.getTime() + DAY_MS);
  return amsterdamAt(day, 12);
}
