import { redactUrl, redactUrlsInText } from './logging';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from './test/app';

/**
 * Secrets and case text never reach the log: a realistic session through the real app, with
 * everything the app logs captured, then grepped for each secret it handled.
 */
describe('logging', () => {
  describe('redactUrl', () => {
    it('redacts credential query parameters and userinfo, and leaves the rest as sent', () => {
      expect(redactUrl('/graphql?api_key=skl_AbCdEf12_0123456789abcdef0123456789abcdef&first=2')).toBe('/graphql?api_key=[redacted]&first=2');
      expect(redactUrl('/x?Access-Token=a&password=b&client_secret=c&sig=d&my_token=e&variables=%7B%22summary%22%7D&area=kruiskamp#frag')).toBe(
        '/x?Access-Token=[redacted]&password=[redacted]&client_secret=[redacted]&sig=[redacted]&my_token=[redacted]&variables=[redacted]&area=kruiskamp',
      );
      // A value shaped like an API key, whatever the parameter is called.
      expect(redactUrl('/csv/services?q=skl_AbCdEf12_0123456789abcdef0123456789abcdef')).toBe('/csv/services?q=[redacted]');
      expect(redactUrl('https://user:hunter2@hooks.example.org/in?token=t&x=1')).toBe('https://[redacted]@hooks.example.org/in?token=[redacted]&x=1');
      expect(redactUrl('/hsds/services?page=2&per_page=10')).toBe('/hsds/services?page=2&per_page=10');
      expect(redactUrl('/healthz')).toBe('/healthz');
      expect(redactUrlsInText('connect to postgres://schakel:s3cret@db:5432/schakel failed')).toBe('connect to postgres://[redacted]@db:5432/schakel failed');
    });
  });

  describe('a whole session', () => {
    let t: TestApp;
    const WRONG_PASSWORD = 'Verkeerd-Wachtwoord-8231';
    const SUMMARY = 'Casus-samenvatting-meneer-Jansen-valt-vaak';
    const NOTE = 'Casus-notitie-schuldhulp-aangevraagd';
    const FAILED_NOTE = 'Casus-notitie-die-mislukte-bij-opslaan';
    const secrets: Record<string, string> = {};
    let lines: Array<Record<string, any>> = [];
    const queryKeyStatuses: number[] = [];

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers });

    beforeAll(async () => {
      t = await startTestApp();
      await createTestUsers(t.db);
      const org = async (slug: string) => (await t.db.dataSource.query('SELECT id FROM organisation WHERE slug = $1', [slug]))[0].id as string;

      // Log in with a password (the session cookie), and fail a login.
      const swaCookie = await t.login('swa@test.local', TEST_PASSWORD);
      const riagg: As = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
      secrets.password = TEST_PASSWORD;
      secrets.cookie = swaCookie.split('=')[1];
      secrets.riaggCookie = riagg.cookie!.split('=')[1];
      const failed = await fetch(`${t.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'swa@test.local', password: WRONG_PASSWORD }) });
      expect(failed.status).toBe(401);
      secrets.wrongPassword = WRONG_PASSWORD;

      // An API key, created and used in the Authorization header.
      const { key } = dataOf(
        await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: await org('swa'), name: 'Regas', scopes: ['REFERRALS', 'READ_MAP'] } }, { cookie: swaCookie }),
      ).createApiKey;
      secrets.apiKey = key;
      secrets.apiKeySecret = key.split('_').slice(2).join('_');
      const swa: As = { bearer: key };
      expect(dataOf(await t.gql('{ viewer { kind } }', {}, swa)).viewer.kind).toBe('API_KEY');
      expect((await get('/csv/organisations', { authorization: `Bearer ${key}` })).status).toBe(200);

      // A webhook: its secret is shown once.
      const webhook = dataOf(
        await t.gql(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }`, { input: { url: 'https://partner.example.org/hook', events: ['CREATED'] } }, swa),
      ).createWebhook;
      secrets.webhookSecret = webhook.secret;

      // A referral with case text, accepted and given a note.
      const created = dataOf(
        await t.gql(`mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`, { input: { receivingOrganisationId: await org('swa'), summary: SUMMARY } }, riagg),
      ).createReferral;
      const { version } = dataOf(await t.gql(`mutation($id: ID!) { acceptReferral(id: $id, version: 1) { version } }`, { id: created.id }, swa)).acceptReferral;
      const noted = dataOf(
        await t.gql(`mutation($id: ID!, $version: Int!, $text: String!) { addReferralNote(id: $id, version: $version, input: { text: $text }) { version } }`, { id: created.id, version, text: NOTE }, swa),
      ).addReferralNote;
      secrets.summary = SUMMARY;
      secrets.note = NOTE;

      // A note the database refuses as PostgreSQL does for a failing CHECK: the error's detail and the statement's parameters hold the note.
      await t.db.asOwner(`CREATE FUNCTION fail_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'new row for relation "referral_event" violates check constraint' USING DETAIL = 'Failing row contains (' || NEW.note || ').'; END $$`);
      await t.db.asOwner(`CREATE TRIGGER fail_note BEFORE INSERT ON referral_event FOR EACH ROW WHEN (NEW.note IS NOT NULL) EXECUTE FUNCTION fail_note()`);
      try {
        const refused = await t.gql(
          `mutation($id: ID!, $version: Int!, $text: String!) { addReferralNote(id: $id, version: $version, input: { text: $text }) { version } }`,
          { id: created.id, version: noted.version, text: FAILED_NOTE },
          swa,
        );
        expect(errorCodes(refused)).toEqual(['INTERNAL_SERVER_ERROR']);
      } finally {
        await t.db.asOwner(`DROP TRIGGER fail_note ON referral_event`);
        await t.db.asOwner(`DROP FUNCTION fail_note()`);
      }
      secrets.failedNote = FAILED_NOTE;

      // The key in the query string, under the usual name and under any other (refused: the last test).
      for (const path of [`/graphql?api_key=${key}`, `/csv/organisations?token=${key}`, `/hsds/services?apiKey=${encodeURIComponent(key)}`]) {
        queryKeyStatuses.push((await get(path, { cookie: swaCookie })).status);
      }
      // Cookie and Authorization header on an ordinary request.
      expect((await get('/hsds/services', { cookie: swaCookie, authorization: `Bearer ${key}` })).status).toBe(200);

      lines = t.logLines.map((line) => JSON.parse(line) as Record<string, any>);
    });
    afterAll(() => t.close());

    it('logs none of the password, the API key, the cookies, the webhook secret or the case text', () => {
      expect(lines.length).toBeGreaterThan(15);
      // The failed write was logged (with its correlation id), so the grep below covers a database error too.
      expect(lines.filter((line) => line.msg === 'internal error')).toEqual([expect.objectContaining({ correlationId: expect.any(String), err: expect.objectContaining({ type: 'QueryFailedError' }) })]);
      const everything = t.logLines.join('\n');
      expect(Object.keys(secrets)).toHaveLength(10);
      expect(Object.entries(secrets).filter(([, secret]) => everything.includes(secret)).map(([name]) => name)).toEqual([]);
    });

    it('the request line holds method, redacted URL, status, duration, request id and content length only', () => {
      const completed = lines.filter((line) => line.msg === 'request completed');
      const queryKey = completed.find((line) => line.req.url.startsWith('/graphql?api_key='));
      expect(queryKey).toMatchObject({ req: { method: 'GET', url: '/graphql?api_key=[redacted]' }, res: { statusCode: 400 } });
      const hsds = completed.filter((line) => line.req.url === '/hsds/services').at(-1)!;
      expect(Object.keys(hsds.req).sort()).toEqual(['id', 'method', 'url']);
      expect(Object.keys(hsds.res).sort()).toEqual(['contentLength', 'statusCode']);
      expect(hsds.res.contentLength).toBeGreaterThan(0);
      expect(typeof hsds.responseTime).toBe('number');
      expect(hsds.req.id).toEqual(expect.any(String));
      for (const line of completed) expect(Buffer.byteLength(JSON.stringify(line))).toBeLessThan(400);
    });

    it('answers a key in the query string with a coded 400 that says to use the header', async () => {
      expect(queryKeyStatuses).toEqual([400, 400, 400]);
      const response = await get(`/graphql?query=%7Bviewer%7Bkind%7D%7D&api_key=${secrets.apiKey}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message: expect.stringContaining('Authorization header'), extensions: { code: 'BAD_USER_INPUT', field: 'api_key', reason: 'API_KEY_IN_QUERY' } }],
      });
    });
  });
});
