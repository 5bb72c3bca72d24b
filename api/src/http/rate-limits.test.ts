import { PRUNE_BATCH, countHit } from '../db/rate-limit-counter';
import { type TestApp, errorCodes, startTestApp } from '../test/app';
import { appRole } from '../test/database';
import { MAX_BLOCK, PostgresRateLimitStore, blockSize } from './rate-limit-store';

const QUERY = `{ __typename }`;

async function ipCounters(t: TestApp): Promise<Array<{ key: string; hits: number }>> {
  return t.db.dataSource.query(`SELECT key, hits FROM rate_limit_counter WHERE key LIKE 'http:ip:%' ORDER BY key`);
}

describe('rate limits shared by replicas (PostgreSQL counters)', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ env: { RATE_LIMIT_IP_PER_MINUTE: '10' } });
    b = await startTestApp({ env: { RATE_LIMIT_IP_PER_MINUTE: '10' }, sameDatabaseAs: a });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('enforces one per-address limit across two app instances on one database', async () => {
    // 15 requests at once, alternating between the replicas: in-memory counters let all 15 through (10 + 5).
    const responses = await Promise.all(Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? a : b).gql(QUERY)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    for (const refused of responses.filter((r) => r.status === 429)) {
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(errorCodes(refused)).toEqual(['TOO_MANY_REQUESTS']);
    }
    // Both replicas refuse now; every request was counted once, in one row.
    expect((await a.gql(QUERY)).status).toBe(429);
    expect((await b.gql(QUERY)).status).toBe(429);
    expect(await ipCounters(a)).toEqual([{ key: expect.stringMatching(/^http:ip:/), hits: 17 }]);
  });

  it('starts a new window when the old one has ended', async () => {
    await a.db.dataSource.query(`UPDATE rate_limit_counter SET window_ends_at = now() - interval '1 second' WHERE key LIKE 'http:ip:%'`);
    const next = await b.gql(QUERY);
    expect(next.status).toBe(200);
    expect(next.headers.get('ratelimit')).toMatch(/remaining=9\b/);
    // The limiter's statement is not the request's: `{ __typename }` reads nothing.
    expect(next.sqlStatements).toBe(0);
    expect((await ipCounters(a))[0].hits).toBe(1);
  });

  it('counts, gives back, resets and reads through the store, apart per prefix', async () => {
    const store = new PostgresRateLimitStore(a.db.dataSource, 'test:one:');
    const other = new PostgresRateLimitStore(b.db.dataSource, 'test:two:');
    store.init({ windowMs: 30_000 } as never);
    other.init({ windowMs: 30_000 } as never);
    const before = Date.now();
    expect((await store.increment('k')).totalHits).toBe(1);
    expect((await store.increment('k')).totalHits).toBe(2);
    const third = await store.increment('k');
    expect(third.totalHits).toBe(3);
    expect(third.resetTime!.getTime()).toBeGreaterThan(before + 25_000);
    expect(third.resetTime!.getTime()).toBeLessThan(before + 35_000);
    expect((await other.increment('k')).totalHits).toBe(1);

    await store.decrement('k');
    expect(await store.get('k')).toEqual({ totalHits: 2, resetTime: third.resetTime });
    await store.decrement('k');
    await store.decrement('k');
    await store.decrement('k');
    expect((await store.get('k'))?.totalHits).toBe(0);

    await store.resetKey('k');
    expect(await store.get('k')).toBeUndefined();
    expect((await other.get('k'))?.totalHits).toBe(1);
    expect((await store.increment('k')).totalHits).toBe(1);

    // A hit given back after its window ended does not touch the next window's count.
    await a.db.dataSource.query(`UPDATE rate_limit_counter SET window_ends_at = now() - interval '1 second' WHERE key = 'test:one:k'`);
    expect(await store.get('k')).toBeUndefined();
    await store.decrement('k');
    expect((await store.increment('k')).totalHits).toBe(1);
  });

  it('counts in blocks while much of a large limit is left, one at a time near it, and never past it', async () => {
    expect([blockSize(600), blockSize(200), blockSize(64), blockSize(63), blockSize(1), blockSize(0), blockSize(-5)]).toEqual([MAX_BLOCK, 25, 8, 1, 1, 1, 1]);
    const counter = async (key: string) => Number((await a.db.dataSource.query(`SELECT hits FROM rate_limit_counter WHERE key = $1`, [key]))[0]?.hits ?? 0);
    const store = new PostgresRateLimitStore(a.db.dataSource, 'test:block:');
    store.init({ windowMs: 60_000, limit: 600 } as never);
    // One statement counts 50: the next 49 requests are handed their positions from memory.
    expect((await store.increment('k')).totalHits).toBe(1);
    expect(await counter('test:block:k')).toBe(50);
    const positions = [];
    for (let i = 0; i < 59; i += 1) positions.push((await store.increment('k')).totalHits);
    expect(positions).toEqual(Array.from({ length: 59 }, (_, i) => i + 2));
    expect(await counter('test:block:k')).toBe(100);
    // Requests at once wait for the one block being counted, not a statement each.
    const atOnce = await Promise.all(Array.from({ length: 30 }, () => store.increment('burst')));
    expect(atOnce.map((info) => info.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await counter('test:block:burst')).toBe(50);

    // Two processes on one key, a limit of 100: at most 100 positions at or under it are handed out,
    // at most the two last blocks' worth fewer; each refusal is a position past it.
    const one = new PostgresRateLimitStore(a.db.dataSource, 'test:shared:');
    const two = new PostgresRateLimitStore(b.db.dataSource, 'test:shared:');
    one.init({ windowMs: 60_000, limit: 100 } as never);
    two.init({ windowMs: 60_000, limit: 100 } as never);
    const hits = await Promise.all(Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? two : one).increment('k')));
    const allowed = hits.filter((info) => info.totalHits! <= 100).length;
    expect(allowed).toBeLessThanOrEqual(100);
    expect(allowed).toBeGreaterThanOrEqual(100 - 2 * blockSize(100));
    expect(new Set(hits.map((info) => info.totalHits)).size).toBe(150);
  });

  it('turns synchronous_commit off for the hit\'s own transaction only', async () => {
    const runner = a.db.dataSource.createQueryRunner();
    try {
      await countHit(runner.manager, 'test:sync:k', 60);
      expect((await runner.query(`SHOW synchronous_commit`))[0].synchronous_commit).toBe('on');
    } finally {
      await runner.release();
    }
  });

  it('prunes a few ended windows when a hit creates a row', async () => {
    await a.db.dataSource.query(
      `INSERT INTO rate_limit_counter (key, hits, window_ends_at) SELECT 'dead:' || i, 3, now() - make_interval(secs => i) FROM generate_series(1, $1::int) i`,
      [PRUNE_BATCH + 5],
    );
    const store = new PostgresRateLimitStore(a.db.dataSource, 'test:prune:');
    store.init({ windowMs: 60_000 } as never);
    await store.increment('existing');
    const dead = async () => Number((await a.db.dataSource.query(`SELECT count(*) FROM rate_limit_counter WHERE key LIKE 'dead:%'`))[0].count);
    expect(await dead()).toBe(5);
    // Counting on an existing row prunes nothing.
    await store.increment('existing');
    expect(await dead()).toBe(5);
    await store.increment('new');
    expect(await dead()).toBe(0);
  });

  // Last: breaks the database's grants.
  it('fails open, with a warning, when the counter cannot be written', async () => {
    await a.db.asOwner(`REVOKE ALL ON rate_limit_counter FROM "${appRole()}"`);
    const response = await a.gql(QUERY);
    expect(response.status).toBe(200);
    expect(a.logLines.some((line) => line.includes('error from store') && line.includes('permission denied'))).toBe(true);
  });
});
