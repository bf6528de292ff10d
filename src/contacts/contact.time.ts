/**
 * Amsterdam wall-clock time as a datetime-local field shows and sends it
 * ('YYYY-MM-DDTHH:mm', no zone): the phone pages show and read times the way
 * the clock on the wall in the office shows them.
 */
const wall = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const wallParts = (at: Date) => Object.fromEntries(wall.formatToParts(at).map((x) => [x.type, x.value]));

/** 'YYYY-MM-DDTHH:mm' in Amsterdam. */
export function toLocalInput(at: Date): string {
  const p = wallParts(at);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The moment a datetime-local value (Amsterdam time) stands for; null when it is no date and time. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(asUtc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  // shift by Amsterdam's offset at that moment (twice: the offset may differ across a clock change)
  let guess = asUtc;
  for (let i = 0; i < 2; i += 1) guess = asUtc - (Date.parse(`${toLocalInput(new Date(guess))}:00Z`) - guess);
  return new Date(guess);
}

/** The start of the Amsterdam calendar day a moment falls in. */
export const startOfAmsterdamDay = (at: Date): Date => fromLocalInput(`${toLocalInput(at).slice(0, 10)}T00:00`)!;
