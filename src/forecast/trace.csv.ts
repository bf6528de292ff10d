import { parse, CsvError } from 'csv-parse/sync';
import { isLane, LANES, type StaffPeriod, type Trace, type TraceCase } from './trace.ts';

/**
 * The trace as the two CSV files of the backtest contract (issue 5), read and
 * written. Pure: text in, text out. Every problem is reported with its line
 * number, in English and Dutch, and all of them at once.
 *
 * cases.csv: case_id,received_at,domain,unit,lane,assigned_at,closed_at
 *   times in ISO 8601 (a time without zone is read as UTC; a date alone as
 *   00:00 UTC); lane one of regular, urgent, b, pop; assigned_at and closed_at
 *   may be empty.
 * staff.csv: investigator,domain,from,to,hours_per_week
 *   from and to are days (YYYY-MM-DD), both inclusive; to empty = open ended.
 */
export const CASE_COLUMNS = ['case_id', 'received_at', 'domain', 'unit', 'lane', 'assigned_at', 'closed_at'] as const;
export const STAFF_COLUMNS = ['investigator', 'domain', 'from', 'to', 'hours_per_week'] as const;

/** A problem in an input file, on a line (1 = the header). */
export interface InputError {
  line: number;
  message: string;
  /** The same in Dutch. */
  nl: string;
}

export type Parsed<T> = { ok: true; rows: T[] } | { ok: false; errors: InputError[] };

/** Hours per week above this are surely a typing error (a full week is 36-40). */
const MAX_HOURS_PER_WEEK = 80;

export function parseCasesCsv(text: string): Parsed<TraceCase> {
  const seen = new Map<string, number>();
  return parseRows(text, CASE_COLUMNS, (get, line, fail) => {
    const caseId = get('case_id');
    if (!caseId) fail('case_id: required', 'case_id: verplicht');
    else if (seen.has(caseId)) fail(`case_id: ${caseId} appears twice (first on line ${seen.get(caseId)})`, `case_id: ${caseId} komt twee keer voor (eerst op regel ${seen.get(caseId)})`);
    else seen.set(caseId, line);
    const receivedAt = time(get, 'received_at', true, fail);
    const assignedAt = time(get, 'assigned_at', false, fail);
    const closedAt = time(get, 'closed_at', false, fail);
    const domain = get('domain');
    if (!domain) fail('domain: required', 'domain: verplicht');
    const lane = get('lane').toLowerCase();
    if (!isLane(lane)) fail(`lane: must be one of ${LANES.join(', ')}, not "${lane}"`, `lane: moet een van ${LANES.join(', ')} zijn, niet "${lane}"`);
    if (receivedAt && assignedAt && assignedAt < receivedAt) fail('assigned_at: before received_at', 'assigned_at: ligt vóór received_at');
    if (receivedAt && closedAt && closedAt < (assignedAt ?? receivedAt)) {
      fail(`closed_at: before ${assignedAt ? 'assigned_at' : 'received_at'}`, `closed_at: ligt vóór ${assignedAt ? 'assigned_at' : 'received_at'}`);
    }
    if (!caseId || !receivedAt || !domain || !isLane(lane)) return null;
    return { caseId, receivedAt, domain, unit: get('unit'), lane, assignedAt, closedAt };
  });
}

export function parseStaffCsv(text: string): Parsed<StaffPeriod> {
  return parseRows(text, STAFF_COLUMNS, (get, _line, fail) => {
    const investigator = get('investigator');
    if (!investigator) fail('investigator: required', 'investigator: verplicht');
    const domain = get('domain');
    if (!domain) fail('domain: required', 'domain: verplicht');
    const from = day(get, 'from', true, fail);
    const to = day(get, 'to', false, fail);
    if (from && to && to < from) fail('to: before from', 'to: ligt vóór from');
    const raw = get('hours_per_week');
    const hoursPerWeek = Number(raw);
    if (raw === '' || !Number.isFinite(hoursPerWeek) || hoursPerWeek < 0 || hoursPerWeek > MAX_HOURS_PER_WEEK) {
      fail(`hours_per_week: not a number from 0 to ${MAX_HOURS_PER_WEEK}: "${raw}"`, `hours_per_week: geen getal van 0 tot ${MAX_HOURS_PER_WEEK}: "${raw}"`);
      return null;
    }
    if (!investigator || !domain || !from) return null;
    return { investigator, domain, from, to, hoursPerWeek };
  });
}

type Fail = (message: string, nl: string) => void;
type Get = (column: string) => string;

/** Parses a CSV with a header that must hold `columns` (any order, more allowed); one row per record or errors. */
function parseRows<T>(text: string, columns: readonly string[], toRow: (get: Get, line: number, fail: Fail) => T | null): Parsed<T> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info` each record comes as { record, info } (the types only know plain records).
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const line = typeof err.lines === 'number' ? err.lines : 1;
    return { ok: false, errors: [{ line, message: `not valid CSV: ${err.message}`, nl: `geen geldige CSV: ${err.message}` }] };
  }
  const header = records[0]?.record.map((h) => h.toLowerCase());
  const missing = columns.filter((c) => !header?.includes(c));
  if (!header || missing.length) {
    const list = missing.join(', ');
    return { ok: false, errors: [{ line: 1, message: `header: missing column(s) ${list} (expected ${columns.join(',')})`, nl: `kopregel: kolom(men) ${list} ontbreken (verwacht ${columns.join(',')})` }] };
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const rows: T[] = [];
  const errors: InputError[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const fail: Fail = (message, nl) => errors.push({ line, message, nl });
    if (record.length !== header.length) {
      fail(`${record.length} fields where the header has ${header.length}`, `${record.length} velden waar de kopregel er ${header.length} heeft`);
      continue;
    }
    const row = toRow((c) => record[index.get(c)!] ?? '', line, fail);
    if (row) rows.push(row);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function time(get: Get, column: string, required: boolean, fail: Fail): Date | null {
  const raw = get(column);
  if (!raw) {
    if (required) fail(`${column}: required`, `${column}: verplicht`);
    return null;
  }
  const m = ISO_TIME.exec(raw);
  const date = m && isCalendarDay(m[1]!) ? new Date(m[2] ? `${m[1]}T${m[2]}${m[3] ?? 'Z'}` : `${m[1]}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) {
    fail(`${column}: not an ISO 8601 time: "${raw}"`, `${column}: geen ISO 8601-tijd: "${raw}"`);
    return null;
  }
  return date;
}

function day(get: Get, column: string, required: boolean, fail: Fail): string | null {
  const raw = get(column);
  if (!raw) {
    if (required) fail(`${column}: required`, `${column}: verplicht`);
    return null;
  }
  if (!ISO_DAY.test(raw) || !isCalendarDay(raw)) {
    fail(`${column}: not a date (YYYY-MM-DD): "${raw}"`, `${column}: geen datum (JJJJ-MM-DD): "${raw}"`);
    return null;
  }
  return raw;
}

function isCalendarDay(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

// ---- writing -----------------------------------------------------------------

const iso = (d: Date | null) => (d ? d.toISOString().replace('.000Z', 'Z') : '');

/** A field quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (fields: readonly string[]) => `${fields.map(csvField).join(',')}\n`;

export function casesCsv(cases: readonly TraceCase[]): string {
  return line(CASE_COLUMNS) + cases.map((c) => line([c.caseId, iso(c.receivedAt), c.domain, c.unit, c.lane, iso(c.assignedAt), iso(c.closedAt)])).join('');
}

export function staffCsv(staff: readonly StaffPeriod[]): string {
  return line(STAFF_COLUMNS) + staff.map((p) => line([p.investigator, p.domain, p.from, p.to ?? '', String(p.hoursPerWeek)])).join('');
}

/** Both files of a trace read together. */
export function parseTrace(casesText: string, staffText: string): { ok: true; trace: Trace } | { ok: false; errors: { file: 'cases' | 'staff'; error: InputError }[] } {
  const cases = parseCasesCsv(casesText);
  const staff = parseStaffCsv(staffText);
  if (cases.ok && staff.ok) return { ok: true, trace: { cases: cases.rows, staff: staff.rows } };
  return {
    ok: false,
    errors: [
      ...(cases.ok ? [] : cases.errors.map((error) => ({ file: 'cases' as const, error }))),
      ...(staff.ok ? [] : staff.errors.map((error) => ({ file: 'staff' as const, error }))),
    ],
  };
}
