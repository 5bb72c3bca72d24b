import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../test/app';

const WHO = `{ viewer { kind user { email } } }`;

/** Asks until `done` holds (the NOTIFY of a revocation arrives asynchronously); at most `tries` times. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean, tries = 50): Promise<T> {
  let value = await ask();
  for (let i = 1; i < tries && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await ask();
  }
  return value;
}

describe('checked callers kept per process, revoked everywhere (http/credential-cache.ts)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ env: { CREDENTIAL_CACHE_SECONDS: '60' } });
    b = await startTestApp({ env: { CREDENTIAL_CACHE_SECONDS: '60' }, sameDatabaseAs: a });
    await createTestUsers(a.db);
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** A READ_MAP key of SWA, created by SWA's user through GraphQL on replica a. */
  async function createReadKey(swa: string, name: string): Promise<{ key: string; apiKey: { id: string } }> {
    const [org] = await a.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`);
    return dataOf(
      await a.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(
        `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`,
        { input: { organisationId: org.id, name, scopes: ['READ_MAP'] } },
        { cookie: swa },
      ),
    ).createApiKey;
  }

  /** The statements of a request that reads nothing but the caller. */
  async function cost(t: TestApp, cookie: string): Promise<{ email: string | null; statements: number }> {
    const response = await t.gql<{ viewer: { user: { email: string } | null } }>(`{ __typename }`, undefined, { cookie });
    const who = dataOf(await t.gql<{ viewer: { user: { email: string } | null } }>(WHO, undefined, { cookie }));
    return { email: who.viewer.user?.email ?? null, statements: response.sqlStatements };
  }

  it('checks a session once, then answers from memory', async () => {
    const cookie = await a.login('swa@test.local', TEST_PASSWORD);
    const first = await a.gql(`{ __typename }`, undefined, { cookie });
    // The session lookup (and its idle renewal, if due) on the first request …
    expect(first.sqlStatements).toBeGreaterThanOrEqual(1);
    // … and none after it, on either replica once each has seen the caller.
    const second = await eventually(() => a.gql(`{ __typename }`, undefined, { cookie }), (r) => r.sqlStatements === 0);
    expect(second.sqlStatements).toBe(0);
    expect((await cost(a, cookie)).email).toBe('swa@test.local');
  });

  it('logout ends the session at once in this process and, through NOTIFY, in the other', async () => {
    const cookie = await a.login('riagg@test.local', TEST_PASSWORD);
    // Both replicas hold the session.
    expect(await eventually(() => cost(a, cookie), (r) => r.statements === 0)).toEqual({ email: 'riagg@test.local', statements: 0 });
    expect(await eventually(() => cost(b, cookie), (r) => r.statements === 0)).toEqual({ email: 'riagg@test.local', statements: 0 });
    const out = await fetch(`${a.url}/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    // No wait at all on the replica that logged out.
    expect((await cost(a, cookie)).email).toBeNull();
    // The other drops it when the notification arrives (milliseconds), long before its 60 s entry would end.
    expect((await eventually(() => cost(b, cookie), (r) => r.email === null)).email).toBeNull();
  });

  it('a user disabled or a session revoked in SQL is refused on every replica', async () => {
    const admin = await a.login('admin@test.local', TEST_PASSWORD);
    const gemeente = await b.login('gemeente@test.local', TEST_PASSWORD);
    expect(await eventually(() => cost(a, gemeente), (r) => r.statements === 0)).toEqual({ email: 'gemeente@test.local', statements: 0 });
    await a.db.dataSource.query(`UPDATE app_user SET status = 'DISABLED' WHERE email = 'gemeente@test.local'`);
    expect((await eventually(() => cost(a, gemeente), (r) => r.email === null)).email).toBeNull();
    expect((await eventually(() => cost(b, gemeente), (r) => r.email === null)).email).toBeNull();

    expect(await eventually(() => cost(b, admin), (r) => r.statements === 0)).toEqual({ email: 'admin@test.local', statements: 0 });
    await a.db.dataSource.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = (SELECT id FROM app_user WHERE email = 'admin@test.local')`);
    expect((await eventually(() => cost(b, admin), (r) => r.email === null)).email).toBeNull();
  });

  it('a revoked API key is refused on every replica', async () => {
    const swa = await a.login('swa@test.local', TEST_PASSWORD);
    const created = await createReadKey(swa, 'cache test');
    const asKey = (t: TestApp) => t.gql(`{ __typename }`, undefined, { bearer: created.key });
    expect((await eventually(() => asKey(b), (r) => r.sqlStatements === 0)).status).toBe(200);
    dataOf(await a.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: created.apiKey.id }, { cookie: swa }));
    expect((await eventually(() => asKey(b), (r) => r.status === 401)).status).toBe(401);
    expect((await asKey(a)).status).toBe(401);
  });

  it('after sync() every revocation committed before it is applied: a mutation answers only then', async () => {
    for (const email of ['swa@test.local', 'riagg@test.local', 'admin@test.local']) {
      const cookie = await a.login(email, TEST_PASSWORD);
      expect(await eventually(() => cost(a, cookie), (r) => r.statements === 0)).toEqual({ email, statements: 0 });
      await b.db.dataSource.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`, [email]);
      await a.app.credentials.sync();
      // No waiting: the notification arrived before sync() returned.
      expect((await cost(a, cookie)).email).toBeNull();
    }
    // A revocation through GraphQL: the mutation's answer comes after the sync, so the very next request is refused.
    const swa = await a.login('swa@test.local', TEST_PASSWORD);
    const created = await createReadKey(swa, 'sync test');
    expect((await eventually(() => a.gql(`{ __typename }`, undefined, { bearer: created.key }), (r) => r.sqlStatements === 0)).status).toBe(200);
    dataOf(await a.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: created.apiKey.id }, { cookie: swa }));
    expect((await a.gql(`{ __typename }`, undefined, { bearer: created.key })).status).toBe(401);
  });

  it('keeps nothing when CREDENTIAL_CACHE_SECONDS is 0', async () => {
    const c = await startTestApp({ env: { CREDENTIAL_CACHE_SECONDS: '0' }, sameDatabaseAs: a });
    try {
      const cookie = await c.login('swa@test.local', TEST_PASSWORD);
      for (let i = 0; i < 3; i += 1) expect((await c.gql(`{ __typename }`, undefined, { cookie })).sqlStatements).toBeGreaterThanOrEqual(1);
      expect(c.app.credentials.size()).toBe(0);
    } finally {
      await c.close();
    }
  });
});
