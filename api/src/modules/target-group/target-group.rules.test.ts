import { countsFor, coverageReach } from './target-group.rules';

describe('what a service for a target group counts for', () => {
  const groups = [
    { id: 'ouderen', parentId: null, countsAsIds: [] },
    { id: 'alleenstaand', parentId: 'ouderen', countsAsIds: [] },
    { id: 'weduwen', parentId: 'alleenstaand', countsAsIds: [] },
    { id: 'isolement', parentId: null, countsAsIds: ['eenzaamheid'] },
    { id: 'eenzaamheid', parentId: null, countsAsIds: [] },
    { id: 'mantelzorgers', parentId: null, countsAsIds: ['centrale-mantelzorg'] },
    { id: 'centrale-mantelzorg', parentId: null, countsAsIds: ['mantelzorgers'] },
  ];
  const reach = coverageReach(groups);

  it('a broader group covers every group below it, a narrower one never the broader', () => {
    expect(reach.get('ouderen')).toEqual(['ouderen', 'alleenstaand', 'weduwen']);
    expect(reach.get('alleenstaand')).toEqual(['alleenstaand', 'weduwen']);
    expect(reach.get('weduwen')).toEqual(['weduwen']);
  });

  it('"counts as" works one way; a synonym is a link each way and its cycle ends', () => {
    expect(reach.get('isolement')).toEqual(['isolement', 'eenzaamheid']);
    expect(reach.get('eenzaamheid')).toEqual(['eenzaamheid']);
    expect(reach.get('mantelzorgers')).toEqual(['mantelzorgers', 'centrale-mantelzorg']);
    expect(reach.get('centrale-mantelzorg')).toEqual(['centrale-mantelzorg', 'mantelzorgers']);
  });

  it('follows on: what a group counts as covers what lies below that group', () => {
    const more = coverageReach([...groups, { id: 'eenzame-mannen', parentId: 'eenzaamheid', countsAsIds: [] }]);
    expect(more.get('isolement')).toEqual(['isolement', 'eenzaamheid', 'eenzame-mannen']);
  });

  it('ignores links to groups not given (archived) and keeps a service\'s unknown groups', () => {
    const partial = coverageReach([{ id: 'a', parentId: 'gone', countsAsIds: ['gone-too'] }]);
    expect(partial.get('a')).toEqual(['a']);
    expect(countsFor(['isolement', 'ouderen', 'eenzaamheid', 'onbekend'], reach)).toEqual(['isolement', 'eenzaamheid', 'ouderen', 'alleenstaand', 'weduwen', 'onbekend']);
  });
});
