import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { findFreePort } from '../../db/embedded-postgres';
import { reportFigure, waitFor } from './fault-harness';

/**
 * `npm start`'s own PostgreSQL: the real server (`node dist/main.js`, no DATABASE_URL) with its
 * supervised embedded cluster. The postmaster is killed with SIGKILL under a stream of referral
 * writes that carry Idempotency-Keys and are retried until answered; and the whole process group
 * gets the terminal's Ctrl-C.
 */
const MAIN = path.resolve(__dirname, '..', '..', '..', 'dist', 'main.js');
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber } }`;

interface Server {
  child: ChildProcess;
  url: string;
  dataDir: string;
  ownerUrl: string;
  output: string[];
  exited: Promise<number | null>;
  /** Demo account passwords, as printed at first start. */
  passwords: Map<string, string>;
}

async function startServer(root: string): Promise<Server> {
  const [port, pgPort] = [await findFreePort(), await findFreePort()];
  const dataDir = path.join(root, 'data');
  const output: string[] = [];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      EMBEDDED_PG_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      SEED_DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      WEBHOOK_SECRET_KEY: 'fault-suite-webhook-secret-key-0123456789abcdef',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
    },
    // Its own process group, like `npm start` in a terminal: a Ctrl-C goes to the whole group.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the server to listen',
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
      return output.join('').includes('GraphQL API listening') && (await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false));
    },
    120_000,
  );
  const passwords = new Map<string, string>();
  for (const match of output.join('').matchAll(/^\[schakel\]\s+\S+\s+(\S+@schakel\.local)\s+(\S+)/gm)) passwords.set(match[1], match[2]);
  return { child, url, dataDir, ownerUrl: `postgres://schakel:schakel-embedded@127.0.0.1:${pgPort}/schakel`, output, exited, passwords };
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

describe('the embedded PostgreSQL of `npm start`', () => {
  let root: string;
  let server: Server;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-faults-embedded-'));
    fs.chmodSync(root, 0o755);
    server = await startServer(root);
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      process.kill(-server.child.pid!, 'SIGKILL');
      await server.exited;
    }
    // A postmaster orphaned by a failed test: stop it before removing its data.
    try {
      process.kill(postmasterPid(server.dataDir), 'SIGQUIT');
    } catch {
      // Not running.
    }
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('kill -9 of the postmaster under write load: restarted by the app, no acknowledged write lost or duplicated', async () => {
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'riagg@schakel.local', password: server.passwords.get('riagg@schakel.local') }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const [{ id: swaId }] = await sql<{ id: string }>(server.ownerUrl, `SELECT id FROM organisation WHERE slug = 'swa'`);

    const run = `kill9-${Date.now()}`;
    const acknowledged = new Map<string, string>();
    const answeredAt: Array<{ at: number; startedAt: number }> = [];
    const unexpected: string[] = [];
    let attempts = 0;
    let failedAttempts = 0;
    let sequence = 0;
    let running = true;

    /** The client's side: the same Idempotency-Key until the API answers with the referral. */
    const writeUntilAnswered = async (key: string) => {
      for (;;) {
        const startedAt = Date.now();
        attempts++;
        try {
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
            body: JSON.stringify({ query: CREATE, variables: { input: { receivingOrganisationId: swaId, summary: `${run} ${key}` } } }),
          });
          const body = (await response.json()) as any;
          const id = body?.data?.createReferral?.id;
          if (response.status === 200 && id) {
            acknowledged.set(key, id);
            answeredAt.push({ at: Date.now(), startedAt });
            return;
          }
          const code = body?.errors?.[0]?.extensions?.code;
          // While PostgreSQL is away: a coded 503, or CONFLICT while the first attempt with this key is still in flight.
          if (!(response.status === 503 && code === 'SERVICE_UNAVAILABLE') && code !== 'CONFLICT') unexpected.push(`HTTP ${response.status} ${code}`);
        } catch (error) {
          unexpected.push(`request failed: ${(error as Error).message}`);
        }
        failedAttempts++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const writer = async () => {
      while (running) await writeUntilAnswered(`${run}-${++sequence}`);
    };

    const appPid = server.child.pid;
    const load = Promise.all([writer(), writer(), writer(), writer()]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = postmasterPid(server.dataDir);
    const killedAt = Date.now();
    process.kill(before, 'SIGKILL');
    await waitFor('a write started after the kill to be answered', () => answeredAt.some((a) => a.startedAt > killedAt), 120_000);
    const recoveredAt = Math.min(...answeredAt.filter((a) => a.startedAt > killedAt).map((a) => a.at));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    running = false;
    await load;

    expect(unexpected).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect(server.child.pid).toBe(appPid);
    expect(postmasterPid(server.dataDir)).not.toBe(before);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(server.output.join('')).toMatch(/embedded PostgreSQL exited unexpectedly \(signal SIGKILL\)/);
    expect(failedAttempts).toBeGreaterThan(0);

    const stored = await sql<{ id: string; summary: string }>(server.ownerUrl, `SELECT id, summary FROM referral WHERE summary LIKE $1`, [`${run} %`]);
    const byKey = new Map<string, string[]>();
    for (const row of stored) {
      const key = row.summary.slice(run.length + 1);
      byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
    }
    const lost = [...acknowledged].filter(([key, id]) => !(byKey.get(key) ?? []).includes(id)).length;
    const duplicated = [...byKey.values()].filter((ids) => ids.length > 1).length;
    const unacknowledged = [...byKey.keys()].filter((key) => !acknowledged.has(key)).length;
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(unacknowledged).toBe(0);
    expect(stored).toHaveLength(acknowledged.size);

    reportFigure('kill -9 of the embedded postmaster', {
      'writes acknowledged': acknowledged.size,
      attempts,
      'failed attempts (retried)': failedAttempts,
      lost,
      duplicated,
      'recovery s': ((recoveredAt - killedAt) / 1000).toFixed(1),
    });
  });

  it("Ctrl-C (SIGINT to the process group): the app drains and stops PostgreSQL last; PostgreSQL itself gets no signal from the terminal", async () => {
    const pgPid = postmasterPid(server.dataDir);
    const from = server.output.length;
    const signalledAt = Date.now();
    process.kill(-server.child.pid!, 'SIGINT');
    const code = await server.exited;
    const shutdownMs = Date.now() - signalledAt;
    expect(code).toBe(0);
    const log = server.output.slice(from).join('');
    // Sessions ended by a shutdown the app did not ask for yet show up as this in the pool's log.
    expect(log).not.toMatch(/terminating connection/);
    const order = ['SIGINT received', 'HTTP server (in-flight requests finished): done', 'webhook worker (drained): done', 'database pool (closed): done', 'received smart shutdown request', 'embedded PostgreSQL (stopped): done', '[schakel] stopped'];
    const positions = order.map((line) => log.indexOf(line));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(() => process.kill(pgPid, 0)).toThrow();
    reportFigure('Ctrl-C of npm start (embedded)', { 'exit code': code ?? 'signal', 'shutdown ms': shutdownMs });
  });
});
