import 'reflect-metadata';
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { seedAmersfoort } from '@schakel/db';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { features } from '../../features';
import { type App, createApp } from '../../app';
import { loadConfig } from '../../config';
import { createDataSource } from '../../db/data-source';
import { EMBEDDED_APP_USER, findFreePort } from '../../db/embedded-postgres';
import { migrateDatabase } from '../../db/migrate';
import { createLogger } from '../../logging';
import { TEST_PASSWORD, createTestUsers } from '../../test/app';

/**
 * The fault suite's own PostgreSQL: an embedded cluster on a fixed free port that a test can
 * stop, start again (same data, same port) and whose backends it can terminate. Migrated and
 * seeded with the Amersfoort data plus one user per role (see createTestUsers).
 */
export class ControlledPostgres {
  private replies: string[] = [];
  private waiting: Array<(line: string) => void> = [];

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly controller: ChildProcessWithoutNullStreams,
  ) {
    let buffered = '';
    controller.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const waiter = this.waiting.shift();
        if (waiter) waiter(line);
        else this.replies.push(line);
      }
    });
  }

  /** The server runs in a child process (dist/scripts/controlled-postgres.js, built by `npm run test:faults`). */
  static async start(): Promise<ControlledPostgres> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-faults-pg-'));
    fs.chmodSync(root, 0o755);
    const port = await findFreePort();
    const script = path.resolve(__dirname, '..', '..', '..', 'dist', 'scripts', 'controlled-postgres.js');
    const controller = spawn(process.execPath, [script, path.join(root, 'data'), String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
    controller.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const pg = new ControlledPostgres(path.join(root, 'data'), port, controller);
    await pg.up();
    // As `npm start` does: the owner migrates and grants; the app under test connects as the app role.
    await migrateDatabase({ features, ownerUrl: pg.url, appRole: EMBEDDED_APP_USER, webhooks: loadConfig({}).webhooks });
    const setup = createDataSource({ features, url: pg.url, poolSize: 2, applicationName: 'schakel-fault-setup' });
    await setup.initialize();
    try {
      await setup.transaction((manager) => seedAmersfoort(manager));
      await createTestUsers({ dataSource: setup } as Parameters<typeof createTestUsers>[0]);
    } finally {
      await setup.destroy();
    }
    return pg;
  }

  /** The owner's URL (migrations, and the suite's own checks). */
  get url(): string {
    return `postgres://schakel:${encodeURIComponent('schakel-embedded')}@127.0.0.1:${this.port}/schakel`;
  }

  /** The app role's URL (the app under test), with the password the embedded cluster keeps in its data folder. */
  get appUrl(): string {
    const password = fs.readFileSync(path.join(this.dataDir, 'schakel_app.password'), 'utf8').trim();
    return `postgres://${EMBEDDED_APP_USER}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/schakel`;
  }

  private command(line: 'start' | 'stop'): Promise<string> {
    const reply = new Promise<string>((resolve) => {
      const ready = this.replies.shift();
      if (ready !== undefined) resolve(ready);
      else this.waiting.push(resolve);
    });
    this.controller.stdin.write(`${line}\n`);
    return reply.then((answer) => {
      if (answer.startsWith('error')) throw new Error(`controlled PostgreSQL ${line}: ${answer}`);
      return answer;
    });
  }

  /** Starts the server (again): same data folder, same port. */
  async up(): Promise<void> {
    await this.command('start');
  }

  /** Stops the server (a fast shutdown: open sessions are terminated). */
  async down(): Promise<void> {
    await this.command('stop');
  }

  /** Runs SQL on a connection of its own, outside every pool under test. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url, application_name: 'schakel-fault-control' });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Terminates every backend of `applicationName` and waits until they have exited; resolves to how many there were. */
  async terminateBackends(applicationName: string): Promise<number> {
    const rows = await this.sql<{ terminated: boolean }>(
      `SELECT pg_terminate_backend(pid, 5000) AS terminated FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
      [applicationName],
    );
    return rows.filter((row) => row.terminated).length;
  }

  async destroy(): Promise<void> {
    await this.down().catch(() => undefined);
    const exited = new Promise((resolve) => this.controller.once('exit', resolve));
    this.controller.stdin.end();
    await exited;
    fs.rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }
}

export interface FaultApp {
  url: string;
  app: App;
  dataSource: DataSource;
  applicationName: string;
  /** Masked internal errors: a database fault must never produce one. */
  internalErrors: unknown[];
  logLines: string[];
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; ms: number }>;
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app in this process on its own pool to the controlled PostgreSQL. */
export async function startFaultApp(pg: ControlledPostgres, env: NodeJS.ProcessEnv = {}): Promise<FaultApp> {
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      EXPOSE_SQL_COUNT: 'true',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      RATE_LIMIT_KEY_PER_MINUTE: '1000000',
      RATE_LIMIT_FAILED_LOGINS_PER_IP: '1000',
      ...env,
    }),
    port: 0,
  };
  const applicationName = `schakel-fault-${Math.random().toString(36).slice(2, 8)}`;
  const dataSource = createDataSource({
    features,
    url: pg.appUrl,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    applicationName,
    onPoolError: () => undefined,
  });
  await dataSource.initialize();
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _encoding, callback) {
        logLines.push(String(chunk));
        callback();
      },
    }),
  });
  const internalErrors: unknown[] = [];
  const app = await createApp({ features, config, dataSource, logger, logError: (entry) => internalErrors.push(entry.error) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  return {
    url,
    app,
    dataSource,
    applicationName,
    internalErrors,
    logLines,
    async post(body, headers = {}) {
      const started = performance.now();
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Kept as text: the assertion shows it.
      }
      return { status: response.status, body: parsed, ms: performance.now() - started };
    },
    async login(email) {
      const response = await fetch(`${url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`login ${email}: HTTP ${response.status}`);
      return (response.headers.get('set-cookie') ?? '').split(';')[0];
    },
    async close() {
      await app.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

const MAIN = path.resolve(__dirname, '..', '..', '..', 'dist', 'main.js');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * The real server (`node dist/main.js`, built by `npm run test:faults`) as its own process, on a
 * free port; `env` names the database (DATABASE_URL …) and anything else. Resolves once /readyz is 200.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await findFreePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      // The receiver listens on 127.0.0.1: loopback targets need the explicit setting.
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '500',
      WEBHOOK_BACKOFF_BASE_MS: '1500',
      WEBHOOK_BACKOFF_MAX_MS: '1500',
      RATE_LIMIT_FAILED_LOGINS_PER_IP: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the server to listen', async () => {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
    return output.join('').includes('GraphQL API listening') && (await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false));
  });
  return { child, url, output, exited };
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 50): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Adds a line to the run's figures (printed by the suite's teardown and recorded in docs/operations.md). */
export function reportFigure(scenario: string, figures: Record<string, string | number>): void {
  const file = process.env.SCHAKEL_FAULT_REPORT;
  const line = JSON.stringify({ scenario, ...figures });
  if (file) fs.appendFileSync(file, `${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export function freeAddress(server: { address(): AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port;
}
