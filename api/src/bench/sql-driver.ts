import type { Pool } from 'pg';
import { type CpuReading, perRequest } from './cpu';
import type { LowerBound } from './operations';
import { type LatencySummary, round, summarise } from './stats';

/**
 * Runs an operation's lower-bound SQL through a pg Pool, `concurrency` queries in flight at
 * once (a closed loop, like the HTTP run's connections), for `durationSeconds`. The JSON stays
 * text (`::text`): the client receives it as the HTTP client receives the API's answer.
 */

export interface SqlStepResult {
  concurrency: number;
  durationSeconds: number;
  requests: number;
  throughput: number;
  latency: LatencySummary;
  errors: number;
  /** PostgreSQL CPU milliseconds per query (null when not measurable). */
  databaseCpuMsPerRequest: number | null;
}

export async function runSqlStep(
  pool: Pool,
  lowerBound: LowerBound,
  variables: () => Record<string, unknown>,
  concurrency: number,
  durationSeconds: number,
  databaseCpuMs: () => CpuReading | null = () => null,
): Promise<SqlStepResult> {
  const cpuBefore = databaseCpuMs();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const params = lowerBound.params(variables());
      const t0 = performance.now();
      try {
        await pool.query(lowerBound.sql, params);
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    concurrency,
    durationSeconds: round(elapsed),
    requests: latencies.length,
    throughput: round(latencies.length / elapsed, 1),
    latency: summarise(latencies),
    errors,
    databaseCpuMsPerRequest: perRequest(cpuBefore, databaseCpuMs(), latencies.length),
  };
}
