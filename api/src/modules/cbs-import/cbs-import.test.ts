import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';

/*
 * The rules around the CBS import on the seeded (Amersfoort) database: area codes checked against
 * their parent wherever areas are written, bad rows reported and skipped or refusing the file,
 * areas that leave CBS's division between years, boundaries in WGS 84, one municipality of a
 * national file. docs/adopting.md's steps are adopting.test.ts.
 */

const FIXTURES = join(__dirname, 'fixtures');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const CREATE = `mutation($input: CreateAreaInput!) { createArea(input: $input) { id code version } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateAreaInput!) { updateArea(id: $id, version: $version, input: $input) { id code version } }`;

/** The 2023 CSV with one cell changed. */
function csvWith(replace: (lines: string[]) => string[]): string {
  return `${replace(read('kwb-2023-statline.csv').trimEnd().split('\r\n')).join('\r\n')}\r\n`;
}

describe('CBS import rules', () => {
  let t: TestApp;
  let admin: string;
  const post = async (path: string, body: string, type: string) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': type, cookie: admin }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('refuses an Amersfoort wijk code under Utrecht, in createArea and updateArea alike', async () => {
    const utrecht = dataOf(await t.gql(CREATE, { input: { name: 'Utrecht', level: 'MUNICIPALITY', code: 'GM0344' } }, { cookie: admin })).createArea;
    const wrong = await t.gql(CREATE, { input: { name: 'Kruiskamp-Koppel (CBS)', level: 'DISTRICT', code: 'WK030701', parent: 'GM0344' } }, { cookie: admin });
    expect(wrong.body.errors?.[0]).toMatchObject({ message: 'The CBS code WK030701 lies in GM0307, not in GM0344', extensions: { code: 'BAD_USER_INPUT', field: 'input.code' } });
    const binnenstad = dataOf(await t.gql(CREATE, { input: { name: 'Binnenstad Utrecht', level: 'DISTRICT', code: 'WK034401', parent: 'GM0344' } }, { cookie: admin })).createArea;
    const recoded = await t.gql(UPDATE, { id: binnenstad.id, version: binnenstad.version, input: { code: 'WK030701' } }, { cookie: admin });
    expect(recoded.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    // Nor may the municipality take a code its wijken do not continue.
    const gm = await t.gql(UPDATE, { id: utrecht.id, version: utrecht.version, input: { code: 'GM0307' } }, { cookie: admin });
    expect(gm.body.errors?.[0]).toMatchObject({ message: 'An area below this one does not fit the new code: The CBS code WK034401 lies in GM0344, not in GM0307', extensions: { field: 'input.code' } });
    expect(await count(`SELECT count(*) AS n FROM area WHERE code = 'WK030701'`)).toBe(0);
  });

  it('a bad row refuses the file, or is reported and skipped when asked', async () => {
    // Vogelwijk's population "veel" is no number; Bloemenbuurt says it is a wijk.
    const bad = csvWith((lines) =>
      lines.map((line) => (line.includes('"Vogelwijk"') ? line.replace('"2650"', '"veel"') : line.includes('"Bloemenbuurt"') ? line.replace('"Buurt     "', '"Wijk      "') : line)),
    );
    const refused = await post('/imports/cbs-kerncijfers?year=2023', bad, 'text/csv');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ refused: true, imported: 0, skipped: 7, areas: { created: 0 } });
    const problems = refused.body.report.flatMap((r: any) => r.problems.map((p: any) => [r.row, r.code, p.column, p.message]));
    expect(problems).toEqual([
      [8, 'BU99010201', 'SoortRegio_2', 'SoortRegio says district, the code BU99010201 is a neighbourhood'],
      [9, 'BU99010202', 'AantalInwoners_5', '"veel" is no number and no CBS symbol (. x -)'],
    ]);
    expect(await count(`SELECT count(*) AS n FROM area WHERE code LIKE '%9901%'`)).toBe(0);

    const skipped = await post('/imports/cbs-kerncijfers?year=2023&onBadRow=skip', bad, 'text/csv');
    expect(skipped.status).toBe(200);
    expect(skipped.body).toMatchObject({ refused: false, imported: 5, skipped: 2, areas: { created: 5 } });
    expect(await count(`SELECT count(*) AS n FROM area WHERE code LIKE '%9901%'`)).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM key_figure kf JOIN area a ON a.id = kf.area_id WHERE a.code IN ('BU99010201', 'BU99010202')`)).toBe(0);
    // The good file afterwards brings the two rows in and leaves the others alone.
    const good = await post('/imports/cbs-kerncijfers?year=2023', read('kwb-2023-statline.csv'), 'text/csv');
    expect(good.body).toMatchObject({ imported: 7, areas: { created: 2, unchanged: 5 } });
  });

  it('ends an area CBS no longer lists, and then refuses its figures of later years', async () => {
    // 2025: Vogelwijk was merged into Bloemenbuurt (the file no longer lists it).
    const y2025 = csvWith((lines) => lines.filter((line) => !line.includes('"Vogelwijk"')));
    const res = await post('/imports/cbs-kerncijfers?year=2025', y2025, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.body.areas.ended).toEqual(['BU99010202 (valid to 2024)']);
    const [vogelwijk] = await t.db.dataSource.query(`SELECT id, version, valid_from_year, valid_to_year FROM area WHERE code = 'BU99010202'`);
    expect(vogelwijk).toMatchObject({ valid_from_year: 2023, valid_to_year: 2024 });
    const figure = await t.gql(
      `mutation($input: KeyFigureInput!) { createKeyFigure(input: $input) { id } }`,
      { input: { area: 'BU99010202', indicator: 'population', year: 2025, value: 10, source: 'eigen telling' } },
      { cookie: admin },
    );
    expect(figure.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.year' } });
    expect(figure.body.errors?.[0].message).toContain('BU99010202 is valid from 2023 to 2024, not in 2025');
    // The CSV key-figure import asks the same rule.
    const csv = await fetch(`${t.url}/csv/key-figures`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: admin },
      body: 'area_code,indicator_code,year,value,source,note\r\nBU99010202,population,2025,10,eigen telling,\r\n',
    });
    expect(csv.status).toBe(422);
    expect(((await csv.json()) as any).errors[0]).toMatchObject({ row: 2, column: 'year' });
    // Its figures of the years it was valid stay importable.
    const again = await post('/imports/cbs-kerncijfers?year=2023', read('kwb-2023-statline.csv'), 'text/csv');
    expect(again.body).toMatchObject({ imported: 7, keyFigures: { created: 0, updated: 0 } });
  });

  it('imports boundaries in WGS 84 detected from the coordinates, for one municipality of a larger file', async () => {
    const ring = [[5.38, 52.15], [5.39, 52.15], [5.39, 52.16], [5.38, 52.16], [5.38, 52.15]];
    const other = [[4.9, 52.37], [4.91, 52.37], [4.91, 52.38], [4.9, 52.37]];
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { statcode: 'BU99010101', statnaam: 'Binnenstad' }, geometry: { type: 'Polygon', coordinates: [ring] } },
        { type: 'Feature', properties: { statcode: 'BU03630000', statnaam: 'Burgwallen-Oude Zijde' }, geometry: { type: 'Polygon', coordinates: [other] } },
      ],
    };
    const res = await post('/imports/boundaries?municipality=GM9901', JSON.stringify(collection), 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ crs: 'EPSG:4326', crsFrom: 'coordinates', updated: 1, unknownAreas: { count: 0 } });
    expect(res.body.report.map((r: any) => r.code)).toEqual(['BU99010101']);
    const [{ boundary }] = await t.db.dataSource.query(`SELECT boundary FROM area WHERE code = 'BU99010101'`);
    expect(boundary).toEqual({ type: 'Polygon', coordinates: [ring] });
    const notGeoJson = await post('/imports/boundaries', JSON.stringify({ type: 'Feature' }), 'application/json');
    expect(notGeoJson.status).toBe(400);
    expect(notGeoJson.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
  });
});
