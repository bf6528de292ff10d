/**
 * Which week's overview is due at a moment (pure). The overview goes out on
 * Monday at 07:00 in Amsterdam; from then until the next Monday 07:00 the
 * due week is that ISO week. Before 07:00 on a Monday, last week's is still
 * the one due, so a node starting at 06:00 does not send this week's early.
 */
export const WEEKMAIL_TIME_ZONE = 'Europe/Amsterdam';
export const WEEKMAIL_HOUR = 7;
/** pg-boss cron: Monday 07:00 in WEEKMAIL_TIME_ZONE. */
export const WEEKMAIL_CRON = `0 ${WEEKMAIL_HOUR} * * 1`;

const DAY_MS = 86_400_000;

const localParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: WEEKMAIL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23',
});

/** The calendar date (as a UTC midnight) and hour in Amsterdam at `at`. */
function amsterdam(at: Date): { date: Date; hour: number } {
  const p = Object.fromEntries(localParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day))), hour: Number(p.hour) };
}

/** ISO 8601 week of a calendar date (UTC midnight): `2026-W49`. */
export function isoWeek(date: Date): string {
  const day = (date.getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const thursday = new Date(date.getTime() + (3 - day) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface WeekmailPeriod {
  /** ISO week, the period key: `2026-W49`. */
  week: string;
  /** The Monday of that week (YYYY-MM-DD, Amsterdam). */
  monday: string;
}

/** The week whose overview is due at `now`. */
export function weekmailPeriod(now: Date): WeekmailPeriod {
  const { date, hour } = amsterdam(now);
  const weekday = (date.getUTCDay() + 6) % 7;
  const back = weekday === 0 && hour < WEEKMAIL_HOUR ? 7 : weekday;
  const monday = new Date(date.getTime() - back * DAY_MS);
  return { week: isoWeek(monday), monday: monday.toISOString().slice(0, 10) };
}
