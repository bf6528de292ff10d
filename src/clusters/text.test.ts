import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withCorpusMorphology } from './compounds.ts';
import { STOP_WORDS, foldText, stem, terms, words } from './text.ts';

const keys = (text: string) => terms(text).map((t) => t.key);

describe('Dutch words', () => {
  it('folds case and diacritics, so spellings with and without accents match', () => {
    expect(foldText('Één Coördinator, ideeën, café')).toBe('een coordinator, ideeen, cafe');
    expect(words('Één coördinator')).toEqual(words('een coordinator'));
  });

  it('splits on everything but letters and digits and drops single letters and bare numbers', () => {
    expect(words("Mijn WW-uitkering van €1.200 (m'n euro's) kwam op 3-4-2024 niet.")).toEqual(['mijn', 'ww', 'uitkering', 'van', 'euro', 'kwam', 'op', 'niet']);
    expect(words('A4 en 2b blijven')).toEqual(['a4', 'en', '2b', 'blijven']);
  });

  it('drops stop words, counting words and letter formulae, and keeps the words a theme turns on', () => {
    for (const w of ['de', 'het', 'een', 'ik', 'heb', 'heeft', 'niet', 'zijn', 'wordt', 'omdat', 'geachte', 'twee', 'keer', 'euro']) expect(STOP_WORDS.has(w)).toBe(true);
    for (const w of ['laat', 'nooit', 'weken', 'geld', 'boete', 'aangifte']) expect(STOP_WORDS.has(w)).toBe(false);
    expect(keys('Geachte heer, ik heb de boete twee keer te laat betaald.')).toEqual(['boet', 'lat', 'betal']);
  });

  it('joins "op te nemen" into the one verb "opnemen"', () => {
    expect(keys('weigerde de aangifte op te nemen')).toEqual(keys('weigerde de aangifte opnemen'));
  });

  it('emits bigrams only when asked', () => {
    expect(terms('verblijfsvergunning te laat').map((t) => t.surface)).toEqual(['verblijfsvergunning', 'laat']);
    expect(terms('verblijfsvergunning te laat', { bigrams: true }).map((t) => t.surface)).toEqual(['verblijfsvergunning', 'laat', 'verblijfsvergunning laat']);
  });
});

describe('the stemmer', () => {
  const same = (...forms: string[]) => expect(new Set(forms.map(stem)).size, forms.join('/')).toBe(1);

  it('makes the inflected forms of one word meet', () => {
    same('boom', 'bomen');
    same('straat', 'straten');
    same('dag', 'dagen');
    same('toeslag', 'toeslagen');
    same('week', 'weken');
    same('betalen', 'betaling', 'betaal', 'betaald', 'betaalde');
    same('uitkering', 'uitkeringen', 'uitkeren');
    same('boete', 'boetes');
    same('laat', 'late');
    same('brief', 'brieven');
    same('reis', 'reizen');
    same('beslissing', 'beslissen');
    same('regel', 'regels');
    same('probleem', 'problemen');
    same('mogelijkheid', 'mogelijkheden', 'mogelijk');
    same('duidelijk', 'duidelijke');
    same('aanvraag', 'aanvragen');
    same('verhoging', 'verhoogd');
  });

  it('leaves alone what only looks inflected', () => {
    expect(stem('maand')).toBe('maand');
    expect(stem('maanden')).toBe('maand');
    expect(stem('adres')).toBe('adres');
    expect(stem('politie')).toBe('politie');
    expect(stem('ontving')).toBe('ontving');
    expect(stem('ww')).toBe('ww');
    expect(stem('mogelijk')).toBe('mogelijk');
  });

  it('never cuts a word below three letters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,14}$/), (w) => {
        expect(stem(w).length).toBeGreaterThanOrEqual(Math.min(w.length, 3));
      }),
    );
  });
});

describe('morphology against the corpus', () => {
  const expand = (...texts: string[]) => withCorpusMorphology(texts.map((t) => terms(t))).map((d) => d.map((t) => t.key));

  it('splits a compound whose head is a word of the corpus, keeping the whole word', () => {
    const [a] = expand('verkeersboete verhoogd', 'de boete');
    expect(a).toEqual(expect.arrayContaining(['verkeersboet', 'boet']));
    const [b] = expand('kinderopvangtoeslag', 'huurtoeslag', 'toeslag');
    expect(b).toContain('toeslag');
  });

  it('adds a known modifier when no head is known ("parkeer" in "parkeersessie")', () => {
    const [a] = expand('parkeersessie gestart', 'parkeren mag niet');
    expect(a).toContain(stem('parkeren'));
  });

  it('reduces a participle only to a stem the corpus has', () => {
    expect(expand('bomen gekapt', 'kappen')[0]).toContain('kap');
    expect(expand('niet teruggekoppeld', 'geen terugkoppeling')[0]).toContain('terugkoppel');
    expect(expand('de gemeente')[0]).toEqual(['gemeent']);
    expect(expand('gekapt')[0]).toEqual(['gekapt']);
  });

  it('does not split on short or accidental tails', () => {
    expect(expand('scheuren', 'uren')[0]).toEqual([stem('scheuren')]);
  });

  it('does not depend on the order of the documents', () => {
    const texts = ['verkeersboete verhoogd', 'de boete', 'bomen gekapt', 'kappen', 'parkeersessie', 'parkeren'];
    const forward = expand(...texts);
    const backward = expand(...[...texts].reverse()).reverse();
    expect(backward).toEqual(forward);
  });
});
