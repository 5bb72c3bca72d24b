import fs from 'node:fs';
import path from 'node:path';
import { type DocumentNode, parse, specifiedRules, validate } from 'graphql';
import { features } from '../features';
import { loadConfig } from '../config';
import { type TestApp, errorCodes, startTestApp } from '../test/app';
import { armorProtection, selectionCount } from './limits';
import { getSchema } from './schema';

describe('GraphQL hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_TOKENS: '300', GRAPHQL_MAX_COST: '400', GRAPHQL_MAX_DIRECTIVES: '3', GRAPHQL_MAX_SELECTIONS: '40', MAX_BODY_BYTES: '20000', CORS_ORIGINS: 'https://admin.example.org' },
    });
  });
  afterAll(() => t.close());

  const deep = `{ areas { edges { node { parent { parent { parent { parent { name } } } } } } } }`;
  const aliases = `{ a: areas { totalCount } b: areas { totalCount } c: areas { totalCount } d: areas { totalCount } }`;
  const tokens = `{ areas { edges { node { ${'name '.repeat(300)} } } } }`;
  const costly = `{ organisations(first: 100) { edges { node { services { targetGroups { name } areasServed { name } partners { name } } } } } }`;
  const directives = `{ areas @skip(if: false) @skip(if: false) @skip(if: false) @skip(if: false) { totalCount } }`;
  const selections = `{ areas { edges { node { ${'name '.repeat(40)} } } } }`;

  it.each([
    ['depth', deep],
    ['aliases', aliases],
    ['tokens', tokens],
    ['cost', costly],
    ['directives', directives],
    ['selections', selections],
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

  it('answers a persisted query whose hash does not match it with BAD_USER_INPUT, not an internal error', async () => {
    const post = (body: unknown) =>
      fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (res) => ({ status: res.status, body: await res.json() }));
    const query = '{ areas { totalCount } }';
    const mismatch = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(mismatch).toEqual({
      status: 400,
      body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_USER_INPUT', field: 'extensions.persistedQuery.sha256Hash' } }] },
    });
    const version = await post({ query, extensions: { persistedQuery: { version: 2, sha256Hash: '0'.repeat(64) } } });
    expect(version).toEqual({
      status: 400,
      body: { errors: [{ message: 'Unsupported persisted query version', extensions: { code: 'BAD_USER_INPUT', field: 'extensions.persistedQuery.version' } }] },
    });
    expect(t.loggedErrors).toEqual([]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
  });

  it('logs an internal error under the correlation id it returns', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await t.db.asOwner('ALTER TABLE location RENAME COLUMN name TO name_broken');
    try {
      const res = await t.gql(`{ locations(first: 1) { totalCount } }`);
      const correlationId = res.body.errors?.[0].extensions?.correlationId;
      expect(errorCodes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(res.body.errors?.[0].message).toBe(`Internal server error (correlation id ${correlationId})`);
      const logged = t.logLines.map((line) => JSON.parse(line)).find((entry) => entry.correlationId === correlationId);
      expect(logged?.err?.message).toMatch(/name_broken|does not exist/);
    } finally {
      await t.db.asOwner('ALTER TABLE location RENAME COLUMN name_broken TO name');
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

describe('GraphQL validation cost', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The default limits: what production runs with.
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const { graphqlLimits } = loadConfig({ NODE_ENV: 'test' });
  const list = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join(' ');

  // 5–25 KB each, under the token limit: graphql-js's overlapping-fields rule is quadratic in them.
  it.each([
    ['one field repeated a thousand times', `{ areas { edges { node { ${'name '.repeat(1000)} } } } }`],
    ['one object field repeated', `{ ${'areas(first: 1) { totalCount } '.repeat(500)} }`],
    ['fragments spread side by side', `{ areas { edges { node { ${list(300, (i) => `...F${i}`)} } } } } ${list(300, (i) => `fragment F${i} on Area { parent { name } }`)}`],
    ['one fragment spread a thousand times', `{ areas { edges { node { ${'...F '.repeat(1000)} } } } } fragment F on Area { parent { name } }`],
    ['inline fragments', `{ areas { edges { node { ${'... on Area { parent { name } } '.repeat(500)} } } } }`],
    ['nested repeats', `{ areas { edges { ${'node { name parent { name } } '.repeat(300)} } } }`],
    ['a fragment chain that doubles at every step', `{ areas { edges { node { ...F20 } } } } fragment F0 on Area { name } ${list(20, (i) => `fragment F${i + 1} on Area { ...F${i} ...F${i} }`)}`],
  ])('refuses %s before the rest of validation walks it', async (_shape, query) => {
    expect(query.length).toBeGreaterThan(800);
    const res = await t.gql(query);
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    // Only the selection limit answers: no other rule (overlapping fields, cost, depth) saw the document.
    expect(res.body.errors).toEqual([
      {
        message: `The document has more than ${graphqlLimits.maxSelections} selections (fields, fragment spreads and inline fragments, a fragment counted wherever it is spread)`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'selections', maxSelections: graphqlLimits.maxSelections },
      },
    ]);
    expect(res.sqlStatements).toBe(0);
  });

  it('answers a document at the limit', async () => {
    const query = `{ areas(first: 1) { edges { node { ${'name '.repeat(graphqlLimits.maxSelections - 3)} } } } }`;
    expect(selectionCount(parse(query))).toBe(graphqlLimits.maxSelections);
    const res = await t.gql(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.areas.edges).toHaveLength(1);
  });

  it('counts a fragment wherever it is spread, in linear time, and survives fragment cycles', () => {
    expect(selectionCount(parse(`{ areas { totalCount } }`))).toBe(2);
    // The fragment's two selections count at its definition and at each of its three spreads.
    expect(selectionCount(parse(`{ a: area(slug: "x") { ...F } b: area(slug: "y") { ...F ...F } } fragment F on Area { name parent { name } }`))).toBe(2 + 3 * (1 + 3) + 3);
    // 2^200 selections, counted without expanding them, and capped just past the limit.
    const chain = `{ areas { edges { node { ...F200 } } } } fragment F0 on Area { name } ${list(200, (i) => `fragment F${i + 1} on Area { ...F${i} ...F${i} }`)}`;
    expect(selectionCount(parse(chain), 1000)).toBe(1001);
    expect(selectionCount(parse(`{ areas { edges { node { ...A } } } } fragment A on Area { ...B } fragment B on Area { name ...A }`))).toBeLessThan(20);
    // A cycle is refused by graphql-js's NoFragmentCycles, not by the count.
    const cyclic = validate(getSchema(features), parse(`{ areas { edges { node { ...A } } } } fragment A on Area { ...B } fragment B on Area { name ...A }`), [
      ...specifiedRules,
      ...armorProtection(loadConfig({ NODE_ENV: 'test' })).validationRules,
    ]);
    expect(cyclic.map((e) => e.message)).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('keeps every document of the admin app within all the limits, with room to spare', () => {
    // The generated client (admin/src/gql/graphql.ts) holds each operation as a DocumentNode, fragments included.
    const generated = fs.readFileSync(path.join(__dirname, '../../../admin/src/gql/graphql.ts'), 'utf8');
    const documents = [...generated.matchAll(/export const (\w+Document) = (\{"kind":"Document".*?\}) as unknown as DocumentNode/g)].map(
      ([, name, json]) => [name, JSON.parse(json) as DocumentNode] as const,
    );
    expect(documents.length).toBeGreaterThan(30);
    const rules = [...specifiedRules, ...armorProtection(loadConfig({ NODE_ENV: 'production' })).validationRules];
    const refused = documents.flatMap(([name, document]) => validate(getSchema(features), document, rules).map((error) => `${name}: ${error.message}`));
    expect(refused).toEqual([]);
    const largest = Math.max(...documents.map(([, document]) => selectionCount(document)));
    expect(largest).toBeGreaterThan(50);
    expect(largest * 2).toBeLessThanOrEqual(graphqlLimits.maxSelections);
  });
});
