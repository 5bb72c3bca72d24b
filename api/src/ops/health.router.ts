import express from 'express';
import type { DataSource } from 'typeorm';
import { databaseUnavailableReason } from '../db/database-unavailable';
import type { ReplicaSet, ReplicaStatus } from '../db/replicas';

export interface Readiness {
  /** False once shutdown has begun: load balancers stop sending new requests. */
  accepting: boolean;
}

export interface ReadinessCheck {
  ready: boolean;
  checks: {
    shutdown: { ok: boolean };
    database: { ok: boolean; latencyMs?: number; error?: string };
    migrations: { ok: boolean; pending?: string[] };
    /** Each read replica (DATABASE_REPLICA_URLS): in use or not, its lag and why it is out. Reported, never a reason to be not ready: the primary serves every read a replica cannot. */
    replicas?: ReplicaStatus[];
  };
}

/** A promise that rejects after `ms` (the readiness probe must answer even when the pool is stuck). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready means: not shutting down, PostgreSQL answers through the application's own pool
 * (so an exhausted pool shows too), and every migration this code knows is applied.
 */
export async function checkReadiness(dataSource: DataSource, readiness: Readiness, timeoutMs: number, replicas?: ReplicaSet): Promise<ReadinessCheck> {
  const result: ReadinessCheck = {
    ready: false,
    checks: { shutdown: { ok: readiness.accepting }, database: { ok: false }, migrations: { ok: false } },
  };
  const started = performance.now();
  try {
    const rows = await within(dataSource.query<Array<{ name: string }>>(`SELECT name FROM ${dataSource.options.migrationsTableName ?? 'migrations'}`), timeoutMs, 'PostgreSQL');
    result.checks.database = { ok: true, latencyMs: Math.round(performance.now() - started) };
    const applied = new Set(rows.map((row) => row.name));
    const pending = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name).filter((name) => !applied.has(name));
    result.checks.migrations = pending.length === 0 ? { ok: true } : { ok: false, pending };
  } catch (error) {
    const reason = databaseUnavailableReason(error);
    // The message of a connection failure names no secrets; anything else is summarised.
    result.checks.database = { ok: false, error: reason ? (error as Error).message.slice(0, 200) : 'database check failed' };
  }
  if (replicas && replicas.size > 0) result.checks.replicas = replicas.status();
  result.ready = result.checks.shutdown.ok && result.checks.database.ok && result.checks.migrations.ok;
  return result;
}

/**
 * `/healthz`: the process is alive and serving HTTP (restart it when this fails).
 * `/readyz`: it can serve requests now (send it traffic only when this is 200).
 */
export function createHealthRouter(deps: { dataSource: DataSource; readiness: Readiness; readyTimeoutMs: number; replicas?: ReplicaSet }): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('cache-control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const check = await checkReadiness(deps.dataSource, deps.readiness, deps.readyTimeoutMs, deps.replicas);
    res
      .status(check.ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: check.ready ? 'ready' : 'not ready', checks: check.checks });
  });
  return router;
}
