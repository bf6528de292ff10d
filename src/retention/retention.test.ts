import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY, applyEvent, type StoredEvent } from '../core/replay.ts';
import {
  ANONYMISED, countByDomainAndYear, fingerprint, holdOf, monthsBefore, scrubPayload, select, ZRetentionSettings, type RetentionCandidate,
} from './retention.ts';

const d = (iso: string) => new Date(iso);
const cutoff = d('2024-03-01T00:00:00Z');

function closed(over: Partial<RetentionCandidate> = {}): RetentionCandidate {
  return {
    id: 'c1', dossierNumber: '2023.000001', domainId: 'inkomen', status: 'closed', closedAt: d('2024-01-15T10:00:00Z'), anonymisedAt: null,
    lastEventAt: d('2024-01-15T10:00:00Z'), inOpenCluster: false, openCallback: false, noticePending: false, ...over,
  };
}

describe('the retention period', () => {
  it('counts back whole calendar months, clamping to the end of a shorter month', () => {
    expect(monthsBefore(d('2026-03-02T09:00:00Z'), 24)).toEqual(d('2024-03-02T09:00:00Z'));
    expect(monthsBefore(d('2025-05-31T12:00:00Z'), 3)).toEqual(d('2025-02-28T12:00:00Z'));
    expect(monthsBefore(d('2024-05-31T12:00:00Z'), 3)).toEqual(d('2024-02-29T12:00:00Z'));
    expect(monthsBefore(d('2025-01-15T00:00:00Z'), 13)).toEqual(d('2023-12-15T00:00:00Z'));
  });

  it('defaults to 24 months and refuses a period under 6 months or over 10 years', () => {
    expect(ZRetentionSettings.parse({})).toEqual({ months: 24 });
    expect(ZRetentionSettings.safeParse({ months: 5 }).success).toBe(false);
    expect(ZRetentionSettings.safeParse({ months: 121 }).success).toBe(false);
    expect(ZRetentionSettings.safeParse({ months: 6.5 }).success).toBe(false);
  });
});

describe('which cases are due', () => {
  it('takes a closed case whose closing and last event lie at or before the cutoff', () => {
    expect(holdOf(closed(), cutoff)).toBeNull();
    expect(holdOf(closed({ closedAt: cutoff, lastEventAt: cutoff }), cutoff)).toBeNull();
  });

  it.each([
    ['notClosed', { status: 'in_progress', closedAt: null }],
    ['notClosed', { status: 'closed', closedAt: null }],
    ['anonymised', { anonymisedAt: d('2024-02-01T00:00:00Z') }],
    ['withinPeriod', { closedAt: d('2024-03-01T00:00:01Z'), lastEventAt: d('2024-03-01T00:00:01Z') }],
    ['activityAfterClosing', { lastEventAt: d('2024-06-01T00:00:00Z') }],
    ['openCluster', { inOpenCluster: true }],
    ['openCallback', { openCallback: true }],
    ['noticePending', { noticePending: true }],
  ] as const)('holds it: %s', (reason, over) => {
    expect(holdOf(closed(over), cutoff)).toBe(reason);
  });

  it('selects the due ones oldest first and counts the held ones past the cutoff by reason', () => {
    const s = select([
      closed({ id: 'b', dossierNumber: '2023.000002', closedAt: d('2023-06-01T00:00:00Z') }),
      closed({ id: 'a', dossierNumber: '2023.000001', closedAt: d('2023-02-01T00:00:00Z') }),
      closed({ id: 'x', inOpenCluster: true }),
      closed({ id: 'y', lastEventAt: d('2024-04-01T00:00:00Z') }),
      closed({ id: 'z', closedAt: d('2024-05-01T00:00:00Z'), lastEventAt: d('2024-05-01T00:00:00Z') }),
    ], cutoff);
    expect(s.due.map((c) => c.id)).toEqual(['a', 'b']);
    expect(s.held).toEqual({ openCluster: 1, activityAfterClosing: 1 });
  });

  it('counts per domain and year of closing', () => {
    const due = [
      { id: '1', dossierNumber: '1', domainId: 'inkomen', closedAt: d('2022-12-31T23:00:00Z') },
      { id: '2', dossierNumber: '2', domainId: 'inkomen', closedAt: d('2023-01-01T00:00:00Z') },
      { id: '3', dossierNumber: '3', domainId: 'inkomen', closedAt: d('2023-05-01T00:00:00Z') },
      { id: '4', dossierNumber: '4', domainId: null, closedAt: d('2023-05-01T00:00:00Z') },
      { id: '5', dossierNumber: '5', domainId: 'leefomgeving', closedAt: d('2023-05-01T00:00:00Z') },
    ];
    expect(countByDomainAndYear(due)).toEqual([
      { domainId: null, year: 2023, count: 1 },
      { domainId: 'inkomen', year: 2022, count: 1 },
      { domainId: 'inkomen', year: 2023, count: 2 },
      { domainId: 'leefomgeving', year: 2023, count: 1 },
    ]);
  });

  it('fingerprints the selection, whatever its order, and changes with it', () => {
    const a = { id: 'a', dossierNumber: '1', domainId: null, closedAt: cutoff };
    const b = { ...a, id: 'b' };
    expect(fingerprint([a, b])).toBe(fingerprint([b, a]));
    expect(fingerprint([a, b])).not.toBe(fingerprint([a]));
    expect(fingerprint([a])).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('anonymising an event', () => {
  it('replaces what people typed and keeps every field replay and statistics read', () => {
    expect(scrubPayload({ investigatorId: 'i1', previousInvestigatorId: null, proposal: 'Bel mevrouw Jansen', handlingType: 'intervention' }))
      .toEqual({ investigatorId: 'i1', previousInvestigatorId: null, proposal: ANONYMISED, handlingType: 'intervention' });
    expect(scrubPayload({ outcomeId: 'intervention', registration: { agreement: 'Uitkering voor J. Jansen hersteld', samePetitionerAs: '2023.000004' } }))
      .toEqual({ outcomeId: 'intervention', registration: { agreement: ANONYMISED, samePetitionerAs: '2023.000004' } });
    expect(scrubPayload({ from: { unitId: 'standard', domainId: 'inkomen' }, to: { unitId: 'extended', domainId: 'inkomen' }, previousInvestigatorId: null, reason: 'Complex: Jansen' }))
      .toEqual({ from: { unitId: 'standard', domainId: 'inkomen' }, to: { unitId: 'extended', domainId: 'inkomen' }, previousInvestigatorId: null, reason: ANONYMISED });
    expect(scrubPayload({ text: 'Mevrouw belde', kind: 'note' })).toEqual({ text: ANONYMISED, kind: 'note' });
    expect(scrubPayload({ fileName: 'paspoort-jansen.pdf', contentType: 'application/pdf', size: 120, attachmentId: 'x' }))
      .toEqual({ fileName: ANONYMISED, contentType: 'application/pdf', size: 120, attachmentId: 'x' });
    expect(scrubPayload({ criteria: ['c1'], labels: ['Geen belang'], note: 'Zie brief', decision: 'ob' }))
      .toEqual({ criteria: ['c1'], labels: ['Geen belang'], note: ANONYMISED, decision: 'ob' });
    expect(scrubPayload({ criteria: [], labels: [], note: null, decision: 'not_ob' })).toEqual({ criteria: [], labels: [], note: null, decision: 'not_ob' });
  });

  it('leaves a payload without free text as it is, and an anonymised one too (idempotent)', () => {
    const routed = { domainId: 'inkomen', unitId: 'standard', suggested: { domainId: 'inkomen', unitId: 'standard' }, overridden: false };
    expect(scrubPayload(routed)).toBe(routed);
    const once = scrubPayload({ note: 'Nazorg: gebeld met dhr. Pietersen' });
    expect(scrubPayload(once)).toBe(once);
  });

  const TYPES = ['registered', 'routed', 'lanes_changed', 'assigned', 'first_contact', 'closed', 'transferred', 'moved', 'reopened', 'aftercare', 'note_added', 'ob_screened'];
  const text = fc.string({ maxLength: 12 });
  const payload = fc.record({
    domainId: fc.option(fc.constantFrom('inkomen', 'leefomgeving'), { nil: undefined }),
    unitId: fc.option(fc.constantFrom('standard', 'extended'), { nil: undefined }),
    investigatorId: fc.option(fc.uuid(), { nil: undefined }),
    urgent: fc.option(fc.boolean(), { nil: undefined }),
    lanes: fc.option(fc.record({ urgent: fc.boolean(), b: fc.boolean() }), { nil: undefined }),
    to: fc.option(fc.record({ unitId: fc.constantFrom('standard', 'extended', 'research'), domainId: fc.constantFrom('inkomen', 'leefomgeving') }), { nil: undefined }),
    proposal: fc.option(text, { nil: undefined }),
    reason: fc.option(text, { nil: undefined }),
    note: fc.option(text, { nil: undefined }),
    text: fc.option(text, { nil: undefined }),
    registration: fc.option(fc.dictionary(fc.constantFrom('reason', 'agreement', 'samePetitionerAs'), text), { nil: undefined }),
  }, { requiredKeys: [] });

  it('never changes what replay makes of a case (any events, any free texts)', () => {
    fc.assert(fc.property(fc.array(fc.record({ type: fc.constantFrom(...TYPES), payload }), { maxLength: 15 }), (list) => {
      const events: StoredEvent[] = list.map((e, i) => ({ type: e.type, at: new Date(Date.UTC(2023, 0, 1 + i)), payload: JSON.parse(JSON.stringify(e.payload)) }));
      const scrubbed = events.map((e) => ({ ...e, payload: scrubPayload(e.payload) }));
      expect(scrubbed.reduce(applyEvent, EMPTY)).toEqual(events.reduce(applyEvent, EMPTY));
      for (const e of scrubbed) {
        for (const key of ['proposal', 'reason', 'note', 'text']) if (typeof e.payload[key] === 'string') expect(e.payload[key]).toBe(ANONYMISED);
      }
    }), { numRuns: 300 });
  });
});
