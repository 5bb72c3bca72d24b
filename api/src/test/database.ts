import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../db/data-source';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  /** Close connections and drop the database. */
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.SCHAKEL_TEST_SERVER_URL;
  if (!url) throw new Error('SCHAKEL_TEST_SERVER_URL is unset: run tests through jest (global-setup starts PostgreSQL)');
  return url;
}

export function databaseUrl(database: string): string {
  const parsed = new URL(serverUrl());
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A private database for one test file: a copy of the template (migrated and seeded with the
 * Amersfoort data), or an empty database (`{ empty: true }`) for migration and seed tests.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `schakel_test_${randomBytes(6).toString('hex')}`;
  const template = process.env.SCHAKEL_TEST_TEMPLATE;
  await admin((c) => c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  const dataSource = createDataSource({ url, poolSize: 4, applicationName: 'schakel-test' });
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
