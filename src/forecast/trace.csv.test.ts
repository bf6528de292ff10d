import { describe, expect, it } from 'vitest';
import { casesCsv, parseCasesCsv, parseStaffCsv, parseTrace, staffCsv } from './trace.csv.ts';
import { generateTrace } from './trace.generate.ts';

const HEADER = 'case_id,received_at,domain,unit,lane,assigned_at,closed_at';

describe('reading and writing traces as CSV', () => {
  it('reads back what it writes', () => {
    const trace = generateTrace('drop', 2);
    const back = parseTrace(casesCsv(trace.cases), staffCsv(trace.staff));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.trace).toEqual(trace);
  });

  it('reads ISO 8601 times with an offset, without a zone (as UTC) and dates alone (00:00 UTC); columns in any order', () => {
    const text = [
      'lane,case_id,received_at,assigned_at,closed_at,domain,unit',
      'urgent,a,2024-01-05T10:00:00+01:00,2024-01-05T12:30,,inkomen,standard',
      'B,b,2024-01-05,,,inkomen,extended',
    ].join('\r\n');
    const parsed = parseCasesCsv(`\uFEFF${text}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows[0]!.receivedAt.toISOString()).toBe('2024-01-05T09:00:00.000Z');
    expect(parsed.rows[0]!.assignedAt!.toISOString()).toBe('2024-01-05T12:30:00.000Z');
    expect(parsed.rows[1]).toMatchObject({ caseId: 'b', lane: 'b', unit: 'extended', assignedAt: null, closedAt: null });
    expect(parsed.rows[1]!.receivedAt.toISOString()).toBe('2024-01-05T00:00:00.000Z');
  });

  it('reports every bad row with its line number, in English and Dutch', () => {
    const text = [
      HEADER,
      'a,2024-01-05T10:00:00Z,inkomen,standard,regular,,',
      'b,5 januari,inkomen,standard,regular,,', // line 3
      'a,2024-01-05T10:00:00Z,inkomen,standard,spoed,,', // line 4: twice, and an unknown lane
      'c,2024-01-05T10:00:00Z,inkomen,standard,regular,2024-01-04T10:00:00Z,', // line 5
      'd,2024-02-30T10:00:00Z,inkomen,standard,regular,,', // line 6: no such day
      'e,2024-01-05T10:00:00Z,inkomen', // line 7
    ].join('\n');
    const parsed = parseCasesCsv(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.map((e) => `${e.line} ${e.message}`)).toEqual([
      '3 received_at: not an ISO 8601 time: "5 januari"',
      '4 case_id: a appears twice (first on line 2)',
      '4 lane: must be one of regular, urgent, b, pop, not "spoed"',
      '5 assigned_at: before received_at',
      '6 received_at: not an ISO 8601 time: "2024-02-30T10:00:00Z"',
      '7 3 fields where the header has 7',
    ]);
    expect(parsed.errors[0]!.nl).toBe('received_at: geen ISO 8601-tijd: "5 januari"');
  });

  it('names missing header columns, and the line of broken quoting', () => {
    const noLane = parseCasesCsv('case_id,received_at,domain,unit,assigned_at,closed_at\n');
    expect(noLane.ok ? [] : noLane.errors).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('missing column(s) lane'), nl: expect.stringContaining('ontbreken') }),
    ]);
    const quote = parseCasesCsv(`${HEADER}\na,2024-01-05T10:00:00Z,inkomen,standard,regular,,\n"b,2024-01-05T10:00:00Z\n`);
    expect(quote.ok ? [] : quote.errors.map((e) => e.line)).toEqual([3]);
  });

  it('checks the staff plan: days, an end not before the start, hours per week', () => {
    const text = [
      'investigator,domain,from,to,hours_per_week',
      'jan,inkomen,2024-01-01,,36',
      'piet,inkomen,2024-01-01,2023-12-31,36', // line 3
      'kees,inkomen,1-1-2024,,36', // line 4
      'anna,inkomen,2024-01-01,,zesendertig', // line 5
      'bob,inkomen,2024-01-01,,360', // line 6
    ].join('\n');
    const parsed = parseStaffCsv(text);
    expect(parsed.ok ? [] : parsed.errors.map((e) => `${e.line} ${e.message}`)).toEqual([
      '3 to: before from',
      '4 from: not a date (YYYY-MM-DD): "1-1-2024"',
      '5 hours_per_week: not a number from 0 to 80: "zesendertig"',
      '6 hours_per_week: not a number from 0 to 80: "360"',
    ]);
    const good = parseStaffCsv(text.split('\n').slice(0, 2).join('\n'));
    expect(good.ok && good.rows).toEqual([{ investigator: 'jan', domain: 'inkomen', from: '2024-01-01', to: null, hoursPerWeek: 36 }]);
  });
});
