import fs from 'node:fs';
import net from 'node:net';
import { Client } from 'pg';

/**
 * What the embedded PostgreSQL's start (embedded-postgres.ts) and its supervisor
 * (embedded-postgres.supervisor.ts) share: the error they raise, ports, processes and the
 * owner's connection.
 */

export const EMBEDDED_OWNER = 'schakel';
// The cluster only listens on localhost; the password guards against other local users.
export const OWNER_PASSWORD = 'schakel-embedded';

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

/** Only what PostgreSQL needs from our environment: never the app's secrets. */
export function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (/^(PATH|LANG|LANGUAGE|LC_[A-Z]+|TZ)$/.test(key)) env[key] = value;
  // English server messages whatever the locale (they end up in our log).
  env.LC_MESSAGES = 'C';
  return env;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export async function ownerClient(port: number, database = 'postgres'): Promise<Client> {
  const client = new Client({ host: '127.0.0.1', port, user: EMBEDDED_OWNER, password: OWNER_PASSWORD, database, application_name: 'schakel-embedded-setup', connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
