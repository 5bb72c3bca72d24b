import { type TestApp, dataOf, startTestApp } from '../../test/app';

describe('locations over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the 24 facilities and finds those in a district, including its neighbourhoods', async () => {
    const all = dataOf(await t.gql(`{ locations(first: 100) { totalCount } }`));
    expect(all.locations.totalCount).toBe(24);
    const rs = dataOf(await t.gql(`{ locations(area: "randenbroek-schuilenburg", first: 100) { edges { node { slug kind area { slug } } } } }`));
    const slugs = rs.locations.edges.map((e: any) => e.node.slug);
    expect(slugs).toContain('nijenstede');
    for (const e of rs.locations.edges) expect(['randenbroek-schuilenburg', 'randenbroek', 'schuilenburg']).toContain(e.node.area.slug);
  });

  it('filters by kind and name, and invents no addresses or coordinates', async () => {
    const data = dataOf(await t.gql(`{ locations(kind: "woonzorgcentrum", first: 100) { edges { node { name address postcode latitude longitude } } } }`));
    expect(data.locations.edges.map((e: any) => e.node.name)).toEqual(['Nijenstede']);
    expect(data.locations.edges[0].node).toMatchObject({ address: null, postcode: null, latitude: null, longitude: null });
    const roef = dataOf(await t.gql(`{ locations(search: "roef", first: 10) { edges { node { name } } } }`));
    expect(roef.locations.edges.map((e: any) => e.node.name)).toContain('De Roef');
  });
});
