import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATA_DIR } from './bench-database';
import { openBenchSession } from './bench-session';
import { log, pathFromInvocation, positiveNumber, runMain, seedOf } from './cli';
import { type HttpStepResult, runHttpStep } from './http-driver';
import { type BenchOperation, organisationsListOperation, readOperations, writeOperations } from './operations';
import { presetOf } from './presets';
import { apportion } from './random';
import { datasetInfo, machineInfo, postgresInfo, writeJson } from './report';
import { type LatencySummary, round, summarise } from './stats';

/**
 * `npm run load -- [--size city] [--duration 60] [--connections 50] [--seed N] [--regenerate] [--out file.json]`
 *
 * Many clients at once over loopback: map reads (one organisation, organisation and service
 * lists of a neighbourhood), neighbourhood views and referral writes (creates with unique
 * Idempotency-Keys, status changes), each kind on its share of the connections in a closed
 * loop, all at the same time. Every answer must be a success: any error fails the run.
 */

/**
 * Shares of the connections per kind of request: a social map is mostly map reads; partner
 * systems write referrals; the neighbourhood view is an analysis page for a few municipal users
 * (and at city size the heaviest request by far, see docs/benchmarks.md).
 */
const MIX: Record<string, number> = {
  organisation: 14,
  'organisations-list': 10,
  'services-page': 12,
  'neighbourhood-view': 2,
  'referral-create': 6,
  'referral-status': 6,
};

interface KindResult {
  name: string;
  connections: number;
  result: HttpStepResult;
}

interface LoadReport {
  kind: 'schakel-load';
  startedAt: string;
  finishedAt: string;
  machine: ReturnType<typeof machineInfo>;
  postgres: Awaited<ReturnType<typeof postgresInfo>>;
  dataset: Awaited<ReturnType<typeof datasetInfo>>;
  settings: { durationSeconds: number; connections: number; warmupSeconds: number; logLevel: string };
  total: { requests: number; throughput: number; errors: number; latency: LatencySummary; peakRss: number };
  kinds: Array<{ name: string; connections: number; requests: number; throughput: number; errors: number; latency: LatencySummary; statements: Record<string, number>; errorExample: string | null }>;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'city' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      out: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
    },
  });
  const preset = presetOf(values.size!);
  return {
    preset,
    seed: seedOf(values.seed),
    regenerate: values.regenerate!,
    durationSeconds: positiveNumber(values.duration, 'duration', 60),
    warmupSeconds: positiveNumber(values.warmup, 'warmup', 5),
    connections: Math.round(positiveNumber(values.connections, 'connections', 50)),
    logLevel: values['log-level']!,
    out: values.out ? pathFromInvocation(values.out) : path.join(BENCH_DATA_DIR, `load-${preset.name}.json`),
  };
}

/** Runs every kind at once, each on its connections, for `durationSeconds`. */
async function runMix(target: Parameters<typeof runHttpStep>[0], mix: Array<{ operation: BenchOperation; connections: number }>, durationSeconds: number, record?: (ms: number) => void): Promise<KindResult[]> {
  return Promise.all(
    mix.map(async ({ operation, connections }) => ({
      name: operation.name,
      connections,
      result: await runHttpStep(target, operation, { label: 'load', rate: null, connections, durationSeconds }, record),
    })),
  );
}

function printLoad(report: LoadReport): void {
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(10))).join(' ');
  console.log('');
  console.log(`load test, size ${report.dataset.size}: ${report.settings.connections} connections for ${report.settings.durationSeconds} s over loopback`);
  console.log(line(['kind', 'conns', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'SQL stmts']));
  for (const kind of report.kinds) {
    console.log(
      line([kind.name, String(kind.connections), String(kind.requests), kind.throughput.toFixed(1), kind.latency.p50.toFixed(1), kind.latency.p95.toFixed(1), kind.latency.p99.toFixed(1), String(kind.errors), Object.keys(kind.statements).join('/')]),
    );
  }
  const { total } = report;
  console.log(line(['all', String(report.settings.connections), String(total.requests), total.throughput.toFixed(1), total.latency.p50.toFixed(1), total.latency.p95.toFixed(1), total.latency.p99.toFixed(1), String(total.errors), '']));
  console.log(`server peak RSS (sampled): ${(total.peakRss / 1024 ** 2).toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = new Date().toISOString();
  const session = await openBenchSession({ preset: options.preset, seed: options.seed, regenerate: options.regenerate, logLevel: options.logLevel, poolSize: 4 });
  let failed = false;
  try {
    const { samples, identity, settings } = session;
    const operations = [
      ...readOperations(samples, identity, settings),
      organisationsListOperation(samples, identity),
      ...writeOperations(samples, identity, settings, session.pool),
    ].filter((operation) => MIX[operation.name] !== undefined);
    const shares = apportion(options.connections, operations.map((operation) => MIX[operation.name])).map((share) => Math.max(1, share));
    const mix = operations.map((operation, i) => ({ operation, connections: shares[i] }));
    log(`mix: ${mix.map((m) => `${m.operation.name} ${m.connections}`).join(', ')}`);
    log(`warm-up ${options.warmupSeconds} s …`);
    const { target } = session;
    await runMix(target, mix, options.warmupSeconds);
    log(`load ${options.durationSeconds} s …`);
    const latencies: number[] = [];
    const kinds = await runMix(target, mix, options.durationSeconds, (ms) => latencies.push(ms));
    const requests = kinds.reduce((sum, k) => sum + k.result.requests, 0);
    const duration = Math.max(...kinds.map((k) => k.result.durationSeconds));
    const report: LoadReport = {
      kind: 'schakel-load',
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machineInfo(),
      postgres: await postgresInfo(session.pool, session.server.embedded),
      dataset: await datasetInfo(session.pool, session.database.marker, session.database.reused),
      settings: { durationSeconds: options.durationSeconds, connections: options.connections, warmupSeconds: options.warmupSeconds, logLevel: options.logLevel },
      total: {
        requests,
        throughput: round(requests / duration, 1),
        errors: kinds.reduce((sum, k) => sum + k.result.errors.total, 0),
        latency: summarise(latencies),
        peakRss: Math.max(...kinds.map((k) => k.result.rss.peak)),
      },
      kinds: kinds.map(({ name, connections, result }) => ({
        name,
        connections,
        requests: result.requests,
        throughput: result.throughput,
        errors: result.errors.total,
        latency: result.latency,
        statements: result.statements,
        errorExample: result.errors.example,
      })),
    };
    printLoad(report);
    writeJson(options.out, report);
    console.log(`\nreport written to ${path.relative(process.env.INIT_CWD ?? process.cwd(), options.out)}`);
    failed = report.total.errors > 0;
    for (const kind of report.kinds) if (kind.errorExample) console.log(`${kind.name}: ${kind.errors} errors, e.g. ${kind.errorExample}`);
  } finally {
    await session.close();
  }
  if (failed) {
    console.error('the load test had errors');
    process.exitCode = 1;
  }
}

runMain(main);
