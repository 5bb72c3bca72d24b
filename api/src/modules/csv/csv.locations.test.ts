import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';

/** Locations as spreadsheets (csv.locations.ts): per role, the location rules, positions only, export → import. */
describe('CSV import and export of locations', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;
  let swaId: string;
  let readKey: string;
  let writeKey: string;

  const query = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, text: await res.text() };
  };
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const as = (cookie: string) => ({ cookie });
  const historyCount = async () => Number((await query(`SELECT count(*) AS n FROM change_record WHERE entity_type = 'LOCATION'`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    swaId = (await query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const key = async (scopes: string[]) =>
      dataOf(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'csv', scopes } }, { cookie: swa })).createApiKey.key;
    readKey = await key(['READ_MAP']);
    writeKey = await key(['WRITE_OWN_ORGANISATION']);
  });
  afterAll(() => t.close());

  it('exports to anyone who may read the map; imports as createLocation allows: admins, organisations, their write keys', async () => {
    const exported = await get('/csv/locations');
    expect(exported.status).toBe(200);
    expect(exported.text.split('\r\n')[0]).toBe(
      'slug,name,organisation_slug,kind,address,postcode,city,latitude,longitude,area,description,accessibility,location_description,status,aliases',
    );
    expect((await get('/csv/locations', { authorization: `Bearer ${readKey}` })).status).toBe(200);
    expect((await get('/csv/locations', { authorization: `Bearer ${writeKey}` })).status).toBe(403);
    const file = 'slug,name\r\nrol-test,Roltest\r\n';
    expect(await post('/csv/locations', file)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await post('/csv/locations', file, as(municipality))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await post('/csv/locations', file, { authorization: `Bearer ${readKey}` })).toMatchObject({ status: 403 });
    expect(await query(`SELECT 1 FROM location WHERE slug = 'rol-test'`)).toHaveLength(0);
  });

  it("lets an organisation's user add its own locations and refuses rows of other organisations' locations, writing nothing", async () => {
    const before = await historyCount();
    const refused = await post(
      '/csv/locations',
      ['slug,name,postcode', 'swa-buurtkamer,Buurtkamer SWA,3813 ab', 'wijkcentrum-rs,Wijkcentrum overgenomen,', 'swa-tweede,Tweede plek,3813 XX', 'swa-derde,Derde plek,38'].join('\r\n'),
      as(swa),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { row: 3, column: null, message: expect.stringContaining("organisation's own users") },
      { row: 5, column: 'postcode', message: 'must be a Dutch postcode (1234 AB)', rule: 'matches' },
    ]);
    expect(await query(`SELECT 1 FROM location WHERE slug LIKE 'swa-%'`)).toHaveLength(0);
    expect(await historyCount()).toBe(before);

    const moved = await post('/csv/locations', 'slug,name,organisation_slug\r\nswa-elders,Elders,riagg-amersfoort\r\n', as(swa));
    expect(moved).toMatchObject({ status: 422, body: { errors: [{ row: 2, column: null, message: 'You may only add records of your own organisation' }] } });

    const done = await post('/csv/locations', 'slug,name,postcode,area\r\nswa-buurtkamer,Buurtkamer SWA,3813ab,schuilenburg\r\n', as(swa));
    expect(done).toMatchObject({ status: 200, body: { created: 1, updated: 0, errors: [] } });
    const [row] = await query(`SELECT l.organisation_id, l.postcode, a.slug AS area FROM location l JOIN area a ON a.id = l.area_id WHERE l.slug = 'swa-buurtkamer'`);
    expect(row).toEqual({ organisation_id: swaId, postcode: '3813 AB', area: 'schuilenburg' });
    expect((await query(`SELECT via, action FROM change_record WHERE entity_type = 'LOCATION' AND entity_id = (SELECT id FROM location WHERE slug = 'swa-buurtkamer')`))).toEqual([{ via: 'csv-import', action: 'CREATE' }]);

    // The organisation's write key changes the same location; it cannot move it to another organisation.
    const keyed = await post('/csv/locations', 'slug,kind,organisation_slug\r\nswa-buurtkamer,buurtkamer,riagg-amersfoort\r\n', { authorization: `Bearer ${writeKey}` });
    expect(keyed).toMatchObject({ status: 422, body: { errors: [{ row: 2, column: null, message: 'Only an admin may move a record to another organisation' }] } });
    expect(await post('/csv/locations', 'slug,kind\r\nswa-buurtkamer,buurtkamer\r\n', { authorization: `Bearer ${writeKey}` })).toMatchObject({ status: 200, body: { updated: 1 } });
  });

  it('sets positions from a file of slug, latitude and longitude only (Dutch Excel), with every bad row listed', async () => {
    const file = '\uFEFFslug;latitude;longitude\r\nwijkcentrum-rs;52,1561;5,3997\r\nbibliobus-rs;52.1584;5.4012\r\n';
    const dry = await post('/csv/locations?dryRun=true', file, as(admin));
    expect(dry).toMatchObject({ status: 200, body: { dryRun: true, updated: 2, changes: [{ row: 2, action: 'update' }, { row: 3, action: 'update' }] } });
    expect((await query(`SELECT latitude FROM location WHERE slug = 'wijkcentrum-rs'`))[0].latitude).toBeNull();

    const bad = await post(
      '/csv/locations',
      ['slug;latitude;longitude', 'wijkcentrum-rs;52,1561;5,3997', 'bibliobus-rs;52,158;', 'verzorgingshuis-rs;95;5', 'nieuwe-plek;52;5', 'seniorenflats-rs;52.156;5', 'nijenstede;noord;5'].join('\r\n'),
      as(admin),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'longitude'],
      [4, 'latitude'],
      [5, 'name'],
      [6, 'latitude'],
      [7, 'latitude'],
    ]);
    expect(bad.body.errors[0].message).toBe('Give latitude and longitude together, or clear both');
    expect((await query(`SELECT latitude FROM location WHERE slug = 'wijkcentrum-rs'`))[0].latitude).toBeNull();

    expect(await post('/csv/locations', file, as(admin))).toMatchObject({ status: 200, body: { created: 0, updated: 2, unchanged: 0 } });
    expect(await query(`SELECT slug, latitude, longitude, name FROM location WHERE slug IN ('wijkcentrum-rs', 'bibliobus-rs') ORDER BY slug`)).toEqual([
      { slug: 'bibliobus-rs', latitude: 52.1584, longitude: 5.4012, name: expect.any(String) },
      { slug: 'wijkcentrum-rs', latitude: 52.1561, longitude: 5.3997, name: expect.any(String) },
    ]);
    expect(await post('/csv/locations', file, as(admin))).toMatchObject({ status: 200, body: { updated: 0, unchanged: 2 } });
  });

  it('exports and imports again with every row unchanged, formulas neutralised, in both separators', async () => {
    const created = await post('/csv/locations', 'slug,name,description,aliases\r\nformule,"=HYPERLINK(""https://evil.example"",""Klik"")",-3 treden,a|b\r\n', as(admin));
    expect(created).toMatchObject({ status: 200, body: { created: 1 } });
    for (const separator of ['comma', 'semicolon']) {
      const exported = await get(`/csv/locations?separator=${separator}&includeArchived=true`);
      expect(exported.status).toBe(200);
      const sep = separator === 'comma' ? ',' : ';';
      const rows: Record<string, string>[] = parse(exported.text, { columns: true, bom: true, delimiter: sep });
      const formula = rows.find((r) => r.slug === 'formule')!;
      expect(formula.name).toBe(`'=HYPERLINK("https://evil.example","Klik")`);
      expect(formula.description).toBe("'-3 treden");
      if (sep === ';') expect(rows.find((r) => r.slug === 'wijkcentrum-rs')!.latitude).toBe('52,1561');
      const before = await historyCount();
      const again = await post('/csv/locations', exported.text, as(admin));
      expect(again).toMatchObject({ status: 200, body: { created: 0, updated: 0, unchanged: rows.length, errors: [] } });
      expect(await historyCount()).toBe(before);
    }
    expect((await query(`SELECT name, description FROM location WHERE slug = 'formule'`))[0]).toEqual({ name: '=HYPERLINK("https://evil.example","Klik")', description: '-3 treden' });
  });
});
