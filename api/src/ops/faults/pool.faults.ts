import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { ControlledPostgres, type FaultApp, reportFigure, startFaultApp } from './fault-harness';

const READ = `query MapRead { organisations(first: 5) { edges { node { id name } } } }`;

describe('an exhausted pool', () => {
  const CONNECT_TIMEOUT_MS = 800;
  let pg: ControlledPostgres;
  let t: FaultApp;
  let cookie: string;

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    t = await startFaultApp(pg, { DB_POOL_SIZE: '2', DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), READY_TIMEOUT_MS: '1500' });
    cookie = await t.login('swa@test.local');
  });
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  it('new requests fail within the connect timeout with SERVICE_UNAVAILABLE instead of hanging, and work again once connections are free', async () => {
    // Every pool connection is taken (as by long-running requests).
    const held: QueryRunner[] = [];
    for (let i = 0; i < 2; i++) {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      held.push(runner);
    }
    try {
      const anonymous = await t.post({ query: READ });
      expect(anonymous.status).toBe(503);
      expect(anonymous.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
      // Authentication needs the database too (the session lookup): same answer, from the HTTP layer.
      const signedIn = await t.post({ query: READ }, { cookie });
      expect(signedIn.status).toBe(503);
      expect(signedIn.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      for (const response of [anonymous, signedIn]) {
        expect(response.ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
        expect(response.ms).toBeLessThan(CONNECT_TIMEOUT_MS + 2000);
      }
      const ready = await fetch(`${t.url}/readyz`);
      expect(ready.status).toBe(503);
      const hsds = await fetch(`${t.url}/hsds/services`);
      expect(hsds.status).toBe(503);
      expect(hsds.headers.get('retry-after')).toBe('5');
      reportFigure('pool exhausted', {
        'pool size': 2,
        'connect timeout ms': CONNECT_TIMEOUT_MS,
        'anonymous failed after ms': Math.round(anonymous.ms),
        'signed-in failed after ms': Math.round(signedIn.ms),
        '/readyz': ready.status,
      });
    } finally {
      for (const runner of held) await runner.release();
    }
    const after = await t.post({ query: READ }, { cookie });
    expect(after.status).toBe(200);
    expect(after.body.data.organisations.edges.length).toBe(5);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect(t.internalErrors).toEqual([]);
  });
});

describe('a statement past the statement timeout', () => {
  const STATEMENT_TIMEOUT_MS = 500;
  let pg: ControlledPostgres;
  let t: FaultApp;

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    // One connection, so "reused" is observable: the same backend before and after.
    t = await startFaultApp(pg, { DB_POOL_SIZE: '1', DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) });
  });
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  const backendPids = async () =>
    (await pg.sql<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid`, [t.applicationName])).map((r) => r.pid);

  it('is cancelled by PostgreSQL, answered with SERVICE_UNAVAILABLE (STATEMENT_TIMEOUT), and the connection is reused', async () => {
    expect((await t.post({ query: READ })).status).toBe(200);
    const [pidBefore] = await backendPids();
    expect(pidBefore).toBeDefined();

    // Another session holds a lock the read must wait for: the read's statement runs past the timeout.
    const blocker = new Client({ connectionString: pg.url, application_name: 'schakel-fault-blocker' });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE');
    let slow: Awaited<ReturnType<FaultApp['post']>>;
    try {
      slow = await t.post({ query: READ });
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(slow.status).toBe(503);
    expect(slow.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'STATEMENT_TIMEOUT' });
    expect(slow.body.errors[0].message).not.toMatch(/organisation|LOCK|canceling/i);
    expect(slow.ms).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 50);
    expect(slow.ms).toBeLessThan(STATEMENT_TIMEOUT_MS + 3000);

    const next = await t.post({ query: READ });
    expect(next.status).toBe(200);
    expect(next.body.data.organisations.edges).toHaveLength(5);
    expect(await backendPids()).toEqual([pidBefore]);
    expect(t.internalErrors).toEqual([]);
    reportFigure('statement timeout', {
      'statement timeout ms': STATEMENT_TIMEOUT_MS,
      'cancelled after ms': Math.round(slow.ms),
      'connection reused': 'yes',
      'next request': next.status,
    });
  });
});
