import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { seedAmersfoort } from '@schakel/db';
import { Client } from 'pg';
import { features } from '../features';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { contextFactoryOf } from '../common/feature';
import { createDataSource } from '../db/data-source';
import { openDatabase } from '../db/database';
import { createLogger } from '../logging';
import { randomToken } from '../modules/auth';
import { UserRole } from '../modules/user/user.entity';
import { createUser } from '../modules/user';

const createContext = contextFactoryOf(features);

/**
 * `npm run bench:csv -w api [-- --rows 10000]`: imports N key figure rows through
 * `POST /csv/key-figures` of the app started in this process, against a fresh database — a new
 * embedded PostgreSQL cluster in a temporary folder, or with DATABASE_URL a new database on that
 * server — migrated and seeded with the Amersfoort data. Reports the time of a dry run, the
 * import, and a second import of the same file (all unchanged), and the peak resident set size
 * (sampled, and the kernel's maxRSS). Everything it creates is removed afterwards.
 */

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Phase {
  name: string;
  ms: number;
  status: number;
  result: string;
  peakRss: number;
}

async function freshDatabase(log: (message: string) => void): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const name = `schakel_bench_${randomBytes(4).toString('hex')}`;
    const admin = async (sql: string) => {
      const client = new Client({ connectionString: config.databaseUrl! });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(config.databaseUrl);
    url.pathname = `/${name}`;
    log(`fresh database ${name} on the DATABASE_URL server`);
    return { url: url.toString(), cleanup: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schakel-bench-pg-'));
  const db = await openDatabase({ ...config, embeddedPostgres: { dataDir, port: 0, explicitDataDir: true } }, log);
  return {
    url: db.url,
    cleanup: async () => {
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const rowsArg = process.argv.indexOf('--rows');
  const rowCount = rowsArg >= 0 ? Number(process.argv[rowsArg + 1]) : 10_000;
  if (!Number.isInteger(rowCount) || rowCount < 1) throw new Error('--rows must be a positive whole number');
  const log = (message: string) => console.log(`[bench] ${message}`);

  const started = Date.now();
  const database = await freshDatabase(log);
  const dataSource = createDataSource({ features, url: database.url, poolSize: 4, applicationName: 'schakel-bench' });
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((manager) => seedAmersfoort(manager));
    log(`database migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const password = randomToken(12);
    await createUser(createContext(dataSource.manager), { email: 'bench@schakel.local', displayName: 'Benchmark', password, role: UserRole.ADMIN });
    const config = { ...loadConfig({ NODE_ENV: 'production', RATE_LIMIT_IP_PER_MINUTE: '100000' }), port: 0 };
    app = await createApp({ features, config, dataSource, logger: createLogger({ level: 'warn' }) });
    await new Promise<void>((resolve) => app!.httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    const login = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@schakel.local', password }) });
    if (login.status !== 200) throw new Error(`login: HTTP ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];

    // N distinct figures over the seeded areas and indicators, each value within its unit's range.
    const areas: { slug: string }[] = await dataSource.query(`SELECT slug FROM area WHERE archived_at IS NULL ORDER BY slug`);
    const indicators: { code: string; unit: string }[] = await dataSource.query(`SELECT code, unit FROM indicator WHERE archived_at IS NULL ORDER BY code`);
    const lines = ['area_code,indicator_code,year,value,source,note'];
    for (let i = 0; i < rowCount; i += 1) {
      const area = areas[i % areas.length];
      const indicator = indicators[Math.floor(i / areas.length) % indicators.length];
      const combination = Math.floor(i / (areas.length * indicators.length));
      const value = indicator.unit === 'PERCENT' ? (i % 1000) / 10 : indicator.unit === 'RATING_10' ? 1 + (i % 90) / 10 : i;
      lines.push(`${area.slug},${indicator.code},${1800 + (combination % 400)},${value},Benchmark ${Math.floor(combination / 400)},${i % 7 === 0 ? '"gemeten, voorlopig"' : ''}`);
    }
    const csv = `${lines.join('\r\n')}\r\n`;
    log(`${rowCount} rows over ${areas.length} areas and ${indicators.length} indicators: ${(Buffer.byteLength(csv) / 1024).toFixed(0)} KiB`);

    const phases: Phase[] = [];
    const run = async (name: string, query: string) => {
      global.gc?.();
      let peakRss = process.memoryUsage.rss();
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 5);
      const t0 = performance.now();
      const res = await fetch(`${url}/csv/key-figures${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie }, body: csv });
      const body = (await res.json()) as { created: number; updated: number; unchanged: number; errors: unknown[] };
      const ms = performance.now() - t0;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      phases.push({ name, ms, status: res.status, result: `created ${body.created}, updated ${body.updated}, unchanged ${body.unchanged}, errors ${body.errors.length}`, peakRss });
    };
    const baseline = process.memoryUsage.rss();
    await run('dry run', '?dryRun=true');
    await run('import', '');
    await run('import again (unchanged)', '');
    const [{ n: figures }] = await dataSource.query(`SELECT count(*)::int AS n FROM key_figure WHERE source LIKE 'Benchmark%'`);
    const [{ n: history }] = await dataSource.query(`SELECT count(*)::int AS n FROM change_record WHERE via = 'csv-import'`);

    console.log('');
    console.log(`rows: ${rowCount}   node ${process.version}   ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
    console.log(`RSS before the first import: ${mb(baseline)}`);
    for (const phase of phases) {
      console.log(`${phase.name.padEnd(26)} HTTP ${phase.status}  ${(phase.ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(rowCount / (phase.ms / 1000)).toString().padStart(6)} rows/s  peak RSS (sampled) ${mb(phase.peakRss)}  ${phase.result}`);
    }
    // maxRSS is in kilobytes on Linux and macOS.
    console.log(`process peak RSS (resourceUsage().maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    console.log(`key figures stored: ${figures}; history entries via csv-import: ${history}`);
  } finally {
    await app?.stop();
    app?.httpServer.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.cleanup();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
