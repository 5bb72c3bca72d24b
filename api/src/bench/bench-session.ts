import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { loadConfig } from '../config';
import { BENCH_DATA_DIR, type BenchDatabase, type BenchServer, ensureBenchDatabase, openBenchServer } from './bench-database';
import { cleanupOnSignal, log } from './cli';
import { perRequest } from './cpu';
import { type BenchIdentity, prepareIdentity } from './identities';
import type { OperationSettings } from './operations';
import type { SizePreset } from './presets';
import { type Samples, selectSamples } from './samples';
import type { HttpTarget } from './http-driver';
import { type PeerProcess, installPeerSchema, startPeer } from './peers';
import { type ServerProcess, startServer } from './server-process';

/**
 * Everything a benchmark or load test runs against: the database (generated or reused), the
 * app as a child process, a pg Pool on the same database, the benchmark's identity and the
 * samples its requests vary over. `close()` stops what was started, also on Ctrl-C.
 */
export interface BenchSession {
  server: BenchServer;
  database: BenchDatabase;
  app: ServerProcess;
  pool: Pool;
  identity: BenchIdentity;
  samples: Samples;
  settings: OperationSettings;
  /** The app as the HTTP driver measures it. */
  target: HttpTarget;
  /** PostGraphile 4 and the HTTP floor on the same database (peers.ts), when asked for. */
  peers: { postgraphile: PeerProcess; floor: PeerProcess } | null;
  close(): Promise<void>;
}

export interface SessionOptions {
  preset: SizePreset;
  seed: number;
  regenerate: boolean;
  logLevel: string;
  /** Connections of the pg Pool (the lower bound runs this many queries at once). */
  poolSize: number;
  /** Start PostGraphile and the HTTP floor beside the app (bench; not the load test). */
  peers?: boolean;
}

export async function openBenchSession(options: SessionOptions): Promise<BenchSession> {
  const stops: Array<() => Promise<void>> = [];
  const close = cleanupOnSignal(async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  });
  try {
    const server = await openBenchServer(log);
    stops.push(() => server.stop());
    const database = await ensureBenchDatabase(server, options.preset, options.seed, { regenerate: options.regenerate, log });
    const logFile = path.join(BENCH_DATA_DIR, `server-${options.preset.name}.log`);
    const app = await startServer({ databaseUrl: database.url, logFile, logLevel: options.logLevel });
    stops.push(() => app.stop());
    log(`app started (pid ${app.pid}, ${app.url}); its log: ${path.relative(process.env.INIT_CWD ?? process.cwd(), logFile)}`);
    // JIT off as in the app (db/data-source.ts): the lower bound measures the same server work.
    const pool = new Pool({ connectionString: database.url, max: options.poolSize, application_name: 'schakel-bench', options: '-c jit=off' });
    stops.push(() => pool.end());
    const identity = await prepareIdentity(pool, app.url);
    // The thresholds the app runs with (its environment leaves them at their defaults).
    const config = loadConfig({});
    const settings: OperationSettings = {
      thinBelow: config.neighbourhood.coverageThinBelow,
      freshnessMonths: config.staleAfterMonths,
      runId: `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
    };
    const started = performance.now();
    const samples = await selectSamples(pool, identity.organisationId, settings);
    log(
      `samples (${((performance.now() - started) / 1000).toFixed(1)} s): ${samples.organisationIds.length} organisations, ${samples.servicePages.length} neighbourhood pages, ` +
        `${samples.searchTerms.length} searches, ${samples.districtCodes.length} districts, ${samples.comparisons.length} comparisons, ${samples.statusPool.length} open referrals`,
    );
    const target: HttpTarget = { url: app.url, rss: app.rss, cpuMs: app.cpuMs, databaseCpuMs: server.cpuMs, idle: () => waitUntilAppIdle(pool, app) };
    let peers: BenchSession['peers'] = null;
    if (options.peers) {
      await installPeerSchema(pool);
      const peerOptions = (kind: string) => ({ databaseUrl: database.url, logFile: path.join(BENCH_DATA_DIR, `peer-${kind}-${options.preset.name}.log`), poolSize: options.poolSize });
      const postgraphile = await startPeer('postgraphile', peerOptions('postgraphile'));
      stops.push(() => postgraphile.stop());
      const floor = await startPeer('floor', peerOptions('floor'));
      stops.push(() => floor.stop());
      peers = { postgraphile, floor };
      log(`peers started: PostGraphile 4 (pid ${postgraphile.pid}, ${postgraphile.url}), HTTP floor (pid ${floor.pid}, ${floor.url})`);
    }
    return { server, database, app, pool, identity, samples, settings, target, peers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Waits (up to 60 s) until the app is idle: no connection of it runs a statement or holds a
 * transaction open, and the process used under a tenth of a core in the last 200 ms (answers
 * cut off at the end of a step are still being computed after their SQL is done).
 */
async function waitUntilAppIdle(pool: Pool, app: ServerProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const before = app.cpuMs();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cpu = perRequest(before, app.cpuMs(), 1) ?? 0;
    const { rows } = await pool.query<{ busy: number }>(
      `SELECT count(*)::int AS busy FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'schakel-api' AND state <> 'idle'`,
    );
    if (rows[0].busy === 0 && cpu < 20) return;
  }
}
