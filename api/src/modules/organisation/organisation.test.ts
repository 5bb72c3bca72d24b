import { type TestApp, dataOf, startTestApp } from '../../test/app';

const WITH_RELATIONS = `
  query Organisations($first: Int!) {
    organisations(first: $first) {
      edges {
        node {
          name
          parent { name }
          services { name locations { name } targetGroups { code } areasServed { slug } partners { name } }
          locations { name area { slug } }
          areas { slug }
        }
      }
    }
  }`;

describe('organisations over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('runs the same small number of SQL statements for 5 and for 50 organisations with their relations', async () => {
    const five = await t.gql(WITH_RELATIONS, { first: 5 });
    const fifty = await t.gql(WITH_RELATIONS, { first: 50 });
    expect(dataOf(five).organisations.edges).toHaveLength(5);
    expect(dataOf(fifty).organisations.edges).toHaveLength(50);
    // The fifty really have relations to load, or the comparison would prove nothing.
    const nodes = dataOf(fifty).organisations.edges.map((e: any) => e.node);
    expect(nodes.some((n: any) => n.services.some((s: any) => s.targetGroups.length > 0))).toBe(true);
    expect(nodes.some((n: any) => n.areas.length > 0)).toBe(true);
    expect(fifty.sqlStatements).toBe(five.sqlStatements);
    // page + parent + services + their link tables and targets + locations + areas: bounded by the query's shape.
    expect(fifty.sqlStatements).toBeLessThanOrEqual(14);
  });

  it('counts and pages through all 91 organisations', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const res = await t.gql(
        `query($after: String) { organisations(first: 40, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      const page: any = dataOf(res).organisations;
      total = page.totalCount;
      for (const edge of page.edges) seen.add(edge.node.id);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(91);
    expect(seen.size).toBe(91);
  });

  it('filters by sector', async () => {
    const data = dataOf(await t.gql(`{ organisations(sector: MENTAL_HEALTH_CARE, first: 100) { edges { node { slug sector } } } }`));
    expect(data.organisations.edges.length).toBeGreaterThan(0);
    for (const e of data.organisations.edges) expect(e.node.sector).toBe('MENTAL_HEALTH_CARE');
    expect(data.organisations.edges.map((e: any) => e.node.slug)).toContain('riagg-amersfoort');
  });

  it('filters by area: active there, above or below it, or serving it', async () => {
    const data = dataOf(await t.gql(`{ organisations(area: "schuilenburg", first: 100) { edges { node { slug } } } }`));
    const slugs = data.organisations.edges.map((e: any) => e.node.slug);
    expect(slugs).toContain('basisschool-schuilenburg'); // active in Schuilenburg itself
    expect(slugs).toContain('beweging-3-0'); // active in the district Randenbroek-Schuilenburg
    expect(slugs).toContain('swa'); // active city-wide
    const kruiskamp = dataOf(await t.gql(`{ organisations(area: "kruiskamp", first: 100) { edges { node { slug } } } }`));
    expect(kruiskamp.organisations.edges.map((e: any) => e.node.slug)).not.toContain('basisschool-schuilenburg');
  });

  it('filters by the target group of the services it provides or partners', async () => {
    const data = dataOf(await t.gql(`{ organisations(targetGroup: "kwetsbare-ouderen-sociaal-isolement", first: 100) { edges { node { slug } } } }`));
    expect(data.organisations.edges.map((e: any) => e.node.slug)).toEqual(expect.arrayContaining(['ravelijn']));
  });

  it('searches in Dutch over name and description', async () => {
    const data = dataOf(await t.gql(`{ organisations(search: "ouderen", first: 100) { edges { node { slug } } } }`));
    expect(data.organisations.edges.map((e: any) => e.node.slug)).toEqual(expect.arrayContaining(['consultatiebureau-voor-ouderen']));
  });

  it('fetches one organisation by slug or id', async () => {
    const bySlug = dataOf(await t.gql(`{ organisation(slug: "swa") { id name } }`));
    expect(bySlug.organisation.name).toBe('Welzijn Amersfoort');
    const byId = dataOf(await t.gql(`query($id: ID) { organisation(id: $id) { slug } }`, { id: bySlug.organisation.id }));
    expect(byId.organisation.slug).toBe('swa');
    const missing = dataOf(await t.gql(`{ organisation(id: "00000000-0000-4000-8000-000000000000") { slug } }`));
    expect(missing.organisation).toBeNull();
  });
});
