import { type TestApp, dataOf, startTestApp } from '../test/app';
import { expandSearch } from '../modules/search';
import { SEARCH_SQL } from './lower-bound.sql';
import { SEARCH_QUERY } from './operations';

/**
 * The benchmark's floor for the search operation searches as the API does: the same tsquery
 * (expandSearch: synonyms, compound prefixes) under the same condition gives the same answer,
 * cursors included (bench/verify.ts checks this on the generated data at every run).
 */
describe('the search lower bound', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(['ouderen', 'senioren', 'mantelzorg', 'informele zorg', '"huiselijk geweld"', 'jongeren sport', 'taal -cursus', 'wonen or welzijn'])('answers %s as the API', async (q) => {
    const api = dataOf(await t.gql(SEARCH_QUERY, { q }));
    const tsquery = await expandSearch((sql, params) => t.db.dataSource.query(sql, params), q);
    const [row] = await t.db.dataSource.query(SEARCH_SQL, [tsquery]);
    expect(JSON.parse(row.data)).toEqual(api);
    // The demo data has services for these: the comparison is not of two empty pages.
    if (['ouderen', 'senioren', 'mantelzorg'].includes(q)) expect(api.services.edges.length).toBeGreaterThan(0);
  });
});
