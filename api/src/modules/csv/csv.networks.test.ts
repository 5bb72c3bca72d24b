import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD, type TestApp, createTestUsers, startTestApp } from '../../test/app';

/** Networks and their members as spreadsheets (csv.networks.ts): per role, the network rules, dry run and row report, export → import. */
describe('CSV import and export of networks and members', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;
  let swaId: string;
  let targetGroup: string;

  const query = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, text: await res.text() };
  };
  const post = async (path: string, body: string, cookie?: string) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...(cookie ? { cookie } : {}) }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const history = async (type: string) => Number((await query(`SELECT count(*) AS n FROM change_record WHERE entity_type = $1`, [type]))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    swaId = (await query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    targetGroup = (await query(`SELECT code FROM target_group WHERE archived_at IS NULL ORDER BY code LIMIT 1`))[0].code;
  });
  afterAll(() => t.close());

  it('exports networks and members to anyone; imports only for admins and organisations', async () => {
    const networks = await get('/csv/networks');
    expect(networks.status).toBe(200);
    expect(networks.text.split('\r\n')[0]).toBe(
      'slug,name,coordinator_slug,kind,kind_description,switch_model,purpose,meeting_interval_weeks,meeting_frequency,coordinator_role,working_method,size_description,period,founded_on,status,knowledge_areas,areas,target_groups',
    );
    expect(parse(networks.text, { columns: true }).length).toBeGreaterThan(0);
    const members = await get('/csv/network-members');
    expect(members.status).toBe(200);
    const memberRows = parse(members.text, { columns: true });
    expect(memberRows.length).toBeGreaterThan(0);
    // Which key person holds a seat is for logged-in people only.
    expect(memberRows.every((row: any) => row.key_person_id === '')).toBe(true);
    const file = 'slug,name,kind\r\nrol-test,Roltest,OTHER\r\n';
    expect(await post('/csv/networks', file)).toMatchObject({ status: 401 });
    expect(await post('/csv/networks', file, municipality)).toMatchObject({ status: 403 });
    expect(await post('/csv/network-members', 'id,network_slug,organisation_name\r\n,rol-test,X\r\n', municipality)).toMatchObject({ status: 403 });
    expect(await query(`SELECT 1 FROM network WHERE slug = 'rol-test'`)).toHaveLength(0);
  });

  it('lists every bad row with its column, writes nothing, then creates with areas and target groups (dry run first)', async () => {
    const before = await history('NETWORK');
    const bad = await post(
      '/csv/networks',
      [
        'slug,name,kind,founded_on,areas,target_groups,meeting_interval_weeks',
        `buurtnetwerk-noord,Buurtnetwerk Noord,BROAD_NETWORK,2020-03-01,randenbroek,${targetGroup},4`,
        'fout-soort,Fout,CLUB,,,,',
        'toekomst,Toekomst,OTHER,2999-01-01,,,',
        'onbekend-gebied,Onbekend,OTHER,,nergenshuizen,,',
        'geen-doelgroep,Geen doelgroep,OTHER,,,niet-bestaand,',
        'halve-week,Halve week,OTHER,,,,1.5',
      ].join('\r\n'),
      admin,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'kind'],
      [4, 'founded_on'],
      [5, 'areas'],
      [6, 'target_groups'],
      [7, 'meeting_interval_weeks'],
    ]);
    expect(await query(`SELECT 1 FROM network WHERE slug = 'buurtnetwerk-noord'`)).toHaveLength(0);
    expect(await history('NETWORK')).toBe(before);

    const good = `slug,name,kind,founded_on,areas,target_groups,meeting_interval_weeks,coordinator_slug\r\nbuurtnetwerk-noord,Buurtnetwerk Noord,BROAD_NETWORK,2020-03-01,randenbroek,${targetGroup},4,swa\r\n`;
    expect(await post('/csv/networks?dryRun=true', good, admin)).toMatchObject({ status: 200, body: { dryRun: true, created: 1 } });
    expect(await query(`SELECT 1 FROM network WHERE slug = 'buurtnetwerk-noord'`)).toHaveLength(0);
    expect(await post('/csv/networks', good, admin)).toMatchObject({ status: 200, body: { created: 1, errors: [] } });
    const [row] = await query(
      `SELECT n.coordinator_organisation_id, to_char(n.founded_on, 'YYYY-MM-DD') AS founded_on, n.meeting_interval_weeks,
              ARRAY(SELECT a.slug FROM network_area x JOIN area a ON a.id = x.area_id WHERE x.network_id = n.id) AS areas
         FROM network n WHERE n.slug = 'buurtnetwerk-noord'`,
    );
    expect(row).toEqual({ coordinator_organisation_id: swaId, founded_on: '2020-03-01', meeting_interval_weeks: 4, areas: ['randenbroek'] });
    expect(await history('NETWORK')).toBe(before + 1);
  });

  it("lets an organisation coordinate its own networks only, and add members to them", async () => {
    const own = await post('/csv/networks', 'slug,name,kind\r\nswa-inloop,SWA inloopoverleg,CASE_CONSULTATION\r\n', swa);
    expect(own).toMatchObject({ status: 200, body: { created: 1 } });
    expect((await query(`SELECT coordinator_organisation_id FROM network WHERE slug = 'swa-inloop'`))[0].coordinator_organisation_id).toBe(swaId);
    const [other] = await query(`SELECT slug FROM network WHERE coordinator_organisation_id IS DISTINCT FROM $1 AND archived_at IS NULL ORDER BY slug LIMIT 1`, [swaId]);
    const refused = await post('/csv/networks', `slug,purpose\r\n${other.slug},Overgenomen\r\n`, swa);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ row: 2, column: null, message: expect.any(String) }]);
    expect(await post('/csv/networks', 'slug,coordinator_slug\r\nswa-inloop,riagg-amersfoort\r\n', swa)).toMatchObject({
      status: 422,
      body: { errors: [{ row: 2, column: null, message: 'Only admins hand a network to another coordinating organisation' }] },
    });

    const before = await history('NETWORK_MEMBER');
    const members = await post(
      '/csv/network-members',
      [
        'id,network_slug,organisation_slug,organisation_name,tier,contribution,fte,joined_on,left_on',
        ',swa-inloop,riagg-amersfoort,,CORE,BOTH,0.2,2024-01-01,',
        ',swa-inloop,,Huisartsenpraktijk De Linde,SHELL,SIGNALLING,,2024-02-01,2023-12-31',
        `,${other.slug},swa,,SHELL,HELPING,,,`,
        ',swa-inloop,,,CORE,,,,',
      ].join('\r\n'),
      swa,
    );
    expect(members.status).toBe(422);
    expect(members.body.errors.map((e: any) => [e.row, e.column])).toEqual([
      [3, 'left_on'],
      [4, null],
      [5, 'organisation_slug'],
    ]);
    expect(await history('NETWORK_MEMBER')).toBe(before);
    const ok = await post(
      '/csv/network-members',
      ['id,network_slug,organisation_slug,organisation_name,tier,contribution,fte,joined_on', ',swa-inloop,riagg-amersfoort,,CORE,BOTH,0.2,2024-01-01', ',swa-inloop,,Huisartsenpraktijk De Linde,SHELL,SIGNALLING,,2024-02-01'].join('\r\n'),
      swa,
    );
    expect(ok).toMatchObject({ status: 200, body: { created: 2, errors: [] } });
    expect(
      await query(
        `SELECT o.slug, m.organisation_name, m.tier, m.fte::float8 AS fte FROM network_member m LEFT JOIN organisation o ON o.id = m.organisation_id
          WHERE m.network_id = (SELECT id FROM network WHERE slug = 'swa-inloop') ORDER BY m.joined_on`,
      ),
    ).toEqual([
      { slug: 'riagg-amersfoort', organisation_name: null, tier: 'CORE', fte: 0.2 },
      { slug: null, organisation_name: 'Huisartsenpraktijk De Linde', tier: 'SHELL', fte: null },
    ]);
    expect(await history('NETWORK_MEMBER')).toBe(before + 2);
  });

  it('exports and imports again with every row unchanged, in both separators', async () => {
    for (const separator of ['comma', 'semicolon']) {
      for (const [path, total] of [
        ['/csv/networks', 'SELECT count(*)::int AS n FROM network WHERE archived_at IS NULL'],
        ['/csv/network-members', 'SELECT count(*)::int AS n FROM network_member m JOIN network n ON n.id = m.network_id WHERE n.archived_at IS NULL'],
      ]) {
        const exported = await get(`${path}?separator=${separator}`, { cookie: admin });
        expect(exported.status).toBe(200);
        const again = await post(path, exported.text, admin);
        expect([path, separator, again.status, again.body.created, again.body.updated, again.body.errors]).toEqual([path, separator, 200, 0, 0, []]);
        expect(again.body.unchanged).toBe((await query(total))[0].n);
      }
    }
  });
});
