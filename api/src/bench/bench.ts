import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATA_DIR } from './bench-database';
import { type BenchSession, openBenchSession } from './bench-session';
import { log, pathFromInvocation, positiveNumber, runMain, seedOf } from './cli';
import { type HttpStep, type HttpStepResult, type HttpTarget, runHttpStep } from './http-driver';
import { type BenchOperation, readOperations, writeOperations } from './operations';
import { presetOf } from './presets';
import {
  type BenchReport,
  type OperationReport,
  datasetInfo,
  machineInfo,
  postgresInfo,
  printComparison,
  printReport,
  readReport,
  summariseStatements,
  writeJson,
} from './report';
import { runSqlStep } from './sql-driver';
import { round } from './stats';
import { POSTGRAPHILE_READS, type PeerProcess, floorOperation, postgraphileOperation } from './peers';
import { checkPeerAnswer, checkSameAnswer } from './verify';

/**
 * `npm run bench -- [--size small|city|national] [--duration 8] [--rates 50,100,200]
 * [--connections 10] [--only a,b] [--seed N] [--regenerate] [--out file.json] [--compare old.json]`
 *
 * Per operation: a warm-up, fixed request rates, then a closed loop of `--connections`; for
 * read operations the lower-bound SQL at the same concurrency and a check that it gives the
 * same answer. Prints the tables and writes the JSON report (default .data/bench/<size>.json).
 */

interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  rates: number[];
  connections: number;
  logLevel: string;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rates: { type: 'string', default: '50,100,200' },
      connections: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      out: { type: 'string' },
      compare: { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      'no-peers': { type: 'boolean', default: false },
    },
  });
  const preset = presetOf(values.size!);
  const options: BenchOptions = {
    durationSeconds: positiveNumber(values.duration, 'duration', 8),
    warmupSeconds: positiveNumber(values.warmup, 'warmup', 3),
    rates: values.rates!.split(',').map((rate) => positiveNumber(rate.trim(), 'rates', 0)),
    connections: Math.round(positiveNumber(values.connections, 'connections', 10)),
    logLevel: values['log-level']!,
  };
  return {
    preset,
    seed: seedOf(values.seed),
    regenerate: values.regenerate!,
    only: values.only ? new Set(values.only.split(',').map((name) => name.trim())) : null,
    out: values.out ? pathFromInvocation(values.out) : path.join(BENCH_DATA_DIR, `${preset.name}.json`),
    compare: values.compare ? readReport(pathFromInvocation(values.compare)) : null,
    peers: !values['no-peers'],
    options,
  };
}

/** A fixed-rate step lasts long enough for about 40 answers (up to three step durations). */
function fixedStepDuration(rate: number, options: BenchOptions): number {
  return Math.min(3 * options.durationSeconds, Math.max(options.durationSeconds, Math.ceil(40 / rate)));
}

function logStep(operation: BenchOperation, result: HttpStepResult): void {
  log(
    `  ${operation.name} ${result.label}: ${result.throughput} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `errors ${result.errors.total}${result.errors.example ? ` (${result.errors.example.slice(0, 160)})` : ''}, statements ${Object.keys(result.statements).join('/')}`,
  );
}

/**
 * The closed loop first, to learn the operation's maximum; then the fixed rates it can carry
 * (rates above its maximum would only repeat the closed loop). An operation that carries none
 * of them is measured at half its maximum instead.
 */
async function measure(session: BenchSession, operation: BenchOperation, options: BenchOptions): Promise<OperationReport> {
  const { target } = session;
  const closedLoop = (label: string, durationSeconds: number): HttpStep => ({ label, rate: null, connections: options.connections, durationSeconds });
  await runHttpStep(target, operation, closedLoop('warm-up', options.warmupSeconds));
  let max = await runHttpStep(target, operation, closedLoop('max', options.durationSeconds));
  // A slow operation gets a longer closed loop, so its percentiles rest on a few dozen answers.
  if (max.requests < 20) max = await runHttpStep(target, operation, closedLoop('max', 3 * options.durationSeconds));
  logStep(operation, max);
  const carried = options.rates.filter((rate) => rate <= max.throughput * 1.1);
  const skippedRates = options.rates.filter((rate) => !carried.includes(rate));
  if (carried.length === 0) carried.push(Math.max(1, Math.floor(max.throughput / 2)));
  const results: HttpStepResult[] = [];
  for (const rate of carried) {
    const result = await runHttpStep(target, operation, { label: `${rate}/s`, rate, connections: options.connections, durationSeconds: fixedStepDuration(rate, options) });
    logStep(operation, result);
    results.push(result);
  }
  results.push(max);
  const report: OperationReport = {
    name: operation.name,
    title: operation.title,
    kind: operation.kind,
    document: operation.document,
    steps: results,
    skippedRates,
    statements: summariseStatements(results),
    lowerBound: null,
    ratio: null,
    sameAnswer: null,
  };
  const lowerBound = operation.lowerBound;
  if (lowerBound) {
    const variables = () => operation.next({}).variables;
    await runSqlStep(session.pool, lowerBound, variables, options.connections, Math.min(options.warmupSeconds, 2));
    const sql = await runSqlStep(session.pool, lowerBound, variables, options.connections, options.durationSeconds, session.server.cpuMs);
    const api = results[results.length - 1];
    report.lowerBound = sql;
    report.ratio = { p50: round(api.latency.p50 / sql.latency.p50, 2), throughput: round(sql.throughput / api.throughput, 2) };
    report.sameAnswer = await checkSameAnswer(target.url, operation, session.pool, 5);
    log(`  ${operation.name} SQL: ${sql.throughput} req/s, p50 ${sql.latency.p50} ms; API/SQL p50 ×${report.ratio.p50}, throughput ×${report.ratio.throughput}; same answer: ${report.sameAnswer.difference ?? 'yes'}`);
  }
  if (session.peers && operation.kind === 'read') report.peers = await measurePeers(session, operation, options, closedLoop);
  return report;
}

/** The same closed loop against PostGraphile (for the reads it can express) and the HTTP floor (for reads with a lower bound). */
async function measurePeers(
  session: BenchSession,
  operation: BenchOperation,
  options: BenchOptions,
  closedLoop: (label: string, durationSeconds: number) => HttpStep,
): Promise<NonNullable<OperationReport['peers']>> {
  const targetOf = (peer: PeerProcess) => ({
    url: peer.url,
    rss: peer.rss,
    cpuMs: peer.cpuMs,
    databaseCpuMs: session.target.databaseCpuMs,
    idle: () => new Promise<void>((resolve) => setTimeout(resolve, 300)),
  });
  // One connection, one request at a time: each request has the server to itself.
  const oneAtATime = async (target: HttpTarget, peerOperation: BenchOperation, label: string) => {
    const result = await runHttpStep(target, peerOperation, { label: `${label} 1 conn`, rate: null, connections: 1, durationSeconds: options.durationSeconds });
    logStep(peerOperation, result);
    return result;
  };
  const run = async (peer: PeerProcess, peerOperation: BenchOperation) => {
    const target = targetOf(peer);
    await runHttpStep(target, peerOperation, closedLoop('warm-up', Math.min(options.warmupSeconds, 2)));
    const result = await runHttpStep(target, peerOperation, closedLoop(peer.kind, options.durationSeconds));
    logStep(peerOperation, result);
    return { result, single: await oneAtATime(target, peerOperation, peer.kind) };
  };
  const peers: NonNullable<OperationReport['peers']> = { postgraphile: null, sameAsPostgraphile: null, floor: null };
  const sequential: NonNullable<NonNullable<OperationReport['peers']>['oneAtATime']> = {
    schakel: await oneAtATime(session.target, operation, 'schakel'),
    postgraphile: null,
    floor: null,
  };
  const read = POSTGRAPHILE_READS[operation.name];
  if (read && session.peers?.postgraphile) {
    peers.sameAsPostgraphile = await checkPeerAnswer(session.target.url, operation, session.peers.postgraphile.url, read, 5);
    ({ result: peers.postgraphile, single: sequential.postgraphile } = await run(session.peers.postgraphile, postgraphileOperation(operation, read)));
    log(`  ${operation.name} PostGraphile: same answer: ${peers.sameAsPostgraphile.difference ?? 'yes'}`);
  }
  if (operation.lowerBound && session.peers?.floor) ({ result: peers.floor, single: sequential.floor } = await run(session.peers.floor, floorOperation(operation)));
  peers.oneAtATime = sequential;
  return peers;
}

async function main(): Promise<void> {
  const { preset, seed, regenerate, only, out, compare, peers, options } = parseOptions();
  const startedAt = new Date().toISOString();
  const session = await openBenchSession({ preset, seed, regenerate, logLevel: options.logLevel, poolSize: options.connections, peers });
  try {
    const machine = machineInfo();
    const postgres = await postgresInfo(session.pool, session.server.embedded);
    const dataset = await datasetInfo(session.pool, session.database.marker, session.database.reused);
    const operations = [
      ...readOperations(session.samples, session.identity, session.settings),
      ...writeOperations(session.samples, session.identity, session.settings, session.pool),
    ].filter((operation) => !only || only.has(operation.name));
    const reports: OperationReport[] = [];
    for (const operation of operations) {
      log(`${operation.name}: ${operation.title}`);
      reports.push(await measure(session, operation, options));
    }
    const report: BenchReport = {
      kind: 'schakel-bench',
      version: 1,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine,
      postgres,
      dataset,
      settings: { durationSeconds: options.durationSeconds, rates: options.rates, connections: options.connections, warmupSeconds: options.warmupSeconds, logLevel: options.logLevel },
      operations: reports,
    };
    printReport(report);
    writeJson(out, report);
    console.log(`\nreport written to ${path.relative(process.env.INIT_CWD ?? process.cwd(), out)}`);
    if (compare) printComparison(compare, report);
  } finally {
    await session.close();
  }
}

runMain(main);
