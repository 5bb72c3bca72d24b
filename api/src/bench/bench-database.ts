import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { seedAmersfoort } from '@schakel/db';
import { Client } from 'pg';
import { features } from '../features';
import { createDataSource } from '../db/data-source';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { bulkLoad } from './bulk-load';
import { type CpuReading, parentOf, postmasterPid, serverCpu } from './cpu';
import { GENERATED_TABLES, generateDataset } from './generator';
import { GENERATOR_VERSION, REFERENCE_DATE, type SizeName, type SizePreset } from './presets';

/**
 * Where benchmark databases live: on the server of BENCH_DATABASE_URL (any PostgreSQL ≥ 15),
 * or in an embedded PostgreSQL under .data/bench/ on a free port. A database per size,
 * `schakel_bench_<size>`, generated once and reused while its marker (a comment on the
 * database) names the same preset, seed and generator version.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BENCH_DATA_DIR = path.join(REPO_ROOT, '.data', 'bench');

export interface BenchServer {
  /** URL of a maintenance database on the server (postgres), for creating and dropping. */
  adminUrl: string;
  embedded: boolean;
  /** CPU milliseconds the server has used (embedded: postmaster and backends); null when unknown. */
  cpuMs(): CpuReading | null;
  stop(): Promise<void>;
}

/**
 * Settings of the embedded benchmark cluster: memory for a data set of a few GB on a machine
 * with plenty of RAM, and WAL sized for bulk loads. Written with ALTER SYSTEM into the
 * cluster's own postgresql.auto.conf (never on a BENCH_DATABASE_URL server).
 */
const EMBEDDED_SETTINGS: Record<string, string> = {
  shared_buffers: '1GB',
  effective_cache_size: '8GB',
  work_mem: '16MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  random_page_cost: '1.1',
};

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'schakel-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Applies EMBEDDED_SETTINGS; true when a restart is needed for them to take effect. */
async function tuneEmbedded(url: string, log: (message: string) => void): Promise<boolean> {
  return withClient(url, async (client) => {
    let restart = false;
    for (const [name, value] of Object.entries(EMBEDDED_SETTINGS)) {
      const { rows } = await client.query<{ current: string }>(`SELECT current_setting($1) AS current`, [name]);
      if (rows[0].current === value) continue;
      await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
      log(`embedded PostgreSQL: ${name} = ${value} (was ${rows[0].current})`);
      const { rows: context } = await client.query<{ context: string }>(`SELECT context FROM pg_settings WHERE name = $1`, [name]);
      if (context[0]?.context === 'postmaster') restart = true;
    }
    await client.query(`SELECT pg_reload_conf()`);
    return restart;
  });
}

/** The postmaster of the server at `url`, from one of its backends' parent process; null when it is not on this machine. */
async function postmasterOfServer(url: string): Promise<number | null> {
  return withClient(url, async (client) => {
    // Read while the backend lives. A server elsewhere (another host, a container) gives a pid that is no PostgreSQL process here.
    const backend = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0].pid;
    let command = '';
    try {
      command = fs.readFileSync(`/proc/${backend}/cmdline`, 'utf8');
    } catch {
      return null;
    }
    return command.startsWith('postgres') ? parentOf(backend) : null;
  });
}

export async function openBenchServer(log: (message: string) => void): Promise<BenchServer> {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const version = await withClient(external, async (client) => Number((await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v));
    if (version < 150000) throw new Error(`BENCH_DATABASE_URL points at PostgreSQL ${version}; the schema needs 15 or later`);
    log(`using the PostgreSQL server of BENCH_DATABASE_URL`);
    // Its CPU when it runs on this machine (its backends' parent is visible in /proc).
    const postmaster = await postmasterOfServer(external);
    return { adminUrl: external, embedded: false, cpuMs: () => (postmaster === null ? null : serverCpu(postmaster)), stop: async () => undefined };
  }
  const options = { dataDir: path.join(BENCH_DATA_DIR, 'postgres'), port: 0, database: 'postgres', log };
  let pg = await startEmbeddedPostgres(options);
  if (await tuneEmbedded(pg.url, log)) {
    await pg.stop();
    pg = await startEmbeddedPostgres(options);
  }
  log(`embedded PostgreSQL on 127.0.0.1:${pg.port} (data in ${path.relative(REPO_ROOT, options.dataDir)})`);
  // As root the embedded cluster runs from a copy the unprivileged user can reach (db/embedded-postgres.ts), so
  // the postmaster is found from a backend of this server rather than from the data directory named here.
  const postmaster = (await postmasterOfServer(pg.url)) ?? postmasterPid(options.dataDir);
  const cpuMs = () => (postmaster === null ? null : serverCpu(postmaster));
  return { adminUrl: pg.url, embedded: true, cpuMs, stop: () => pg.stop() };
}

/** What a generated database holds, stored as a JSON comment on the database. */
export interface DatasetMarker {
  generator: 'schakel-bench';
  version: number;
  preset: SizeName;
  seed: number;
  referenceDate: string;
  generatedAt: string;
  generationSeconds: number;
  /** Size right after generation (VACUUM ANALYZE included). */
  databaseBytes: number;
  rows: Record<string, number>;
}

export interface BenchDatabase {
  name: string;
  url: string;
  marker: DatasetMarker;
  /** True when an existing database was reused rather than generated now. */
  reused: boolean;
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function readMarker(admin: Client, name: string): Promise<DatasetMarker | null> {
  const { rows } = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name]);
  if (rows.length === 0 || !rows[0].comment) return null;
  try {
    const marker = JSON.parse(rows[0].comment) as DatasetMarker;
    return marker.generator === 'schakel-bench' ? marker : null;
  } catch {
    return null;
  }
}

function matches(marker: DatasetMarker | null, preset: SizePreset, seed: number): marker is DatasetMarker {
  return marker !== null && marker.version === GENERATOR_VERSION && marker.preset === preset.name && marker.seed === seed;
}

/**
 * The database of `preset` and `seed`: reused when it holds them already (unless
 * `regenerate`), otherwise created afresh — migrations, the Amersfoort seed (reference data),
 * the generated data set, VACUUM ANALYZE — and marked.
 */
export async function ensureBenchDatabase(
  server: BenchServer,
  preset: SizePreset,
  seed: number,
  options: { regenerate: boolean; log: (message: string) => void },
): Promise<BenchDatabase> {
  const name = `schakel_bench_${preset.name}`;
  const url = databaseUrl(server.adminUrl, name);
  const existing = await withClient(server.adminUrl, (admin) => readMarker(admin, name));
  if (!options.regenerate && matches(existing, preset, seed)) {
    options.log(`reusing ${name} (generated ${existing.generatedAt} in ${existing.generationSeconds.toFixed(0)} s; --regenerate to rebuild)`);
    return { name, url, marker: existing, reused: true };
  }
  const started = performance.now();
  await withClient(server.adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  options.log(`generating ${name}: preset ${preset.name}, seed ${seed}, generator version ${GENERATOR_VERSION}`);
  await migrateAndSeed(url, options.log);
  const rows = await withClient(url, (client) => bulkLoad(client, GENERATED_TABLES, options.log, () => generateDataset(client, preset, seed, options.log)));
  options.log('VACUUM ANALYZE …');
  await withClient(url, (client) => client.query('VACUUM (ANALYZE)'));
  const generationSeconds = (performance.now() - started) / 1000;
  const marker = await withClient(server.adminUrl, async (admin) => {
    const databaseBytes = Number((await admin.query<{ bytes: string }>(`SELECT pg_database_size($1) AS bytes`, [name])).rows[0].bytes);
    const value: DatasetMarker = {
      generator: 'schakel-bench',
      version: GENERATOR_VERSION,
      preset: preset.name,
      seed,
      referenceDate: REFERENCE_DATE.toISOString().slice(0, 10),
      generatedAt: new Date().toISOString(),
      generationSeconds,
      databaseBytes,
      rows,
    };
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${JSON.stringify(value).replace(/'/g, "''")}'`);
    return value;
  });
  options.log(`generated ${name} in ${generationSeconds.toFixed(1)} s, ${(marker.databaseBytes / 1024 ** 2).toFixed(0)} MB`);
  return { name, url, marker, reused: false };
}

async function migrateAndSeed(url: string, log: (message: string) => void): Promise<void> {
  const dataSource = createDataSource({ features, url, poolSize: 2, applicationName: 'schakel-bench' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const report = await dataSource.transaction((manager) => seedAmersfoort(manager));
    log(`${applied.length} migrations applied; Amersfoort reference data loaded (${report.counts.indicator ?? 0} indicators, ${report.counts.target_group ?? 0} target groups)`);
  } finally {
    await dataSource.destroy();
  }
}
