import { type TestApp, dataOf, startTestApp } from '../../test/app';

const slugs = (data: any, key = 'services') => data[key].edges.map((e: any) => e.node.slug);

describe('services over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the elderly services with the Dutch search "ouderen"', async () => {
    const data = dataOf(await t.gql(`{ services(search: "ouderen", first: 100) { totalCount edges { node { slug } } } }`));
    // Stemming: "ouderen" also matches "oudere" in descriptions.
    expect(slugs(data)).toEqual(expect.arrayContaining(['vriendschapsbemiddeling-55plus', 'sensor', 'asis']));
    expect(slugs(data)).not.toContain('coach-en-cootje');
  });

  it('supports websearch syntax (phrases and exclusions)', async () => {
    const all = dataOf(await t.gql(`{ services(search: "ouderen", first: 100) { totalCount } }`)).services.totalCount;
    const without = dataOf(await t.gql(`{ services(search: "ouderen -sensor", first: 100) { totalCount edges { node { slug } } } }`));
    expect(without.services.totalCount).toBeLessThan(all);
    expect(slugs(without)).not.toContain('sensor');
  });

  it('filters by area: a neighbourhood is served by its district and by city-wide services', async () => {
    const data = dataOf(await t.gql(`{ services(area: "randenbroek", first: 100) { edges { node { slug } } } }`));
    expect(slugs(data)).toEqual(expect.arrayContaining(['eetclub', 'amersfoort-vernieuwt']));
    expect(slugs(data)).not.toContain('coach-en-cootje'); // Kruiskamp-Koppel only
    const district = dataOf(await t.gql(`{ services(area: "randenbroek-schuilenburg", first: 100) { edges { node { slug } } } }`));
    // A service in one of its neighbourhoods serves part of the district.
    expect(slugs(district)).toContain('pannenkoekendag-basisschool');
  });

  it('filters by target group, sector of the provider, status and organisation', async () => {
    const tg = dataOf(await t.gql(`{ services(targetGroup: "kwetsbare-ouderen-sociaal-isolement", first: 100) { edges { node { slug targetGroups { code } } } } }`));
    expect(tg.services.edges.length).toBeGreaterThan(0);
    for (const e of tg.services.edges) expect(e.node.targetGroups.map((g: any) => g.code)).toContain('kwetsbare-ouderen-sociaal-isolement');

    const sector = dataOf(await t.gql(`{ services(sector: MENTAL_HEALTH_CARE, first: 100) { edges { node { organisation { sector } } } } }`));
    expect(sector.services.edges.length).toBeGreaterThan(0);
    for (const e of sector.services.edges) expect(e.node.organisation.sector).toBe('MENTAL_HEALTH_CARE');

    const active = dataOf(await t.gql(`{ services(status: DEFUNCT, first: 100) { edges { node { status } } } }`));
    for (const e of active.services.edges) expect(e.node.status).toBe('DEFUNCT');

    const swa = dataOf(await t.gql(`{ organisation(slug: "swa") { id } }`)).organisation.id;
    const bySwa = dataOf(await t.gql(`query($o: ID) { services(organisation: $o, first: 100) { edges { node { slug organisation { slug } partners { slug } } } } }`, { o: swa }));
    expect(bySwa.services.edges.length).toBeGreaterThan(0);
    for (const e of bySwa.services.edges) {
      expect([e.node.organisation?.slug, ...e.node.partners.map((p: any) => p.slug)]).toContain('swa');
    }
  });

  it('filters by intervention type and basic function', async () => {
    // Link one service to one catalogue entry in this test's private database.
    const [probe]: { code: string; basicFunction: string }[] = await t.db.dataSource.query(
      `SELECT it.code, bf.code AS "basicFunction" FROM intervention_type it JOIN basic_function bf ON bf.id = it.basic_function_id ORDER BY it.code LIMIT 1`,
    );
    await t.db.dataSource.query(
      `INSERT INTO service_intervention_type (service_id, intervention_type_id)
       SELECT s.id, it.id FROM service s, intervention_type it WHERE s.slug = 'eetclub' AND it.code = $1
       ON CONFLICT DO NOTHING`,
      [probe.code],
    );
    const byType = dataOf(await t.gql(`query($c: String) { services(interventionType: $c, first: 100) { edges { node { slug interventionTypes { code } } } } }`, { c: probe.code }));
    expect(slugs(byType)).toContain('eetclub');
    for (const e of byType.services.edges) expect(e.node.interventionTypes.map((i: any) => i.code)).toContain(probe.code);
    const byFunction = dataOf(await t.gql(`query($c: String) { services(basicFunction: $c, first: 100) { edges { node { slug } } } }`, { c: probe.basicFunction }));
    expect(slugs(byFunction)).toContain('eetclub');
    const otherFunction = dataOf(await t.gql(`query($c: String) { services(basicFunction: $c, first: 100) { edges { node { slug } } } }`, {
      c: probe.basicFunction === 'presentie' ? 'infrastructuur' : 'presentie',
    }));
    expect(slugs(otherFunction)).not.toContain('eetclub');

    const unknown = await t.gql(`{ services(basicFunction: "toveren") { totalCount } }`);
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'basicFunction' });
  });

  it('resolves every relation of a service', async () => {
    const data = dataOf(
      await t.gql(`{ service(slug: "piep-zei-de-muis") { name minAge maxAge organisation { slug } partners { slug } targetGroups { code } areasServed { slug } locations { name } interventionTypes { code } } }`),
    );
    expect(data.service).toMatchObject({ minAge: 4, maxAge: 8, organisation: { slug: 'swa' } });
    expect(data.service.partners.map((p: any) => p.slug)).toEqual(expect.arrayContaining(['riagg-amersfoort', 'ggd-eemland']));
    expect(data.service.targetGroups.map((g: any) => g.code)).toEqual(['kinderen-ouders-psychische-problemen']);
    expect(data.service.areasServed.map((a: any) => a.slug).sort()).toEqual(['de-koppel', 'kruiskamp', 'liendert']);
  });
});
