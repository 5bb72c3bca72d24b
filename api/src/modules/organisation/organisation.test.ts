import { type TestApp, dataOf, startTestApp } from '../../test/app';

const WITH_RELATIONS = `
  query Organisations($first: Int!) {
    organisations(first: $first, search: "proeforganisatie") {
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

  /**
   * 60 generated organisations, each with a parent, a location, an area and a service that has
   * a location, a target group, an area and a partner, so that 5 and 50 of them exercise every
   * relation of the query equally.
   */
  async function addGeneratedOrganisations(): Promise<void> {
    await t.db.dataSource.query(`
      INSERT INTO organisation (slug, name, sector, parent_id)
      SELECT 'proeforganisatie-' || n, 'Proeforganisatie ' || lpad(n::text, 2, '0'), 'WELFARE', (SELECT id FROM organisation WHERE slug = 'swa')
      FROM generate_series(1, 60) n;
      INSERT INTO location (slug, name, organisation_id, area_id)
      SELECT 'proeflocatie-' || n, 'Proeflocatie ' || n, o.id, (SELECT id FROM area WHERE slug = 'kruiskamp')
      FROM generate_series(1, 60) n JOIN organisation o ON o.slug = 'proeforganisatie-' || n;
      INSERT INTO organisation_area (organisation_id, area_id)
      SELECT o.id, (SELECT id FROM area WHERE slug = 'kruiskamp') FROM organisation o WHERE o.slug LIKE 'proeforganisatie-%';
      INSERT INTO service (slug, name, organisation_id)
      SELECT 'proefdienst-' || substr(o.slug, 18), 'Proefdienst ' || substr(o.slug, 18), o.id FROM organisation o WHERE o.slug LIKE 'proeforganisatie-%';
      INSERT INTO service_location (service_id, location_id)
      SELECT s.id, l.id FROM service s JOIN location l ON l.slug = 'proeflocatie-' || substr(s.slug, 13) WHERE s.slug LIKE 'proefdienst-%';
      INSERT INTO service_target_group (service_id, target_group_id)
      SELECT s.id, (SELECT id FROM target_group ORDER BY code LIMIT 1) FROM service s WHERE s.slug LIKE 'proefdienst-%';
      INSERT INTO service_area (service_id, area_id)
      SELECT s.id, (SELECT id FROM area WHERE slug = 'kruiskamp') FROM service s WHERE s.slug LIKE 'proefdienst-%';
      INSERT INTO service_partner (service_id, organisation_id)
      SELECT s.id, (SELECT id FROM organisation WHERE slug = 'riagg-amersfoort') FROM service s WHERE s.slug LIKE 'proefdienst-%';
    `);
  }
  afterAll(() => t.close());

  it('runs the same small number of SQL statements for 5 and for 50 organisations with their relations', async () => {
    await addGeneratedOrganisations();
    // The search's expansion is kept after its first statement (search.service.ts): warm it, so both count the same work.
    await t.gql(WITH_RELATIONS, { first: 1 });
    const five = await t.gql(WITH_RELATIONS, { first: 5 });
    const fifty = await t.gql(WITH_RELATIONS, { first: 50 });
    expect(dataOf(five).organisations.edges).toHaveLength(5);
    expect(dataOf(fifty).organisations.edges).toHaveLength(50);
    // Every one of them really has each relation, or the comparison would prove nothing.
    for (const { node } of dataOf(fifty).organisations.edges as any[]) {
      expect(node.parent).not.toBeNull();
      expect(node.locations).toHaveLength(1);
      expect(node.areas).toHaveLength(1);
      expect(node.services).toHaveLength(1);
      expect(node.services[0]).toMatchObject({ locations: [{}], targetGroups: [{}], areasServed: [{}], partners: [{}] });
    }
    expect(fifty.sqlStatements).toBe(five.sqlStatements);
    // At most: 1 page + 1 parents + 1 services + 4 × 2 service links and their targets
    // + 1 locations + 2 areas (loads of the same table in one tick share a batch).
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
    const [{ count }] = await t.db.dataSource.query('SELECT count(*)::int AS count FROM organisation');
    expect(count).toBeGreaterThanOrEqual(91);
    expect(total).toBe(count);
    expect(seen.size).toBe(count);
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
    expect(bySlug.organisation.name).toBe('Stichting Welzijn Amersfoort');
    const byId = dataOf(await t.gql(`query($id: ID) { organisation(id: $id) { slug } }`, { id: bySlug.organisation.id }));
    expect(byId.organisation.slug).toBe('swa');
    const missing = dataOf(await t.gql(`{ organisation(id: "00000000-0000-4000-8000-000000000000") { slug } }`));
    expect(missing.organisation).toBeNull();
  });

  it('sorts names in Dutch order, across pages (nl-x-icu): "gemeente Amersfoort" among the g\'s, "Één" beside "een"', async () => {
    const names = ['Zorgpunt Sortering', 'GGD Sortering', 'gemeente Sortering', 'Eetclub Sortering', 'Één Sortering', 'ANBO Sortering', 'buurtteam Sortering'];
    await t.db.dataSource.query(
      `INSERT INTO organisation (slug, name, sector) SELECT 'sortering-' || i, n, 'WELFARE' FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i)`,
      [names],
    );
    const order: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = dataOf(await t.gql(`query($after: String) { organisations(first: 25, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }`, { after })).organisations;
      order.push(...page.edges.map((e: any) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(order.filter((name) => name.endsWith(' Sortering'))).toEqual([
      'ANBO Sortering',
      'buurtteam Sortering',
      'Één Sortering',
      'Eetclub Sortering',
      'gemeente Sortering',
      'GGD Sortering',
      'Zorgpunt Sortering',
    ]);
  });
});
