import 'reflect-metadata';
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
 * server, used only to create and drop test databases) that server is used; otherwise an
 * embedded cluster is started in a temporary folder on a free port. A template database is
 * built once by the real migrations and the real seed; every test file clones it.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    const handle = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port: 0, database: 'postgres' });
    globalThis.__SCHAKEL_TEST_PG__ = handle;
    process.env.SCHAKEL_TEST_PG_DATA_DIR = dataDir;
    serverUrl = handle.url;
  }
  const templateName = `schakel_test_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateName}`);
    await admin.query(`CREATE DATABASE ${templateName}`);
  } finally {
    await admin.end();
  }
  const templateUrl = withDatabase(serverUrl, templateName);
  await prepareTemplateDatabase(templateUrl);
  process.env.SCHAKEL_TEST_SERVER_URL = serverUrl;
  process.env.SCHAKEL_TEST_TEMPLATE = templateName;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
