import { describe, expect, it } from 'vitest';
import { composeWeekmail, nextStep, type CaseInProgress, type DomainTray } from './weekmail.compose.tsx';
import { isoWeek, weekmailPeriod } from './week.ts';

const now = new Date('2026-11-30T06:00:00Z'); // Monday 07:00 in Amsterdam
const period = weekmailPeriod(now);
const anna = { id: 'a', name: 'Anna de Vries', roles: ['investigator'] };
const bert = { id: 'b', name: 'Bert Jansen', roles: ['investigator'] };

function kase(over: Partial<CaseInProgress> & { dossierNumber: string }): CaseInProgress {
  return {
    id: over.dossierNumber, status: 'in_progress', receivedAt: new Date('2026-10-01T10:00:00Z'),
    investigatorId: 'a', investigatorName: 'Anna de Vries', domainId: 'inkomen',
    lastEvent: { type: 'first_contact', at: new Date('2026-11-20T10:00:00Z') }, ...over,
  };
}

const tray: DomainTray = {
  domainId: 'inkomen', domainName: 'Inkomen', waiting: { standard: 40, extended: 2 }, oldestReceivedAt: new Date('2026-09-28T10:00:00Z'),
};

describe('the week that is due', () => {
  it('is the ISO week from Monday 07:00 in Amsterdam until the next Monday 07:00', () => {
    expect(period).toEqual({ week: '2026-W49', monday: '2026-11-30' });
    // 06:59 on that Monday in Amsterdam (CET, UTC+1): still last week's
    expect(weekmailPeriod(new Date('2026-11-30T05:59:00Z'))).toEqual({ week: '2026-W48', monday: '2026-11-23' });
    // Sunday late evening in Amsterdam, already Monday nowhere else
    expect(weekmailPeriod(new Date('2026-12-06T22:30:00Z')).week).toBe('2026-W49');
    // summer time (UTC+2): Monday 07:00 is 05:00 UTC
    expect(weekmailPeriod(new Date('2026-06-29T04:59:00Z')).week).toBe('2026-W26');
    expect(weekmailPeriod(new Date('2026-06-29T05:00:00Z')).week).toBe('2026-W27');
  });

  it('numbers weeks as ISO 8601 does around new year', () => {
    expect(isoWeek(new Date('2026-12-28T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    // the Monday of the week that holds 1 January 2027 lies in 2026-W53
    expect(weekmailPeriod(new Date('2027-01-01T12:00:00Z'))).toEqual({ week: '2026-W53', monday: '2026-12-28' });
  });
});

describe('the next step on a case', () => {
  it('follows what the lifecycle allows', () => {
    expect(nextStep('assigned')).toBe('eerste contact opnemen');
    expect(nextStep('in_progress')).toBe('afhandelen en afsluiten');
    expect(nextStep('closed')).toBe('geen');
  });
});

describe("an investigator's overview", () => {
  const own = [
    kase({ dossierNumber: '2026-000100' }),
    kase({ dossierNumber: '2026-000200', status: 'assigned', receivedAt: new Date('2026-11-09T10:00:00Z'), lastEvent: { type: 'assigned', at: new Date('2026-11-27T09:00:00Z') } }),
  ];
  const mail = composeWeekmail({ recipient: anna, period, now, ownCases: own, domains: [{ tray, cases: own }] })!;

  it('lists each case with its age, last action and next step, first contact first', () => {
    const lines = mail.text.split('\n');
    const first = lines.findIndex((l) => l.startsWith('2026-000200'));
    const second = lines.findIndex((l) => l.startsWith('2026-000100'));
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(first + 1);
    expect(lines[first]).toMatch(/^2026-000200\s+2 weken\s+toegewezen, 27 nov 2026\s+eerste contact opnemen$/);
    expect(lines[second]).toMatch(/^2026-000100\s+8 weken\s+eerste contact, 20 nov 2026\s+afhandelen en afsluiten$/);
    expect(mail.text).toContain('Uw zaken in behandeling: 2 zaken, waarvan 1 nog zonder eerste contact.');
    expect(mail.subject).toBe('Weekoverzicht week 49: 2 zaken in behandeling');
  });

  it('leaves out the domain part for someone who is not a coordinator', () => {
    expect(mail.text).not.toContain('Domein Inkomen');
  });

  it('has the same content as HTML, escaped', () => {
    const html = composeWeekmail({ recipient: { ...anna, name: 'Anna <b>&</b>' }, period, now, ownCases: own, domains: [] })!.html;
    expect(html).toMatch(/<td[^>]*>2026-000200<\/td><td[^>]*>2 weken<\/td><td[^>]*>toegewezen, 27 nov 2026<\/td><td[^>]*>eerste contact opnemen<\/td>/);
    expect(html).toContain('Beste Anna &lt;b>&amp;&lt;/b>,');
    expect(html).not.toContain('<b>');
  });

  it('says so when there are no cases', () => {
    const empty = composeWeekmail({ recipient: anna, period, now, ownCases: [], domains: [] })!;
    expect(empty.text).toContain('U hebt geen zaken in behandeling.');
    expect(empty.subject).toBe('Weekoverzicht week 49: 0 zaken in behandeling');
  });

  it('lists the 50 most urgent of many cases, then how many more, within the outbox limits', () => {
    // ~1,400 cases in progress: an investigator who took over a whole tray
    const many = Array.from({ length: 1_400 }, (_, i) => kase({
      dossierNumber: `2026-${String(10_000 + i).padStart(6, '0')}`,
      status: i % 100 === 99 ? 'assigned' : 'in_progress',
      lastEvent: { type: 'note_added', at: new Date(Date.UTC(2026, 10, 1) + i * 60_000) },
    }));
    const big = composeWeekmail({ recipient: anna, period, now, ownCases: many, domains: [] })!;
    expect(big.html.length).toBeLessThan(100_000);
    expect(big.text.length).toBeLessThan(50_000);
    expect(big.text).toContain('Uw zaken in behandeling: 1400 zaken, waarvan 14 nog zonder eerste contact.');
    const listed = (s: string) => [...s.matchAll(/2026-0\d{5}/g)].map((m) => m[0]);
    expect(listed(big.text)).toHaveLength(50);
    expect(listed(big.html)).toEqual(listed(big.text));
    // first contact first (the 14 assigned), then the longest without an action
    expect(listed(big.text).slice(0, 14)).toEqual(many.filter((c) => c.status === 'assigned').map((c) => c.dossierNumber));
    expect(listed(big.text)[14]).toBe('2026-010000');
    expect(big.text).toContain('… en 1350 meer');
    expect(big.html).toContain('… en 1350 meer');
    expect(mail.text).not.toContain('meer');
  });

  it('is null for someone who is neither investigator nor coordinator', () => {
    expect(composeWeekmail({ recipient: { id: 'm', name: 'Manager', roles: ['teamManager'] }, period, now, ownCases: [], domains: [] })).toBeNull();
  });
});

describe("a coordinator's overview", () => {
  const cases = [
    kase({ dossierNumber: '2026-000100' }),
    kase({ dossierNumber: '2026-000101', status: 'assigned', lastEvent: { type: 'assigned', at: new Date('2026-10-20T10:00:00Z') } }),
    kase({ dossierNumber: '2026-000300', investigatorId: 'b', investigatorName: 'Bert Jansen', lastEvent: { type: 'note_added', at: new Date('2026-11-02T10:00:00Z') } }),
    kase({ dossierNumber: '2026-000301', investigatorId: 'b', investigatorName: 'Bert Jansen', lastEvent: null, receivedAt: new Date('2026-11-25T10:00:00Z') }),
  ];
  const mail = composeWeekmail({ recipient: { id: 'c', name: 'Carla', roles: ['coordinator'] }, period, now, ownCases: [], domains: [{ tray, cases }] })!;

  it('gives the tray size and its oldest wait', () => {
    expect(mail.text).toContain('Domein Inkomen\n  In de bak: 42 zaken (KB 40, UKB 2); langst wachtend 8 weken (sinds 28 sep 2026)');
    expect(mail.subject).toBe('Weekoverzicht week 49: Inkomen');
    expect(mail.text).not.toContain('Uw zaken in behandeling');
  });

  it('counts the cases in progress per investigator', () => {
    expect(mail.text).toContain('In behandeling: 4 zaken');
    expect(mail.text).toMatch(/ {4}Anna de Vries\s+2\s+1\n/);
    expect(mail.text).toMatch(/ {4}Bert Jansen\s+2\s+0\n/);
  });

  it('names the cases without an action for more than three weeks, longest first', () => {
    expect(mail.text).toContain('Zonder handeling sinds meer dan 3 weken: 2 zaken');
    const a = mail.text.indexOf('2026-000101  Anna de Vries');
    const b = mail.text.indexOf('2026-000300  Bert Jansen');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(mail.text).toMatch(/2026-000300 {2}Bert Jansen {8}notitie of actie, 2 nov 2026/);
    expect(mail.text.match(/2026-000100/g)).toBeNull();
  });

  it('combines both parts for someone with both roles', () => {
    const both = composeWeekmail({ recipient: { ...anna, roles: ['investigator', 'coordinator'] }, period, now, ownCases: cases.slice(0, 2), domains: [{ tray, cases }] })!;
    expect(both.subject).toBe('Weekoverzicht week 49: 2 zaken in behandeling · Inkomen');
    expect(both.text.indexOf('Uw zaken in behandeling')).toBeLessThan(both.text.indexOf('Domein Inkomen'));
  });

  it('does not mention bert by accident in an investigator-only mail', () => {
    const only = composeWeekmail({ recipient: bert, period, now, ownCases: cases.slice(2), domains: [] })!;
    expect(only.text).toContain('2026-000300');
    expect(only.text).not.toContain('2026-000100');
  });
});
