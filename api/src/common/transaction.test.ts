import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';
import { features } from '../features';
import { type RequestContext, TransactionScopeError } from '../context';
import { createContext } from '../test/context';
import { createDataSource } from '../db/data-source';
import { resolveAreaArgument } from '../modules/area/area.service';
import type { UserViewer } from '../auth/viewer';
import { createReferral } from '../modules/referral/referral.service';
import { User, UserRole } from '../modules/user/user.entity';
import { type TestDatabase, createTestDatabase } from '../test/database';
import { withTransaction } from './transaction';

/**
 * Reads inside a transaction use the transaction: the context `withTransaction` hands out is
 * bound to it (and sees its writes), the outer context is closed while it runs, and a mutation
 * holds exactly one pooled connection — so N concurrent mutations on a pool of N all finish.
 */
describe('withTransaction: one transaction, one connection', () => {
  let db: TestDatabase;
  let viewer: UserViewer;
  let network: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const [swa] = await db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'beweging-3-0'`);
    [{ id: network }] = await db.dataSource.query(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    const users = db.dataSource.getRepository(User);
    const user = await users.save(users.create({ email: 'tx@test.local', displayName: 'tx', role: UserRole.ORGANISATION, organisationId: swa.id, passwordHash: 'x' }));
    viewer = { kind: 'user', userId: user.id, sessionId: 'test', role: UserRole.ORGANISATION, organisationId: swa.id, areaIds: [] };
  });
  afterAll(() => db.drop());

  /** A referral to the network naming its area by slug: the area is read inside the transaction. */
  const referralInput = (summary: string) => ({ networkId: network, area: 'schuilenburg', summary });

  it("closes the outer context while the transaction runs, and the transaction's context once it has ended", async () => {
    const ctx = createContext(db.dataSource.manager, { viewer });
    let inner: RequestContext | undefined;
    await withTransaction(ctx, async (txCtx) => {
      inner = txCtx;
      expect(() => ctx.manager).toThrow(TransactionScopeError);
      expect(() => ctx.loaders).toThrow(TransactionScopeError);
      expect(txCtx.manager.queryRunner?.isTransactionActive).toBe(true);
      expect(txCtx.viewer).toBe(viewer);
      // A helper handed the outer context fails loudly instead of reading on a second connection.
      await expect(resolveAreaArgument(ctx, 'schuilenburg', 'area')).rejects.toThrow(TransactionScopeError);
    });
    expect(() => inner!.manager).toThrow(TransactionScopeError);
    expect(() => inner!.loaders).toThrow(TransactionScopeError);
    expect((await resolveAreaArgument(ctx, 'schuilenburg', 'area')).slug).toBe('schuilenburg');
  });

  it("reads its own writes through the transaction's manager and loaders; the pool does not see them", async () => {
    const ctx = createContext(db.dataSource.manager, { viewer });
    // What a helper reading through the request's own manager (a pooled connection) would see.
    const onThePool = createContext(db.dataSource.manager, { viewer });
    await withTransaction(ctx, async (txCtx) => {
      const [{ id }] = await txCtx.manager.query(
        `INSERT INTO area (name, slug, level, parent_id, alternative_names) SELECT 'Tijdelijk', 'tijdelijk-tx', 'NEIGHBOURHOOD', id, '{}' FROM area WHERE slug = 'randenbroek-schuilenburg' RETURNING id`,
      );
      expect((await resolveAreaArgument(txCtx, 'tijdelijk-tx', 'area')).id).toBe(id);
      expect((await txCtx.loaders.areaById.load(id))?.slug).toBe('tijdelijk-tx');
      expect(await onThePool.loaders.areaById.load(id)).toBeNull();
      await expect(resolveAreaArgument(onThePool, 'tijdelijk-tx', 'area')).rejects.toThrow('Unknown area');
      // A nested transaction is a savepoint on the same connection.
      const runner = txCtx.manager.queryRunner;
      await withTransaction(txCtx, async (nested) => {
        expect(nested.manager.queryRunner).toBe(runner);
        expect(() => txCtx.manager).toThrow(TransactionScopeError);
        expect((await nested.loaders.areaById.load(id))?.slug).toBe('tijdelijk-tx');
      });
      throw new Error('roll back');
    }).catch((error: Error) => expect(error.message).toBe('roll back'));
  });

  describe('on a small pool', () => {
    const POOL = 2;
    let small: DataSource;
    let pool: EventEmitter & { totalCount: number; idleCount: number };
    beforeAll(async () => {
      small = createDataSource({ features, url: db.url, poolSize: POOL, applicationName: 'schakel-test-small-pool' });
      await small.initialize();
      pool = (small.driver as unknown as { master: typeof pool }).master;
    });
    afterAll(() => small.destroy());

    /** The most connections checked out of the pool at once while `work` runs. */
    async function peakCheckouts(work: () => Promise<unknown>): Promise<number> {
      let out = 0;
      let peak = 0;
      const acquire = () => (peak = Math.max(peak, ++out));
      const release = () => out--;
      pool.on('acquire', acquire);
      pool.on('release', release);
      try {
        await work();
      } finally {
        pool.off('acquire', acquire);
        pool.off('release', release);
      }
      return peak;
    }

    it('a referral mutation checks out one connection', async () => {
      const ctx = createContext(small.manager, { viewer });
      const peak = await peakCheckouts(() => createReferral(ctx, referralInput('een verbinding')));
      expect(peak).toBe(1);
    });

    it(`${POOL} concurrent mutations on a pool of ${POOL} all finish`, async () => {
      const results = await Promise.allSettled(
        Array.from({ length: POOL }, (_, i) => createReferral(createContext(small.manager, { viewer }), referralInput(`tegelijk ${i}`))),
      );
      expect(results.map((r) => r.status)).toEqual(Array(POOL).fill('fulfilled'));
      const rows = await db.dataSource.query(`SELECT a.slug FROM referral r JOIN area a ON a.id = r.area_id WHERE r.summary LIKE 'tegelijk %'`);
      expect(rows).toEqual(Array(POOL).fill({ slug: 'schuilenburg' }));
    });
  });

  it('sends one statement at a time on its connection, even when reads are started together', async () => {
    // node-postgres deprecates a query sent while its client is still busy (removed in pg 9): count them.
    const { Client } = jest.requireActual<typeof import('pg')>('pg');
    const original = Client.prototype.query;
    const busy = new Map<object, number>();
    let mostAtOnce = 0;
    let sent = 0;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: object, ...args: unknown[]) {
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) {
        sent += 1;
        busy.set(this, (busy.get(this) ?? 0) + 1);
        mostAtOnce = Math.max(mostAtOnce, busy.get(this)!);
        const done = () => busy.set(this, busy.get(this)! - 1);
        result.then(done, done);
      }
      return result as never;
    });
    try {
      const ctx = createContext(db.dataSource.manager, { viewer });
      const answers = await withTransaction(ctx, (txCtx) =>
        Promise.all([1, 2, 3].map((n) => txCtx.manager.query(`SELECT $1::int AS n, pg_sleep(0.02)`, [n]) as Promise<Array<{ n: number }>>)),
      );
      expect(answers.map(([row]) => row.n)).toEqual([1, 2, 3]);
    } finally {
      spy.mockRestore();
    }
    expect(sent).toBeGreaterThanOrEqual(5); // START TRANSACTION, the three reads, COMMIT
    expect(mostAtOnce).toBe(1);
  });
});
