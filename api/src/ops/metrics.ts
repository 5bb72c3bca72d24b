import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { sqlTallyStorage } from '../db/sql-counter';

/** The node-postgres pool behind TypeORM (its counters are public API of `pg.Pool`). */
interface PoolCounters {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

function poolOf(dataSource: DataSource): PoolCounters | null {
  const pool = (dataSource.driver as unknown as { master?: PoolCounters }).master;
  return pool && typeof pool.totalCount === 'number' ? pool : null;
}

/** Operation names come from clients: keep the label set bounded. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Paths are labelled by their first segment, so ids in URLs never become label values. */
const ROUTES = new Set(['graphql', 'auth', 'hsds', 'csv', 'reports', 'healthz', 'readyz', 'metrics']);
function routeLabel(url: string): string {
  const segment = url.split('?')[0].split('/')[1] ?? '';
  return ROUTES.has(segment) ? `/${segment}` : 'other';
}

export interface Metrics {
  registry: Registry;
  /** Counts and times every HTTP request (mount first). */
  httpMiddleware: express.RequestHandler;
  /** Counts GraphQL operations and their errors by code. */
  apolloPlugin: ApolloServerPlugin;
  /** Counts a GraphQL operation and names it in the request log (the Apollo plugin's part, for direct execution). */
  operation(name: string | null, type: string): void;
  /** A pool error (a connection PostgreSQL dropped while idle). */
  poolError(): void;
  /** `GET /metrics` in the Prometheus text format; with a token, only for `Authorization: Bearer <token>`. */
  handler: express.RequestHandler;
  /** Who may read `/metrics`: `token` (the bearer token), `closed` (a token is required and none is set), `open`. */
  access: MetricsAccess;
}

export type MetricsAccess = 'token' | 'closed' | 'open';

/** What the start-up log line says about `/metrics`. */
export const METRICS_ACCESS_MESSAGE: Record<MetricsAccess, string> = {
  token: 'metrics: /metrics is protected by METRICS_TOKEN (Authorization: Bearer)',
  closed: 'metrics: /metrics is closed, METRICS_TOKEN is required in production and not set',
  open: 'metrics: /metrics is open to anyone who can reach this port (no METRICS_TOKEN)',
};

/** The start-up log line saying whether `/metrics` is protected (a warning when it is closed). */
export function logMetricsAccess(logger: Logger, enabled: boolean, access: MetricsAccess): void {
  if (!enabled) logger.info({ metricsAccess: 'disabled' }, 'metrics: /metrics is off (METRICS_ENABLED=false)');
  else if (access === 'closed') logger.warn({ metricsAccess: access }, METRICS_ACCESS_MESSAGE[access]);
  else logger.info({ metricsAccess: access }, METRICS_ACCESS_MESSAGE[access]);
}

/** SHA-256 first, so the comparison takes the same time whatever the length of what was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Prometheus metrics of one app instance: its own registry (several apps can live in one
 * process, as in the tests), the process defaults (CPU, memory, event loop lag, GC), HTTP
 * requests, GraphQL operations and errors, SQL statements per request and the database pool.
 */
export function createMetrics(options: { dataSource: DataSource; token: string | null; requireToken?: boolean }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({
    name: 'schakel_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'schakel_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, until the response is sent',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const sqlStatements = new Histogram({
    name: 'schakel_sql_statements_per_request',
    help: 'SQL statements one HTTP request sent to PostgreSQL',
    labelNames: ['route'] as const,
    buckets: [0, 1, 2, 5, 10, 20, 50, 100, 500],
    registers: [registry],
  });
  const operations = new Counter({
    name: 'schakel_graphql_operations_total',
    help: 'GraphQL operations by name and type (query, mutation)',
    labelNames: ['operation', 'type'] as const,
    registers: [registry],
  });
  const graphqlErrors = new Counter({
    name: 'schakel_graphql_errors_total',
    help: 'Errors in GraphQL responses by extensions.code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const poolErrors = new Counter({
    name: 'schakel_db_pool_errors_total',
    help: 'Errors raised by idle connections of the database pool (e.g. PostgreSQL restarted)',
    registers: [registry],
  });
  new Gauge({
    name: 'schakel_db_pool_connections',
    help: 'Database pool connections: total open, idle, and requests waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = poolOf(options.dataSource);
      this.set({ state: 'total' }, pool?.totalCount ?? 0);
      this.set({ state: 'idle' }, pool?.idleCount ?? 0);
      this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
    },
  });

  // The labelled series of each method, route and status, looked up once: prom-client hashes the
  // labels on every inc/observe otherwise. Bounded: methods and statuses are few, routes are ROUTES.
  const series = new Map<string, { requests: ReturnType<typeof httpRequests.labels>; duration: ReturnType<typeof httpDuration.labels>; statements: ReturnType<typeof sqlStatements.labels> }>();
  const seriesOf = (method: string, route: string, statusCode: number) => {
    const key = `${method} ${route} ${statusCode}`;
    let found = series.get(key);
    if (!found) {
      const status = String(statusCode);
      found = { requests: httpRequests.labels(method, route, status), duration: httpDuration.labels(method, route, status), statements: sqlStatements.labels(route) };
      if (series.size < 1000) series.set(key, found);
    }
    return found;
  };

  const knownOperations = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'invalid';
    if (knownOperations.has(name)) return name;
    if (knownOperations.size >= MAX_OPERATION_NAMES) return 'other';
    knownOperations.add(name);
    return name;
  };

  const countOperation = (name: string | null, type: string) => {
    operations.inc({ operation: operationLabel(name), type });
    // The request log line names the operation too.
    const tally = sqlTallyStorage.getStore();
    if (tally) {
      tally.operation = name ?? undefined;
      tally.operationType = type;
    }
  };

  const access: MetricsAccess = options.token ? 'token' : options.requireToken ? 'closed' : 'open';
  const expected = options.token ? digest(`Bearer ${options.token}`) : null;

  return {
    registry,
    httpMiddleware(req, res, next) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const series = seriesOf(req.method, routeLabel(req.originalUrl ?? req.url), res.statusCode);
        series.requests.inc();
        series.duration.observe(Number(process.hrtime.bigint() - started) / 1e9);
        const tally = res.locals.sqlTally as { statements: number } | undefined;
        if (tally) series.statements.observe(tally.statements);
      });
      next();
    },
    apolloPlugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ operation, operationName }) {
            if (operation) countOperation(operationName ?? operation.name?.value ?? null, operation.operation);
          },
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') return;
            for (const error of response.body.singleResult.errors ?? []) {
              graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
            }
          },
        };
      },
    },
    operation: countOperation,
    poolError() {
      poolErrors.inc();
    },
    access,
    async handler(req, res) {
      const refuse = (message: string) => {
        res.status(401).set('WWW-Authenticate', 'Bearer').set('cache-control', 'no-store').json({ error: { code: 'UNAUTHENTICATED', message } });
      };
      if (access === 'closed') return refuse('Metrics are closed: set METRICS_TOKEN on the server and send it as Authorization: Bearer <token>');
      if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
        return refuse('The metrics token is missing or wrong (send Authorization: Bearer <METRICS_TOKEN>)');
      }
      res.set('content-type', registry.contentType).set('cache-control', 'no-store').send(await registry.metrics());
    },
  };
}
