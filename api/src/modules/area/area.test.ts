import { type TestApp, dataOf, startTestApp } from '../../test/app';

describe('areas over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists Amersfoort, its three districts and six neighbourhoods', async () => {
    const data = dataOf(await t.gql(`{ areas(first: 20) { totalCount edges { node { slug level parent { slug } } } } }`));
    expect(data.areas.totalCount).toBeGreaterThanOrEqual(10);
    const bySlug = new Map(data.areas.edges.map((e: any) => [e.node.slug, e.node]));
    expect(bySlug.get('amersfoort')).toMatchObject({ level: 'MUNICIPALITY', parent: null });
    for (const district of ['kruiskamp-koppel', 'randenbroek-schuilenburg', 'schothorst']) {
      expect(bySlug.get(district)).toMatchObject({ level: 'DISTRICT', parent: { slug: 'amersfoort' } });
    }
    const neighbourhoods: Record<string, string> = {
      kruiskamp: 'kruiskamp-koppel',
      'de-koppel': 'kruiskamp-koppel',
      randenbroek: 'randenbroek-schuilenburg',
      schuilenburg: 'randenbroek-schuilenburg',
      'schothorst-zuid': 'schothorst',
      'schothorst-noord': 'schothorst',
    };
    for (const [slug, district] of Object.entries(neighbourhoods)) {
      expect(bySlug.get(slug)).toMatchObject({ level: 'NEIGHBOURHOOD', parent: { slug: district } });
    }
  });

  it('filters by level and parent, and pages with cursors', async () => {
    const districts = dataOf(await t.gql(`{ areas(level: DISTRICT) { totalCount edges { node { name } } } }`));
    expect(districts.areas.totalCount).toBe(3);
    expect(districts.areas.edges.map((e: any) => e.node.name)).toEqual(['Kruiskamp-Koppel', 'Randenbroek-Schuilenburg', 'Schothorst']);

    const children = dataOf(await t.gql(`{ areas(parent: "randenbroek-schuilenburg") { edges { node { slug } } } }`));
    expect(children.areas.edges.map((e: any) => e.node.slug)).toEqual(['randenbroek', 'schuilenburg']);

    const first = dataOf(await t.gql(`{ areas(level: DISTRICT, first: 2) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`));
    expect(first.areas.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(
      await t.gql(`query($after: String) { areas(level: DISTRICT, first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage hasPreviousPage } } }`, {
        after: first.areas.pageInfo.endCursor,
      }),
    );
    expect(second.areas.edges.map((e: any) => e.node.name)).toEqual(['Schothorst']);
    expect(second.areas.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('fetches one area by slug with its tree', async () => {
    const data = dataOf(
      await t.gql(`{ area(slug: "amersfoort") { name children { slug } descendants { slug level } } randenbroek: area(slug: "randenbroek") { ancestors { slug } } }`),
    );
    expect(data.area.children.map((c: any) => c.slug)).toEqual(expect.arrayContaining(['kruiskamp-koppel', 'randenbroek-schuilenburg', 'schothorst']));
    const descendants = data.area.descendants.map((d: any) => d.slug);
    expect(descendants).toEqual(expect.arrayContaining(['kruiskamp', 'de-koppel', 'randenbroek', 'schuilenburg', 'schothorst-zuid', 'schothorst-noord']));
    // Tree order: every neighbourhood comes after its district.
    expect(descendants.indexOf('randenbroek')).toBeGreaterThan(descendants.indexOf('randenbroek-schuilenburg'));
    expect(data.randenbroek.ancestors.map((a: any) => a.slug)).toEqual(['randenbroek-schuilenburg', 'amersfoort']);
  });

  it('returns null for an unknown slug and BAD_USER_INPUT for a malformed CBS code', async () => {
    expect(dataOf(await t.gql(`{ area(slug: "atlantis") { name } }`)).area).toBeNull();
    const bad = await t.gql(`{ area(code: "XX12") { name } }`);
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const none = await t.gql(`{ area { name } }`);
    expect(none.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it("gives an area's key figures for a year and indicator", async () => {
    const data = dataOf(
      await t.gql(`{ area(slug: "kruiskamp") { keyFigures(year: 2009, indicator: "pct_non_western_migrants") { value year indicator { code unit } } } }`),
    );
    expect(data.area.keyFigures).toEqual([{ value: 38, year: 2009, indicator: { code: 'pct_non_western_migrants', unit: 'PERCENT' } }]);
  });
});
