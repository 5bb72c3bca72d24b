import { type TestApp, dataOf, startTestApp } from '../../test/app';

describe('key figures over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('filters by area, year and indicator', async () => {
    const data = dataOf(
      await t.gql(`{
        kruiskamp: keyFigures(area: "kruiskamp", year: 2009, indicator: "pct_non_western_migrants") { totalCount edges { node { value source area { slug } } } }
        city: keyFigures(area: "amersfoort", indicator: "pct_non_western_migrants") { edges { node { value } } }
      }`),
    );
    expect(data.kruiskamp.totalCount).toBe(1);
    expect(data.kruiskamp.edges[0].node).toMatchObject({ value: 38, area: { slug: 'kruiskamp' } });
    expect(data.kruiskamp.edges[0].node.source).toMatch(/Feiten en Cijfers 2009/);
    // The city's figure is printed in three chapters (§3.1, §4.1, §5.1): one row per source.
    expect(data.city.edges.map((e: any) => e.node.value)).toEqual([14, 14, 14]);
  });

  it('lists the indicators with their units', async () => {
    const data = dataOf(await t.gql(`{ indicators(first: 100) { edges { node { code unit nameNl } } } }`));
    const units = new Map(data.indicators.edges.map((e: any) => [e.node.code, e.node.unit]));
    expect(units.get('population')).toBe('COUNT');
    expect(units.get('pct_age_65_plus')).toBe('PERCENT');
    expect(units.get('avg_disposable_income_per_household_eur')).toBe('EUR');
    expect(units.get('social_quality_rating')).toBe('RATING_10');
  });

  it('rejects an unknown indicator code and an impossible year', async () => {
    const unknown = await t.gql(`{ keyFigures(indicator: "happiness") { totalCount } }`);
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicator' });
    const year = await t.gql(`{ keyFigures(year: 99999) { totalCount } }`);
    expect(year.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });
});
