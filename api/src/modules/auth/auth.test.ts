import { loadConfig } from '../../config';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';

// The module object itself (not an import wrapper), so a spy sees the service's calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const argon2: typeof import('@node-rs/argon2') = require('@node-rs/argon2');

async function postLogin(t: TestApp, body: unknown, contentType = 'application/json', from?: string) {
  const headers: Record<string, string> = { 'content-type': contentType };
  // The throttling tests' app trusts one proxy hop (TRUST_PROXY=1), so this is the client address.
  if (from) headers['x-forwarded-for'] = from;
  return fetch(`${t.url}/auth/login`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Status, body and whether Retry-After is set: everything a caller can tell apart. */
async function answerOf(res: Response) {
  return { status: res.status, body: await res.json(), retryAfter: res.headers.has('retry-after') };
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
    // Every missing field is named; a JSON array has none.
    expect(await (await postLogin(t, '[]')).json()).toEqual({ error: { code: 'BAD_USER_INPUT', field: 'email', message: 'E-mail is required; Password is required' } });
    expect(await (await postLogin(t, { email: '  ', password: 7 })).json()).toEqual({ error: { code: 'BAD_USER_INPUT', field: 'email', message: 'E-mail is required; Password is required' } });
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await postLogin(t, { email: 'riagg@test.local', password: 'nope-nope-nope' })).status).toBe(401);
    const locked = await postLogin(t, { email: 'riagg@test.local', password: 'nope-nope-nope' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const right = await postLogin(t, { email: 'riagg@test.local', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    // After the lock has passed the right password works again.
    await t.db.dataSource.query(`UPDATE rate_limit_counter SET window_ends_at = now() - interval '1 second'`);
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

describe('login throttling', () => {
  let t: TestApp;
  const guess = (email: string, from: string, password = 'wrong-password!') => postLogin(t, { email, password }, 'application/json', from);

  beforeAll(async () => {
    t = await startTestApp({
      env: { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15', LOGIN_ACCOUNT_MAX_FAILURES: '8', RATE_LIMIT_FAILED_LOGINS_PER_IP: '1000' },
    });
    await createTestUsers(t.db);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('counts every one of 12 parallel wrong guesses, then refuses the right password from that address', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => guess('swa@test.local', '198.51.100.1')));
    // Exactly the limit gets a password check; the rest are refused before one.
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    const right = await guess('swa@test.local', '198.51.100.1', TEST_PASSWORD);
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // When the window has passed, the right password works again.
    await t.db.dataSource.query(`UPDATE rate_limit_counter SET window_ends_at = now() - interval '1 second'`);
    expect((await guess('swa@test.local', '198.51.100.1', TEST_PASSWORD)).status).toBe(200);
  });

  it('answers a known and an unknown address alike, with the same password work', async () => {
    const verify = jest.spyOn(argon2, 'verify');
    const hash = jest.spyOn(argon2, 'hash');
    const run = async (email: string, from: string) => {
      const sequence = [];
      for (let i = 0; i < 7; i++) {
        const before = verify.mock.calls.length;
        const answer = await answerOf(await guess(email, from));
        sequence.push({ ...answer, passwordChecks: verify.mock.calls.length - before });
      }
      return sequence;
    };
    const known = await run('riagg@test.local', '198.51.100.2');
    const unknownFrom = verify.mock.calls.length;
    const unknown = await run('ghost@test.local', '198.51.100.3');
    expect(unknown).toEqual(known);
    expect(known.map((a) => [a.status, a.passwordChecks])).toEqual([[401, 1], [401, 1], [401, 1], [401, 1], [401, 1], [429, 0], [429, 0]]);

    // The unknown address was checked against a dummy hash made once, with the same argon2 parameters as real ones.
    expect(hash).not.toHaveBeenCalled();
    const [stored] = await t.db.dataSource.query(`SELECT password_hash FROM app_user WHERE email = 'riagg@test.local'`);
    const paramsOf = (h: string) => h.split('$').slice(1, 4).join('$');
    const dummyHashes = new Set(verify.mock.calls.slice(unknownFrom).map(([h]) => String(h)));
    expect(dummyHashes.size).toBe(1);
    const [dummy] = dummyHashes;
    expect(dummy).not.toBe(stored.password_hash);
    expect(paramsOf(dummy)).toBe(paramsOf(stored.password_hash));
    expect(paramsOf(dummy)).toMatch(/^argon2id\$v=19\$m=19456,t=2,p=1$/);
  });

  it('does not let an attacker locked out at one address lock the owner out at another', async () => {
    for (let i = 0; i < 5; i++) expect((await guess('admin@test.local', '203.0.113.66')).status).toBe(401);
    expect((await guess('admin@test.local', '203.0.113.66', TEST_PASSWORD)).status).toBe(429);
    // The owner, elsewhere, gets in …
    expect((await guess('admin@test.local', '192.0.2.10', TEST_PASSWORD)).status).toBe(200);
    // … and that does not lift the attacker's lock.
    expect((await guess('admin@test.local', '203.0.113.66', TEST_PASSWORD)).status).toBe(429);
    // The account counter kept the attacker's 5 (the owner's login gave back only its own attempt, and refused
    // attempts were not counted): 3 more failures elsewhere reach its limit of 8, then the owner is refused too.
    for (let i = 1; i <= 3; i++) expect((await guess('admin@test.local', `203.0.113.${100 + i}`)).status).toBe(401);
    expect((await guess('admin@test.local', '192.0.2.10', TEST_PASSWORD)).status).toBe(429);
  });

  it('locks an account, known or not, for every address after failures spread over many addresses', async () => {
    for (const email of ['gemeente@test.local', 'nobody-here@test.local']) {
      const spread = [];
      for (let i = 1; i <= 8; i++) spread.push((await guess(email, `198.18.0.${i}`)).status);
      expect(spread).toEqual(Array(8).fill(401));
      const fresh = await guess(email, '198.18.1.1', email === 'gemeente@test.local' ? TEST_PASSWORD : 'wrong-password!');
      expect(fresh.status).toBe(429);
      expect(await fresh.json()).toEqual({ error: { code: 'TOO_MANY_REQUESTS', message: 'Too many failed logins; try again later' } });
    }
  });

  it('deletes counters whose window has ended as it starts new ones, so spraying e-mails cannot grow the table without end', async () => {
    await t.db.dataSource.query(
      `INSERT INTO rate_limit_counter (key, hits, window_ends_at) SELECT 'login:source:dead-' || i, 1, now() - interval '1 minute' FROM generate_series(1, 30) i`,
    );
    const dead = async () => Number((await t.db.dataSource.query(`SELECT count(*) FROM rate_limit_counter WHERE key LIKE 'login:source:dead-%'`))[0].count);
    expect(await dead()).toBe(30);
    await guess('sprayed-1@test.local', '198.51.100.77');
    await guess('sprayed-2@test.local', '198.51.100.77');
    expect(await dead()).toBe(0);
  });

  it('groups an IPv6 client by its /56 network, so rotating addresses in it does not escape the limit', async () => {
    for (let i = 1; i <= 5; i++) expect((await guess('swa@test.local', `2001:db8:aa:${i}::${i}`)).status).toBe(401);
    expect((await guess('swa@test.local', '2001:db8:aa:ff::1', TEST_PASSWORD)).status).toBe(429);
    // The next /56 is another network.
    expect((await guess('swa@test.local', '2001:db8:aa:100::1', TEST_PASSWORD)).status).toBe(200);
  });
});

describe('login throttling settings', () => {
  it('reads TRUST_PROXY=<n> as a hop count, so X-Forwarded-For from one load balancer gives the client address', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('refuses a per-account limit below the per-(account, address) one, which would let one address lock the owner out everywhere', () => {
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '10', LOGIN_ACCOUNT_MAX_FAILURES: '5' })).toThrow(/LOGIN_ACCOUNT_MAX_FAILURES/);
    expect(loadConfig({}).loginThrottle).toEqual({ perAccountAndSource: 5, perSource: 20, sourceWindowMinutes: 15, perAccount: 50, accountWindowMinutes: 60 });
  });
});
