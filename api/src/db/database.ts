import type { AppConfig } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseHandle {
  url: string;
  /** True when this process started the server (embedded PostgreSQL) and must stop it. */
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, otherwise an embedded PostgreSQL under `.data/` (started here). */
export async function openDatabase(config: AppConfig, log: (message: string) => void = console.log): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: config.embeddedPostgres.dataDir,
    port: config.embeddedPostgres.port,
    strictPort: Boolean(process.env.EMBEDDED_PG_PORT),
    log,
  });
  log(`embedded PostgreSQL running on 127.0.0.1:${pg.port} (data in ${config.embeddedPostgres.dataDir})`);
  return { url: pg.url, embedded: true, stop: () => pg.stop() };
}

export async function withDatabase<T>(config: AppConfig, fn: (url: string) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}
