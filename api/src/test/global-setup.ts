import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../db/embedded-postgres';
import { prepareTemplateDatabase } from './template-database';

declare global {
  // eslint-disable-next-line no-var
  var __SCHAKEL_TEST_PG__: EmbeddedPostgresHandle | undefined;
}

/**
 * One PostgreSQL for the whole run. With TEST_DATABASE_URL (any database on a PostgreSQL ≥ 15
 * server whose role may create databases and roles, used only to create and drop them) that
 * server is used; otherwise an embedded cluster is started in a temporary folder on a free port.
 * Like production, two roles: the server URL's role owns the test databases and builds the
 * template (the real migrations and the real seed); tests connect as an app role that owns
 * nothing (the embedded cluster's `schakel_app`, or a role made for this run). Every test file
 * clones the template.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let appUser: string;
  let appPassword: string;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    const handle = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port: 0, database: 'postgres', explicitDataDir: true });
    globalThis.__SCHAKEL_TEST_PG__ = handle;
    process.env.SCHAKEL_TEST_PG_DATA_DIR = dataDir;
    serverUrl = handle.url;
    appUser = handle.appUser;
    appPassword = decodeURIComponent(new URL(handle.appUrl).password);
  } else {
    // Roles are per server: one of our own per run, so parallel runs on one server do not collide.
    appUser = `schakel_test_app_${process.pid}_${randomBytes(3).toString('hex')}`;
    appPassword = randomBytes(18).toString('base64url');
    await admin(serverUrl, (c) => c.query(`CREATE ROLE ${appUser} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${c.escapeLiteral(appPassword)}`));
    process.env.SCHAKEL_TEST_APP_ROLE_CREATED = '1';
  }
  const templateName = `schakel_test_template_${process.pid}`;
  await admin(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${templateName}`);
    await c.query(`CREATE DATABASE ${templateName}`);
  });
  await prepareTemplateDatabase(withDatabase(serverUrl, templateName), appUser);
  process.env.SCHAKEL_TEST_SERVER_URL = serverUrl;
  process.env.SCHAKEL_TEST_TEMPLATE = templateName;
  process.env.SCHAKEL_TEST_APP_USER = appUser;
  process.env.SCHAKEL_TEST_APP_PASSWORD = appPassword;
}

async function admin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
