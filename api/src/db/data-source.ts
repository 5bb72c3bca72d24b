import 'reflect-metadata';
import { migrations } from '@schakel/db';
import { DataSource } from 'typeorm';
import { CountingLogger } from './sql-counter';
import { entities } from './entities';
import { SnakeNamingStrategy } from './naming-strategy';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  logSql?: boolean;
  applicationName?: string;
}

/** The one place a TypeORM DataSource is built. `synchronize` is never on: the migrations own the schema. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: true,
    logger: new CountingLogger(options.logSql ?? false),
    applicationName: options.applicationName ?? 'schakel-api',
    poolSize: options.poolSize ?? 10,
    extra: {
      statement_timeout: options.statementTimeoutMs ?? 15000,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
  });
}
