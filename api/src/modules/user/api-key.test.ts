import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id prefix scopes lastUsedAt organisation { slug } } } }`;

describe('API keys of partner organisations', () => {
  let t: TestApp;
  let swa: string;
  let riagg: string;
  let swaId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    riagg = await t.login('riagg@test.local', TEST_PASSWORD);
    swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
  });
  afterAll(() => t.close());

  async function newKey(scopes: string[], as = swa) {
    const res = dataOf(await t.gql(CREATE, { input: { organisationId: swaId, name: `key ${scopes.join('+')}`, scopes } }, { cookie: as }));
    return res.createApiKey as { key: string; apiKey: { id: string; prefix: string } };
  }

  it('shows the key once and stores only its hash; the key is never logged', async () => {
    const { key, apiKey } = await newKey(['READ_MAP']);
    expect(key).toMatch(/^skl_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key).toContain(apiKey.prefix);
    const listed = dataOf(await t.gql(`query($o: ID!) { apiKeys(organisationId: $o) { id prefix } }`, { o: swaId }, { cookie: swa }));
    expect(listed.apiKeys.map((k: any) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed)).not.toContain(key);
    // Not in any column of the table, and not in the log after being used.
    const rows = await t.db.dataSource.query(`SELECT row_to_json(k)::text AS json FROM api_key k`);
    for (const row of rows) expect(row.json).not.toContain(key.slice(13));
    await t.gql(`{ organisations(first: 1) { totalCount } }`, undefined, { bearer: key });
    await t.gql(`{ organisations(first: 1) { totalCount } }`, undefined, { bearer: `${key}x` });
    expect(t.logLines.length).toBeGreaterThan(0);
    for (const line of t.logLines) expect(line).not.toContain(key.slice(13));
  });

  it('authenticates with Authorization: Bearer and records when the key was last used', async () => {
    const { key, apiKey } = await newKey(['READ_MAP']);
    const viewer = dataOf(await t.gql(`{ viewer { kind scopes organisation { slug } } }`, undefined, { bearer: key }));
    expect(viewer.viewer).toEqual({ kind: 'API_KEY', scopes: ['READ_MAP'], organisation: { slug: 'swa' } });
    const [row] = await t.db.dataSource.query(`SELECT last_used_at FROM api_key WHERE id = $1`, [apiKey.id]);
    expect(row.last_used_at).not.toBeNull();
  });

  it('refuses revoked, expired and unknown keys with 401', async () => {
    const revoked = await newKey(['READ_MAP']);
    dataOf(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: revoked.apiKey.id }, { cookie: swa }));
    const expired = await newKey(['READ_MAP']);
    await t.db.dataSource.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.apiKey.id]);
    for (const key of [revoked.key, expired.key, 'skl_AAAAAAAA_' + 'x'.repeat(43), 'not-a-key']) {
      const res = await t.gql(`{ areas(first: 1) { totalCount } }`, undefined, { bearer: key });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('cannot act beyond its scope', async () => {
    const referralsOnly = await newKey(['REFERRALS']);
    expect(errorCodes(await t.gql(`{ organisations(first: 1) { totalCount } }`, undefined, { bearer: referralsOnly.key }))).toEqual(['FORBIDDEN']);
    const readMap = await newKey(['READ_MAP']);
    expect(errorCodes(await t.gql(`{ keyPersons { totalCount } }`, undefined, { bearer: readMap.key }))).toEqual(['FORBIDDEN']);
    // A key cannot mint or revoke keys, not even for its own organisation.
    const all = await newKey(['READ_MAP', 'WRITE_OWN_ORGANISATION', 'REFERRALS']);
    expect(errorCodes(await t.gql(CREATE, { input: { organisationId: swaId, name: 'x', scopes: ['READ_MAP'] } }, { bearer: all.key }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: all.apiKey.id }, { bearer: all.key }))).toEqual(['FORBIDDEN']);
  });

  it("lets only the organisation's own users and admins manage its keys", async () => {
    const { apiKey } = await newKey(['READ_MAP']);
    expect(errorCodes(await t.gql(CREATE, { input: { organisationId: swaId, name: 'x', scopes: ['READ_MAP'] } }, { cookie: riagg }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: apiKey.id }, { cookie: riagg }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(`query($o: ID!) { apiKeys(organisationId: $o) { id } }`, { o: swaId }, { cookie: riagg }))).toEqual(['FORBIDDEN']);
    const admin = await t.login('admin@test.local', TEST_PASSWORD);
    const revoked = dataOf(await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: apiKey.id }, { cookie: admin }));
    expect(revoked.revokeApiKey.revokedAt).not.toBeNull();
  });

  it('validates new keys', async () => {
    const empty = await t.gql(CREATE, { input: { organisationId: swaId, name: 'x', scopes: [] } }, { cookie: swa });
    expect(empty.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes' });
    const past = await t.gql(CREATE, { input: { organisationId: swaId, name: 'x', scopes: ['READ_MAP'], expiresAt: '2000-01-01T00:00:00Z' } }, { cookie: swa });
    expect(past.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
  });

  it('rate-limits per key and per address with 429 and Retry-After', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_KEY_PER_MINUTE: '3', RATE_LIMIT_IP_PER_MINUTE: '6' } });
    try {
      await createTestUsers(limited.db);
      const cookie = await limited.login('swa@test.local', TEST_PASSWORD);
      const { key } = dataOf(await limited.gql(CREATE, { input: { organisationId: swaId, name: 'k', scopes: ['READ_MAP'] } }, { cookie })).createApiKey;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await limited.gql(`{ areas(first: 1) { totalCount } }`, undefined, { bearer: key })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // The address limit (6 per minute, 6 requests so far including login and create) applies to anonymous requests too.
      const anonymous = await limited.gql(`{ areas(first: 1) { totalCount } }`);
      expect(anonymous.status).toBe(429);
      expect(Number(anonymous.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(errorCodes(anonymous)).toEqual(['TOO_MANY_REQUESTS']);
    } finally {
      await limited.close();
    }
  });
});
