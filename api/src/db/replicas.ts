import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReplicaSettings } from '../config';
import { databaseUnavailableReason } from './database-unavailable';

/**
 * The streaming replicas reads may go to (DATABASE_REPLICA_URLS), watched: every
 * REPLICA_CHECK_INTERVAL_MS the primary's WAL position is sampled and each replica's replay
 * position read. A replica whose data is older than REPLICA_MAX_LAG_MS, that does not answer,
 * or that is no longer in recovery (promoted: it is no replica of this primary any more) is taken
 * out until a check finds it well again; a request that finds one gone takes it out at once
 * (`markDown`). Which reads may go to a replica, and read-your-writes, are the routing's
 * (graphql/read-routing.ts); failover of the primary is PostgreSQL's tools' (docs/operations.md).
 */

/** A WAL position (`pg_lsn`, e.g. `0/3000148`) as a number that orders. */
export function lsnValue(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn.trim());
  if (!match) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** How logs and /readyz name a replica: its host and port, never its user or password. */
export function replicaName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}

/** One sample of the primary's WAL position. */
interface Sample {
  at: number;
  lsn: bigint;
}

/**
 * How old a replica's data is, from the primary's recent positions: 0 when it has replayed the
 * newest sample; otherwise the age of the oldest sample it has not replayed (a write it lacks was
 * made no later than that). A pure rule: the monitor and the tests use the same one.
 */
export function replicaLagMs(samples: readonly Sample[], replayed: bigint, now: number): number {
  const newest = samples[samples.length - 1];
  if (!newest || replayed >= newest.lsn) return 0;
  const oldestMissing = samples.find((sample) => sample.lsn > replayed) ?? newest;
  return Math.max(0, now - oldestMissing.at);
}

export interface ReplicaStatus {
  name: string;
  /** In use for reads now. */
  ok: boolean;
  lagMs: number | null;
  /** The replica's replay position at the last check. */
  replayLsn: string | null;
  /** Why it is out, when it is. */
  error?: string;
  checkedAt: string | null;
}

export interface ReplicaRead {
  name: string;
  manager: EntityManager;
}

interface Member {
  name: string;
  dataSource: DataSource;
  initialized: boolean;
  ok: boolean;
  lagMs: number | null;
  replayLsn: string | null;
  replayed: bigint;
  error?: string;
  checkedAt: Date | null;
}

export interface ReplicaSetOptions {
  primary: DataSource;
  /** One data source per replica (createDataSource with the replica's URL), not yet initialised. */
  replicas: ReadonlyArray<{ name: string; dataSource: DataSource }>;
  settings: ReplicaSettings;
  logger?: Pick<Logger, 'warn' | 'info'>;
}

export class ReplicaSet {
  private readonly members: Member[];
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private next = 0;
  private stopped = false;

  constructor(private readonly options: ReplicaSetOptions) {
    this.members = options.replicas.map(({ name, dataSource }) => ({
      name,
      dataSource,
      initialized: false,
      ok: false,
      lagMs: null,
      replayLsn: null,
      replayed: 0n,
      checkedAt: null,
    }));
  }

  get size(): number {
    return this.members.length;
  }

  /** Checks once (so replicas that are well serve from the first request), then every interval. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.settings.checkIntervalMs);
    this.timer.unref();
  }

  /**
   * A replica to read from (round robin among those in use) that has replayed at least
   * `atLeast` (a caller's last write), or null: read from the primary.
   */
  pick(atLeast: bigint | null = null): ReplicaRead | null {
    const usable = this.members.filter((member) => member.ok && (atLeast === null || member.replayed >= atLeast));
    if (usable.length === 0) return null;
    const member = usable[this.next++ % usable.length];
    return { name: member.name, manager: member.dataSource.manager };
  }

  /** A request found the replica unreachable: out now, back when a check finds it well. */
  markDown(name: string, reason: string): void {
    const member = this.members.find((candidate) => candidate.name === name);
    if (!member || !member.ok) return;
    member.ok = false;
    member.error = reason;
    this.options.logger?.warn({ replica: name, reason }, 'read replica taken out');
  }

  /** The primary's WAL position now: what a caller's reads must see after its write. */
  async primaryPosition(manager: EntityManager = this.options.primary.manager): Promise<string> {
    const [{ lsn }] = await manager.query<Array<{ lsn: string }>>(`SELECT pg_current_wal_lsn()::text AS lsn`);
    return lsn;
  }

  status(): ReplicaStatus[] {
    return this.members.map((member) => ({
      name: member.name,
      ok: member.ok,
      lagMs: member.lagMs,
      replayLsn: member.replayLsn,
      ...(member.error ? { error: member.error } : {}),
      checkedAt: member.checkedAt?.toISOString() ?? null,
    }));
  }

  /** One round of checks; overlapping rounds are not started (a slow replica must not pile them up). */
  check(): Promise<void> {
    // A check never fails the process: what went wrong is the replica's state, logged.
    this.running ??= this.round()
      .catch((error: unknown) => this.options.logger?.warn({ err: { message: (error as Error)?.message ?? String(error) } }, 'read replica check failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    await Promise.all(this.members.filter((member) => member.dataSource.isInitialized).map((member) => member.dataSource.destroy().catch(() => undefined)));
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    const { maxLagMs, checkIntervalMs } = this.options.settings;
    try {
      const now = Date.now();
      const lsn = lsnValue(await this.primaryPosition());
      this.samples.push({ at: now, lsn });
      // Enough history to measure a lag well past the limit.
      const keepFrom = now - Math.max(maxLagMs * 4, checkIntervalMs * 10);
      while (this.samples.length > 2 && this.samples[0].at < keepFrom) this.samples.shift();
    } catch {
      // The primary is not answering: its own checks (readiness, the pool) say so; replicas are judged against the last samples.
    }
    // A replica gets twice the interval (at least 2 s) to answer its check: a busy one is slow, not gone.
    await Promise.all(this.members.map((member) => this.checkMember(member, maxLagMs, Math.max(2 * checkIntervalMs, 2000))));
  }

  private async checkMember(member: Member, maxLagMs: number, timeoutMs: number): Promise<void> {
    const wasOk = member.ok;
    try {
      if (!member.dataSource.isInitialized) await member.dataSource.initialize();
      const [row] = await within(
        member.dataSource.query<Array<{ recovering: boolean; lsn: string | null }>>(`SELECT pg_is_in_recovery() AS recovering, pg_last_wal_replay_lsn()::text AS lsn`),
        timeoutMs,
      );
      member.checkedAt = new Date();
      if (!row.recovering || !row.lsn) throw new ReplicaProblem('not in recovery: it is no streaming replica (promoted?)');
      member.replayLsn = row.lsn;
      member.replayed = lsnValue(row.lsn);
      member.lagMs = replicaLagMs(this.samples, member.replayed, Date.now());
      if (member.lagMs > maxLagMs) throw new ReplicaProblem(`${member.lagMs} ms behind the primary (REPLICA_MAX_LAG_MS ${maxLagMs})`);
      member.ok = true;
      delete member.error;
      if (!wasOk) this.options.logger?.info({ replica: member.name, lagMs: member.lagMs }, 'read replica in use');
    } catch (error) {
      member.ok = false;
      member.checkedAt = new Date();
      member.error =
        error instanceof ReplicaProblem ? error.message : databaseUnavailableReason(error) ? `unreachable: ${String((error as Error)?.message ?? error).slice(0, 160)}` : 'check failed';
      if (wasOk) this.options.logger?.warn({ replica: member.name, reason: member.error }, 'read replica taken out');
    }
  }
}

class ReplicaProblem extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReplicaProblem(`did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
