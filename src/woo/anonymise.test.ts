import { describe, expect, it } from 'vitest';
import { anonymisedText, findKnown, redactedStrings, requesterWords, shownKnown } from './anonymise.ts';

describe('known personal data of a Woo request', () => {
  it('takes the requester\'s whole name, its parts (not particles), the e-mail and each address line', () => {
    expect(requesterWords({ requester_name: 'Jan van der Bas', requester_email: 'jan@example.nl', requester_address: 'Kerkstraat 1\n1234 AB Dorp' }))
      .toEqual(['Jan van der Bas', 'jan@example.nl', 'Jan', 'Bas', 'Kerkstraat 1', '1234 AB Dorp']);
  });

  it('finds whole words only, in any case, with any spacing', () => {
    const text = 'JAN VAN DER BAS schreef in januari aan Basje; zie 1234AB  Dorp.';
    expect(findKnown(text, ['Jan van der Bas', 'Bas', '1234 AB Dorp']).map((f) => text.slice(f.start, f.end))).toEqual(['JAN VAN DER BAS', '1234AB  Dorp']);
    expect(anonymisedText('Jan Bas schreef in januari aan Basje.', ['Jan Bas', 'Jan', 'Bas'])).toBe('[5.1.2e] schreef in januari aan Basje.');
  });

  it('knows what a document still shows of what was redacted elsewhere', () => {
    const a = { body: 'Gesprek met Anna Pieters.', redactions: [{ start: 12, end: 24, ground: '5.1.2e' }] };
    const b = { body: 'Anna  Pieters belde terug; de teamleider ook.', redactions: [] };
    const grey = { body: 'Iets anders', redactions: [{ start: 0, end: 11, ground: 'buiten verzoek' }] };
    const known = redactedStrings([a, b, grey]);
    expect(known).toEqual(['Anna Pieters', 'Pieters']);
    expect(shownKnown(b, known)).toEqual(['Anna  Pieters']);
    expect(shownKnown(a, known)).toEqual([]);
  });
});
