import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

/**
 * The neighbourhood view on the Amersfoort data, checkable by hand against the book "Schakels
 * in de Buurt": the tables of §3.1, §4.1 and §5.1, the switch teams of §3.3, §4.4 and §5.3, and
 * the norms of §6.3 and §9.7.
 */
const VIEW = `query($area: String!, $year: Int) {
  neighbourhoodView(area: $area, year: $year) {
    area { slug } parentArea { slug } municipality { slug } year
    keyFigures { indicatorCode year value derived derivedFrom { slug } source parentValue municipalityValue differenceFromMunicipality differenceFromParent previousYear }
    bySector { sector organisations { relation organisation { slug } } services { relation service { slug } } locations { relation location { slug } } }
    networks {
      relation normsApply population populationYear overall knowledgeAreasPresent knowledgeAreasMissing
      network { slug kind targetGroups { code } }
      members { role }
      teamMembers { role organisation { slug } }
      normChecks { norm status value minimum maximum normText normTextNl explanation source }
    }
    coverage {
      serviceCount withoutBasicFunction thinBelow basicFunctions { number }
      rows {
        targetGroup { code }
        total { count status services { slug } }
        cells { count status basicFunction { number } }
        unclassified { count }
        networks { slug }
        need { status value municipalityValue difference year indicator { code } }
      }
    }
    gaps { rank level status serviceCount targetGroup { code } basicFunction { number } need { status value municipalityValue } reason reasonNl }
    freshness { months total { records verified share } services { records } }
    thresholds { membersPer10000 memberMinFte teamMinMembers teamMaxMembers teamMinTotalFte coverageThinBelow freshnessMonths }
  }
}`;

type View = Record<string, any>;

describe('neighbourhood view over HTTP (Amersfoort data)', () => {
  let t: TestApp;
  const views: Record<string, View> = {};
  const view = async (area: string): Promise<View> => {
    views[area] ??= dataOf(await t.gql(VIEW, { area })).neighbourhoodView;
    return views[area];
  };
  const figure = (v: View, code: string) => v.keyFigures.find((f: any) => f.indicatorCode === code);
  const network = (v: View, slug: string) => v.networks.find((n: any) => n.network.slug === slug);
  const check = (n: any, norm: string) => n.normChecks.find((c: any) => c.norm === norm);
  const row = (v: View, code: string) => v.coverage.rows.find((r: any) => r.targetGroup.code === code);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
  });
  afterAll(() => t.close());

  describe('Randenbroek-Schuilenburg (§4.1, §4.4): an elderly district with the Buurtnetwerk 55+', () => {
    it("has an elderly share above the city's: 17 % and 23 % in its neighbourhoods, 19.2 % together, against 12 %", async () => {
      const district = await view('randenbroek-schuilenburg');
      expect(district.parentArea.slug).toBe('amersfoort');
      // The book prints neighbourhoods only (§4.1); the district's share is weighted by population:
      // (7,021 × 17 + 4,177 × 23) / 11,198 = 19.2.
      expect(figure(district, 'population')).toMatchObject({ value: 11198, derived: true, municipalityValue: 143211 });
      expect(figure(district, 'pct_age_65_plus')).toMatchObject({ year: 2009, value: 19.2, derived: true, municipalityValue: 12, differenceFromMunicipality: 7.2 });
      expect(figure(district, 'pct_age_65_plus').derivedFrom.map((a: any) => a.slug).sort()).toEqual(['randenbroek', 'schuilenburg']);
      // §4.2: the GGD's 20 % over 65 in 2004 (against 11.4 % for the city) is the same measure, so the 2009 figure has a previous year.
      expect(figure(district, 'pct_age_65_plus')).toMatchObject({ previousYear: 2004 });
      expect(district.keyFigures.some((f: any) => f.indicatorCode === 'bewoners-ouder-dan-65-jaar')).toBe(false);
      for (const [neighbourhood, share] of [['randenbroek', 17], ['schuilenburg', 23]] as const) {
        expect(figure(await view(neighbourhood), 'pct_age_65_plus')).toMatchObject({ value: share, parentValue: 19.2, municipalityValue: 12 });
      }
    });

    it('marks the need of isolated elderly above the city and shows the Buurtnetwerk 55+ covering them', async () => {
      const district = await view('randenbroek-schuilenburg');
      const isolated = row(district, 'kwetsbare-ouderen-sociaal-isolement');
      expect(isolated.need).toMatchObject({ status: 'ABOVE_MUNICIPALITY', value: 19.2, municipalityValue: 12, year: 2009, indicator: { code: 'pct_age_65_plus' } });
      expect(isolated.networks.map((n: any) => n.slug)).toEqual(expect.arrayContaining(['buurtnetwerk-55plus', 'schakelteam-randenbroek-schuilenburg']));
      expect(isolated.total.status).toBe('COVERED');
      expect(isolated.total.services.map((s: any) => s.slug)).toEqual(expect.arrayContaining(['asis', 'eetclub', 'sensor', 'vriendschapsbemiddeling-55plus']));
      const buurtnetwerk = network(district, 'buurtnetwerk-55plus');
      expect(buurtnetwerk).toMatchObject({ relation: 'THIS_AREA', normsApply: false, normChecks: [], overall: null });
      expect(buurtnetwerk.network.targetGroups.map((g: any) => g.code)).toEqual(['kwetsbare-ouderen-sociaal-isolement']);
      expect(buurtnetwerk.members.length).toBeGreaterThanOrEqual(15);
      // The same network reaches its neighbourhoods through the district.
      expect(network(await view('schuilenburg'), 'buurtnetwerk-55plus').relation).toBe('AREA_ABOVE');
    });

    it('counts the services for isolated elderly for the risk groups for loneliness, as the curator linked them (issue 18)', async () => {
      const district = await view('randenbroek-schuilenburg');
      const isolated = row(district, 'kwetsbare-ouderen-sociaal-isolement');
      const lonely = row(district, 'risicogroepen-eenzaamheid-ouderen');
      const slugs = (cell: any) => cell.services.map((s: any) => s.slug);
      expect(lonely.total.status).toBe('COVERED');
      expect(slugs(lonely.total)).toEqual(expect.arrayContaining(slugs(isolated.total)));
      // One way only: a service for the risk groups alone does not count for the isolated elderly.
      const own = dataOf(await t.gql(`{ services(targetGroup: "risicogroepen-eenzaamheid-ouderen", first: 100) { edges { node { slug targetGroups { code } } } } }`));
      const onlyLonely = own.services.edges.map((e: any) => e.node).filter((s: any) => !s.targetGroups.some((g: any) => g.code === 'kwetsbare-ouderen-sociaal-isolement'));
      for (const service of onlyLonely) expect(slugs(isolated.total)).not.toContain(service.slug);
      expect(district.gaps.filter((gap: any) => gap.targetGroup.code === 'risicogroepen-eenzaamheid-ouderen' && gap.level === 'TARGET_GROUP')).toEqual([]);
    });

    it('checks the team of three coordinators (§4.4) against the norms without guessing what is not recorded', async () => {
      const team = network(await view('randenbroek-schuilenburg'), 'schakelteam-randenbroek-schuilenburg');
      expect(team.teamMembers.map((m: any) => m.organisation.slug).sort()).toEqual(['beweging-3-0', 'ravelijn', 'swa']);
      expect(check(team, 'TEAM_SIZE')).toMatchObject({ status: 'FAIL', value: 3 });
      expect(check(team, 'MEMBERS_PER_10000_INHABITANTS')).toMatchObject({ status: 'FAIL', value: 2.68 });
      expect(check(team, 'MEMBER_MIN_FTE')).toMatchObject({ status: 'UNKNOWN', value: null });
      // "ouderenwerk" is welfare work, not one of the eight areas: nothing recorded, so unknown.
      expect(check(team, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'UNKNOWN', value: null });
    });
    it("checks what the team's switch model asks (§6.2): the coordinators of the second line must cover basic functions 2–5, 9 and 10", async () => {
      const SWITCH = `query($area: String!) { neighbourhoodView(area: $area) { networks { network { slug } switchModelCheck { model status required covered missing explanationNl source } } } }`;
      const teamOf = async () =>
        dataOf(await t.gql(SWITCH, { area: 'randenbroek-schuilenburg' })).neighbourhoodView.networks.find((n: any) => n.network.slug === 'schakelteam-randenbroek-schuilenburg').switchModelCheck;
      const networksOf = dataOf(await t.gql(SWITCH, { area: 'randenbroek-schuilenburg' })).neighbourhoodView.networks;
      expect(networksOf.find((n: any) => n.network.slug === 'buurtnetwerk-55plus').switchModelCheck).toBeNull();
      // §4.5 A: three coordinators, "niet samengesteld uit uitvoerende professionals" — the second line, as the data set records.
      {
        const checked = await teamOf();
        expect(checked).toMatchObject({ model: 'SECOND_LINE', required: [2, 3, 4, 5, 9, 10], source: '§6.1; §6.2; §6.3' });
        // What the members' services cover, from the services of Beweging 3.0, Ravelijn and SWA for the district.
        const rows: { number: number }[] = await t.db.dataSource.query(
          `SELECT DISTINCT bf.number FROM service s
             JOIN organisation o ON o.id = s.organisation_id AND o.slug IN ('beweging-3-0', 'ravelijn', 'swa')
             JOIN service_intervention_type sit ON sit.service_id = s.id JOIN intervention_type it ON it.id = sit.intervention_type_id
             JOIN basic_function bf ON bf.id = it.basic_function_id
             JOIN service_area sa ON sa.service_id = s.id JOIN area a ON a.id = sa.area_id AND a.slug IN ('randenbroek-schuilenburg', 'randenbroek', 'schuilenburg', 'amersfoort')
            WHERE s.archived_at IS NULL AND s.status = 'ACTIVE'`,
        );
        const covered = [2, 3, 4, 5, 9, 10].filter((n) => rows.some((r) => r.number === n));
        expect(checked.covered).toEqual(covered);
        expect(checked.missing).toEqual([2, 3, 4, 5, 9, 10].filter((n) => !covered.includes(n)));
        expect(checked.status).toBe(checked.missing.length === 0 ? 'PASS' : 'FAIL');
      }
      // Without a recorded model: unknown, not guessed.
      await t.db.dataSource.query(`UPDATE network SET switch_model = NULL WHERE slug = 'schakelteam-randenbroek-schuilenburg'`);
      try {
        expect(await teamOf()).toMatchObject({ model: null, status: 'UNKNOWN', required: [] });
      } finally {
        await t.db.dataSource.query(`UPDATE network SET switch_model = 'SECOND_LINE' WHERE slug = 'schakelteam-randenbroek-schuilenburg'`);
      }
      // Schothorst's team works in the front line (§1.4), as the data set records: presence, signalling and (co-)delivering help —
      // the product's reading of §6.2, since the book names no function numbers for model 1.
      const schothorst = dataOf(await t.gql(SWITCH, { area: 'schothorst' })).neighbourhoodView.networks.find((n: any) => n.network.slug === 'schakelteam-schothorst').switchModelCheck;
      expect(schothorst).toMatchObject({ model: 'FRONTLINE', required: [1, 4, 7], source: '§6.1; §6.2' });
      // As the data set stands, of the services its members (Symfora, Ravelijn, Kwintes) have for Schothorst only Symfora's
      // day activities on the estate (§5.2: rehabilitation and re-integration, the classification's "uitvoeren") carry one of the three.
      expect(schothorst).toMatchObject({ status: 'FAIL', covered: [7], missing: [1, 4] });
      expect(schothorst.explanationNl).toBe('schakelen in de frontlinie vraagt basisfuncties 1, 4, 7; niet gedekt door het aanbod van de leden: 1, 4.');
    });
  });

  describe('Schothorst (§5.1, §5.3): a front-line switch team of three professionals', () => {
    it('fails the size norm of 5 to 10 members and the norm of 5 per 10,000 inhabitants', async () => {
      const district = await view('schothorst');
      const team = network(district, 'schakelteam-schothorst');
      expect(team).toMatchObject({ relation: 'THIS_AREA', normsApply: true, population: 12818, populationYear: 2009, overall: 'FAIL' });
      expect(team.network.kind).toBe('SWITCH_TEAM');
      // Symfora, Ravelijn and Kwintes; the SWA workers and the housing corporation sat in the shell.
      expect(team.teamMembers.map((m: any) => m.organisation.slug).sort()).toEqual(['kwintes', 'ravelijn', 'symfora']);
      expect(team.members.length).toBe(6);
      expect(check(team, 'TEAM_SIZE')).toMatchObject({ status: 'FAIL', value: 3, minimum: 5, maximum: 10, normText: '5 to 10 members', normTextNl: '5 tot 10 leden', source: '§6.3 Omvang; §9.4' });
      // 3 members for 4,813 + 8,005 inhabitants (Schothorst-Zuid and -Noord, §5.1).
      expect(check(team, 'MEMBERS_PER_10000_INHABITANTS')).toMatchObject({ status: 'FAIL', value: 2.34, minimum: 5, source: '§9.7 Beleid 4; §6.3 Schaalgrootte' });
      // No fte in the book: unknown, never assumed.
      expect(check(team, 'MEMBER_MIN_FTE')).toMatchObject({ status: 'UNKNOWN', value: null, minimum: 0.4 });
      expect(check(team, 'TEAM_TOTAL_FTE')).toMatchObject({ status: 'UNKNOWN', value: null, minimum: 2 });
      // §5.3 states the team's knowledge: care (psychiatry) and volunteer work; only health care is one of the eight.
      expect(team.knowledgeAreasPresent).toEqual(['HEALTH_CARE']);
      expect(check(team, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'FAIL', value: 1 });
      expect(team.knowledgeAreasMissing).toEqual(['COMMUNITY_BUILDING', 'SOCIAL_CULTURAL_WORK', 'SOCIAL_WORK', 'SOCIAL_LEGAL_SERVICES', 'SOCIAL_HOUSING', 'ELDERLY_CARE', 'DISABILITY_CARE']);
    });

    it('shows the same team, checked the same way, from a neighbourhood of the district', async () => {
      const team = network(await view('schothorst-zuid'), 'schakelteam-schothorst');
      expect(team).toMatchObject({ relation: 'AREA_ABOVE', population: 12818, overall: 'FAIL' });
      expect(check(team, 'TEAM_SIZE').status).toBe('FAIL');
    });
  });

  describe('Kruiskamp (§3.1): a Vogelaarwijk with many migrant families', () => {
    it("flags the non-western share of 38 % against the city's 14 % as the first gap", async () => {
      const kruiskamp = await view('kruiskamp');
      expect(kruiskamp.parentArea.slug).toBe('kruiskamp-koppel');
      expect(figure(kruiskamp, 'pct_non_western_migrants')).toMatchObject({ year: 2009, value: 38, derived: false, municipalityValue: 14, differenceFromMunicipality: 24 });
      const migrant = row(kruiskamp, 'allochtone-gezinnen');
      expect(migrant.need).toMatchObject({ status: 'ABOVE_MUNICIPALITY', value: 38, municipalityValue: 14, difference: 24 });
      expect(migrant.total).toMatchObject({ count: 0, status: 'EMPTY' });
      const [first] = kruiskamp.gaps;
      expect(first).toMatchObject({ rank: 1, level: 'TARGET_GROUP', status: 'EMPTY', serviceCount: 0, targetGroup: { code: 'allochtone-gezinnen' }, need: { status: 'ABOVE_MUNICIPALITY', value: 38, municipalityValue: 14 } });
      expect(first.reason).toContain('No active service for migrant families (allochtone gezinnen) serves Kruiskamp');
      expect(first.reason).toContain('38% against 14%');
      expect(first.reasonNl).toContain('38% tegen 14%');
      expect(first.reasonNl).toContain('Schakelteam Kruiskamp-Koppel');
      // The elderly share equals the city's (12 %): no need above it, so those gaps rank lower.
      expect(row(kruiskamp, 'kwetsbare-ouderen-sociaal-isolement').need.status).toBe('NOT_ABOVE');
      const needy = kruiskamp.gaps.filter((g: any) => g.need.status === 'ABOVE_MUNICIPALITY');
      expect(needy.map((g: any) => g.targetGroup.code)).toEqual(['allochtone-gezinnen']);
    });

    it('checks the Kruiskamp-Koppel team against the knowledge the book lists for it (§3.5)', async () => {
      const team = network(await view('kruiskamp'), 'schakelteam-kruiskamp-koppel');
      // "sociaal-cultureel werk, sociaalpedagogische hulpverlening, maatschappelijk werk, jeugdwerk, psychiatrie en verstandelijk gehandicaptenzorg".
      expect(team.knowledgeAreasPresent).toEqual(['SOCIAL_CULTURAL_WORK', 'SOCIAL_WORK', 'HEALTH_CARE', 'DISABILITY_CARE']);
      expect(team.knowledgeAreasMissing).toEqual(['COMMUNITY_BUILDING', 'SOCIAL_LEGAL_SERVICES', 'SOCIAL_HOUSING', 'ELDERLY_CARE']);
      expect(check(team, 'KNOWLEDGE_AREAS')).toMatchObject({ status: 'FAIL', explanation: 'Missing: community building, social-legal services, social housing, elderly care.' });
      expect(check(team, 'TEAM_SIZE')).toMatchObject({ status: 'FAIL', value: 4 });
    });
  });

  describe('the rest of the view', () => {
    it('groups organisations, services and locations serving the area by sector, with how they reach it', async () => {
      const schuilenburg = await view('schuilenburg');
      const sectors = schuilenburg.bySector.map((g: any) => g.sector);
      expect(sectors).toEqual(expect.arrayContaining(['WELFARE', 'CHURCH_MOSQUE', 'VOLUNTEER']));
      const all = (kind: string) => schuilenburg.bySector.flatMap((g: any) => g[kind]);
      // A neighbourhood project (§4.6), a district location (Nijenstede) and a city-wide service.
      expect(all('services').find((s: any) => s.service.slug === 'pannenkoekendag-basisschool')).toMatchObject({ relation: 'THIS_AREA' });
      expect(all('services').find((s: any) => s.service.slug === 'eetclub')).toMatchObject({ relation: 'AREA_ABOVE' });
      expect(all('locations').find((l: any) => l.location.slug === 'nijenstede')).toMatchObject({ relation: 'AREA_ABOVE' });
      expect(all('services').some((s: any) => s.service.slug === 'gezondheidsmonitor-senioren')).toBe(true);
      // The district sees its neighbourhood's project from below.
      const district = await view('randenbroek-schuilenburg');
      expect(district.bySector.flatMap((g: any) => g.services).find((s: any) => s.service.slug === 'pannenkoekendag-basisschool')).toMatchObject({ relation: 'AREA_BELOW' });
      // Defunct services are not active.
      const schothorst = await view('schothorst');
      expect(schothorst.bySector.flatMap((g: any) => g.services).some((s: any) => s.service.slug === 'website-schakelteam-schothorst')).toBe(false);
    });

    it('lays out target groups × the ten basic functions, drillable to the services', async () => {
      const district = await view('randenbroek-schuilenburg');
      expect(district.coverage.basicFunctions.map((f: any) => f.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(district.coverage.rows.length).toBe(21);
      for (const r of district.coverage.rows) expect(r.cells.map((c: any) => c.basicFunction.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      // Sensor's intervention type (activating home visits) is classed under basic function 9 (activeren).
      const isolated = row(district, 'kwetsbare-ouderen-sociaal-isolement');
      expect(isolated.cells.find((c: any) => c.basicFunction.number === 9).count).toBeGreaterThanOrEqual(1);
      // Most of the book's projects have no intervention type: their cells are unknown, not empty.
      expect(isolated.unclassified.count).toBeGreaterThan(0);
      expect(isolated.cells.filter((c: any) => c.count === 0).every((c: any) => c.status === 'UNKNOWN')).toBe(true);
      expect(district.coverage.withoutBasicFunction).toBeGreaterThan(0);
      expect(district.coverage.thinBelow).toBe(2);
    });

    it('reports freshness and the thresholds it applied', async () => {
      const kruiskamp = await view('kruiskamp');
      // The book's records were never verified in the system.
      expect(kruiskamp.freshness).toMatchObject({ months: 12, total: { verified: 0, share: 0 } });
      expect(kruiskamp.freshness.total.records).toBeGreaterThan(0);
      expect(kruiskamp.thresholds).toEqual({ membersPer10000: 5, memberMinFte: 0.4, teamMinMembers: 5, teamMaxMembers: 10, teamMinTotalFte: 2, coverageThinBelow: 2, freshnessMonths: 12 });
      await t.gql(`mutation($id: ID!) { markVerified(entityType: ORGANISATION, id: $id) { id } }`, { id: (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id }, { cookie: await t.login('admin@test.local', TEST_PASSWORD) });
      const fresh = dataOf(await t.gql(`{ neighbourhoodView(area: "kruiskamp") { freshness { organisations { records verified share } } } }`)).neighbourhoodView.freshness;
      expect(fresh.organisations.verified).toBe(1);
      expect(fresh.organisations.share).toBeCloseTo(1 / fresh.organisations.records, 4);
    });

    it('uses the figures of a given year, and none when the area has none for it', async () => {
      const older = dataOf(await t.gql(VIEW, { area: 'randenbroek-schuilenburg', year: 2004 })).neighbourhoodView;
      expect(older.year).toBe(2004);
      expect(older.keyFigures.map((f: any) => f.indicatorCode)).toEqual(['pct_age_65_plus']);
      expect(figure(older, 'pct_age_65_plus')).toMatchObject({ year: 2004, value: 20, derived: false, municipalityValue: 11.4, source: 'GGD Eemland, onderzoek 2004 (publicatie 2005) (boek §4.2)' });
      // The need indicator of isolated elderly now has a figure for 2004 too (§4.2: 20 % against 11.4 %).
      expect(row(older, 'kwetsbare-ouderen-sociaal-isolement').need.status).toBe('ABOVE_MUNICIPALITY');
    });

    it('answers BAD_USER_INPUT for an unknown area', async () => {
      const res = await t.gql(`{ neighbourhoodView(area: "atlantis") { area { slug } } }`);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions!.field).toBe('area');
    });
  });

  describe('field-level rules: key persons and referral aggregates', () => {
    beforeAll(async () => {
      const [person] = await t.db.dataSource.query(`INSERT INTO key_person (name, role_description) VALUES ('Wijkagent Voorbeeld', 'wijkagent') RETURNING id`);
      await t.db.dataSource.query(`INSERT INTO key_person_area (key_person_id, area_id) SELECT $1, id FROM area WHERE slug = 'schuilenburg'`, [person.id]);
      // Six referrals in Schuilenburg: enough to pass the suppression threshold of 5.
      const [swa] = await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`);
      const [beweging] = await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'beweging-3-0'`);
      for (let i = 1; i <= 6; i++) {
        await t.db.dataSource.query(
          `INSERT INTO referral (dossier_number, referring_organisation_id, receiving_organisation_id, area_id, status)
           SELECT $1, $2, $3, id, 'SIGNALLED' FROM area WHERE slug = 'schuilenburg'`,
          [`2009-${String(90000 + i)}`, beweging.id, swa.id],
        );
      }
    });

    const PRIVATE = `query($area: String!) { neighbourhoodView(area: $area) {
      area { slug } keyFigures { indicatorCode }
      keyPersons { name }
      referralFlow { inScope statistics { total { count suppressed } } areaCounts { area { slug } count suppressed } }
    } }`;

    it('gives anonymous visitors the public view, and an error only on key persons and referral flow', async () => {
      const res = await t.gql(PRIVATE, { area: 'schuilenburg' });
      expect(res.body.data!.neighbourhoodView).toMatchObject({ area: { slug: 'schuilenburg' }, keyPersons: null, referralFlow: null });
      expect(res.body.data!.neighbourhoodView.keyFigures.length).toBeGreaterThan(0);
      expect(res.body.errors!.map((e) => [e.path!.join('.'), e.extensions!.code])).toEqual([
        ['neighbourhoodView.keyPersons', 'UNAUTHENTICATED'],
        ['neighbourhoodView.referralFlow', 'UNAUTHENTICATED'],
      ]);
      expect(JSON.stringify(res.body.data)).not.toContain('Wijkagent Voorbeeld');
    });

    it('shows key persons to logged-in users, and referral aggregates to an organisation user never', async () => {
      const cookie = await t.login('swa@test.local', TEST_PASSWORD);
      const res = await t.gql(PRIVATE, { area: 'schuilenburg' }, { cookie });
      expect(res.body.data!.neighbourhoodView.keyPersons).toEqual([{ name: 'Wijkagent Voorbeeld' }]);
      expect(res.body.data!.neighbourhoodView.referralFlow).toBeNull();
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      // The district includes its neighbourhood's key persons.
      const district = dataOf(await t.gql(`{ neighbourhoodView(area: "randenbroek-schuilenburg") { keyPersons { name } } }`, undefined, { cookie }));
      expect(district.neighbourhoodView.keyPersons).toEqual([{ name: 'Wijkagent Voorbeeld' }]);
    });

    it("gives a municipality user the referral aggregates of an area in their scope, and nothing outside it", async () => {
      const cookie = await t.login('gemeente@test.local', TEST_PASSWORD);
      const inside = dataOf(await t.gql(PRIVATE, { area: 'randenbroek-schuilenburg' }, { cookie })).neighbourhoodView.referralFlow;
      expect(inside.inScope).toBe(true);
      expect(inside.statistics.total).toEqual({ count: 6, suppressed: false });
      expect(inside.areaCounts).toEqual(expect.arrayContaining([{ area: { slug: 'schuilenburg' }, count: 6, suppressed: false }]));
      const outside = dataOf(await t.gql(PRIVATE, { area: 'kruiskamp' }, { cookie })).neighbourhoodView.referralFlow;
      expect(outside).toEqual({ inScope: false, statistics: null, areaCounts: [] });
    });
  });

  describe('compare and rank', () => {
    it('puts the same figures and coverage of several areas side by side', async () => {
      const comparison = dataOf(
        await t.gql(`{ compareAreas(areas: ["randenbroek", "schuilenburg", "kruiskamp", "amersfoort"]) {
          areas { slug }
          indicators { indicatorCode indicator { code } values { value municipalityValue } }
          coverage { targetGroup { code } serviceCounts statuses needs { status } }
          views { area { slug } gaps(first: 1) { targetGroup { code } } }
        } }`),
      ).compareAreas;
      expect(comparison.areas.map((a: any) => a.slug)).toEqual(['randenbroek', 'schuilenburg', 'kruiskamp', 'amersfoort']);
      const share65 = comparison.indicators.find((r: any) => r.indicatorCode === 'pct_age_65_plus');
      expect(share65.values.map((v: any) => v?.value)).toEqual([17, 23, 12, 12]);
      const nonWestern = comparison.indicators.find((r: any) => r.indicatorCode === 'pct_non_western_migrants');
      expect(nonWestern.values.map((v: any) => v?.value)).toEqual([24, 37, 38, 14]);
      const migrant = comparison.coverage.find((r: any) => r.targetGroup.code === 'allochtone-gezinnen');
      expect(migrant.needs.map((n: any) => n.status)).toEqual(['ABOVE_MUNICIPALITY', 'ABOVE_MUNICIPALITY', 'ABOVE_MUNICIPALITY', 'NOT_ABOVE']);
      expect(migrant.serviceCounts).toEqual([0, 0, 0, 0]);
      // Randenbroek and Schuilenburg: the 65+ statement outranks the migrants' (17 / 12 − 1 and 23 / 12 − 1, times 2.5
      // uncovered elderly groups, against 24 / 14 − 1 and 37 / 14 − 1 times one), its first gap the single elderly (§4.6 Eetclub only).
      expect(comparison.views.map((v: any) => v.gaps[0].targetGroup.code)).toEqual(['alleenstaande-ouderen', 'alleenstaande-ouderen', 'allochtone-gezinnen', expect.any(String)]);
    });

    it('refuses unknown areas and too many areas', async () => {
      const unknown = await t.gql(`{ compareAreas(areas: ["kruiskamp", "atlantis"]) { year } }`);
      expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
      expect(unknown.body.errors![0].extensions!.field).toBe('areas.1');
      const many = await t.gql(`query($areas: [String!]!) { compareAreas(areas: $areas) { year } }`, { areas: Array.from({ length: 21 }, () => 'kruiskamp') });
      expect(errorCodes(many)).toEqual(['BAD_USER_INPUT']);
    });

    it('ranks the neighbourhoods of Amersfoort by non-western share (§3.1, §4.1, §5.1)', async () => {
      const ranking = dataOf(
        await t.gql(`{ rankAreas(municipality: "amersfoort", by: INDICATOR, indicator: "pct_non_western_migrants") {
          by indicator { code } items { rank area { slug } value year municipalityValue }
        } }`),
      ).rankAreas;
      expect(ranking.indicator.code).toBe('pct_non_western_migrants');
      expect(ranking.items.map((i: any) => [i.rank, i.area.slug, i.value])).toEqual([
        [1, 'kruiskamp', 38],
        [2, 'schuilenburg', 37],
        [3, 'de-koppel', 30],
        [4, 'randenbroek', 24],
        [5, 'schothorst-zuid', 14],
        [6, 'schothorst-noord', 9],
        // Mentioned in the book without figures: listed last, unranked.
        [null, 'leusderkwartier', null],
        [null, 'liendert', null],
      ]);
      expect(ranking.items[0]).toMatchObject({ year: 2009, municipalityValue: 14 });
    });

    it('ranks districts by gaps where the need is above the city, and by one target group', async () => {
      const ranking = dataOf(
        await t.gql(`{ rankAreas(municipality: "amersfoort", by: NEED_GAPS, level: DISTRICT) { items { rank area { slug } value gapCount needGapCount topGap { targetGroup { code } need { status } } } } }`),
      ).rankAreas;
      expect(ranking.items.map((i: any) => i.area.slug)).toEqual(['randenbroek-schuilenburg', 'kruiskamp-koppel', 'schothorst']);
      expect(ranking.items[0]).toMatchObject({ rank: 1, topGap: { targetGroup: { code: 'alleenstaande-ouderen' }, need: { status: 'ABOVE_MUNICIPALITY' } } });
      for (const item of ranking.items) expect(item.value).toBe(item.needGapCount);
      const migrants = dataOf(
        await t.gql(`{ rankAreas(municipality: "amersfoort", by: NEED_GAPS, targetGroup: "allochtone-gezinnen") { targetGroup { code } items { rank area { slug } value } } }`),
      ).rankAreas;
      expect(migrants.targetGroup.code).toBe('allochtone-gezinnen');
      expect(migrants.items.filter((i: any) => i.value === 1).map((i: any) => i.area.slug).sort()).toEqual(['de-koppel', 'kruiskamp', 'randenbroek', 'schuilenburg']);
    });

    it('needs an indicator to rank by one', async () => {
      expect(errorCodes(await t.gql(`{ rankAreas(municipality: "amersfoort", by: INDICATOR) { by } }`))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await t.gql(`{ rankAreas(municipality: "amersfoort", by: INDICATOR, indicator: "nope") { by } }`))).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('curation of the new fields', () => {
    it('records knowledge areas and fte on members, and the checks follow', async () => {
      const admin = await t.login('admin@test.local', TEST_PASSWORD);
      const [team] = await t.db.dataSource.query(`SELECT id FROM network WHERE slug = 'schakelteam-schothorst'`);
      const members: Array<{ id: string; version: number }> = await t.db.dataSource.query(
        `SELECT id, version FROM network_member WHERE network_id = $1 AND tier = 'CORE' ORDER BY id`,
        [team.id],
      );
      for (const m of members) {
        dataOf(
          await t.gql(`mutation($id: ID!, $version: Int!) { updateNetworkMember(id: $id, version: $version, input: { fte: 0.5, knowledgeAreas: [SOCIAL_WORK] }) { knowledgeAreas fte } }`, { id: m.id, version: m.version }, { cookie: admin }),
        );
      }
      for (const extra of [0.3, 0.5]) {
        dataOf(
          await t.gql(`mutation($id: ID!, $fte: Float!) { addNetworkMember(networkId: $id, input: { organisationName: "Extra", tier: CORE, fte: $fte, knowledgeAreas: [ELDERLY_CARE, COMMUNITY_BUILDING] }) { id } }`, { id: team.id, fte: extra }, { cookie: admin }),
        );
      }
      const bad = await t.gql(`mutation($id: ID!) { addNetworkMember(networkId: $id, input: { organisationName: "X", knowledgeAreas: [SOCIAL_WORK, SOCIAL_WORK] }) { id } }`, { id: team.id }, { cookie: admin });
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);

      const after = network(dataOf(await t.gql(VIEW, { area: 'schothorst' })).neighbourhoodView, 'schakelteam-schothorst');
      expect(check(after, 'TEAM_SIZE')).toMatchObject({ status: 'PASS', value: 5 });
      expect(check(after, 'MEMBER_MIN_FTE')).toMatchObject({ status: 'FAIL', value: 0.3 });
      expect(check(after, 'TEAM_TOTAL_FTE')).toMatchObject({ status: 'PASS', value: 2.3 });
      expect(after.knowledgeAreasPresent).toEqual(['COMMUNITY_BUILDING', 'SOCIAL_WORK', 'HEALTH_CARE', 'ELDERLY_CARE']);
      expect(check(after, 'KNOWLEDGE_AREAS').status).toBe('FAIL');

      const [network55] = await t.db.dataSource.query(`SELECT id, version FROM network WHERE slug = 'buurtnetwerk-55plus'`);
      const updated = dataOf(
        await t.gql(`mutation($id: ID!, $version: Int!) { updateNetwork(id: $id, version: $version, input: { knowledgeAreas: [ELDERLY_CARE] }) { knowledgeAreas } }`, { id: network55.id, version: network55.version }, { cookie: admin }),
      );
      expect(updated.updateNetwork.knowledgeAreas).toEqual(['ELDERLY_CARE']);
    });

    it('records history and future plans of an area (wijkkaart 1.1 and 1.2)', async () => {
      const admin = await t.login('admin@test.local', TEST_PASSWORD);
      const [area] = await t.db.dataSource.query(`SELECT id, version FROM area WHERE slug = 'kruiskamp'`);
      const updated = dataOf(
        await t.gql(`mutation($id: ID!, $version: Int!) { updateArea(id: $id, version: $version, input: { history: "Gebouwd na de oorlog.", futurePlans: "Renovatie van De Roef (wijkactieplan)." }) { history futurePlans } }`, { id: area.id, version: area.version }, { cookie: admin }),
      );
      expect(updated.updateArea).toEqual({ history: 'Gebouwd na de oorlog.', futurePlans: 'Renovatie van De Roef (wijkactieplan).' });
    });
  });
});
