import 'reflect-metadata';
import { migrations } from '@schakel/db';
import { DataSource, type QueryRunner } from 'typeorm';
import { type FeatureModule, entitiesOf } from '../common/feature';
import { CountingLogger } from './sql-counter';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DataSourceOptions {
  url: string;
  /** The features whose entities it maps (features.ts); the migrations must produce exactly their tables (migrations.test.ts). */
  features: readonly FeatureModule[];
  poolSize?: number;
  statementTimeoutMs?: number;
  /** Milliseconds to wait for a pool connection before failing (DB_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  logSql?: boolean;
  /** An idle pooled connection failed (PostgreSQL restarted, a backend was terminated); the pool replaces it. */
  onPoolError?: (error: Error) => void;
  applicationName?: string;
}

/** The one place a TypeORM DataSource is built. `synchronize` is never on: the migrations own the schema. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: entitiesOf(options.features),
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // gen_random_uuid() is built into PostgreSQL ≥ 13; and the app role may not create extensions.
    installExtensions: false,
    migrationsRun: false,
    logging: true,
    logger: new CountingLogger(options.logSql ?? false),
    applicationName: options.applicationName ?? 'schakel-api',
    poolSize: options.poolSize ?? 10,
    // Without a handler a dropped idle connection would crash the process; the pool discards it and connects anew.
    poolErrorHandler: options.onPoolError ?? ((error: Error) => console.warn(`[schakel] database pool: ${error.message}`)),
    extra: {
      statement_timeout: options.statementTimeoutMs ?? 15000,
      // No JIT compilation: the API's statements are short, but the row estimates of the recursive area CTEs
      // (neighbourhood view, compare, area filters) push their cost past jit_above_cost, and compiling them took
      // seconds per statement (docs/benchmarks.md, "JIT").
      options: '-c jit=off',
      // Fail fast when PostgreSQL is down or every connection is busy, instead of queueing without end.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
      idleTimeoutMillis: 30000,
      // Notice dead peers (a PostgreSQL host that vanished without closing the socket).
      keepAlive: true,
    },
  });
  queueQueriesPerConnection(dataSource);
  return dataSource;
}

/**
 * One statement at a time on each connection. A transaction's reads are often started together
 * (`Promise.all` over loaders or `manager.query`) on its one connection; node-postgres queues them
 * itself but calls that deprecated (removed in pg 9). Each query runner — one connection, the one a
 * transaction holds — sends its next statement when the last one has answered, in the order asked.
 */
function queueQueriesPerConnection(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    let last: Promise<unknown> = Promise.resolve();
    runner.query = ((...args: unknown[]) => {
      const next = last.then(() => query(...args));
      last = next.catch(() => undefined);
      return next;
    }) as QueryRunner['query'];
    return runner;
  };
}
