import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { WebhookSettings } from '../../config';
import { WebhookDeliveryStatus } from './webhook.entity';
import { SecretUnavailableError, decryptSecret, signatureHeader } from './webhook.secrets';
import { type Resolver, type WebhookTarget, WebhookTargetError, pinnedLookup, resolveWebhookTarget, systemResolver, targetPolicy } from './webhook.target';

/**
 * The webhook delivery worker (started by main.ts, stopped on shutdown; tests start their own).
 *
 * 1. The outbox (`webhook_delivery`) is filled in the transaction of each referral change.
 * 2. The relay, every WEBHOOK_RELAY_INTERVAL_MS, takes due PENDING rows (FOR UPDATE SKIP
 *    LOCKED, so several processes can run it) and, in the same transaction, marks them queued
 *    and inserts one pg-boss job per row. A row and its job commit together; a row whose job
 *    got lost anyway (`queued_until` passed) is queued again.
 * 3. pg-boss workers (WEBHOOK_CONCURRENCY) take the jobs. A job claims its row with a lease
 *    (`locked_until`); a duplicate job, or one for a row already delivered, finds nothing to
 *    claim and ends. Before each attempt the URL is checked again and its name resolved; every
 *    address must be public (webhook.target.ts), and the request connects to the address that
 *    was checked, not to a second lookup's (DNS rebinding). A refused target fails the
 *    delivery at once, without a connection; a name that does not resolve is retried. The
 *    POST is signed, limited by WEBHOOK_TIMEOUT_MS (DNS included) and never follows
 *    redirects. The attempt and the new state commit together: DELIVERED on 2xx, otherwise
 *    PENDING again after an exponential backoff, or FAILED after WEBHOOK_MAX_ATTEMPTS.
 * Delivery is at least once: a process that dies after the endpoint answered but before the
 * attempt was recorded sends the event again, with the same `Schakel-Event-Id`.
 */

export const DELIVERY_QUEUE = 'webhook-delivery';
const RELAY_BATCH = 100;
/** A queued row whose job has not claimed it by then is queued again. */
const REQUEUE_AFTER_MS = 5 * 60_000;
const MAINTENANCE_INTERVAL_MS = 10 * 60_000;

export interface WebhookWorker {
  /** Stops the relay and the queue workers, letting a delivery in flight finish. */
  stop(): Promise<void>;
  /** Runs one relay pass now (tests); resolves to the number of deliveries queued. */
  relayNow(): Promise<number>;
}

export interface WebhookWorkerOptions {
  dataSource: DataSource;
  settings: WebhookSettings;
  logger: Logger;
  /** pg-boss's own connection pool; default: the DataSource's URL. */
  databaseUrl?: string;
  /** Resolves endpoint names before each attempt; default: the system resolver (tests inject answers). */
  resolve?: Resolver;
}

/** Rows of a statement run in `tx` (UPDATE … RETURNING included). */
async function rows<T>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return ((await tx.queryRunner!.query(sql, params, true)) as { records: T[] }).records ?? [];
}

/** `delay × 2^(attempt − 1)`, capped, ±20 % jitter so retries of many deliveries spread out. */
export function backoffMs(settings: WebhookSettings, attempt: number): number {
  const base = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function describeError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; code?: string; message?: string; cause?: { name?: string; code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
  const cause = e?.cause ?? e;
  const text = cause?.code && !cause.message?.includes(cause.code) ? `${cause.code} ${cause.message ?? ''}`.trim() : (cause?.message ?? String(error));
  return text.slice(0, 500);
}

/**
 * POSTs `body` to `url`, connecting to `target` (the checked address) only: `lookup` is pinned,
 * TLS SNI and Host stay the URL's name. No connection pool (each delivery its own socket) and
 * no redirects (node:http follows none). Answers the status; the response body is not read.
 */
function post(url: URL, target: WebhookTarget, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<number> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false, lookup: pinnedLookup(target), signal },
      (response) => {
        response.on('error', () => undefined);
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface Claimed {
  id: string;
  attempts: number;
  payload: Record<string, unknown>;
  event_type: string;
  webhook_id: string;
  organisation_id: string;
  url: string;
  secret_ciphertext: string;
  disabled_at: Date | null;
}

type StoredPayload = {
  type?: string;
  occurredAt?: string;
  referral?: { id?: string; dossierNumber?: string; status?: string; version?: number };
  event?: { id?: string; sequence?: number; type?: string; fromStatus?: string | null; toStatus?: string | null; organisationId?: string | null; actionId?: string };
};

/** The JSON sent, in a fixed key order (the stored jsonb does not keep one): the same bytes on every attempt. */
export function deliveryBody(delivery: { id: string; webhook_id: string; organisation_id: string; payload: Record<string, unknown> }): string {
  const p = delivery.payload as StoredPayload;
  const r = p.referral ?? {};
  const e = p.event ?? {};
  return JSON.stringify({
    id: delivery.id,
    type: p.type,
    occurredAt: p.occurredAt,
    webhookId: delivery.webhook_id,
    organisationId: delivery.organisation_id,
    referral: { id: r.id, dossierNumber: r.dossierNumber, status: r.status, version: r.version },
    event: {
      id: e.id,
      sequence: e.sequence,
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      organisationId: e.organisationId ?? null,
      ...(e.actionId ? { actionId: e.actionId } : {}),
    },
  });
}

function deliveryQueueOptions(settings: WebhookSettings): PgBoss.Queue {
  return {
    name: DELIVERY_QUEUE,
    // Retries of the job itself (a database error in the worker); endpoint failures are retried through the outbox.
    retryLimit: 3,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: Math.ceil(settings.timeoutMs / 1000) + 60,
  };
}

/**
 * Installs or migrates pg-boss's schema (`pgboss`) and creates the delivery queue (a table of
 * its own): DDL, so run by the database owner before the app starts (db/migrate.ts).
 */
export async function installJobQueue(ownerUrl: string, settings: WebhookSettings): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, application_name: 'schakel-migrate', max: 1, schedule: false, supervise: false, migrate: true });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    await boss.createQueue(DELIVERY_QUEUE, deliveryQueueOptions(settings));
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function startWebhookWorker(options: WebhookWorkerOptions): Promise<WebhookWorker> {
  const { dataSource, settings } = options;
  const resolve = options.resolve ?? systemResolver;
  const policy = targetPolicy(settings);
  const log = options.logger.child({ component: 'webhooks' });
  const connectionString = options.databaseUrl ?? (dataSource.options as { url?: string }).url;
  if (!connectionString) throw new Error('The webhook worker needs the database URL');
  let stopping = false;

  const boss = new PgBoss({
    connectionString,
    application_name: 'schakel-webhooks',
    max: settings.concurrency + 2,
    // No cron schedules; maintenance (expiring jobs of dead workers, archiving) stays on.
    schedule: false,
    // The schema is the owner's: installJobQueue ran at start (db/migrate.ts); the app role may not create tables.
    migrate: false,
  });
  boss.on('error', (error: Error) => {
    if (!stopping) log.warn({ err: { message: error.message } }, 'job queue error');
  });
  await boss.start();
  await boss.createQueue(DELIVERY_QUEUE, deliveryQueueOptions(settings));

  /** Rows of one statement outside a transaction (UPDATE … RETURNING included). */
  async function statement<T>(sql: string, params: unknown[]): Promise<T[]> {
    const runner = dataSource.createQueryRunner();
    try {
      return ((await runner.query(sql, params, true)) as { records: T[] }).records ?? [];
    } finally {
      await runner.release();
    }
  }

  async function relay(): Promise<number> {
    const queued = await dataSource.transaction(async (tx) => {
      const due = await rows<{ id: string }>(
        tx,
        `WITH due AS (
           SELECT id FROM webhook_delivery
            WHERE status = 'PENDING' AND next_attempt_at <= now()
              AND (queued_until IS NULL OR queued_until < now())
              AND (locked_until IS NULL OR locked_until < now())
            ORDER BY next_attempt_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
         UPDATE webhook_delivery d SET queued_until = now() + $2 * interval '1 millisecond'
           FROM due WHERE d.id = due.id
         RETURNING d.id`,
        [RELAY_BATCH, Math.max(REQUEUE_AFTER_MS, settings.timeoutMs + 60_000)],
      );
      if (due.length > 0) {
        // The jobs go into pg-boss's tables in this same transaction.
        const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await rows(tx, text, values) }) };
        await boss.insert(
          due.map((row) => ({ name: DELIVERY_QUEUE, data: { deliveryId: row.id } })),
          { db },
        );
      }
      return due.length;
    });
    if (queued > 0) for (const id of workerIds) boss.notifyWorker(id);
    return queued;
  }

  /** `final`: no retry whatever the attempts left (a refused target). */
  async function record(claimed: Claimed, result: { statusCode: number | null; error: string | null; durationMs: number; final: boolean }): Promise<WebhookDeliveryStatus> {
    const attempt = claimed.attempts + 1;
    const status =
      result.error === null ? WebhookDeliveryStatus.DELIVERED : result.final || attempt >= settings.maxAttempts ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
    await dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO webhook_delivery_attempt (delivery_id, attempt, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`, [
        claimed.id,
        attempt,
        result.statusCode,
        result.error,
        result.durationMs,
      ]);
      await tx.query(
        `UPDATE webhook_delivery
            SET attempts = $2::int, status = $3::varchar, last_attempt_at = now(), last_status_code = $4::int, last_error = $5::varchar,
                delivered_at = CASE WHEN $3::varchar = 'DELIVERED' THEN now() END,
                next_attempt_at = CASE WHEN $3::varchar = 'PENDING' THEN now() + $6::int * interval '1 millisecond' ELSE next_attempt_at END,
                locked_until = NULL, queued_until = NULL
          WHERE id = $1`,
        [claimed.id, attempt, status, result.statusCode, result.error, status === WebhookDeliveryStatus.PENDING ? backoffMs(settings, attempt) : 0],
      );
    });
    return status;
  }

  async function deliver(deliveryId: string): Promise<void> {
    const [claimed] = await statement<Claimed>(
      `UPDATE webhook_delivery d SET locked_until = now() + $2 * interval '1 millisecond'
         FROM webhook w
        WHERE d.id = $1 AND w.id = d.webhook_id AND d.status = 'PENDING' AND d.next_attempt_at <= now()
          AND (d.locked_until IS NULL OR d.locked_until < now())
        RETURNING d.id, d.attempts, d.payload, d.event_type, w.id AS webhook_id, w.organisation_id, w.url, w.secret_ciphertext, w.disabled_at`,
      [deliveryId, settings.timeoutMs + 30_000],
    );
    // Already delivered, rescheduled, or taken by another worker: a stale or duplicate job.
    if (!claimed) return;
    const target = { deliveryId: claimed.id, webhookId: claimed.webhook_id, eventType: claimed.event_type, attempt: claimed.attempts + 1 };
    if (claimed.disabled_at) {
      await dataSource.query(`UPDATE webhook_delivery SET status = $2, last_error = 'webhook disabled', locked_until = NULL, queued_until = NULL WHERE id = $1`, [
        claimed.id,
        WebhookDeliveryStatus.CANCELLED,
      ]);
      return;
    }
    const body = deliveryBody(claimed);
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let refused: WebhookTargetError | null = null;
    try {
      const secret = decryptSecret(claimed.secret_ciphertext, claimed.webhook_id, settings.secretKey);
      const signal = AbortSignal.timeout(settings.timeoutMs);
      const url = new URL(claimed.url);
      const checked = await resolveWebhookTarget(url, policy, resolve, signal);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'Schakel-Webhooks/1',
        'schakel-event-id': claimed.id,
        'schakel-event-type': claimed.event_type,
        'schakel-timestamp': String(timestamp),
        'schakel-signature': signatureHeader(secret, timestamp, body),
      };
      statusCode = await post(url, checked, headers, body, signal);
      if (statusCode < 200 || statusCode >= 300) error = statusCode >= 300 && statusCode < 400 ? `HTTP ${statusCode} (redirects are not followed)` : `HTTP ${statusCode}`;
    } catch (caught) {
      if (caught instanceof WebhookTargetError) {
        error = caught.message;
        if (caught.permanent) refused = caught;
      } else {
        error = caught instanceof SecretUnavailableError ? `cannot sign: ${caught.message}` : describeError(caught, settings.timeoutMs);
      }
    }
    const durationMs = Math.round(performance.now() - started);
    const status = await record(claimed, { statusCode, error, durationMs, final: refused !== null });
    const host = (() => {
      try {
        return new URL(claimed.url).host;
      } catch {
        return null;
      }
    })();
    // The endpoint's host only: query strings may carry the receiver's own tokens. Never the secret.
    if (status === WebhookDeliveryStatus.DELIVERED) log.info({ ...target, host, statusCode, durationMs }, 'webhook delivered');
    // For the operator (an SSRF attempt or a misconfigured endpoint): which ranges, not shown to the partner.
    else if (refused) log.warn({ ...target, host, error, refusedRanges: refused.detail, status }, 'webhook target refused: not a public address, delivery failed without a connection');
    else log.warn({ ...target, host, statusCode, error, durationMs, status }, status === WebhookDeliveryStatus.FAILED ? 'webhook delivery failed for good' : 'webhook delivery failed, will retry');
  }

  const workerIds: string[] = [];
  for (let i = 0; i < settings.concurrency; i++) {
    workerIds.push(
      await boss.work<{ deliveryId: string }>(DELIVERY_QUEUE, { batchSize: 1, pollingIntervalSeconds: settings.pollIntervalMs / 1000 }, async (jobs) => {
        for (const job of jobs) {
          try {
            await deliver(job.data.deliveryId);
          } catch (error) {
            // pg-boss retries the job; the outbox row stays leased until then (or is queued again by the relay).
            log.warn({ deliveryId: job.data.deliveryId, err: { message: (error as Error).message } }, 'webhook delivery job failed');
            throw error;
          }
        }
      }),
    );
  }

  async function maintain(): Promise<void> {
    await dataSource.query(`DELETE FROM idempotency_key WHERE expires_at < now()`);
    await dataSource.query(`DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND created_at < now() - $1 * interval '1 day'`, [settings.deliveryRetentionDays]);
  }

  let relayTimer: NodeJS.Timeout | null = null;
  let maintenanceTimer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    relayTimer = setTimeout(() => {
      running = relay()
        .catch((error: Error) => log.warn({ err: { message: error.message } }, 'webhook relay failed'))
        .finally(() => {
          if (!stopping) loop();
        });
    }, settings.relayIntervalMs);
  };
  const housekeeping = () => {
    maintenanceTimer = setTimeout(() => {
      maintain()
        .catch((error: Error) => log.warn({ err: { message: error.message } }, 'webhook housekeeping failed'))
        .finally(() => {
          if (!stopping) housekeeping();
        });
    }, MAINTENANCE_INTERVAL_MS);
    maintenanceTimer.unref();
  };
  await maintain().catch((error: Error) => log.warn({ err: { message: error.message } }, 'webhook housekeeping failed'));
  running = relay().catch((error: Error) => log.warn({ err: { message: error.message } }, 'webhook relay failed'));
  loop();
  housekeeping();
  log.info({ concurrency: settings.concurrency, encrypted: settings.secretKey !== null }, 'webhook worker started');

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      if (relayTimer) clearTimeout(relayTimer);
      if (maintenanceTimer) clearTimeout(maintenanceTimer);
      await running;
      await boss.stop({ graceful: true, timeout: settings.timeoutMs + 2000 });
      log.info('webhook worker stopped');
    },
    relayNow: relay,
  };
}
