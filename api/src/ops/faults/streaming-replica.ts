import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../db/embedded-postgres';
import { waitFor } from './fault-harness';

/**
 * A PostgreSQL primary and a streaming replica made with `pg_basebackup -R`, for the replica
 * fault test: the machine's PostgreSQL binaries (Debian's `postgresql` package: initdb, postgres,
 * pg_basebackup; the embedded binaries have no pg_basebackup). As root they run as the `postgres`
 * user (PostgreSQL refuses to run as root). Trust authentication on 127.0.0.1, fsync off: a
 * throwaway pair in a temporary folder.
 */

/** The newest PostgreSQL ≥ 15 under /usr/lib/postgresql with the binaries this needs, or null. */
export function machinePostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && Number(name) >= 15)
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (['initdb', 'postgres', 'pg_basebackup'].every((tool) => fs.existsSync(path.join(bin, tool)))) return bin;
  }
  return null;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

class Server {
  child: ChildProcess | null = null;
  output: string[] = [];

  constructor(
    readonly name: string,
    readonly bin: string,
    readonly dataDir: string,
    readonly port: number,
    private readonly user: RunAs,
  ) {}

  get url(): string {
    return `postgres://schakel@127.0.0.1:${this.port}/schakel`;
  }

  async start(): Promise<void> {
    const child = spawn(path.join(this.bin, 'postgres'), ['-D', this.dataDir, '-p', String(this.port), '-k', this.dataDir], { ...this.user, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child = child;
    await waitFor(`the ${this.name} to accept connections`, async () => {
      if (child.exitCode !== null) throw new Error(`${this.name} exited:\n${this.output.join('').slice(-2000)}`);
      const client = new Client({ connectionString: `postgres://schakel@127.0.0.1:${this.port}/postgres` });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    });
  }

  /** A fast shutdown (SIGINT): open sessions are terminated, as when a replica host is taken down. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    this.child = null;
  }
}

export class StreamingPair {
  private constructor(
    readonly root: string,
    readonly primary: Server,
    readonly replica: Server,
  ) {}

  static async start(bin: string): Promise<StreamingPair> {
    const user = runAs();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-replica-'));
    fs.chmodSync(root, 0o755);
    if (user.uid !== undefined) fs.chownSync(root, user.uid, user.gid!);
    const primaryDir = path.join(root, 'primary');
    const replicaDir = path.join(root, 'replica');
    const run = (tool: string, args: string[]) => {
      const result = spawnSync(path.join(bin, tool), args, { ...user, encoding: 'utf8', cwd: root });
      if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
    };
    run('initdb', ['-D', primaryDir, '-U', 'schakel', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    fs.appendFileSync(
      path.join(primaryDir, 'postgresql.conf'),
      ["listen_addresses = '127.0.0.1'", 'wal_level = replica', 'max_wal_senders = 5', 'fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'hot_standby = on', ''].join('\n'),
    );
    fs.appendFileSync(path.join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    const primary = new Server('primary', bin, primaryDir, await findFreePort(), user);
    await primary.start();
    const admin = new Client({ connectionString: `postgres://schakel@127.0.0.1:${primary.port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE schakel');
    await admin.end();
    const replicaPort = await findFreePort();
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'schakel', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
    const replica = new Server('replica', bin, replicaDir, replicaPort, user);
    await replica.start();
    return new StreamingPair(root, primary, replica);
  }

  async sql<T = Record<string, unknown>>(server: Server, text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: server.url, application_name: 'schakel-replica-control' });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async destroy(): Promise<void> {
    await this.replica.stop().catch(() => undefined);
    await this.primary.stop().catch(() => undefined);
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
