import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { DataSource } from 'typeorm';
import { countHit, giveHitBack, readCounter, resetCounter } from '../db/rate-limit-counter';
import { sqlTallyStorage } from '../db/sql-counter';

/**
 * An express-rate-limit store on `rate_limit_counter` in PostgreSQL, so every API replica counts
 * into the same fixed windows and N replicas enforce one limit. A request costs one
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` (atomic: parallel requests on any replica cannot
 * lose a hit), plus a prune of a few ended windows when it creates a row. It goes through the
 * app's DataSource, on its pool.
 *
 * Its statements are left out of the request's SQL tally (`x-sql-statements`, the request log):
 * that counts what serving the request takes, and the limiters add a fixed one per limiter.
 */
export class PostgresRateLimitStore implements Store {
  /** Keys are shared with every other instance on the database (express-rate-limit's double-count check). */
  readonly localKeys = false;
  private windowSeconds = 60;

  /** `prefix` keeps each limiter's keys apart from the others' (and the login throttle's). */
  constructor(
    private readonly dataSource: DataSource,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowSeconds = options.windowMs / 1000;
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    return untallied(async () => {
      const { hits, windowEndsAt } = await countHit(this.dataSource.manager, this.prefix + key, this.windowSeconds);
      return { totalHits: hits, resetTime: windowEndsAt };
    });
  }

  /** Gives a hit back (skipSuccessfulRequests / skipFailedRequests), if its window is still running. */
  decrement(key: string): Promise<void> {
    return untallied(() => giveHitBack(this.dataSource.manager, this.prefix + key));
  }

  resetKey(key: string): Promise<void> {
    return untallied(() => resetCounter(this.dataSource.manager, this.prefix + key));
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return untallied(async () => {
      const counter = await readCounter(this.dataSource.manager, this.prefix + key);
      return counter && { totalHits: counter.hits, resetTime: counter.windowEndsAt };
    });
  }
}

function untallied<T>(fn: () => Promise<T>): Promise<T> {
  return sqlTallyStorage.exit(fn);
}
