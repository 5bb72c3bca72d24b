import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express, { type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { Client } from 'pg';
import { features } from '../features';
import { loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { rateLimits } from '../http/rate-limits';
import { createLogger } from '../logging';

/**
 * `cd api && npx tsc -p tsconfig.build.json && DATABASE_URL=postgres://… node dist/scripts/bench-rate-limit.js [--seconds 10 --connections 10]`:
 * what the per-address limiter costs a request. A bare Express app answers `GET /` behind no
 * limiter, express-rate-limit's in-memory store, and the PostgreSQL store of `http/rate-limits.ts`,
 * each loaded with autocannon over loopback; all requests come from one address, so every hit
 * goes to one counter row (the worst case: they queue on its row lock). Runs in a new database on
 * that server, migrated, and drops it afterwards.
 */

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set DATABASE_URL to a PostgreSQL server the benchmark may create a database on');
  const seconds = argument('seconds', 10);
  const connections = argument('connections', 10);
  const name = `schakel_bench_rl_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = createDataSource({ features, url: url.toString(), poolSize: 10, applicationName: 'schakel-bench-rate-limit' });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
    const config = { ...loadConfig({ NODE_ENV: 'production', RATE_LIMIT_IP_PER_MINUTE: '1000000000' }) };
    const logger = createLogger({ level: 'warn' });
    const variants: Array<[string, RequestHandler | null]> = [
      ['no limiter', null],
      ['in-memory store', rateLimit({ windowMs: 60_000, limit: 1_000_000_000, standardHeaders: 'draft-7', legacyHeaders: false })],
      ['PostgreSQL store', rateLimits(config, { dataSource, logger }).perIp],
    ];
    console.log(`| limiter | requests/s | mean latency | p99 latency |\n|---|---|---|---|`);
    for (const [label, limiter] of variants) {
      const app = express();
      if (limiter) app.use(limiter);
      app.get('/', (_req, res) => {
        res.end('ok');
      });
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration: seconds });
      // autocannon stops with requests in flight: let them finish before the next variant (and the database going).
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      console.log(`| ${label} | ${result.requests.average.toFixed(0)} | ${result.latency.mean.toFixed(2)} ms | ${result.latency.p99} ms |`);
    }
    const [{ hits }] = await dataSource.query(`SELECT sum(hits)::bigint AS hits FROM rate_limit_counter WHERE key LIKE 'http:ip:%'`);
    console.log(`\nhits counted in PostgreSQL: ${hits}`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
