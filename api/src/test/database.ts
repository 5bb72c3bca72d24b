import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { features } from '../features';
import { webhookSettingsFromEnv } from '../config';
import { createDataSource } from '../db/data-source';
import { migrateDatabase } from '../db/migrate';

export interface TestDatabase {
  /** The app role's URL (what the app under test connects with). */
  url: string;
  /** The owner's URL (migrations, DDL a test uses to break things on purpose). */
  ownerUrl: string;
  name: string;
  /** Connected as the app role, unless created with `{ as: 'owner' }`. */
  dataSource: DataSource;
  /** Runs one statement as the owner, on a connection of its own. */
  asOwner<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Migrates an empty database as the owner, as `npm start` does (migrations, pg-boss, grants). */
  migrate(): Promise<string[]>;
  /** Close connections and drop the database. */
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: run tests through jest (global-setup starts PostgreSQL)`);
  return value;
}

/** The owner's URL for `database` on the test server. */
export function ownerDatabaseUrl(database: string): string {
  const parsed = new URL(required('SCHAKEL_TEST_SERVER_URL'));
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The app role's URL for `database` on the test server. */
export function databaseUrl(database: string): string {
  const parsed = new URL(ownerDatabaseUrl(database));
  parsed.username = encodeURIComponent(appRole());
  parsed.password = encodeURIComponent(process.env.SCHAKEL_TEST_APP_PASSWORD ?? '');
  return parsed.toString();
}

/** The role the app under test runs as (made by global-setup; never the owner, never a superuser). */
export function appRole(): string {
  return required('SCHAKEL_TEST_APP_USER');
}

async function admin<T>(fn: (client: Client) => Promise<T>, url = required('SCHAKEL_TEST_SERVER_URL')): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A private database for one test file: a copy of the template (migrated and seeded with the
 * Amersfoort data, built by the owner), or an empty database (`{ empty: true }`) for migration and
 * seed tests. Its DataSource connects as the app role, like the running app's requests.
 */
export async function createTestDatabase(options: { empty?: boolean; as?: 'app' | 'owner' } = {}): Promise<TestDatabase> {
  const name = `schakel_test_${randomBytes(6).toString('hex')}`;
  const template = process.env.SCHAKEL_TEST_TEMPLATE;
  await admin((c) => c.query(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  const ownerUrl = ownerDatabaseUrl(name);
  const dataSource = createDataSource({ features, url: options.as === 'owner' ? ownerUrl : url, poolSize: 4, applicationName: 'schakel-test' });
  await dataSource.initialize();
  return {
    url,
    ownerUrl,
    name,
    dataSource,
    asOwner: (sql, params = []) => admin(async (c) => (await c.query(sql, params)).rows, ownerUrl),
    migrate: () => migrateDatabase({ features, ownerUrl, appRole: appRole(), webhooks: webhookSettingsFromEnv({}) }),
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
