import type { AppConfig } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { roleOf } from './privileges';

export interface DatabaseHandle {
  /** The owner's URL: migrations, pg-boss's schema, grants. */
  url: string;
  /** The URL requests use: the app role's, or `url` when only one was given. */
  appUrl: string;
  /** The app role when it is not the owner; null: requests run as the owner. */
  appRole: string | null;
  /** True when this process started the server (embedded PostgreSQL) and must stop it. */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL (the owner) with DATABASE_APP_URL (requests) when set, otherwise an embedded
 * PostgreSQL under `.data/` (started and supervised here) with its owner and app roles.
 */
export async function openDatabase(config: AppConfig, log: (message: string) => void = console.log): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const appUrl = config.databaseAppUrl ?? config.databaseUrl;
    const appRole = roleOf(appUrl) === roleOf(config.databaseUrl) ? null : roleOf(appUrl);
    return { url: config.databaseUrl, appUrl, appRole, embedded: false, stop: async () => undefined };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: config.embeddedPostgres.dataDir,
    port: config.embeddedPostgres.port,
    strictPort: config.embeddedPostgres.explicitPort ?? false,
    explicitDataDir: config.embeddedPostgres.explicitDataDir,
    log,
  });
  log(`embedded PostgreSQL running on 127.0.0.1:${pg.port} (data in ${pg.dataDir}; restarted automatically if it stops)`);
  // Called after the pool has closed: its sessions may still be closing; let them end before the rest are ended.
  return { url: pg.url, appUrl: pg.appUrl, appRole: pg.appUser, embedded: true, stop: () => pg.stop({ waitForSessionsMs: 5000 }) };
}

/** For scripts (user:create, purge, migration:check): the owner's URL, which may run migrations. */
export async function withDatabase<T>(config: AppConfig, fn: (url: string) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}
