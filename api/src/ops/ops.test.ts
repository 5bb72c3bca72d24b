import { type TestApp, createTestUsers, dataOf, startTestApp, TEST_PASSWORD } from '../test/app';

/** Probes, metrics and request logs of the running app (the database faults are in the fault suite). */
describe('operations endpoints', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'metrics-test-token' } });
    await createTestUsers(t.db);
    cookie = await t.login('admin@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('/healthz answers without touching the database', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-sql-statements')).toBeNull();
  });

  it('/readyz checks the database and the migrations', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.status).toBe('ready');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations).toEqual({ ok: true });
  });

  it('/readyz is 503 and names the migration when one is not applied', async () => {
    const [last] = await t.db.dataSource.query(`SELECT id, timestamp, name FROM schema_migration ORDER BY timestamp DESC LIMIT 1`);
    await t.db.asOwner(`DELETE FROM schema_migration WHERE id = $1`, [last.id]);
    try {
      const response = await fetch(`${t.url}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as any;
      expect(body.checks.migrations).toEqual({ ok: false, pending: [last.name] });
    } finally {
      await t.db.asOwner(`INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
  });

  it('/metrics needs the token and reports requests, operations, errors, SQL statements and the pool', async () => {
    dataOf(await t.gql(`query MetricsProbe { areas(first: 3) { edges { node { name } } } }`, {}, { cookie }));
    await t.gql(`query MetricsBadInput { areas(first: 1000) { totalCount } }`, {}, { cookie });

    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-the-same-len' } })).status).toBe(401);
    const response = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer metrics-test-token' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/schakel_graphql_operations_total\{operation="MetricsProbe",type="query"\} 1/);
    expect(text).toMatch(/schakel_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(/schakel_http_requests_total\{method="POST",route="\/graphql",status="200"\} [1-9]/);
    expect(text).toMatch(/schakel_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/graphql",status="200"\}/);
    expect(text).toMatch(/schakel_sql_statements_per_request_count\{route="\/graphql"\} [1-9]/);
    expect(text).toMatch(/schakel_db_pool_connections\{state="total"\} [1-9]/);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('client-chosen operation names cannot grow the label set without bound', async () => {
    await t.gql(`query ${'x'.repeat(80)} { areas(first: 1) { totalCount } }`, {}, { cookie });
    const text = await (await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer metrics-test-token' } })).text();
    expect(text).toMatch(/schakel_graphql_operations_total\{operation="invalid",type="query"\} 1/);
    expect(text).not.toContain('x'.repeat(80));
  });

  it('each request is logged once with its id, status, duration, operation name and SQL statement count', async () => {
    const requestId = 'ops-test-request-1';
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, cookie },
      body: JSON.stringify({ query: 'query LoggedOperation { organisations(first: 2) { edges { node { name } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const lines = t.logLines.map((line) => JSON.parse(line) as Record<string, any>).filter((line) => line.req?.id === requestId || line.reqId === requestId);
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ operation: 'LoggedOperation', operationType: 'query', sqlStatements: Number(response.headers.get('x-sql-statements')) });
    expect(completed[0].res.statusCode).toBe(200);
    expect(typeof completed[0].responseTime).toBe('number');
    // Credentials never reach the log.
    expect(JSON.stringify(completed[0])).not.toContain(cookie.split('=')[1]);
  });

  it('after stop() begins, /readyz reports shutting down', async () => {
    t.app.readiness.accepting = false;
    try {
      const response = await fetch(`${t.url}/readyz`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as any).checks.shutdown).toEqual({ ok: false });
    } finally {
      t.app.readiness.accepting = true;
    }
  });
});
