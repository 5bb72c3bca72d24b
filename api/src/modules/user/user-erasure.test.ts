import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const ERASE = `mutation($id: ID!, $reason: String!) { eraseUser(id: $id, reason: $reason) { id subjectType subjectId actorUserId reason fields } }`;
const EXPORT = `query($id: ID!) { userDataExport(id: $id) }`;

describe('user accounts: erasure and export (GDPR art. 15, 17)', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  let adminId: string;
  let swaId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
    as.organisation = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.anonymous = {};
    adminId = (await t.db.dataSource.query(`SELECT id FROM app_user WHERE email = 'admin@test.local'`))[0].id;
    swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const key = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'alles', scopes: ['READ_MAP', 'WRITE_OWN_ORGANISATION', 'REFERRALS'] } }, as.organisation),
    ).createApiKey.key;
    as.apiKey = { bearer: key };
  });
  afterAll(() => t.close());

  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);

  let accounts = 0;
  /**
   * An admin account of a real-looking person who logged in, made an API key for SWA, changed
   * SWA (history) and exported a key person's data (access log).
   */
  async function activeAccount() {
    const nn = String(++accounts).padStart(2, '0');
    const email = `wim.wisgebruiker${nn}x@example.nl`;
    const displayName = `Wim Wisgebruiker-${nn}x`;
    const { id } = dataOf(await t.gql(CREATE_USER, { input: { email, displayName, password: TEST_PASSWORD, role: 'ADMIN' } }, as.admin)).createUser as { id: string };
    const cookie = await t.login(email, TEST_PASSWORD);
    const session = { cookie };
    const created = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`, { input: { organisationId: swaId, name: `koppeling ${nn}`, scopes: ['READ_MAP'] } }, session),
    ).createApiKey;
    const [{ version }] = await sql(`SELECT version FROM organisation WHERE id = $1`, [swaId]);
    dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { updateOrganisation(id: $id, version: $v, input: { subsector: "wis ${nn}" }) { id } }`, { id: swaId, v: version }, session));
    const [person] = await sql(`INSERT INTO key_person (name) VALUES ('Exportpersoon') RETURNING id`);
    dataOf(await t.gql(`query($id: ID!) { keyPersonDataExport(id: $id) }`, { id: person.id }, session));
    return { id, email, displayName, session, apiKey: created.key as string, apiKeyId: created.apiKey.id as string, secrets: [email, displayName, `wisgebruiker${nn}x`, `Wisgebruiker-${nn}x`] };
  }

  async function copiesInDatabase(strings: string[]): Promise<string[]> {
    const tables: { tablename: string }[] = await sql(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const found: string[] = [];
    for (const { tablename } of tables) {
      const rows: { row: string }[] = await sql(
        `SELECT t::text AS row FROM "${tablename}" t WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s WHERE strpos(lower(t::text), lower(s)) > 0)`,
        [strings],
      );
      for (const { row } of rows) found.push(`${tablename}: ${row}`);
    }
    return found;
  }

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['municipality', 'FORBIDDEN'],
    ['organisation', 'FORBIDDEN'],
    ['apiKey', 'FORBIDDEN'],
  ])('refuses erasure and export to %s (%s), and changes nothing', async (who, code) => {
    const { id, email } = await activeAccount();
    expect(errorCodes(await t.gql(ERASE, { id, reason: 'verzoek 2024-20' }, as[who]))).toEqual([code]);
    const exported = await t.gql(EXPORT, { id }, as[who]);
    expect(errorCodes(exported)).toEqual([code]);
    expect(exported.body.data ?? null).toBeNull();
    expect((await sql(`SELECT email, erased_at FROM app_user WHERE id = $1`, [id]))[0]).toEqual({ email, erased_at: null });
    expect(Number((await sql(`SELECT count(*) AS n FROM data_subject_erasure WHERE subject_id = $1`, [id]))[0].n)).toBe(0);
  });

  it('refuses an admin erasing their own account, a missing reason and one naming the user', async () => {
    const { id, email, session } = await activeAccount();
    expect((await t.gql(ERASE, { id, reason: 'ik stop' }, session)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await t.gql(ERASE, { id, reason: ' ' }, as.admin)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await t.gql(ERASE, { id, reason: `verzoek van ${email}` }, as.admin)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(errorCodes(await t.gql(ERASE, { id: '00000000-0000-4000-8000-000000000000', reason: 'verzoek' }, as.admin))).toEqual(['NOT_FOUND']);
    expect((await sql(`SELECT erased_at FROM app_user WHERE id = $1`, [id]))[0].erased_at).toBeNull();
  });

  it('exports the account, its sessions and keys without secrets, the history it authored and its access-log entries', async () => {
    const { id, email, session, apiKey, apiKeyId } = await activeAccount();
    const res = await t.gql(EXPORT, { id }, as.admin);
    const data = dataOf(res).userDataExport;
    expect(data.subject).toEqual({ type: 'USER', id });
    expect(data.account).toMatchObject({ id, email, role: 'ADMIN', status: 'ACTIVE', erased_at: null });
    expect(data.account).not.toHaveProperty('password_hash');
    expect(data.sessions).toEqual([expect.objectContaining({ revokedAt: null, ipAddress: '127.0.0.1', userAgent: expect.any(String), createdAt: expect.any(String) })]);
    expect(data.apiKeysCreated).toEqual([expect.objectContaining({ id: apiKeyId, prefix: expect.any(String), scopes: ['READ_MAP'], revokedAt: null })]);
    expect(data.historyAuthored).toEqual([expect.objectContaining({ entityType: 'ORGANISATION', entityId: swaId, action: 'UPDATE' })]);
    expect(data.accessLog).toEqual([expect.objectContaining({ eventType: 'EXPORT', operation: 'keyPersonDataExport', role: 'ADMIN' })]);
    expect(data.erasures).toEqual([]);
    expect(data.exports).toEqual([expect.objectContaining({ eventType: 'EXPORT', userId: adminId, operation: 'userDataExport' })]);
    // No secret: not the password hash, the session token or its hash, the API key or its hash.
    const text = JSON.stringify(res.body);
    const [{ password_hash }] = await sql(`SELECT password_hash FROM app_user WHERE id = $1`, [id]);
    const hashes = (await sql(`SELECT token_hash FROM user_session WHERE user_id = $1 UNION ALL SELECT key_hash FROM api_key WHERE id = $2`, [id, apiKeyId])).map((r: any) => r.token_hash);
    for (const secret of [password_hash, session.cookie.split('=')[1], apiKey, apiKey.slice(13), ...hashes]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/token_?hash|key_?hash|password/i);
  });

  it('erases the account: no name or e-mail left anywhere, sessions and keys revoked, authored history kept under its id', async () => {
    const { id, email, session, apiKey, apiKeyId, secrets } = await activeAccount();
    expect(await copiesInDatabase(secrets)).not.toEqual([]);
    const historyBefore = await sql(`SELECT id, occurred_at, action, entity_id, changes FROM change_record WHERE actor_user_id = $1 ORDER BY occurred_at, id`, [id]);
    expect(historyBefore).toHaveLength(1);

    const erasure = dataOf(await t.gql(ERASE, { id, reason: 'AVG-verzoek 2024-21' }, as.admin)).eraseUser;
    expect(erasure).toMatchObject({
      subjectType: 'USER', subjectId: id, actorUserId: adminId, reason: 'AVG-verzoek 2024-21',
      fields: ['displayName', 'email', 'lastLoginAt', 'passwordHash', 'sessions.ipAddress', 'sessions.userAgent'],
    });

    expect(await copiesInDatabase(secrets)).toEqual([]);
    const [row] = await sql(`SELECT email, display_name, status, last_login_at, erased_at FROM app_user WHERE id = $1`, [id]);
    expect(row).toMatchObject({ email: `erased-${id}@erased.invalid`, display_name: '[erased]', status: 'DISABLED', last_login_at: null });
    expect(row.erased_at).not.toBeNull();
    const sessions = await sql(`SELECT revoked_at, ip_address, user_agent FROM user_session WHERE user_id = $1`, [id]);
    expect(sessions.length).toBeGreaterThan(0);
    for (const s of sessions) expect(s).toMatchObject({ revoked_at: expect.any(Date), ip_address: null, user_agent: null });
    expect((await sql(`SELECT revoked_at FROM api_key WHERE id = $1`, [apiKeyId]))[0].revoked_at).not.toBeNull();
    // The session, the key and the password no longer work.
    expect(dataOf(await t.gql(`{ viewer { kind } }`, undefined, session)).viewer.kind).toBe('ANONYMOUS');
    expect((await t.gql(`{ areas(first: 1) { totalCount } }`, undefined, { bearer: apiKey })).status).toBe(401);
    await expect(t.login(email, TEST_PASSWORD)).rejects.toThrow(/401/);
    // The history it authored stays, attributed to its id, now without a name.
    expect(await sql(`SELECT id, occurred_at, action, entity_id, changes FROM change_record WHERE actor_user_id = $1 ORDER BY occurred_at, id`, [id])).toEqual(historyBefore);
    const history = dataOf(
      await t.gql(`query($id: ID!) { changeHistory(entityType: ORGANISATION, entityId: $id, first: 100) { edges { node { id actorName } } } }`, { id: swaId }, as.admin),
    ).changeHistory.edges.map((e: any) => e.node);
    expect(history.find((c: any) => c.id === historyBefore[0].id)).toEqual({ id: historyBefore[0].id, actorName: '[erased]' });
    expect(Number((await sql(`SELECT count(*) AS n FROM access_log WHERE user_id = $1`, [id]))[0].n)).toBe(1);
    expect(await sql(`SELECT subject_type, actor_user_id, reason FROM data_subject_erasure WHERE subject_id = $1`, [id])).toEqual([
      { subject_type: 'USER', actor_user_id: adminId, reason: 'AVG-verzoek 2024-21' },
    ]);
  });

  it('is idempotent and final: a second erasure answers the first, and the personal columns cannot be written back', async () => {
    const { id, email } = await activeAccount();
    const first = dataOf(await t.gql(ERASE, { id, reason: 'verzoek 1' }, as.admin)).eraseUser;
    expect(dataOf(await t.gql(ERASE, { id, reason: 'verzoek 2' }, as.admin)).eraseUser).toEqual(first);
    expect(Number((await sql(`SELECT count(*) AS n FROM data_subject_erasure WHERE subject_id = $1`, [id]))[0].n)).toBe(1);
    await expect(sql(`UPDATE app_user SET email = $2, status = 'ACTIVE' WHERE id = $1`, [id, email])).rejects.toThrow(/erased/);
    await expect(sql(`UPDATE app_user SET erased_at = NULL WHERE id = $1`, [id])).rejects.toThrow(/erased/);
    const data = dataOf(await t.gql(EXPORT, { id }, as.admin)).userDataExport;
    expect(data.account).toMatchObject({ email: `erased-${id}@erased.invalid`, display_name: '[erased]', status: 'DISABLED' });
    expect(data.erasures).toEqual([expect.objectContaining({ id: first.id, reason: 'verzoek 1' })]);
    expect(data.historyAuthored).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain(email);
  });
});
