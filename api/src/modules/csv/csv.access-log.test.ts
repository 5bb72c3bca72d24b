import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { ACCESS_LOG_CSV_COLUMNS } from './csv.access-log';

/**
 * The access log filtered by user, organisation and period (`accessLog`), and the same entries
 * as a CSV file (GET /csv/access-log): admins only, the columns the screen shows, cells escaped
 * and neutralised by the project's CSV writer, the export itself logged, statements bounded.
 */
describe('the access log, filtered and exported', () => {
  let t: TestApp;
  const as: Record<'admin' | 'municipality' | 'swa' | 'riagg', { cookie: string }> = {} as never;
  let swaUser: string;
  let riaggUser: string;
  let swaOrg: string;
  let riaggOrg: string;
  let readKey: string;

  const query = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), statements: Number(res.headers.get('x-sql-statements')) };
  };
  const HOSTILE_AGENT = '=HYPERLINK("https://evil.example","Klik"), ja; "nee"\r\nregel twee';

  /** One entry at a local (Europe/Amsterdam) time. */
  const entry = (at: string, userId: string, organisationId: string, eventType: string, dossier: string, userAgent = 'Firefox', details: Record<string, unknown> = {}) =>
    query(
      `INSERT INTO access_log (occurred_at, event_type, dossier_number, user_id, organisation_id, role, ip_address, user_agent, operation, details)
       VALUES ($1::timestamp AT TIME ZONE 'Europe/Amsterdam', $2, $3, $4, $5, 'ORGANISATION', '192.0.2.7', $6, 'referral', $7)`,
      [at, eventType, dossier, userId, organisationId, userAgent, JSON.stringify(details)],
    );

  const LOG = `query($dossierNumber: String, $userId: ID, $organisationId: ID, $from: String, $to: String, $first: Int, $after: String) {
    accessLog(dossierNumber: $dossierNumber, userId: $userId, organisationId: $organisationId, from: $from, to: $to, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id occurredAt eventType dossierNumber actorName role operation ipAddress userAgent details organisation { name } } } } }`;

  beforeAll(async () => {
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    for (const who of ['admin', 'municipality', 'swa', 'riagg'] as const) as[who] = { cookie: await t.login(users[who], TEST_PASSWORD) };
    [{ id: swaUser, organisation_id: swaOrg }] = await query(`SELECT id, organisation_id FROM app_user WHERE email = 'swa@test.local'`);
    [{ id: riaggUser, organisation_id: riaggOrg }] = await query(`SELECT id, organisation_id FROM app_user WHERE email = 'riagg@test.local'`);
    readKey = dataOf(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaOrg, name: 'log', scopes: ['READ_MAP', 'REFERRALS'] } }, as.swa)).createApiKey.key;
    await entry('2026-02-28 23:59', swaUser, swaOrg, 'READ', '2026-00001');
    await entry('2026-03-01 00:00', swaUser, swaOrg, 'READ', '2026-00001', HOSTILE_AGENT, { content: true, identity: false });
    await entry('2026-03-10 12:00', riaggUser, riaggOrg, 'READ_DENIED', '2026-00001', 'Chrome', { refused: 'NO_ACCESS' });
    await entry('2026-03-15 23:30', swaUser, swaOrg, 'UPDATE', '2026-00002');
    await entry('2026-03-16 00:00', swaUser, swaOrg, 'READ', '2026-00002');
  });
  afterAll(() => t.close());

  it('is read by admins only, as the query and as the file (no API key, no other role)', async () => {
    const args = { userId: swaUser, first: 5 };
    expect(errorCodes(await t.gql(LOG, args))).toEqual(['UNAUTHENTICATED']);
    for (const who of ['municipality', 'swa', 'riagg'] as const) expect(errorCodes(await t.gql(LOG, args, as[who]))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(LOG, args, { bearer: readKey }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await t.gql(LOG, args, as.admin)).accessLog.totalCount).toBe(4);

    expect((await get(`/csv/access-log?userId=${swaUser}`)).status).toBe(401);
    for (const who of ['municipality', 'swa', 'riagg'] as const) expect((await get(`/csv/access-log?userId=${swaUser}`, as[who])).status).toBe(403);
    const keyed = await get(`/csv/access-log?userId=${swaUser}`, { authorization: `Bearer ${readKey}` });
    expect(keyed.status).toBe(403);
    expect(JSON.parse(keyed.text)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const refused = await query(`SELECT 1 FROM access_log WHERE event_type = 'EXPORT' AND operation = 'csv/access-log'`);
    expect(refused).toHaveLength(0);
  });

  it('narrows by user, organisation and a period of whole Dutch days, both ends included, with the paging kept', async () => {
    const march = { userId: swaUser, from: '2026-03-01', to: '2026-03-15' };
    const page1 = dataOf(await t.gql(LOG, { ...march, first: 1 }, as.admin)).accessLog;
    expect(page1.totalCount).toBe(2);
    expect(page1.edges.map((e: any) => [e.node.eventType, e.node.dossierNumber, e.node.actorName, e.node.organisation.name])).toEqual([['READ', '2026-00001', 'swa@test.local', expect.any(String)]]);
    expect(page1.edges[0].node.occurredAt).toBe('2026-02-28T23:00:00.000Z');
    const page2 = dataOf(await t.gql(LOG, { ...march, first: 1, after: page1.pageInfo.endCursor }, as.admin)).accessLog;
    expect(page2.edges.map((e: any) => [e.node.eventType, e.node.occurredAt])).toEqual([['UPDATE', '2026-03-15T22:30:00.000Z']]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const byOrganisation = dataOf(await t.gql(LOG, { organisationId: riaggOrg, from: '2026-01-01', first: 10 }, as.admin)).accessLog;
    expect(byOrganisation.edges.map((e: any) => [e.node.eventType, e.node.actorName])).toEqual([['READ_DENIED', 'riagg@test.local']]);
    const oneDossier = dataOf(await t.gql(LOG, { dossierNumber: '2026-00002', userId: swaUser, first: 10 }, as.admin)).accessLog;
    expect(oneDossier.edges.map((e: any) => e.node.eventType)).toEqual(['UPDATE', 'READ']);
    expect(dataOf(await t.gql(LOG, { userId: riaggUser, organisationId: swaOrg, first: 10 }, as.admin)).accessLog.totalCount).toBe(0);
  });

  it('refuses a period that ends before it starts, a day that does not exist and an id that is none, naming the argument', async () => {
    const backwards = await t.gql(LOG, { from: '2026-03-15', to: '2026-03-01', first: 5 }, as.admin);
    expect(backwards.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to', rule: 'dateOrder' });
    expect(errorCodes(await t.gql(LOG, { from: '2026-02-30', first: 5 }, as.admin))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql(LOG, { userId: 'nobody', first: 5 }, as.admin))).toEqual(['BAD_USER_INPUT']);
    for (const bad of ['from=2026-02-30', 'to=gisteren', 'userId=nobody', 'organisationId=1', 'from=2026-03-15&to=2026-03-01']) {
      const res = await get(`/csv/access-log?${bad}`, as.admin);
      expect([bad, res.status, JSON.parse(res.text).error.code]).toEqual([bad, 400, 'BAD_USER_INPUT']);
    }
  });

  it('exports exactly the filtered entries, with the columns the screen shows, escaped and neutralised, and logs the export', async () => {
    const filter = `userId=${swaUser}&from=2026-03-01&to=2026-03-15`;
    const res = await get(`/csv/access-log?${filter}`, as.admin);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.cache).toBe('no-store');
    const [header, ...rows]: string[][] = parse(res.text, { relax_column_count: false });
    expect(header).toEqual(ACCESS_LOG_CSV_COLUMNS);
    const screen = dataOf(await t.gql(LOG, { userId: swaUser, from: '2026-03-01', to: '2026-03-15', first: 100 }, as.admin)).accessLog.edges.map((e: any) => e.node);
    expect(rows.map((row) => row[0])).toEqual(screen.map((node: any) => node.occurredAt));
    const byColumn = (row: string[]) => Object.fromEntries(header.map((column, i) => [column, row[i]]));
    expect(byColumn(rows[0])).toEqual({
      occurred_at: '2026-02-28T23:00:00.000Z',
      event_type: 'READ',
      dossier_number: '2026-00001',
      actor: 'swa@test.local',
      role: 'ORGANISATION',
      organisation: screen[0].organisation.name,
      operation: 'referral',
      details: '{"content":true,"identity":false}',
      ip_address: '192.0.2.7',
      // The quote keeps a spreadsheet from running the cell as a formula; commas, quotes and the line break survive the quoting.
      user_agent: `'${HOSTILE_AGENT}`,
    });
    expect(res.text).not.toContain(swaUser);
    expect(byColumn(rows[1])).toMatchObject({ event_type: 'UPDATE', dossier_number: '2026-00002', details: '' });

    const semicolon = Buffer.from(await (await fetch(`${t.url}/csv/access-log?${filter}&separator=semicolon`, { headers: as.admin })).arrayBuffer()).toString('utf8');
    expect(semicolon.startsWith('\ufeffoccurred_at;event_type;')).toBe(true);

    const [logged] = await query(
      `SELECT event_type, operation, role, dossier_number, details FROM access_log WHERE event_type = 'EXPORT' AND operation = 'csv/access-log' ORDER BY occurred_at LIMIT 1`,
    );
    expect(logged).toEqual({
      event_type: 'EXPORT',
      operation: 'csv/access-log',
      role: 'ADMIN',
      dossier_number: null,
      details: { exported: 'accessLog', filter: { userId: swaUser, from: '2026-03-01', to: '2026-03-15' }, entries: 2 },
    });
  });

  it('answers in a bounded number of statements, however many entries it carries', async () => {
    const few = await get(`/csv/access-log?dossierNumber=2026-00001`, as.admin);
    for (let i = 0; i < 40; i++) await entry(`2026-05-0${1 + (i % 9)} 10:${String(i).padStart(2, '0')}`, i % 2 ? swaUser : riaggUser, i % 2 ? swaOrg : riaggOrg, 'READ', '2026-00009');
    const many = await get(`/csv/access-log?dossierNumber=2026-00009`, as.admin);
    expect(parse(many.text)).toHaveLength(41);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    expect(many.statements).toBeLessThanOrEqual(6);
  });
});
