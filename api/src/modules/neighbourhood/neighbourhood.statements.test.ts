import { type TestApp, dataOf, startTestApp } from '../../test/app';

/**
 * The view is built from a handful of set-based statements (one per loader batch), so its SQL
 * statement count depends on the query's shape, not on how many organisations, services,
 * locations or networks serve the area. Measured on the Amersfoort data, then again after
 * adding 500 organisations, 2,000 services, 200 locations and 20 networks to Kruiskamp.
 */
const FULL_VIEW = `query($area: String!) {
  neighbourhoodView(area: $area) {
    area { name } parentArea { name } municipality { name }
    keyFigures { indicatorCode value parentValue municipalityValue differenceFromMunicipality indicator { nameNl unit } derivedFrom { name } }
    bySector {
      sector
      organisations { relation organisation { name sector } }
      services { relation service { name status } }
      locations { relation location { name kind } }
    }
    networks {
      network { name kind } relation population overall knowledgeAreasPresent knowledgeAreasMissing
      members { role organisation { name } } teamMembers { role }
      normChecks { norm status value normText explanation }
    }
    coverage {
      serviceCount withoutBasicFunction basicFunctions { number nameNl }
      withoutTargetGroup { count services { name } }
      rows {
        targetGroup { code nameNl } networks { name }
        need { status value municipalityValue indicator { code } }
        total { count status services { name } }
        unclassified { count services { name } }
        cells { count status basicFunction { number } services { name organisation { name } } }
      }
    }
    gaps { rank level status reason targetGroup { code } basicFunction { number } need { status indicator { code } } }
    gapGroups { rank statement score need { status indicator { code nameNl } } gaps { rank line targetGroup { code nameNl } basicFunction { number } } }
    freshness { total { records verified share } }
    thresholds { coverageThinBelow }
  }
}`;

const COMPARE = `query($areas: [String!]!) {
  compareAreas(areas: $areas) {
    areas { name }
    indicators { indicatorCode indicator { nameNl } values { value municipalityValue } }
    coverage { targetGroup { code } serviceCounts statuses needs { status } }
    views { area { name } networks { network { name } normChecks { status } } gaps(first: 3) { reason } gapGroups(first: 2) { statement gaps { line targetGroup { code } } } }
  }
}`;

/** A comparison of figures and coverage counts only (as the benchmark and the admin's compare page ask it). */
const COMPARE_COUNTS = `query($areas: [String!]!) {
  compareAreas(areas: $areas) {
    areas { name }
    indicators { indicatorCode values { value municipalityValue } }
    coverage { targetGroup { code } serviceCounts statuses }
  }
}`;

const RANK = `{ rankAreas(municipality: "amersfoort", by: NEED_GAPS) { items { rank area { name } value topGap { reason } } } }`;

/**
 * The most statements each request may take, whatever the data (measured: 20–21, 15, 17; one of
 * them the target-group taxonomy coverage follows, target-group.loaders.ts).
 */
const VIEW_BOUND = 21;
const COMPARE_BOUND = 15;
const RANK_BOUND = 17;

describe('neighbourhood view: statement count independent of the data', () => {
  let t: TestApp;
  const measured: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    // The numbers for the report (docs/neighbourhood-view.md, docs/benchmarks.md).
    console.log(`neighbourhood view SQL statements: ${JSON.stringify(measured)}`);
    await t.close();
  });

  async function statements(query: string, variables: Record<string, unknown>): Promise<{ count: number; data: any }> {
    const res = await t.gql(query, variables);
    const data = dataOf(res);
    return { count: res.sqlStatements, data };
  }

  it('does not grow with 500 more organisations and 2,000 more services serving the area', async () => {
    const before = await statements(FULL_VIEW, { area: 'kruiskamp' });
    const compareBefore = await statements(COMPARE, { areas: ['kruiskamp', 'de-koppel'] });
    const rankBefore = await statements(RANK, {});
    measured.viewBefore = before.count;
    measured.compareTwoAreas = compareBefore.count;
    measured.rankBefore = rankBefore.count;

    const q = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
    // 500 organisations active in Kruiskamp or its district.
    await q(`INSERT INTO organisation (slug, name, sector)
             SELECT 'gen-org-' || g, 'Gegenereerde organisatie ' || g, (ARRAY['WELFARE','MENTAL_HEALTH_CARE','VOLUNTEER','CHURCH_MOSQUE','HOUSING'])[1 + g % 5]
               FROM generate_series(1, 500) g`);
    await q(`INSERT INTO organisation_area (organisation_id, area_id)
             SELECT o.id, a.id FROM organisation o JOIN area a ON a.slug = CASE WHEN o.slug ~ '[02468]$' THEN 'kruiskamp' ELSE 'kruiskamp-koppel' END
              WHERE o.slug LIKE 'gen-org-%'`);
    // 2,000 services of those organisations serving Kruiskamp, its district or the city, each for one or two target groups,
    // most with an intervention type (so with a basic function), some with a partner.
    await q(`INSERT INTO service (slug, name, organisation_id)
             SELECT 'gen-svc-' || g, 'Gegenereerde dienst ' || g, o.id
               FROM generate_series(1, 2000) g JOIN organisation o ON o.slug = 'gen-org-' || (1 + g % 500)`);
    await q(`INSERT INTO service_area (service_id, area_id)
             SELECT s.id, a.id FROM service s JOIN area a ON a.slug = (ARRAY['kruiskamp','kruiskamp-koppel','amersfoort'])[1 + (substring(s.slug from 9)::int % 3)]
              WHERE s.slug LIKE 'gen-svc-%'`);
    await q(`INSERT INTO service_target_group (service_id, target_group_id)
             SELECT s.id, tg.id FROM service s
               JOIN LATERAL (SELECT id FROM target_group ORDER BY code OFFSET (substring(s.slug from 9)::int % 21) LIMIT 1 + (substring(s.slug from 9)::int % 2)) tg ON true
              WHERE s.slug LIKE 'gen-svc-%'`);
    await q(`INSERT INTO service_intervention_type (service_id, intervention_type_id)
             SELECT s.id, it.id FROM service s
               JOIN LATERAL (SELECT id FROM intervention_type ORDER BY code OFFSET (substring(s.slug from 9)::int % 63) LIMIT 1) it ON true
              WHERE s.slug LIKE 'gen-svc-%' AND substring(s.slug from 9)::int % 10 <> 0`);
    await q(`INSERT INTO service_partner (service_id, organisation_id)
             SELECT s.id, o.id FROM service s JOIN organisation o ON o.slug = 'gen-org-' || (1 + (substring(s.slug from 9)::int * 7) % 500)
              WHERE s.slug LIKE 'gen-svc-%' AND substring(s.slug from 9)::int % 4 = 0
             ON CONFLICT DO NOTHING`);
    // 200 locations and 20 networks of 10 members in Kruiskamp.
    await q(`INSERT INTO location (slug, name, kind, area_id, organisation_id)
             SELECT 'gen-loc-' || g, 'Gegenereerde locatie ' || g, 'buurthuis', a.id, o.id
               FROM generate_series(1, 200) g JOIN area a ON a.slug = 'kruiskamp' JOIN organisation o ON o.slug = 'gen-org-' || g`);
    await q(`INSERT INTO network (slug, name, kind) SELECT 'gen-net-' || g, 'Gegenereerd netwerk ' || g, CASE WHEN g % 2 = 0 THEN 'SWITCH_TEAM' ELSE 'OTHER' END FROM generate_series(1, 20) g`);
    await q(`INSERT INTO network_area (network_id, area_id) SELECT n.id, a.id FROM network n JOIN area a ON a.slug = 'kruiskamp' WHERE n.slug LIKE 'gen-net-%'`);
    await q(`INSERT INTO network_member (network_id, organisation_id, tier, fte, knowledge_areas)
             SELECT n.id, o.id, 'CORE', 0.5, ARRAY['SOCIAL_WORK'] FROM network n
               JOIN generate_series(1, 10) m ON true JOIN organisation o ON o.slug = 'gen-org-' || m
              WHERE n.slug LIKE 'gen-net-%'`);

    const after = await statements(FULL_VIEW, { area: 'kruiskamp' });
    measured.viewAfter = after.count;
    const view = after.data.neighbourhoodView;
    expect(view.coverage.serviceCount).toBeGreaterThan(2000);
    expect(view.bySector.flatMap((g: any) => g.organisations).length).toBeGreaterThan(500);
    expect(view.bySector.flatMap((g: any) => g.locations).length).toBeGreaterThanOrEqual(200);
    expect(view.networks.length).toBeGreaterThanOrEqual(20);
    expect(view.coverage.rows.some((r: any) => r.cells.some((c: any) => c.count > 0 && c.services.length === c.count))).toBe(true);
    // A fixed bound, not an exact count: DataLoader batches per tick, and whether two parts that
    // load the same kind of record (indicators of the key figures and of the gaps' needs) ask in the
    // same tick depends on which database answer comes first — 19 or 20 statements on the same data.
    for (const count of [before.count, after.count]) expect(count).toBeLessThanOrEqual(VIEW_BOUND);

    const compareAfter = await statements(COMPARE, { areas: ['kruiskamp', 'de-koppel'] });
    const compareMore = await statements(COMPARE, { areas: ['kruiskamp', 'de-koppel', 'randenbroek', 'schuilenburg', 'schothorst-zuid', 'schothorst-noord'] });
    const rankAfter = await statements(RANK, {});
    measured.compareTwoAreasAfter = compareAfter.count;
    measured.compareSixAreasAfter = compareMore.count;
    measured.rankAfter = rankAfter.count;
    // Neither the data nor the number of areas compared or ranked adds statements.
    for (const count of [compareBefore.count, compareAfter.count, compareMore.count]) expect(count).toBeLessThanOrEqual(COMPARE_BOUND);
    for (const count of [rankBefore.count, rankAfter.count]) expect(count).toBeLessThanOrEqual(RANK_BOUND);
  });

  it('loads networks, members and populations only for a query that asks for networks or gaps', async () => {
    const counts = await statements(COMPARE_COUNTS, { areas: ['kruiskamp', 'de-koppel'] });
    const full = await statements(COMPARE, { areas: ['kruiskamp', 'de-koppel'] });
    measured.compareCountsOnly = counts.count;
    // The same coverage either way.
    expect(counts.data.compareAreas.coverage.map((row: any) => row.serviceCounts)).toEqual(full.data.compareAreas.coverage.map((row: any) => row.serviceCounts));
    // Networks covering, their rows, members, areas, the areas' figures and ancestors, the networks' target groups: six statements.
    expect(full.count - counts.count).toBeGreaterThanOrEqual(6);
    const withRowNetworks = await statements(
      `query($area: String!) { neighbourhoodView(area: $area) { coverage { rows { targetGroup { code } networks { name } } } } }`,
      { area: 'kruiskamp' },
    );
    const matrixOnly = await statements(`query($area: String!) { neighbourhoodView(area: $area) { coverage { rows { targetGroup { code } total { count } } } } }`, { area: 'kruiskamp' });
    expect(withRowNetworks.count).toBeGreaterThan(matrixOnly.count);
    expect(withRowNetworks.data.neighbourhoodView.coverage.rows.some((row: any) => row.networks.length > 0)).toBe(true);
  });
});
