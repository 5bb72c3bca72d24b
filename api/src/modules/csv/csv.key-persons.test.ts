import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';

/** Key persons as spreadsheets (csv.key-persons.ts): personal data, so read and written only as GraphQL allows. */
describe('CSV import and export of key persons', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;
  let riagg: string;
  let swaId: string;
  let readKey: string;

  const query = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, text: await res.text(), cache: res.headers.get('cache-control') };
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
    riagg = await t.login('riagg@test.local', TEST_PASSWORD);
    swaId = (await query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    readKey = dataOf(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'csv', scopes: ['READ_MAP', 'WRITE_OWN_ORGANISATION'] } }, { cookie: swa })).createApiKey.key;
  });
  afterAll(() => t.close());

  const FILE = [
    'id;name;role;phone;email;areas',
    ';Fatima Yilmaz;opbouwwerker;033 123 4567;F.Yilmaz@SWA.example;schuilenburg|randenbroek',
    ';Henk de Vries;wijkagent;;;schuilenburg',
  ].join('\r\n');

  it('is exported only to logged-in people and imported only by admins and organisation users, never by API keys or the public', async () => {
    expect((await get('/csv/key-persons')).status).toBe(401);
    expect((await get('/csv/key-persons', { authorization: `Bearer ${readKey}` })).status).toBe(403);
    expect(await post('/csv/key-persons', FILE)).toMatchObject({ status: 401 });
    expect(await post('/csv/key-persons', FILE, { authorization: `Bearer ${readKey}` })).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await post('/csv/key-persons', FILE, as(municipality))).toMatchObject({ status: 403 });
    expect(await query(`SELECT 1 FROM key_person WHERE name = 'Fatima Yilmaz'`)).toHaveLength(0);
  });

  it("adds an organisation's own people with the key persons' rules, and lists every bad row with nothing written", async () => {
    const bad = await post(
      '/csv/key-persons',
      [FILE, ';;wijkagent;;;', ';Geen adres;;;geen-adres;', 'nee;Geen id;;;;', ';Onbekend;toverfee;;;atlantis'].join('\r\n'),
      as(swa),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [4, 'name'],
      [5, 'email'],
      [6, 'id'],
      [7, 'role'],
      [7, 'areas'],
    ]);
    expect(await query(`SELECT 1 FROM key_person WHERE name = 'Fatima Yilmaz'`)).toHaveLength(0);

    const res = await post('/csv/key-persons', FILE, as(swa));
    expect(res).toMatchObject({ status: 200, body: { created: 2, errors: [] } });
    const [fatima] = await query(
      `SELECT kp.organisation_id, kp.email, ARRAY(SELECT a.slug FROM key_person_area x JOIN area a ON a.id = x.area_id WHERE x.key_person_id = kp.id ORDER BY 1) AS areas FROM key_person kp WHERE name = 'Fatima Yilmaz'`,
    );
    expect(fatima).toEqual({ organisation_id: swaId, email: 'f.yilmaz@swa.example', areas: ['randenbroek', 'schuilenburg'] });
    expect((await query(`SELECT via FROM change_record WHERE entity_type = 'KEY_PERSON' AND action = 'CREATE' AND entity_id = (SELECT id FROM key_person WHERE name = 'Fatima Yilmaz')`))).toEqual([{ via: 'csv-import' }]);
  });

  it("lets another organisation read but not change them; export → import changes nothing; erased people are never exported", async () => {
    const exported = await get('/csv/key-persons?separator=semicolon', as(riagg));
    expect(exported.status).toBe(200);
    expect(exported.cache).toBe('no-store');
    const rows: Record<string, string>[] = parse(exported.text, { columns: true, bom: true, delimiter: ';' });
    const fatima = rows.find((r) => r.name === 'Fatima Yilmaz')!;
    expect(fatima).toMatchObject({ role: 'opbouwwerker', organisation_slug: 'swa', phone: '033 123 4567', areas: 'randenbroek|schuilenburg' });

    const refused = await post('/csv/key-persons', `id,phone\r\n${fatima.id},06 00000000\r\n`, as(riagg));
    expect(refused).toMatchObject({ status: 422, body: { errors: [{ row: 2, column: null, message: expect.stringContaining("organisation's own users") }] } });
    expect(await post('/csv/key-persons', `id,name\r\n3f1b0000-0000-4000-8000-000000000000,Niemand\r\n`, as(admin))).toMatchObject({ status: 422, body: { errors: [{ row: 2, column: 'id' }] } });

    const again = await post('/csv/key-persons', exported.text, as(admin));
    expect(again).toMatchObject({ status: 200, body: { created: 0, updated: 0, unchanged: rows.length, errors: [] } });
    expect(await post('/csv/key-persons', `id,phone\r\n${fatima.id},06 12345678\r\n`, as(swa))).toMatchObject({ status: 200, body: { updated: 1 } });

    const henk = (await query(`SELECT id, version FROM key_person WHERE name = 'Henk de Vries'`))[0];
    dataOf(await t.gql(`mutation($id: ID!) { eraseKeyPerson(id: $id, reason: "verzoek 2026-17") { __typename } }`, { id: henk.id }, { cookie: admin }));
    const after = await get('/csv/key-persons?includeArchived=true', as(admin));
    expect(after.text).not.toContain(henk.id);
    const revived = await post('/csv/key-persons', `id,name\r\n${henk.id},Henk de Vries\r\n`, as(admin));
    expect(revived).toMatchObject({ status: 422, body: { errors: [{ row: 2, message: expect.stringContaining('erased') }] } });
  });
});
