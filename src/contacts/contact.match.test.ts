import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  candidateKeys, matchContacts, matchReasons, normaliseEmail, normaliseName, normalisePhone, visibleIn, type MatchableContact, type Person,
} from './contact.match.ts';

const RECEIVED = new Date('2026-03-10T09:00:00Z');
const daysBefore = (days: number) => new Date(RECEIVED.getTime() - days * 86_400_000);

function contact(id: string, over: Partial<Omit<MatchableContact, 'caller'>> & { caller?: Partial<MatchableContact['caller']> } = {}) {
  return {
    id,
    at: over.at ?? daysBefore(5),
    caller: { name: null, phone: null, email: null, ...over.caller },
    agency: over.agency ?? null,
    caseId: over.caseId ?? null,
  };
}

const petitioner: Person = { name: 'Karin Jansen', phone: '06-12345678', email: 'Karin.Jansen@Example.nl', agency: 'UWV' };

describe('normalising', () => {
  it.each([
    ['06-12345678', '0612345678'],
    ['+31 6 12345678', '0612345678'],
    ['0031612345678', '0612345678'],
    ['+31 (0)6 1234 5678', '0612345678'],
    ['0031 (0)6-12345678', '0612345678'],
    [' 06 12 34 56 78 ', '0612345678'],
    ['070 - 123 45 67', '0701234567'],
    ['+32 2 123 45 67', '003221234567'],
    ['0032 2 123 45 67', '003221234567'],
  ])('reads the phone number %s as %s', (raw, digits) => {
    expect(normalisePhone(raw)).toBe(digits);
  });

  it('reads no number where there is none', () => {
    for (const raw of [null, undefined, '', '  ', 'onbekend', '-', '1234', '+31']) expect(normalisePhone(raw)).toBeNull();
  });

  it('lower-cases e-mail addresses and names, and ignores whitespace in names', () => {
    expect(normaliseEmail('  Karin.Jansen@Example.NL ')).toBe('karin.jansen@example.nl');
    expect(normaliseEmail('geen adres')).toBeNull();
    expect(normaliseName(' Karin   JANSEN ')).toBe(normaliseName('karin jansen'));
    expect(normaliseName('Karin\tJansen')).toBe('karinjansen');
    expect(normaliseName('   ')).toBeNull();
  });
});

describe('why a contact is the petitioner', () => {
  it('matches the same phone number in another format, and the same e-mail address in another case', () => {
    for (const phone of ['06-12345678', '+31 6 12345678', '0031612345678', '06 1234 5678']) {
      expect(matchReasons(petitioner, contact('x', { caller: { phone } }))).toEqual(['phone']);
    }
    expect(matchReasons(petitioner, contact('x', { caller: { email: 'karin.jansen@example.nl' } }))).toEqual(['email']);
    expect(matchReasons(petitioner, contact('x', { caller: { phone: '0612345678', email: 'KARIN.JANSEN@example.nl' } }))).toEqual(['phone', 'email']);
  });

  it('matches on the name only with the same agency, and only when phone and e-mail did not match', () => {
    expect(matchReasons(petitioner, contact('x', { caller: { name: 'karin  jansen' }, agency: 'uwv' }))).toEqual(['name']);
    expect(matchReasons(petitioner, contact('x', { caller: { name: 'Karin Jansen' }, agency: 'Belastingdienst' }))).toEqual([]);
    expect(matchReasons(petitioner, contact('x', { caller: { name: 'Karin Jansen' } }))).toEqual([]);
    expect(matchReasons(petitioner, contact('x', { caller: { name: 'Karin Jansen', phone: '0612345678' }, agency: 'UWV' }))).toEqual(['phone']);
  });

  it('does not match another number, another address or another name', () => {
    expect(matchReasons(petitioner, contact('x', { caller: { phone: '06-12345679', email: 'k.jansen@example.nl', name: 'Karin Janssen' }, agency: 'UWV' }))).toEqual([]);
    // a petitioner without phone or e-mail never matches a caller without them
    const bare: Person = { name: 'Piet', phone: null, email: null, agency: null };
    expect(matchReasons(bare, contact('x', { caller: { name: 'Piet' } }))).toEqual([]);
  });
});

describe('matching a written complaint to earlier contacts', () => {
  const contacts = [
    contact('older-by-name', { at: daysBefore(30), caller: { name: 'Karin Jansen' }, agency: 'UWV' }),
    contact('by-phone', { at: daysBefore(20), caller: { phone: '+31 6 12345678' } }),
    contact('latest-by-phone', { at: daysBefore(2), caller: { phone: '0031612345678' } }),
    contact('after-the-letter', { at: new Date(RECEIVED.getTime() + 86_400_000), caller: { email: 'karin.jansen@example.nl' } }),
    contact('linked', { at: daysBefore(3), caller: { phone: '06-12345678' }, caseId: 'c1' }),
    contact('too-old', { at: daysBefore(91), caller: { phone: '06-12345678' } }),
    contact('just-in-time', { at: daysBefore(90), caller: { phone: '06-12345678' } }),
    contact('someone-else', { at: daysBefore(1), caller: { name: 'Jan de Vries', phone: '06-87654321' }, agency: 'UWV' }),
  ];

  it('suggests the unlinked contacts of the last 90 days: phone and e-mail matches first, the latest first', () => {
    expect(matchContacts(petitioner, contacts, RECEIVED).map((m) => [m.contact.id, m.reasons.join('+')])).toEqual([
      ['after-the-letter', 'email'],
      ['latest-by-phone', 'phone'],
      ['by-phone', 'phone'],
      ['just-in-time', 'phone'],
      ['older-by-name', 'name'],
    ]);
  });

  it('suggests nothing for someone who never called', () => {
    expect(matchContacts({ name: 'Nog Nooit', phone: '0201234567', email: null, agency: 'UWV' }, contacts, RECEIVED)).toEqual([]);
  });
});

describe('what the database may narrow by', () => {
  it('keeps the last digits every written form ends in, the address and the name without spaces', () => {
    expect(candidateKeys(petitioner)).toEqual({
      phoneSuffix: '612345678', email: 'karin.jansen@example.nl', name: { name: 'KarinJansen', agency: 'UWV' },
    });
    expect(candidateKeys({ name: null, phone: 'geen', email: null, agency: 'UWV' })).toEqual({ phoneSuffix: null, email: null, name: null });
    expect(candidateKeys({ name: null, phone: '+32 2 123 45 67', email: null, agency: null }).phoneSuffix).toBe('221234567');
    expect(candidateKeys({ name: null, phone: '+32 12 34', email: null, agency: null }).phoneSuffix).toBe('321234');
  });

  it('never narrows away a number that matches (property: every way of writing a Dutch number)', () => {
    // after the trunk 0 a Dutch number never starts with 0 (that would be an international prefix)
    const digits = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }))
      .map(([first, rest]) => `${first}${rest.join('')}`);
    const written = (rest: string, form: number) => [
      `0${rest}`, `+31${rest}`, `0031${rest}`, `+31 (0)${rest}`, `0${rest.slice(0, 1)}-${rest.slice(1)}`, `+31 ${rest.slice(0, 1)} ${rest.slice(1, 5)} ${rest.slice(5)}`,
    ][form]!;
    fc.assert(fc.property(digits, fc.nat(5), fc.nat(5), (rest, a, b) => {
      const [one, other] = [written(rest, a), written(rest, b)];
      expect(normalisePhone(one)).toBe(normalisePhone(other));
      const suffix = candidateKeys({ name: null, phone: one, email: null, agency: null }).phoneSuffix!;
      expect(other.replace(/\D/g, '').endsWith(suffix)).toBe(true);
    }));
    // and foreign numbers, written with + or 00
    const foreign = fc.stringMatching(/^[1-9]\d{3,12}$/).filter((rest) => !rest.startsWith('31'));
    fc.assert(fc.property(foreign, fc.boolean(), (rest, plus) => {
      const suffix = candidateKeys({ name: null, phone: `${plus ? '+' : '00'}${rest}`, email: null, agency: null }).phoneSuffix!;
      for (const other of [`+${rest}`, `00${rest}`]) expect(other.replace(/\D/g, '').endsWith(suffix)).toBe(true);
    }));
  });
});

describe('who may see a contact', () => {
  const c = { registeredBy: 'fo', domain: 'inkomen', callbackDomain: 'leefomgeving' };
  it('follows the API: no scope sees all; otherwise one’s domains (the contact’s or its callback’s) or one’s own', () => {
    expect(visibleIn(undefined, c)).toBe(true);
    expect(visibleIn({ domains: ['inkomen'], registeredBy: 'x' }, c)).toBe(true);
    expect(visibleIn({ domains: ['leefomgeving'], registeredBy: 'x' }, c)).toBe(true);
    expect(visibleIn({ domains: ['zorg-en-jeugd'], registeredBy: 'x' }, c)).toBe(false);
    expect(visibleIn({ domains: [], registeredBy: 'fo' }, c)).toBe(true);
    expect(visibleIn({ domains: ['zorg-en-jeugd'], registeredBy: 'x' }, { ...c, domain: null, callbackDomain: null })).toBe(false);
  });
});
