import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../db/embedded-postgres';
import { type CpuReading, processCpu } from './cpu';

/**
 * The built app (`node api/dist/main.js`) as a child process, in production mode against a
 * benchmark database: what a deployment runs, measured from outside over loopback HTTP.
 */

export interface ServerOptions {
  databaseUrl: string;
  /** Server log (stdout and stderr of the app). */
  logFile: string;
  /** pino level: `info` logs every request, as in production. */
  logLevel: string;
  poolSize?: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Current resident set size of the app process in bytes (from /proc), or null when unknown. */
  rss(): number | null;
  /** CPU milliseconds the app process has used. */
  cpuMs(): CpuReading | null;
  stop(): Promise<void>;
}

/** Environment of the app: production, the SQL statement count exposed, rate limits out of the way, nothing started that the benchmark does not measure. */
function serverEnvironment(options: ServerOptions, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: options.logLevel,
    EXPOSE_SQL_COUNT: 'true',
    SEED_DEMO_DATA: 'false',
    WEBHOOK_WORKER: 'false',
    WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
    // Production refuses to start with /metrics open and no METRICS_TOKEN; the benchmark reads no metrics.
    METRICS_ENABLED: 'false',
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_KEY_PER_MINUTE: '100000000',
    RATE_LIMIT_FAILED_LOGINS_PER_IP: '1000',
    // The admin app is not part of the measurement.
    ADMIN_DIST: path.join(path.dirname(options.logFile), 'no-admin-app'),
  };
  if (options.poolSize) env.DB_POOL_SIZE = String(options.poolSize);
  return env;
}

/**
 * Extra Node.js arguments for the app, from BENCH_APP_NODE_ARGS — for profiling it under the
 * benchmark's load, e.g. '--cpu-prof --cpu-prof-dir=/tmp/profiles' (not allowed in NODE_OPTIONS).
 */
function appNodeArguments(): string[] {
  return (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

export function readRss(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the app exited with code ${exited} while starting; see ${logFile}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the app did not answer within ${timeoutMs / 1000} s; see ${logFile}:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await findFreePort();
  const main = path.resolve(__dirname, '..', 'main.js');
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const output = fs.openSync(options.logFile, 'w');
  const child = spawn(process.execPath, [...appNodeArguments(), main], { env: serverEnvironment(options, port), stdio: ['ignore', output, output] });
  fs.closeSync(output);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilReady(url, child, options.logFile, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid!,
    rss: () => readRss(child.pid!),
    cpuMs: () => processCpu(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
