import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

/*
 * Several municipalities in one installation (docs/security.md, "What each caller can see and
 * do"; docs/adopting.md, "A second municipality"): Schakeldam (GM9901, imported from the CBS
 * fixture, which carries the NL00 row of the country) and Tweestad (GM9902, curated by hand), a
 * MUNICIPALITY user of each. Each sees and changes only its own — key figures by GraphQL and CSV,
 * referral flow — both see the public map of both, an admin sees and changes everything, and the
 * neighbourhood view compares an area with its municipality and with the country.
 */

const CSV_2023 = readFileSync(join(__dirname, '../cbs-import/fixtures/kwb-2023-statline.csv'), 'utf8');
const CREATE_AREA = `mutation($input: CreateAreaInput!) { createArea(input: $input) { id code } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id version areas { code } } }`;
const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id version areas { code } } }`;
const CREATE_FIGURE = `mutation($input: KeyFigureInput!) { createKeyFigure(input: $input) { id version value area { code } } }`;
const UPDATE_FIGURE = `mutation($id: ID!, $version: Int!, $input: UpdateKeyFigureInput!) { updateKeyFigure(id: $id, version: $version, input: $input) { id value } }`;
const DELETE_FIGURE = `mutation($id: ID!, $version: Int!) { deleteKeyFigure(id: $id, version: $version) { id } }`;
const UPSERT = `mutation($input: [KeyFigureInput!]!) { upsertKeyFigures(input: $input) { created } }`;
const STATISTICS = `{ referralStatistics { areas { code } } }`;
const VIEW = `query($area: String!) {
  neighbourhoodView(area: $area) {
    area { code }
    municipality { code }
    keyFigures { indicatorCode year value municipalityValue countryValue differenceFromCountry }
  }
}`;
const FLOW = `query($area: String!) { neighbourhoodView(area: $area) { referralFlow { inScope areaCounts { area { code } } } } }`;

describe('several municipalities in one installation', () => {
  let t: TestApp;
  let admin: string;
  let schakeldam: string;
  let tweestad: string;
  let schakeldamUser: { id: string; version: number };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const post = async (path: string, body: string, cookie: string) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8', cookie }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const figure = (area: string, value: number) => ({ input: { area, indicator: 'population', year: 2023, value, source: 'Eigen telling' } });

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    // Schakeldam and the country, from CBS's file; Tweestad by hand.
    const imported = await post('/imports/cbs-kerncijfers?year=2023', CSV_2023, admin);
    expect(imported.status).toBe(200);
    expect(imported.body.countryFigures).toEqual({ created: 1, updated: 0, unchanged: 0 });
    for (const input of [
      { code: 'GM9902', name: 'Tweestad', level: 'MUNICIPALITY' },
      { code: 'WK990201', name: 'Oost', level: 'DISTRICT', parent: 'GM9902' },
      { code: 'BU99020101', name: 'Havenkwartier', level: 'NEIGHBOURHOOD', parent: 'WK990201' },
    ]) {
      dataOf(await t.gql(CREATE_AREA, { input }, { cookie: admin }));
    }
    const user = (email: string, areas: string[]) => ({ input: { email, displayName: email, role: 'MUNICIPALITY', areas, password: TEST_PASSWORD } });
    schakeldamUser = dataOf(await t.gql(CREATE_USER, user('gemeente@schakeldam.test', ['GM9901']), { cookie: admin })).createUser;
    dataOf(await t.gql(CREATE_USER, user('gemeente@tweestad.test', ['WK990201', 'BU99020101']), { cookie: admin }));
    schakeldam = await t.login('gemeente@schakeldam.test', TEST_PASSWORD);
    tweestad = await t.login('gemeente@tweestad.test', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  describe('a municipality user works for one municipality', () => {
    it('refuses areas in two municipalities when an admin creates the account, naming the field and the rule', async () => {
      const res = await t.gql(CREATE_USER, { input: { email: 'beide@test.local', displayName: 'Beide', role: 'MUNICIPALITY', areas: ['BU99010101', 'WK990201'], password: TEST_PASSWORD } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.areas', rule: 'oneMunicipality', params: { municipalities: 2 } });
      expect(await count(`SELECT count(*) AS n FROM app_user WHERE email = 'beide@test.local'`)).toBe(0);
    });

    it('refuses it when an admin changes the areas, and keeps the stored ones', async () => {
      const res = await t.gql(UPDATE_USER, { input: { id: schakeldamUser.id, version: schakeldamUser.version, areas: ['GM9901', 'GM9902'] } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.areas', rule: 'oneMunicipality' });
      expect(await count(`SELECT count(*) AS n FROM user_area WHERE user_id = $1`, [schakeldamUser.id])).toBe(1);
      // Areas at several levels of one municipality are one municipality.
      const same = dataOf(await t.gql(UPDATE_USER, { input: { id: schakeldamUser.id, version: schakeldamUser.version, areas: ['GM9901', 'BU99010101'] } }, { cookie: admin })).updateUser;
      expect(same.areas.map((a: any) => a.code).sort()).toEqual(['BU99010101', 'GM9901']);
      const back = dataOf(await t.gql(UPDATE_USER, { input: { id: schakeldamUser.id, version: same.version, areas: ['GM9901'] } }, { cookie: admin })).updateUser;
      expect(back.areas).toEqual([{ code: 'GM9901' }]);
    });
  });

  describe('key figures: each changes only its own', () => {
    it('over GraphQL: create, change and delete in its own municipality, FORBIDDEN in the other', async () => {
      const own = dataOf(await t.gql(CREATE_FIGURE, figure('BU99020101', 1200), { cookie: tweestad })).createKeyFigure;
      expect(own).toMatchObject({ value: 1200, area: { code: 'BU99020101' } });
      expect(errorCodes(await t.gql(CREATE_FIGURE, figure('BU99020101', 1300), { cookie: schakeldam }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(UPDATE_FIGURE, { id: own.id, version: own.version, input: { value: 1 } }, { cookie: schakeldam }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(DELETE_FIGURE, { id: own.id, version: own.version }, { cookie: schakeldam }))).toEqual(['FORBIDDEN']);
      // Nor may Tweestad move its figure into Schakeldam.
      expect(errorCodes(await t.gql(UPDATE_FIGURE, { id: own.id, version: own.version, input: { area: 'BU99010101' } }, { cookie: tweestad }))).toEqual(['FORBIDDEN']);
      const [stored] = await t.db.dataSource.query(`SELECT kf.value::float AS value, a.code FROM key_figure kf JOIN area a ON a.id = kf.area_id WHERE kf.id = $1`, [own.id]);
      expect(stored).toEqual({ value: 1200, code: 'BU99020101' });
      // Schakeldam's user changes Schakeldam's figures; Tweestad's not, even for a district above its areas' own.
      dataOf(await t.gql(CREATE_FIGURE, figure('WK990101', 5000), { cookie: schakeldam }));
      expect(errorCodes(await t.gql(CREATE_FIGURE, figure('GM9902', 20000), { cookie: tweestad }))).toEqual(['FORBIDDEN']);
      // An admin changes every municipality's.
      dataOf(await t.gql(UPDATE_FIGURE, { id: own.id, version: own.version, input: { value: 1250 } }, { cookie: admin }));
    });

    it('in a batch: one row of the other municipality refuses the whole batch', async () => {
      const before = await count(`SELECT count(*) AS n FROM key_figure WHERE source = 'Batch'`);
      const rows = [
        { area: 'BU99010101', indicator: 'population', year: 2023, value: 2200, source: 'Batch' },
        { area: 'BU99020101', indicator: 'population', year: 2023, value: 1100, source: 'Batch' },
      ];
      const res = await t.gql(UPSERT, { input: rows }, { cookie: schakeldam });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE source = 'Batch'`)).toBe(before);
    });

    it('by CSV: a row of the other municipality refuses the file, its own file is imported', async () => {
      const header = 'area_code,indicator_code,year,value,source,note\r\n';
      const mixed = `${header}BU99020101,population,2021,1000,CSV,\r\nBU99010101,population,2021,2000,CSV,\r\n`;
      const refused = await post('/csv/key-figures', mixed, tweestad);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE source = 'CSV'`)).toBe(0);
      const own = await post('/csv/key-figures', `${header}BU99020101,population,2021,1000,CSV,\r\n`, tweestad);
      expect(own).toMatchObject({ status: 200, body: { created: 1 } });
    });
  });

  describe('referral flow: each sees only its own', () => {
    it('referralStatistics covers the caller’s own municipality; an admin’s covers everything', async () => {
      const codes = async (cookie: string) => (dataOf(await t.gql(STATISTICS, {}, { cookie })).referralStatistics.areas as any[] | null)?.map((a) => a.code).sort() ?? null;
      expect(await codes(schakeldam)).toEqual(['BU99010101', 'BU99010102', 'BU99010201', 'BU99010202', 'GM9901', 'WK990101', 'WK990102']);
      expect(await codes(tweestad)).toEqual(['BU99020101', 'WK990201']);
      // null: every area, of every municipality.
      expect(dataOf(await t.gql(STATISTICS, {}, { cookie: admin })).referralStatistics.areas).toBeNull();
    });

    it('the neighbourhood view shows the flow of an area in the caller’s scope only', async () => {
      const flow = async (area: string, cookie: string) => dataOf(await t.gql(FLOW, { area }, { cookie })).neighbourhoodView.referralFlow;
      expect(await flow('BU99020101', tweestad)).toEqual({ inScope: true, areaCounts: [{ area: { code: 'BU99020101' } }] });
      expect(await flow('BU99020101', schakeldam)).toEqual({ inScope: false, areaCounts: [] });
      expect(await flow('WK990101', tweestad)).toEqual({ inScope: false, areaCounts: [] });
      expect((await flow('BU99020101', admin)).inScope).toBe(true);
      expect((await flow('WK990101', admin)).inScope).toBe(true);
    });
  });

  describe('the public map holds both', () => {
    it('shows every municipality to visitors and to both municipality users', async () => {
      for (const cookie of [undefined, schakeldam, tweestad]) {
        const areas = dataOf(await t.gql(`{ areas(level: MUNICIPALITY, first: 100) { edges { node { code } } } }`, {}, { cookie })).areas.edges.map((e: any) => e.node.code);
        expect(areas).toEqual(expect.arrayContaining(['GM9901', 'GM9902']));
        for (const area of ['BU99010101', 'BU99020101']) {
          expect(dataOf(await t.gql(VIEW, { area }, { cookie })).neighbourhoodView.area.code).toBe(area);
        }
      }
    });
  });

  describe('comparison against the municipality and the country', () => {
    it("shows the country's value of the same year beside the municipality's, from the file's NL00 row", async () => {
      const view = dataOf(await t.gql(VIEW, { area: 'BU99010101' })).neighbourhoodView;
      expect(view.municipality).toEqual({ code: 'GM9901' });
      const population = view.keyFigures.find((k: any) => k.indicatorCode === 'population');
      expect(population).toEqual({ indicatorCode: 'population', year: 2023, value: 2310, municipalityValue: 9560, countryValue: 17811291, differenceFromCountry: 2310 - 17811291 });
      // The file gives the country no other figure: no national comparison there.
      const share = view.keyFigures.find((k: any) => k.indicatorCode === 'pct_owner_occupied');
      expect(share).toMatchObject({ countryValue: null, differenceFromCountry: null });
      // Tweestad's own figure of 2023 meets the same national figure.
      const tweestadView = dataOf(await t.gql(VIEW, { area: 'BU99020101' })).neighbourhoodView;
      expect(tweestadView.keyFigures.find((k: any) => k.indicatorCode === 'population')).toMatchObject({ year: 2023, value: 1250, countryValue: 17811291 });
      // Two municipalities' areas side by side, each beside the same national figure.
      const compared = dataOf(await t.gql(`{ compareAreas(areas: ["BU99010101", "BU99020101"], year: 2023) { indicators { indicatorCode values { value countryValue } } } }`)).compareAreas;
      expect(compared.indicators.find((row: any) => row.indicatorCode === 'population').values).toEqual([
        { value: 2310, countryValue: 17811291 },
        { value: 1250, countryValue: 17811291 },
      ]);
      // A year the country has no figure for is compared with nothing.
      const earlier = dataOf(await t.gql(`query { neighbourhoodView(area: "BU99020101", year: 2021) { keyFigures { indicatorCode year countryValue } } }`)).neighbourhoodView;
      expect(earlier.keyFigures.find((k: any) => k.indicatorCode === 'population')).toEqual({ indicatorCode: 'population', year: 2021, countryValue: null });
    });

    it('a second import of the file changes none of the country’s figures', async () => {
      const again = await post('/imports/cbs-kerncijfers?year=2023', CSV_2023, admin);
      expect(again.status).toBe(200);
      expect(again.body.countryFigures).toEqual({ created: 0, updated: 0, unchanged: 1 });
      expect(await count(`SELECT count(*) AS n FROM country_key_figure`)).toBe(1);
    });

    it('only admins import the country’s figures', async () => {
      const res = await post('/imports/cbs-kerncijfers?year=2023', CSV_2023, schakeldam);
      expect(res.status).toBe(403);
    });
  });
});
