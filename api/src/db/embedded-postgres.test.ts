import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';

/** The embedded PostgreSQL of `npm start`: its roles, its own process group, and recovery from a kill -9. */
describe('the embedded PostgreSQL', () => {
  let root: string;
  let pg: EmbeddedPostgresHandle;
  const logged: string[] = [];

  const query = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const processGroup = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-embedded-test-'));
    fs.chmodSync(root, 0o755);
    pg = await startEmbeddedPostgres({ dataDir: path.join(root, 'data'), port: 0, database: 'schakel', explicitDataDir: true, log: (m) => logged.push(m) });
  });
  afterAll(async () => {
    await pg?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('makes an app role that is no superuser, with a generated password kept in the data folder (mode 600)', async () => {
    const [row] = await query(pg.appUrl, `SELECT current_user AS role, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user`);
    expect(row).toEqual({ role: 'schakel_app', rolsuper: false, rolcreatedb: false, rolcreaterole: false });
    const file = path.join(pg.dataDir, 'schakel_app.password');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(pg.appUrl).password)).toBe(fs.readFileSync(file, 'utf8').trim());
    expect(new URL(pg.url).username).toBe('schakel');
  });

  it('runs the postmaster in a process group of its own, so a Ctrl-C in the terminal reaches only the app', () => {
    expect(pg.pid).not.toBeNull();
    expect(processGroup(pg.pid!)).toBe(pg.pid);
    expect(processGroup(pg.pid!)).not.toBe(processGroup(process.pid));
  });

  it('starts the postmaster again after a kill -9, on the same port and data, without anyone running pg_ctl', async () => {
    await query(pg.url, `CREATE TABLE IF NOT EXISTS survives (n int); INSERT INTO survives VALUES (1)`);
    const before = pg.pid!;
    const killedAt = Date.now();
    process.kill(before, 'SIGKILL');
    // Down at once …
    await expect(query(pg.url, 'SELECT 1')).rejects.toThrow();
    // … and back by itself.
    const deadline = Date.now() + 60_000;
    let rows: Array<Record<string, unknown>> | null = null;
    while (!rows && Date.now() < deadline) {
      rows = await query(pg.url, 'SELECT count(*)::int AS n FROM survives').catch(() => null);
      if (!rows) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(rows).toEqual([{ n: 1 }]);
    await pg.ready();
    expect(pg.pid).not.toBe(before);
    expect(pg.restarts).toBe(1);
    expect(logged.some((line) => /exited unexpectedly \(signal SIGKILL\)/.test(line))).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
  });

  it('stops for good on stop(): no restart', async () => {
    const pid = pg.pid!;
    await pg.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(() => process.kill(pid, 0)).toThrow();
    expect(pg.pid).toBeNull();
    await expect(query(pg.url, 'SELECT 1')).rejects.toThrow();
  });
});

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
(asRoot ? describe : describe.skip)('the embedded PostgreSQL started by root', () => {
  it('keeps its data where the postgres user can reach it when the project folder is closed (e.g. under /root, mode 700), or says why it cannot', async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-closed-'));
    fs.chmodSync(closed, 0o700);
    const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-runtime-'));
    fs.chmodSync(runtime, 0o755);
    const previous = process.env.EMBEDDED_PG_RUNTIME_DIR;
    process.env.EMBEDDED_PG_RUNTIME_DIR = runtime;
    const logged: string[] = [];
    try {
      const requested = path.join(closed, 'project', '.data', 'postgres');
      await expect(startEmbeddedPostgres({ dataDir: requested, port: 0, explicitDataDir: true })).rejects.toThrow(/cannot reach .*EMBEDDED_PG_DATA_DIR/s);
      const pg = await startEmbeddedPostgres({ dataDir: requested, port: 0, log: (m) => logged.push(m) });
      try {
        expect(pg.dataDir.startsWith(runtime)).toBe(true);
        expect(fs.statSync(pg.dataDir).uid).not.toBe(0);
        expect(logged.join('\n')).toMatch(/cannot reach .*its data is kept in/);
        const client = new Client({ connectionString: pg.appUrl });
        await client.connect();
        expect((await client.query('SELECT current_user AS role')).rows).toEqual([{ role: 'schakel_app' }]);
        await client.end();
      } finally {
        await pg.stop();
      }
    } finally {
      if (previous === undefined) delete process.env.EMBEDDED_PG_RUNTIME_DIR;
      else process.env.EMBEDDED_PG_RUNTIME_DIR = previous;
      fs.rmSync(closed, { recursive: true, force: true });
      fs.rmSync(runtime, { recursive: true, force: true });
    }
  });
});
