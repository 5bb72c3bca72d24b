import { type ChildProcess, spawn } from 'node:child_process';
import type { Client } from 'pg';
import { EmbeddedPostgresError, ownerClient, serverEnv, sleep } from './embedded-postgres.process';
import { type Binaries, spawnError } from './embedded-postgres.runtime';

/**
 * The postmaster under supervision (embedded-postgres.ts describes why): in its own session, so
 * a terminal's Ctrl-C reaches only the app, which stops PostgreSQL last; started again with
 * backoff when it exits unexpectedly (kill -9, a crash), while the app's pool reconnects by itself.
 */

const RESTART_BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];
const READY_TIMEOUT_MS = 120_000;

export interface StopOptions {
  waitForSessionsMs?: number;
}

/**
 * Runs the postmaster in its own session and starts it again when it exits unexpectedly,
 * with backoff, until `stop()`.
 */
export class Supervisor {
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
