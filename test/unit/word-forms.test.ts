import { describe, expect, it } from 'vitest';
import { dutchWordForms, wordFormQuery } from '../../server/search/word-forms.ts';

describe('Dutch word forms the stemmer does not join', () => {
  it.each([
    ['huizen', 'huis'],
    ['duiven', 'duif'],
    ['wegen', 'weg'],
    ['kinderen', 'kind'],
    ['plannen', 'plan'],
    ['neven', 'neef'],
    ['tafels', 'tafel'],
    ['huis', 'huizen'],
    ['duif', 'duiven'],
    ['kind', 'kinderen'],
  ])('%s has the form %s', (word, form) => {
    expect(dutchWordForms(word)).toContain(form);
  });

  it('leaves short words and a singular in -s alone', () => {
    expect(dutchWordForms('de')).toEqual([]);
    expect(dutchWordForms('huis')).not.toContain('hui');
  });

  it('builds a to_tsquery of safe words, or nothing for phrases and exclusions', () => {
    expect(wordFormQuery('huizen & kind')).toBe('(huizen | huiz | huis) & (kind | kinden | kinderen)');
    expect(wordFormQuery("huizen'); drop:* table x;")).toBe(
      '(huizen | huiz | huis) & (drop | dropen | droperen) & (table | tablen) & (x)',
    );
    expect(wordFormQuery('"kleine huizen"')).toBeNull();
    expect(wordFormQuery('huizen -kind')).toBeNull();
    expect(wordFormQuery('de en')).toBeNull();
  });
});
