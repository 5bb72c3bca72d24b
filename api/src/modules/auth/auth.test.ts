import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';

async function postLogin(t: TestApp, body: unknown, contentType = 'application/json') {
  return fetch(`${t.url}/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('sign-in with session cookies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' } });
    await createTestUsers(t.db);
  });
  afterAll(() => t.close());

  it('logs in with a secure, HTTP-only, same-site session cookie and knows the viewer', async () => {
    const res = await postLogin(t, { email: 'SWA@test.local ', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^schakel_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const cookie = setCookie.split(';')[0];
    const viewer = dataOf(await t.gql(`{ viewer { kind user { email role } organisation { slug } } }`, undefined, { cookie }));
    expect(viewer.viewer).toEqual({ kind: 'USER', user: { email: 'swa@test.local', role: 'ORGANISATION' }, organisation: { slug: 'swa' } });
    // Only a hash of the token is stored.
    const [row] = await t.db.dataSource.query(`SELECT token_hash FROM user_session ORDER BY created_at DESC LIMIT 1`);
    expect(row.token_hash).not.toContain(cookie.split('=')[1]);
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const unknown = await postLogin(t, { email: 'nobody@test.local', password: 'whatever-password' });
    const wrong = await postLogin(t, { email: 'admin@test.local', password: 'wrong-password!' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
  });

  it('refuses bad requests with a coded error', async () => {
    expect((await postLogin(t, 'email=a&password=b', 'application/x-www-form-urlencoded')).status).toBe(415);
    const missing = await postLogin(t, { email: 'admin@test.local' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { code: 'BAD_USER_INPUT', field: 'password', message: 'Password is required' } });
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 2; i++) expect((await postLogin(t, { email: 'riagg@test.local', password: 'nope-nope-nope' })).status).toBe(401);
    const locked = await postLogin(t, { email: 'riagg@test.local', password: 'nope-nope-nope' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await postLogin(t, { email: 'riagg@test.local', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    // After the lock has passed the right password works again.
    await t.db.dataSource.query(`UPDATE app_user SET locked_until = now() - interval '1 second' WHERE email = 'riagg@test.local'`);
    expect((await postLogin(t, { email: 'riagg@test.local', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('logs out: the cookie stops working at once', async () => {
    const cookie = await t.login('admin@test.local', TEST_PASSWORD);
    expect(dataOf(await t.gql(`{ viewer { kind } }`, undefined, { cookie })).viewer.kind).toBe('USER');
    const out = await fetch(`${t.url}/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' } });
    expect(await out.json()).toEqual({ loggedOut: true });
    expect(dataOf(await t.gql(`{ viewer { kind } }`, undefined, { cookie })).viewer.kind).toBe('ANONYMOUS');
  });

  it('ignores expired sessions and disabled users', async () => {
    const cookie = await t.login('gemeente@test.local', TEST_PASSWORD);
    await t.db.dataSource.query(`UPDATE user_session SET expires_at = now() - interval '1 minute'`);
    expect(dataOf(await t.gql(`{ viewer { kind } }`, undefined, { cookie })).viewer.kind).toBe('ANONYMOUS');
    const again = await t.login('gemeente@test.local', TEST_PASSWORD);
    await t.db.dataSource.query(`UPDATE app_user SET status = 'DISABLED' WHERE email = 'gemeente@test.local'`);
    expect(dataOf(await t.gql(`{ viewer { kind } }`, undefined, { cookie: again })).viewer.kind).toBe('ANONYMOUS');
    await t.db.dataSource.query(`UPDATE app_user SET status = 'ACTIVE' WHERE email = 'gemeente@test.local'`);
  });

  it('rate-limits failed logins per address with 429 and Retry-After', async () => {
    const limited = await startTestApp({ env: { RATE_LIMIT_FAILED_LOGINS_PER_IP: '2' } });
    try {
      for (let i = 0; i < 2; i++) expect((await postLogin(limited, { email: `x${i}@test.local`, password: 'wrong-password' })).status).toBe(401);
      const third = await postLogin(limited, { email: 'x3@test.local', password: 'wrong-password' });
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('lets admins create users, with validated input', async () => {
    const admin = await t.login('admin@test.local', TEST_PASSWORD);
    const create = `mutation($input: CreateUserInput!) { createUser(input: $input) { email role organisation { slug } } }`;
    const ok = dataOf(
      await t.gql(create, { input: { email: 'Nieuw@Test.local', displayName: 'Nieuw', password: 'long enough password', role: 'MUNICIPALITY', areas: ['kruiskamp-koppel'] } }, { cookie: admin }),
    );
    expect(ok.createUser).toEqual({ email: 'nieuw@test.local', role: 'MUNICIPALITY', organisation: null });
    const shortPassword = await t.gql(create, { input: { email: 'a@test.local', displayName: 'A', password: 'short', role: 'ADMIN' } }, { cookie: admin });
    expect(shortPassword.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const badEmail = await t.gql(create, { input: { email: 'not-an-email', displayName: 'A', password: 'long enough password', role: 'ADMIN' } }, { cookie: admin });
    expect(badEmail.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const noOrg = await t.gql(create, { input: { email: 'b@test.local', displayName: 'B', password: 'long enough password', role: 'ORGANISATION' } }, { cookie: admin });
    expect(noOrg.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
    const duplicate = await t.gql(create, { input: { email: 'swa@test.local', displayName: 'S', password: 'long enough password', role: 'ADMIN' } }, { cookie: admin });
    expect(duplicate.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    expect(Number((await t.db.dataSource.query(`SELECT count(*) FROM app_user WHERE email IN ('a@test.local', 'b@test.local')`))[0].count)).toBe(0);
  });
});
