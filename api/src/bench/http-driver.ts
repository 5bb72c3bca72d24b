import os from 'node:os';
import autocannon from 'autocannon';
import { type CpuReading, perRequest } from './cpu';
import type { BenchOperation, RequestContext } from './operations';
import { type LatencySummary, Sampler, round, summarise } from './stats';

/**
 * Drives one operation over HTTP with autocannon: a fixed request rate (autocannon paces each
 * connection in one-second buckets) or a closed loop (every connection sends its next request
 * as soon as the previous one is answered). Latencies are recorded per response at full
 * precision; errors are non-2xx answers, GraphQL errors in a 200 answer, and connection errors
 * or timeouts.
 */

export interface HttpStep {
  label: string;
  /** Requests per second over all connections; null: closed loop. */
  rate: number | null;
  connections: number;
  durationSeconds: number;
}

export interface ErrorCounts {
  non2xx: number;
  graphql: number;
  transport: number;
  total: number;
  /** The first error body seen, to say what went wrong. */
  example: string | null;
}

export interface HttpStepResult {
  label: string;
  targetRate: number | null;
  connections: number;
  durationSeconds: number;
  requests: number;
  throughput: number;
  latency: LatencySummary;
  errors: ErrorCounts;
  /** How many responses reported each SQL statement count (x-sql-statements). */
  statements: Record<string, number>;
  rss: { peak: number; mean: number };
  /** The machine's 1-minute load average when the step ended (other work on the machine shows here). */
  loadAverage: number;
  /** CPU milliseconds per request in the app and in PostgreSQL (null when not measurable). */
  cpu: { appMsPerRequest: number | null; databaseMsPerRequest: number | null };
}

export interface HttpTarget {
  url: string;
  rss(): number | null;
  cpuMs(): CpuReading | null;
  databaseCpuMs(): CpuReading | null;
  /** Resolves when requests cut off at the end of the previous step have finished in the app. */
  idle(): Promise<void>;
}

const GRAPHQL_ERRORS = '"errors":[';

/** Everything autocannon needs to send `operation`'s requests and read their answers. */
export function operationRequest(operation: BenchOperation, tally: ResponseTally): autocannon.Request {
  return {
    method: 'POST',
    path: '/graphql',
    setupRequest: (request, context) => {
      const plan = operation.next(context as RequestContext);
      return {
        ...request,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...plan.headers },
        body: JSON.stringify({ query: operation.document, variables: plan.variables }),
      };
    },
    onResponse: (status, body, context, headers) => {
      tally.record(status, body, headers);
      operation.settle?.(context as RequestContext, status, body);
    },
  };
}

/** Errors and statement counts of the responses of one run. */
export class ResponseTally {
  readonly errors: ErrorCounts = { non2xx: 0, graphql: 0, transport: 0, total: 0, example: null };
  readonly statements: Record<string, number> = {};

  record(status: number, body: string, headers: autocannon.Request['headers']): void {
    const count = headers?.['x-sql-statements'];
    if (typeof count === 'string') this.statements[count] = (this.statements[count] ?? 0) + 1;
    if (status < 200 || status >= 300) this.fail('non2xx', body);
    else if (body.includes(GRAPHQL_ERRORS)) this.fail('graphql', body);
  }

  transportError(message: string): void {
    this.fail('transport', message);
  }

  private fail(kind: 'non2xx' | 'graphql' | 'transport', detail: string): void {
    this.errors[kind] += 1;
    this.errors.total += 1;
    this.errors.example ??= detail.slice(0, 500);
  }
}

/** `record` sees every response's latency too (the load test combines the operations'). */
export async function runHttpStep(target: HttpTarget, operation: BenchOperation, step: HttpStep, record?: (milliseconds: number) => void): Promise<HttpStepResult> {
  await target.idle();
  await operation.beforeStep?.();
  const tally = new ResponseTally();
  const latencies: number[] = [];
  const rss = new Sampler(() => target.rss());
  const cpuBefore = { app: target.cpuMs(), database: target.databaseCpuMs() };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: step.connections,
        duration: step.durationSeconds,
        overallRate: step.rate ?? undefined,
        timeout: 30,
        requests: [operationRequest(operation, tally)],
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    // autocannon emits (client, statusCode, bytes, milliseconds); its typings leave out the client.
    (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
      latencies.push(milliseconds);
      record?.(milliseconds);
    });
    instance.on('reqError', (error: Error) => tally.transportError(error.message));
  });
  const memory = rss.stop();
  const cpu = {
    appMsPerRequest: perRequest(cpuBefore.app, target.cpuMs(), latencies.length),
    databaseMsPerRequest: perRequest(cpuBefore.database, target.databaseCpuMs(), latencies.length),
  };
  const transport = Math.max(tally.errors.transport, result.errors);
  return {
    label: step.label,
    targetRate: step.rate,
    connections: step.connections,
    durationSeconds: round(result.duration),
    requests: latencies.length,
    throughput: round(latencies.length / result.duration, 1),
    latency: summarise(latencies),
    errors: { ...tally.errors, transport, total: tally.errors.non2xx + tally.errors.graphql + transport },
    statements: tally.statements,
    rss: memory,
    loadAverage: round(os.loadavg()[0], 1),
    cpu,
  };
}
