import { parseSearch, searchTermKey, searchTsquery, synonymTermProblems } from './search.rules';

const stems = new Map(Object.entries({ mantelzorg: 'mantelzorg', mantelzorgers: 'mantelzorger', informele: 'informel', zorg: 'zorg', senioren: 'senior', ouderen: 'ouder', de: '', bij: '', hulp: 'hulp', schulden: 'schuld', jeugd: 'jeugd', '65': '65', plussers: 'plusser', cursus: 'cursus', taal: 'taal' }));
const groups = [['ouderen', 'senioren', '65-plussers'], ['mantelzorg', 'informele zorg']];

describe('search.rules', () => {
  it('reads websearch syntax: words, quoted phrases, exclusions and or', () => {
    expect(parseSearch('taal -cursus "hulp bij schulden" or jeugd -"informele zorg"')).toEqual([
      [
        { kind: 'word', parts: ['taal'], negated: false },
        { kind: 'word', parts: ['cursus'], negated: true },
        { kind: 'quoted', words: ['hulp', 'bij', 'schulden'], negated: false },
      ],
      [
        { kind: 'word', parts: ['jeugd'], negated: false },
        { kind: 'quoted', words: ['informele', 'zorg'], negated: true },
      ],
    ]);
    expect(parseSearch('  or  -  "" ')).toEqual([]);
  });

  it('matches a word as written, its longer forms and compounds, and its stem', () => {
    expect(searchTsquery('mantelzorgers', { groups: [], stems })).toBe(`('mantelzorgers':* | 'mantelzorger')`);
  });

  it('never matches "ouderen" by the stem it shares with "ouders"', () => {
    expect(searchTsquery('ouderen', { groups: [], stems })).toBe(`('ouderen':* | 'oudere':A)`);
    // "ouder" only as written: the stems of "ouderen" are "ouder" too.
    expect(searchTsquery('ouders', { groups: [], stems })).toBe(`('ouderschap':* | 'ouder':A | 'ouders':A)`);
  });

  it('replaces a synonym term, a word or a phrase, by its whole group', () => {
    expect(searchTsquery('senioren', { groups, stems })).toBe(`(('ouderen':* | 'oudere':A) | ('senioren':* | 'senior') | (('65' <-> 'plussers':*) | ('65' <1> 'plusser')))`);
    expect(searchTsquery('Informele  zorg', { groups, stems })).toBe(`('mantelzorg':* | (('informele' <-> 'zorg':*) | ('informel' <1> 'zorg')))`);
  });

  it('keeps exclusions, phrases with stop words and alternatives', () => {
    expect(searchTsquery('taal -cursus', { groups, stems })).toBe(`('taal':* & !'cursus':*)`);
    expect(searchTsquery('"hulp bij schulden"', { groups, stems })).toBe(`(('hulp' <-> 'bij' <-> 'schulden') | ('hulp' <2> 'schuld'))`);
    expect(searchTsquery('jeugd or de', { groups, stems })).toBe(`'jeugd':*`);
  });

  it('has nothing to look for in stop words only', () => {
    expect(searchTsquery('de bij', { groups, stems })).toBeNull();
    expect(searchTsquery('!!! ???', { groups, stems })).toBeNull();
  });

  it('reports every problem of a synonym group at once', () => {
    expect(synonymTermProblems(['Ouderen', ' ', 'ouderen ', 'zorg & welzijn', 'x'.repeat(101)]).map((p) => [p.field, p.rule])).toEqual([
      ['input.terms.1', 'required'],
      ['input.terms.2', 'duplicateTerm'],
      ['input.terms.3', 'termCharacters'],
      ['input.terms.4', 'maxLength'],
    ]);
    expect(synonymTermProblems(['alleen']).map((p) => p.rule)).toEqual(['minTerms']);
    expect(synonymTermProblems(['65-plussers', "auto's", 'informele  zorg'])).toEqual([]);
    expect(searchTermKey('  Informele   Zorg ')).toBe('informele zorg');
  });
});
