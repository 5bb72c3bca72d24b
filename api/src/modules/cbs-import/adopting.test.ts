import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { features } from '../../features';
import { contextFactoryOf } from '../../common/feature';
import type { RequestContext } from '../../context';
import { TEST_PASSWORD, type TestApp, dataOf, startTestApp } from '../../test/app';
import { type TestDatabase, createTestDatabase } from '../../test/database';
import { hashPassword } from '../auth';
import { User, UserRole } from '../user/user.entity';
import { importBoundaries, importCbsTable, readCbsInputs } from '.';
import { formatBoundaryReport, formatCbsReport } from '../../scripts/import-cbs.format';

/*
 * docs/adopting.md, step by step, on the fixture files in CBS's and PDOK's published layouts
 * (fixtures/README.md): an empty database → the 2023 StatLine CSV and the 2024 OData pair
 * (areas, indicators, figures) → the wijk- en buurtkaart → the neighbourhood view of a buurt
 * against its own municipality with a trend over the two years; a second import changes nothing.
 */

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') });
const CSV_2023 = 'kwb-2023-statline.csv';
const TYPED_2024 = 'kwb-2024-TypedDataSet.json';
const PROPERTIES_2024 = 'kwb-2024-DataProperties.json';
const KAART = 'wijkenbuurten-2023-rd.geojson';

const createContext = contextFactoryOf(features);

describe('adopting Schakel from CBS and PDOK files (docs/adopting.md)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let cli: RequestContext;
  const count = async (sql: string) => Number((await db.dataSource.query(sql))[0].n);
  const snapshot = async () => ({
    areas: await db.dataSource.query(`SELECT code, name, slug, level, parent_id, valid_from_year, valid_to_year, version, boundary FROM area ORDER BY code`),
    indicators: await db.dataSource.query(`SELECT code, name_nl, unit, version FROM indicator ORDER BY code`),
    figures: await db.dataSource.query(`SELECT area_id, indicator_id, year, value, source, derived, version FROM key_figure ORDER BY area_id, indicator_id, year`),
    missing: await db.dataSource.query(`SELECT area_id, indicator_id, year, reason, updated_at FROM key_figure_missing ORDER BY area_id, indicator_id, year`),
    history: await count(`SELECT count(*) AS n FROM change_record`),
  });
  const post = async (path: string, body: string, type: string, cookie?: string) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': type, ...(cookie ? { cookie } : {}) }, body });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    // Step 1: an empty database, migrated as `npm start` does, and an admin.
    db = await createTestDatabase({ empty: true, as: 'owner' });
    await db.migrate();
    const users = db.dataSource.getRepository(User);
    const passwordHash = await hashPassword(TEST_PASSWORD);
    const adminUser = await users.save(users.create({ email: 'beheer@schakeldam.test', displayName: 'Beheer', role: UserRole.ADMIN, organisationId: null, passwordHash }));
    await users.save(users.create({ email: 'gemeente@schakeldam.test', displayName: 'Gemeente', role: UserRole.MUNICIPALITY, organisationId: null, passwordHash }));
    t = await startTestApp({ sameDatabaseAs: { db } as TestApp });
    admin = await t.login('beheer@schakeldam.test', TEST_PASSWORD);
    municipality = await t.login('gemeente@schakeldam.test', TEST_PASSWORD);
    // What `npm run import:cbs` runs as: the one admin.
    cli = createContext(db.dataSource.manager, { viewer: { kind: 'user', userId: adminUser.id, sessionId: 'command-line', role: UserRole.ADMIN, organisationId: null, areaIds: [] } });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('starts from nothing', async () => {
    expect(await count(`SELECT count(*) AS n FROM area`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM indicator`)).toBe(0);
  });

  it('lets only admins import', async () => {
    const csv = fixture(CSV_2023).text;
    expect((await post('/imports/cbs-kerncijfers?year=2023', csv, 'text/csv')).status).toBe(401);
    const forbidden = await post('/imports/cbs-kerncijfers?year=2023', csv, 'text/csv', municipality);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const badYear = await post('/imports/cbs-kerncijfers?year=23', csv, 'text/csv', admin);
    expect(badYear.status).toBe(400);
    expect(badYear.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    const noYear = await post('/imports/cbs-kerncijfers', csv, 'text/csv', admin);
    expect(noYear.status).toBe(400);
    expect(noYear.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    expect((await post('/imports/cbs-kerncijfers?year=2023', csv, 'text/plain', admin)).status).toBe(415);
    expect(await count(`SELECT count(*) AS n FROM area`)).toBe(0);
  });

  it('step 2: a dry run of the 2023 StatLine CSV reports every row and writes nothing', async () => {
    const res = await post('/imports/cbs-kerncijfers?year=2023&dryRun=true', fixture(CSV_2023).text, 'text/csv; charset=utf-8', admin);
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ dryRun: true, format: 'statline-csv', year: 2023, source: 'CBS, Kerncijfers wijken en buurten 2023', refused: false, rows: 8, imported: 7, skipped: 0 });
    expect(report.areas).toMatchObject({ created: 7, updated: 0, unchanged: 0 });
    // OppervlakteLand is no measure Schakel knows and a CSV carries no metadata: reported, not guessed.
    expect(report.ignoredColumns).toEqual(['OppervlakteLand_112']);
    expect(report.report.map((r: any) => [r.code, r.level, r.area])).toEqual([
      ['NL00', null, 'country'],
      ['GM9901', 'MUNICIPALITY', 'created'],
      ['WK990101', 'DISTRICT', 'created'],
      ['BU99010101', 'NEIGHBOURHOOD', 'created'],
      ['BU99010102', 'NEIGHBOURHOOD', 'created'],
      ['WK990102', 'DISTRICT', 'created'],
      ['BU99010201', 'NEIGHBOURHOOD', 'created'],
      ['BU99010202', 'NEIGHBOURHOOD', 'created'],
    ]);
    expect(await count(`SELECT count(*) AS n FROM area`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM key_figure`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(0);
  });

  it('step 2: imports the 2023 StatLine CSV as published: areas, indicators, figures, derived shares and symbols', async () => {
    const report = await importCbsTable(cli, readCbsInputs([fixture(CSV_2023)]), { year: 2023, dryRun: false, onBadRow: 'refuse' });
    expect(report.refused).toBe(false);
    const areas = await db.dataSource.query(`SELECT a.code, a.name, a.level, p.code AS parent, a.valid_from_year, a.valid_to_year FROM area a LEFT JOIN area p ON p.id = a.parent_id ORDER BY a.code`);
    expect(areas).toEqual([
      { code: 'BU99010101', name: 'Binnenstad', level: 'NEIGHBOURHOOD', parent: 'WK990101', valid_from_year: 2023, valid_to_year: null },
      { code: 'BU99010102', name: 'Stationsbuurt', level: 'NEIGHBOURHOOD', parent: 'WK990101', valid_from_year: 2023, valid_to_year: null },
      { code: 'BU99010201', name: 'Bloemenbuurt', level: 'NEIGHBOURHOOD', parent: 'WK990102', valid_from_year: 2023, valid_to_year: null },
      { code: 'BU99010202', name: 'Vogelwijk', level: 'NEIGHBOURHOOD', parent: 'WK990102', valid_from_year: 2023, valid_to_year: null },
      { code: 'GM9901', name: 'Schakeldam', level: 'MUNICIPALITY', parent: null, valid_from_year: 2023, valid_to_year: null },
      { code: 'WK990101', name: 'Centrum', level: 'DISTRICT', parent: 'GM9901', valid_from_year: 2023, valid_to_year: null },
      { code: 'WK990102', name: 'Noord', level: 'DISTRICT', parent: 'GM9901', valid_from_year: 2023, valid_to_year: null },
    ]);
    // Indicators from the columns (Schakel's own code where it has one), with the metadata's title and unit.
    const indicators = await db.dataSource.query(`SELECT code, name_nl, unit FROM indicator ORDER BY code`);
    expect(indicators).toContainEqual({ code: 'population', name_nl: 'Aantal inwoners', unit: 'COUNT' });
    expect(indicators).toContainEqual({ code: 'cbs_k_65_jaar_of_ouder', name_nl: '65 jaar of ouder', unit: 'COUNT' });
    expect(indicators).toContainEqual({ code: 'cbs_gemiddelde_woz_waarde_van_woningen', name_nl: 'Gemiddelde WOZ-waarde van woningen (euro)', unit: 'EUR' });
    expect(indicators).toContainEqual({ code: 'pct_owner_occupied', name_nl: 'Koopwoningen', unit: 'PERCENT' });
    expect(indicators).toContainEqual({ code: 'pct_age_65_plus', name_nl: '65 jaar of ouder, in procenten van de inwoners', unit: 'PERCENT' });
    expect(report.indicators.created).toHaveLength(indicators.length);
    const figure = async (area: string, indicator: string, year: number) =>
      db.dataSource.query(
        `SELECT kf.value::float AS value, kf.derived, kf.source FROM key_figure kf JOIN area a ON a.id = kf.area_id JOIN indicator i ON i.id = kf.indicator_id WHERE a.code = $1 AND i.code = $2 AND kf.year = $3`,
        [area, indicator, year],
      );
    expect(await figure('BU99010101', 'population', 2023)).toEqual([{ value: 2310, derived: false, source: 'CBS, Kerncijfers wijken en buurten 2023' }]);
    // A decimal comma, a value in thousands of euros, and a share derived from two counts (310 / 2310).
    expect(await figure('BU99010101', 'cbs_gemiddelde_huishoudensgrootte', 2023)).toEqual([expect.objectContaining({ value: 1.5 })]);
    expect(await figure('BU99010101', 'cbs_gemiddelde_woz_waarde_van_woningen', 2023)).toEqual([expect.objectContaining({ value: 298000 })]);
    expect(await figure('BU99010101', 'pct_age_65_plus', 2023)).toEqual([expect.objectContaining({ value: 13.4, derived: true })]);
    // The symbols: '.' unknown, 'x' secret, '-' nil, each a missing value with its meaning.
    const missing = await db.dataSource.query(
      `SELECT a.code, i.code AS indicator, m.reason FROM key_figure_missing m JOIN area a ON a.id = m.area_id JOIN indicator i ON i.id = m.indicator_id WHERE m.year = 2023 ORDER BY a.code, i.code`,
    );
    expect(missing).toEqual([
      { code: 'BU99010102', indicator: 'cbs_gemiddeld_inkomen_per_inwoner', reason: 'UNKNOWN' },
      { code: 'BU99010102', indicator: 'cbs_personen_per_soort_uitkering_bijstand', reason: 'NIL' },
      { code: 'BU99010202', indicator: 'cbs_personen_per_soort_uitkering_bijstand', reason: 'SECRET' },
      { code: 'GM9901', indicator: 'cbs_gemiddeld_inkomen_per_inwoner', reason: 'UNKNOWN' },
      { code: 'GM9901', indicator: 'cbs_personen_per_soort_uitkering_bijstand', reason: 'SECRET' },
      { code: 'WK990101', indicator: 'cbs_gemiddeld_inkomen_per_inwoner', reason: 'UNKNOWN' },
      { code: 'WK990102', indicator: 'cbs_personen_per_soort_uitkering_bijstand', reason: 'SECRET' },
    ]);
    expect(report.missing.byReason).toEqual({ UNKNOWN: 3, SECRET: 3, NIL: 1 });
    const history = await db.dataSource.query(`SELECT DISTINCT via FROM change_record`);
    expect(history).toEqual([{ via: 'cbs-import' }]);
    expect(formatCbsReport(report)).toContain('areas: 7 created, 0 updated, 0 unchanged');
  });

  it('step 3: imports the 2024 OData pair (other key suffixes), its DataProperties naming the new column', async () => {
    const report = await importCbsTable(cli, readCbsInputs([fixture(TYPED_2024), fixture(PROPERTIES_2024)]), { year: 2024, dryRun: false, onBadRow: 'refuse' });
    expect(report).toMatchObject({ format: 'odata-json', year: 2024, refused: false, imported: 7, ignoredColumns: [] });
    expect(report.areas).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    expect(report.indicators.created).toEqual(['cbs_oppervlakte_land']);
    const [area] = await db.dataSource.query(`SELECT valid_from_year, valid_to_year FROM area WHERE code = 'BU99010202'`);
    expect(area).toEqual({ valid_from_year: 2023, valid_to_year: null });
    // A null in the typed data set is a value CBS does not publish.
    const [mark] = await db.dataSource.query(
      `SELECT m.reason FROM key_figure_missing m JOIN area a ON a.id = m.area_id JOIN indicator i ON i.id = m.indicator_id WHERE a.code = 'BU99010202' AND i.code = 'cbs_personen_per_soort_uitkering_bijstand' AND m.year = 2024`,
    );
    expect(mark).toEqual({ reason: 'UNKNOWN' });
  });

  it('step 4: imports the wijk- en buurtkaart in RD New as simplified WGS 84 boundaries', async () => {
    const dry = await post('/imports/boundaries?dryRun=true', fixture(KAART).text, 'application/geo+json', admin);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, crs: 'EPSG:28992', crsFrom: 'crs member', updated: 7 });
    expect(await count(`SELECT count(*) AS n FROM area WHERE boundary IS NOT NULL`)).toBe(0);

    const report = await importBoundaries(cli, JSON.parse(fixture(KAART).text), { dryRun: false, onBadRow: 'refuse' });
    expect(report).toMatchObject({ crs: 'EPSG:28992', features: 8, updated: 7, unchanged: 0, skipped: 1, unknownAreas: { count: 1, codes: ['BU99019997'] } });
    const binnenstad = report.report.find((r) => r.code === 'BU99010101')!;
    // 33 published positions, the 0.4 m wiggles simplified away: the block's corners remain.
    expect(binnenstad.positions).toEqual({ published: 33, stored: 5 });
    const [{ boundary }] = await db.dataSource.query(`SELECT boundary FROM area WHERE code = 'BU99010101'`);
    expect(boundary.type).toBe('Polygon');
    // RD (154000, 462000) is in Amersfoort: 5.3726° E, 52.1461° N (proj4 with EPSG's datum shift).
    const [lon, lat] = boundary.coordinates[0][0];
    expect(lon).toBeCloseTo(5.3726, 3);
    expect(lat).toBeCloseTo(52.1461, 3);
    expect(formatBoundaryReport(report)).toContain('features of areas Schakel does not know: 1 (BU99019997)');
  });

  it('step 5: the neighbourhood view of a buurt shows its figures against its own municipality, a trend over the two years and its boundary', async () => {
    const res = await t.gql(
      `query ($area: String!) {
        neighbourhoodView(area: $area) {
          area { code name boundary validFromYear }
          municipality { code name }
          parentArea { code }
          keyFigures { indicatorCode year value municipalityValue differenceFromMunicipality previousYear previousValue changeFromPreviousYear }
        }
      }`,
      { area: 'BU99010101' },
    );
    const view = dataOf(res).neighbourhoodView as any;
    expect(view.area).toMatchObject({ code: 'BU99010101', name: 'Binnenstad', validFromYear: 2023, boundary: { type: 'Polygon' } });
    expect(view.municipality).toEqual({ code: 'GM9901', name: 'Schakeldam' });
    expect(view.parentArea).toEqual({ code: 'WK990101' });
    const population = view.keyFigures.find((k: any) => k.indicatorCode === 'population');
    expect(population).toEqual({ indicatorCode: 'population', year: 2024, value: 2365, municipalityValue: 9667, differenceFromMunicipality: -7302, previousYear: 2023, previousValue: 2310, changeFromPreviousYear: 55 });
    const share = view.keyFigures.find((k: any) => k.indicatorCode === 'pct_age_65_plus');
    expect(share).toMatchObject({ year: 2024, value: 13.7, municipalityValue: 17.8, previousYear: 2023, previousValue: 13.4 });
  });

  it('an area says which figures CBS published without a value, and what the symbol meant', async () => {
    const res = await t.gql(`{ area(code: "BU99010102") { missingKeyFigures { year reason source indicator { code } } } }`);
    expect((dataOf(res).area as any).missingKeyFigures).toEqual([
      { year: 2023, reason: 'UNKNOWN', source: 'CBS, Kerncijfers wijken en buurten 2023', indicator: { code: 'cbs_gemiddeld_inkomen_per_inwoner' } },
      { year: 2023, reason: 'NIL', source: 'CBS, Kerncijfers wijken en buurten 2023', indicator: { code: 'cbs_personen_per_soort_uitkering_bijstand' } },
    ]);
  });

  it('a second import of every file changes nothing', async () => {
    const before = await snapshot();
    const csv = await post('/imports/cbs-kerncijfers?year=2023', fixture(CSV_2023).text, 'text/csv', admin);
    expect(csv.status).toBe(200);
    expect(csv.body.areas).toMatchObject({ created: 0, updated: 0, unchanged: 7, ended: [] });
    expect(csv.body.keyFigures).toMatchObject({ created: 0, updated: 0 });
    expect(csv.body.missing).toMatchObject({ created: 0, updated: 0, cleared: 0 });
    const pair = JSON.stringify({ TypedDataSet: JSON.parse(fixture(TYPED_2024).text), DataProperties: JSON.parse(fixture(PROPERTIES_2024).text) });
    const odata = await post('/imports/cbs-kerncijfers', pair, 'application/json', admin);
    expect(odata.status).toBe(200);
    expect(odata.body).toMatchObject({ year: 2024, areas: { created: 0, updated: 0, unchanged: 7 }, keyFigures: { created: 0, updated: 0 }, indicators: { created: [] } });
    const kaart = await importBoundaries(cli, JSON.parse(fixture(KAART).text), { dryRun: false, onBadRow: 'refuse' });
    expect(kaart).toMatchObject({ updated: 0, unchanged: 7 });
    expect(await snapshot()).toEqual(before);
  });
});
