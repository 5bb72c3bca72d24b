import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD, type TestApp, createTestUsers, startTestApp } from '../../test/app';

/** Areas as spreadsheets (csv.areas.ts): admins only, the area rules (code against parent), export → import. */
describe('CSV import and export of areas', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;

  const query = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const get = async (path: string) => {
    const res = await fetch(`${t.url}${path}`);
    return { status: res.status, text: await res.text() };
  };
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const as = (cookie: string) => ({ cookie });

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const LEUSDEN = [
    'slug;name;level;code;parent;valid_from_year;valid_to_year',
    'leusden;Leusden;municipality;GM0327;;;',
    'leusden-centrum;Leusden-Centrum;DISTRICT;WK032701;GM0327;2019;',
    'hamersveld;Hamersveld;NEIGHBOURHOOD;BU03270101;WK032701;2019;',
    'de-hove;De Hove;NEIGHBOURHOOD;BU03270102;leusden-centrum;2019;2022',
  ].join('\r\n');

  it('is for admins only, as createArea', async () => {
    expect(await post('/csv/areas', LEUSDEN)).toMatchObject({ status: 401 });
    expect(await post('/csv/areas', LEUSDEN, as(municipality))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await post('/csv/areas', LEUSDEN, as(swa))).toMatchObject({ status: 403 });
    expect(await query(`SELECT 1 FROM area WHERE code = 'GM0327'`)).toHaveLength(0);
  });

  it('refuses a code that does not continue its parent, a level that does not fit and years out of order, every row at once', async () => {
    const bad = [
      'slug,name,level,code,parent,valid_from_year,valid_to_year',
      'leusden,Leusden,MUNICIPALITY,GM0327,,,',
      // An Amersfoort district code under Leusden.
      'verkeerd,Verkeerd,DISTRICT,WK030701,GM0327,,',
      'hoog,Hoog,NEIGHBOURHOOD,BU03280101,GM0327,,',
      'fout-formaat,Fout,DISTRICT,WK0327,GM0327,,',
      'jaren,Jaren,DISTRICT,WK032702,GM0327,2022,2019',
      'los,Los,DISTRICT,WK032703,,,',
      'ongeldig,Ongeldig,WIJK,,GM0327,,',
      'atlantis,Atlantis,DISTRICT,,GM9999,,',
    ].join('\r\n');
    const res = await post('/csv/areas', bad, as(admin));
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'code'],
      [4, 'code'],
      [5, 'code'],
      [6, 'valid_to_year'],
      [7, 'parent'],
      [8, 'level'],
      [9, 'parent'],
    ]);
    expect(res.body.errors[0].message).toMatch(/GM0307/);
    expect(await query(`SELECT 1 FROM area WHERE slug = 'leusden'`)).toHaveLength(0);
  });

  it('loads a municipality with its districts and neighbourhoods (dry run first), in CSV history as csv-import', async () => {
    const dry = await post('/csv/areas?dryRun=true', LEUSDEN, as(admin));
    expect(dry).toMatchObject({ status: 200, body: { dryRun: true, created: 4, changes: [{ row: 2 }, { row: 3 }, { row: 4 }, { row: 5 }] } });
    expect(await query(`SELECT 1 FROM area WHERE slug = 'leusden'`)).toHaveLength(0);
    expect(await post('/csv/areas', LEUSDEN, as(admin))).toMatchObject({ status: 200, body: { created: 4, updated: 0, errors: [] } });
    expect(await query(`SELECT a.code, a.level, p.code AS parent, a.valid_from_year, a.valid_to_year FROM area a LEFT JOIN area p ON p.id = a.parent_id WHERE a.code LIKE '%0327%' ORDER BY a.code`)).toEqual([
      { code: 'BU03270101', level: 'NEIGHBOURHOOD', parent: 'WK032701', valid_from_year: 2019, valid_to_year: null },
      { code: 'BU03270102', level: 'NEIGHBOURHOOD', parent: 'WK032701', valid_from_year: 2019, valid_to_year: 2022 },
      { code: 'GM0327', level: 'MUNICIPALITY', parent: null, valid_from_year: null, valid_to_year: null },
      { code: 'WK032701', level: 'DISTRICT', parent: 'GM0327', valid_from_year: 2019, valid_to_year: null },
    ]);
    const history = await query(`SELECT count(*)::int AS n FROM change_record WHERE entity_type = 'AREA' AND via = 'csv-import' AND action = 'CREATE'`);
    expect(history[0].n).toBe(4);
    // A changed code must still be continued by the codes below it (the rule of updateArea).
    const recode = await post('/csv/areas', 'slug,code\r\nleusden-centrum,WK032709\r\n', as(admin));
    expect(recode).toMatchObject({ status: 422, body: { errors: [{ row: 2, column: 'code', message: expect.stringContaining('does not fit the new code') }] } });
  });

  it('exports parents before children and imports the export again with every row unchanged', async () => {
    for (const separator of ['comma', 'semicolon']) {
      const exported = await get(`/csv/areas?separator=${separator}&includeArchived=true`);
      expect(exported.status).toBe(200);
      const rows: Record<string, string>[] = parse(exported.text, { columns: true, bom: true, delimiter: separator === 'comma' ? ',' : ';' });
      expect(rows.findIndex((r) => r.slug === 'leusden')).toBeLessThan(rows.findIndex((r) => r.slug === 'leusden-centrum'));
      expect(rows.findIndex((r) => r.slug === 'leusden-centrum')).toBeLessThan(rows.findIndex((r) => r.slug === 'hamersveld'));
      expect(rows.find((r) => r.slug === 'hamersveld')).toMatchObject({ parent: 'WK032701', valid_from_year: '2019', level: 'NEIGHBOURHOOD' });
      const again = await post('/csv/areas', exported.text, as(admin));
      expect(again).toMatchObject({ status: 200, body: { created: 0, updated: 0, unchanged: rows.length, errors: [] } });
    }
  });
});
