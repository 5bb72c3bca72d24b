import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import type { DatasetMarker } from './bench-database';
import type { HttpStepResult } from './http-driver';
import type { SqlStepResult } from './sql-driver';
import { round } from './stats';
import type { SameAnswer } from './verify';

/** The benchmark's results: printed as tables, written as JSON, compared with an earlier run. */

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
}

export interface PostgresInfo {
  version: string;
  embedded: boolean;
  settings: Record<string, string>;
}

export interface DatasetInfo {
  size: string;
  seed: number;
  generatorVersion: number;
  referenceDate: string;
  generatedAt: string;
  generationSeconds: number;
  /** Generated now, or reused from an earlier run. */
  reused: boolean;
  /** pg_database_size right after generation and at the start of this run. */
  databaseBytesGenerated: number;
  databaseBytes: number;
  generatedRows: Record<string, number>;
  /** Rows at the start of this run (earlier runs add referrals). */
  rows: Record<string, number>;
}

export interface StatementSummary {
  /** The count most responses reported (null: no header seen). */
  mode: number | null;
  min: number | null;
  max: number | null;
  /** Share of responses with the mode. */
  share: number;
  distribution: Record<string, number>;
}

export interface OperationReport {
  name: string;
  title: string;
  kind: 'read' | 'write';
  document: string;
  /** Fixed-rate steps, then the closed-loop maximum (label "max"). */
  steps: HttpStepResult[];
  /** Requested rates above the operation's maximum, not run. */
  skippedRates: number[];
  statements: StatementSummary;
  lowerBound: SqlStepResult | null;
  /** API ÷ SQL: p50 latency and throughput (SQL ÷ API), both at the same concurrency. */
  ratio: { p50: number; throughput: number } | null;
  sameAnswer: SameAnswer | null;
  /**
   * The peers at the same concurrency, closed loop (peers.ts): PostGraphile 4 on the same
   * database, and the HTTP floor (the lower bound as a named prepared statement behind a minimal
   * HTTP server). Absent in reports from before the peers, or with --no-peers.
   */
  peers?: {
    postgraphile: HttpStepResult | null;
    sameAsPostgraphile: SameAnswer | null;
    floor: HttpStepResult | null;
    /**
     * The same three, one connection sending one request at a time: the latency of a request
     * the server has to itself. At 10 connections p50 is Little's law over throughput (10 ÷
     * req/s) and says nothing the throughput does not; this p50 is the one compared with the floor.
     */
    oneAtATime?: { schakel: HttpStepResult; postgraphile: HttpStepResult | null; floor: HttpStepResult | null };
  };
}

export interface BenchReport {
  kind: 'schakel-bench';
  version: 1;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  postgres: PostgresInfo;
  dataset: DatasetInfo;
  settings: { durationSeconds: number; rates: number[]; connections: number; warmupSeconds: number; logLevel: string };
  operations: OperationReport[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return { cpuModel: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryBytes: os.totalmem(), node: process.version, os: `${os.type()} ${os.release()}` };
}

const REPORTED_SETTINGS = ['shared_buffers', 'effective_cache_size', 'work_mem', 'max_connections', 'jit', 'random_page_cost', 'max_wal_size', 'synchronous_commit'];

export async function postgresInfo(pool: Pool, embedded: boolean): Promise<PostgresInfo> {
  const version = (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  const { rows } = await pool.query<{ name: string; value: string }>(`SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1) ORDER BY name`, [REPORTED_SETTINGS]);
  return { version, embedded, settings: Object.fromEntries(rows.map((row) => [row.name, row.value])) };
}

const COUNTED_TABLES = ['area', 'key_figure', 'organisation', 'location', 'service', 'network', 'network_member', 'referral', 'referral_event'];

export async function datasetInfo(pool: Pool, marker: DatasetMarker, reused: boolean): Promise<DatasetInfo> {
  const counts = await pool.query<Record<string, string>>(`SELECT ${COUNTED_TABLES.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`);
  const size = await pool.query<{ bytes: string }>(`SELECT pg_database_size(current_database()) AS bytes`);
  return {
    size: marker.preset,
    seed: marker.seed,
    generatorVersion: marker.version,
    referenceDate: marker.referenceDate,
    generatedAt: marker.generatedAt,
    generationSeconds: round(marker.generationSeconds, 1),
    reused,
    databaseBytesGenerated: marker.databaseBytes,
    databaseBytes: Number(size.rows[0].bytes),
    generatedRows: marker.rows,
    rows: Object.fromEntries(Object.entries(counts.rows[0]).map(([table, n]) => [table, Number(n)])),
  };
}

export function summariseStatements(steps: HttpStepResult[]): StatementSummary {
  const distribution: Record<string, number> = {};
  for (const step of steps) for (const [count, n] of Object.entries(step.statements)) distribution[count] = (distribution[count] ?? 0) + n;
  const entries = Object.entries(distribution).map(([count, n]) => [Number(count), n] as const);
  if (entries.length === 0) return { mode: null, min: null, max: null, share: 0, distribution };
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const [mode, modeCount] = entries.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  const counts = entries.map(([count]) => count);
  return { mode, min: Math.min(...counts), max: Math.max(...counts), share: round(modeCount / total, 4), distribution };
}

// ---------------------------------------------------------------------------------------------
// Printing

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const cpuText = (value: number | null) => (value === null ? '-' : value.toFixed(value < 10 ? 2 : 1));
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function statementText(summary: StatementSummary): string {
  if (summary.mode === null) return '-';
  return summary.min === summary.max ? String(summary.mode) : `${summary.mode} (${summary.min}–${summary.max})`;
}

export function printReport(report: BenchReport): void {
  const { dataset, machine, postgres } = report;
  console.log('');
  console.log(`size ${dataset.size} (seed ${dataset.seed}): ${dataset.rows.area} areas, ${dataset.rows.organisation} organisations, ${dataset.rows.service} services, ${dataset.rows.referral} referrals; database ${mb(dataset.databaseBytes)} MB; generated in ${dataset.generationSeconds} s${dataset.reused ? ' (reused)' : ''}`);
  console.log(`${machine.cores} × ${machine.cpuModel}, ${(machine.memoryBytes / 1024 ** 3).toFixed(0)} GiB, Node ${machine.node}, PostgreSQL ${postgres.version}${postgres.embedded ? ' (embedded)' : ''}`);
  console.log('');
  const rows = report.operations.flatMap((operation) =>
    operation.steps.map((step) => [
      operation.name,
      step.label,
      step.targetRate === null ? `${step.connections} conn` : String(step.targetRate),
      step.throughput.toFixed(1),
      ms(step.latency.p50),
      ms(step.latency.p95),
      ms(step.latency.p99),
      String(step.errors.total),
      Object.keys(step.statements).sort((a, b) => Number(a) - Number(b)).join('/') || '-',
      mb(step.rss.peak),
      cpuText(step.cpu.appMsPerRequest),
      cpuText(step.cpu.databaseMsPerRequest),
      step.loadAverage.toFixed(1),
    ]),
  );
  console.log(table(['operation', 'step', 'target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'SQL stmts', 'RSS MB', 'app CPU', 'DB CPU', 'load'], rows));
  console.log('(app CPU, DB CPU: CPU milliseconds per request in the app process and in PostgreSQL; load: 1-minute load average)');
  for (const operation of report.operations) {
    if (operation.skippedRates.length > 0) {
      const max = operation.steps[operation.steps.length - 1].throughput;
      console.log(`${operation.name}: ${operation.skippedRates.join(', ')} req/s not run (above its maximum of ${max} req/s)`);
    }
  }
  const bounded = report.operations.filter((operation) => operation.lowerBound);
  if (bounded.length > 0) {
    console.log('');
    console.log(`lower bound: the same answer in one SQL statement, ${report.settings.connections} concurrent (API: closed loop, ${report.settings.connections} connections)`);
    console.log(
      table(
        ['operation', 'same answer', 'API p50', 'SQL p50', 'p50 ratio', 'API req/s', 'SQL req/s', 'req/s ratio', 'SQL p95', 'SQL p99', 'SQL DB CPU'],
        bounded.map((operation) => {
          const api = operation.steps[operation.steps.length - 1];
          const sql = operation.lowerBound!;
          return [
            operation.name,
            operation.sameAnswer?.difference ? 'NO' : `yes (${operation.sameAnswer?.checked ?? 0})`,
            ms(api.latency.p50),
            ms(sql.latency.p50),
            operation.ratio!.p50.toFixed(1),
            api.throughput.toFixed(1),
            sql.throughput.toFixed(1),
            operation.ratio!.throughput.toFixed(1),
            ms(sql.latency.p95),
            ms(sql.latency.p99),
            cpuText(sql.databaseCpuMsPerRequest),
          ];
        }),
      ),
    );
    for (const operation of bounded) {
      if (operation.sameAnswer?.difference) console.log(`  ${operation.name}: answers differ: ${operation.sameAnswer.difference}`);
    }
  }
  printPeers(report);
}

const ratioText = (value: number | null) => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(2));

/** Schakel beside PostGraphile and the HTTP floor: throughput and app CPU ratios, p50 against the floor. */
function printPeers(report: BenchReport): void {
  const compared = report.operations.filter((operation) => operation.peers);
  if (compared.length === 0) return;
  console.log('');
  console.log(`peers (closed loop, ${report.settings.connections} connections): Schakel ÷ PostGraphile 4 and Schakel ÷ the HTTP floor`);
  console.log(
    table(
      ['operation', 'same answer', 'Schakel req/s', 'PostGraphile req/s', 'floor req/s', 'req/s S÷PG', 'app CPU S', 'app CPU PG', 'CPU S÷PG', 'p50 S', 'p50 PG', 'p50 floor', 'p50 S÷floor'],
      compared.map((operation) => {
        const schakel = operation.steps[operation.steps.length - 1];
        const { postgraphile, floor, sameAsPostgraphile } = operation.peers!;
        const divide = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : a / b);
        return [
          operation.name,
          postgraphile ? (sameAsPostgraphile?.difference ? 'NO' : `yes (${sameAsPostgraphile?.checked ?? 0})`) : '—',
          schakel.throughput.toFixed(1),
          postgraphile ? postgraphile.throughput.toFixed(1) : '—',
          floor ? floor.throughput.toFixed(1) : '—',
          ratioText(divide(schakel.throughput, postgraphile?.throughput)),
          cpuText(schakel.cpu.appMsPerRequest),
          cpuText(postgraphile?.cpu.appMsPerRequest ?? null),
          ratioText(divide(schakel.cpu.appMsPerRequest, postgraphile?.cpu.appMsPerRequest)),
          ms(schakel.latency.p50),
          postgraphile ? ms(postgraphile.latency.p50) : '—',
          floor ? ms(floor.latency.p50) : '—',
          ratioText(divide(schakel.latency.p50, floor?.latency.p50)),
        ];
      }),
    ),
  );
  const sequential = compared.filter((operation) => operation.peers!.oneAtATime);
  if (sequential.length > 0) {
    console.log('');
    console.log('one request at a time (1 connection): p50 ms of Schakel, PostGraphile 4 and the HTTP floor');
    console.log(
      table(
        ['operation', 'p50 S', 'p50 PG', 'p50 floor', 'p50 S÷PG', 'p50 S÷floor', 'p99 S', 'p99 floor'],
        sequential.map((operation) => {
          const { schakel, postgraphile, floor } = operation.peers!.oneAtATime!;
          const divide = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : a / b);
          return [
            operation.name,
            ms(schakel.latency.p50),
            postgraphile ? ms(postgraphile.latency.p50) : '—',
            floor ? ms(floor.latency.p50) : '—',
            ratioText(divide(schakel.latency.p50, postgraphile?.latency.p50)),
            ratioText(divide(schakel.latency.p50, floor?.latency.p50)),
            ms(schakel.latency.p99),
            floor ? ms(floor.latency.p99) : '—',
          ];
        }),
      ),
    );
  }
  for (const operation of compared) {
    const difference = operation.peers!.sameAsPostgraphile?.difference;
    if (difference) console.log(`  ${operation.name}: PostGraphile's answer differs: ${difference}`);
  }
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Comparing with an earlier run

function change(before: number, after: number): string {
  if (before === 0) return `${before} → ${after}`;
  const percent = ((after - before) / before) * 100;
  return `${round(before, 2)} → ${round(after, 2)} (${percent >= 0 ? '+' : ''}${percent.toFixed(0)}%)`;
}

/** Per operation, the closed-loop step of both runs: p50, p99, throughput and statements. */
export function printComparison(before: BenchReport, after: BenchReport): void {
  console.log('');
  console.log(`compared with ${before.startedAt} (size ${before.dataset.size}, ${before.machine.cores} × ${before.machine.cpuModel})`);
  const rows: string[][] = [];
  for (const operation of after.operations) {
    const old = before.operations.find((o) => o.name === operation.name);
    if (!old) {
      rows.push([operation.name, 'new', '', '', '']);
      continue;
    }
    const a = old.steps[old.steps.length - 1];
    const b = operation.steps[operation.steps.length - 1];
    rows.push([operation.name, change(a.latency.p50, b.latency.p50), change(a.latency.p99, b.latency.p99), change(a.throughput, b.throughput), `${statementText(old.statements)} → ${statementText(operation.statements)}`]);
  }
  console.log(table(['operation', 'p50 ms', 'p99 ms', 'req/s', 'SQL statements'], rows));
}

export function readReport(file: string): BenchReport {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchReport;
  if (report.kind !== 'schakel-bench') throw new Error(`${file} is not a benchmark report`);
  return report;
}
