import { type TestApp, errorCodes, startTestApp } from '../test/app';

describe('GraphQL hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_TOKENS: '300', GRAPHQL_MAX_COST: '400', GRAPHQL_MAX_DIRECTIVES: '3', MAX_BODY_BYTES: '20000', CORS_ORIGINS: 'https://admin.example.org' },
    });
  });
  afterAll(() => t.close());

  const deep = `{ areas { edges { node { parent { parent { parent { parent { name } } } } } } } }`;
  const aliases = `{ a: areas { totalCount } b: areas { totalCount } c: areas { totalCount } d: areas { totalCount } }`;
  const tokens = `{ areas { edges { node { ${'name '.repeat(300)} } } } }`;
  const costly = `{ organisations(first: 100) { edges { node { services { targetGroups { name } areasServed { name } partners { name } } } } } }`;
  const directives = `{ areas @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) { totalCount } }`;

  it.each([
    ['depth', deep],
    ['aliases', aliases],
    ['tokens', tokens],
    ['cost', costly],
    ['directives', directives],
  ])('rejects a query past the %s limit before any SQL runs', async (_limit, query) => {
    const res = await t.gql(query);
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(errorCodes(res)[0]).toMatch(/GRAPHQL_(VALIDATION|PARSE)_FAILED/);
    expect(res.sqlStatements).toBe(0);
  });

  it('accepts a query within the limits', async () => {
    const res = await t.gql(`{ areas(first: 2) { edges { node { name parent { name } } } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses requests a browser could send cross-site without a preflight (CSRF)', async () => {
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ areas { totalCount } }')}`);
    expect(get.status).toBe(400);
    const form = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ areas { totalCount } }' }) });
    expect(form.status).toBe(400);
    const preflighted = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ areas { totalCount } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('sends security headers and a CORS allow-list', async () => {
    const res = await fetch(`${t.url}/healthz`, { headers: { origin: 'https://admin.example.org' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://admin.example.org');
    const other = await fetch(`${t.url}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits the request body size', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ areas { totalCount } }`, variables: { padding: 'x'.repeat(30000) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message: 'Request body too large' } });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
  });

  it('logs an internal error under the correlation id it returns', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await t.db.dataSource.query('ALTER TABLE location RENAME COLUMN name TO name_broken');
    try {
      const res = await t.gql(`{ locations(first: 1) { totalCount } }`);
      const correlationId = res.body.errors?.[0].extensions?.correlationId;
      expect(errorCodes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(res.body.errors?.[0].message).toBe(`Internal server error (correlation id ${correlationId})`);
      const logged = t.logLines.map((line) => JSON.parse(line)).find((entry) => entry.correlationId === correlationId);
      expect(logged?.err?.message).toMatch(/name_broken|does not exist/);
    } finally {
      await t.db.dataSource.query('ALTER TABLE location RENAME COLUMN name_broken TO name');
      consoleError.mockRestore();
    }
  });
});

describe('GraphQL in production mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', EXPOSE_SQL_COUNT: '' } });
  });
  afterAll(() => t.close());

  it('hides introspection', async () => {
    const res = await t.gql(`{ __schema { types { name } } }`);
    expect(res.body.data ?? null).toBeNull();
    expect(errorCodes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('gives no field suggestions', async () => {
    const res = await t.gql(`{ areas { totalCont } }`);
    expect(res.body.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('does not expose the SQL statement count', async () => {
    const res = await t.gql(`{ areas { totalCount } }`);
    expect(res.headers.get('x-sql-statements')).toBeNull();
  });
});
