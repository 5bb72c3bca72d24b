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
 * Hits are taken in blocks (`blockSize`): while many of the limit are left, a process counts up to
 * an eighth of what is left (at most 50) in one statement and hands them out to its next requests
 * from memory; with fewer than 64 left it counts one at a time, so the last hits are exact. The
 * limit is never exceeded; a block a process has not used up by the end of the window counts
 * against every process (they may refuse up to that many early). The statement per request cost
 * about a fifth of a small read's throughput (docs/benchmarks.md, "Rate-limit counters in blocks").
 *
 * Its statements are left out of the request's SQL tally (`x-sql-statements`, the request log):
 * that counts what serving the request takes, and the limiters add a fixed one per limiter.
 */
/** Hits counted in a window and not yet handed out: positions `next` … `upTo` of its count. */
interface Block {
  windowEndsAt: Date;
  next: number;
  upTo: number;
  /** The window's count when the block was taken (every process's hits). */
  counted: number;
}

/** While this many or more hits of the limit are left, they are counted in blocks. */
export const BLOCKS_FROM_REMAINING = 64;
export const MAX_BLOCK = 50;

/** How many hits to count at once when `remaining` of the window's limit are left (at least 1). */
export function blockSize(remaining: number): number {
  return remaining < BLOCKS_FROM_REMAINING ? 1 : Math.min(MAX_BLOCK, Math.floor(remaining / 8));
}

export class PostgresRateLimitStore implements Store {
  /** Keys are shared with every other instance on the database (express-rate-limit's double-count check). */
  readonly localKeys = false;
  private windowSeconds = 60;
  private limit: number | null = null;
  private readonly blocks = new Map<string, Block>();
  private readonly counting = new Map<string, Promise<void>>();

  /** `prefix` keeps each limiter's keys apart from the others' (and the login throttle's). */
  constructor(
    private readonly dataSource: DataSource,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowSeconds = options.windowMs / 1000;
    // A limit that is a function may differ per request: then every hit is counted on its own.
    this.limit = typeof options.limit === 'number' && options.limit > 0 ? options.limit : null;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    for (;;) {
      const block = this.blocks.get(key);
      if (block && block.windowEndsAt.getTime() > Date.now() && block.next <= block.upTo) {
        const position = block.next;
        block.next += 1;
        return { totalHits: position, resetTime: block.windowEndsAt };
      }
      await (this.counting.get(key) ?? this.countBlock(key, block));
    }
  }

  /** Counts the next block of `key`'s hits (one statement; the key's requests meanwhile wait for it). */
  private countBlock(key: string, last: Block | undefined): Promise<void> {
    const seen = last && last.windowEndsAt.getTime() > Date.now() ? last.counted : 0;
    const amount = this.limit === null ? 1 : blockSize(this.limit - seen);
    const counted = untallied(() => countHit(this.dataSource.manager, this.prefix + key, this.windowSeconds, amount))
      .then(({ hits, windowEndsAt }) => {
        const next = hits - amount + 1;
        // Positions past the limit are not kept: the next request counts again (and is refused while the
        // window is full, as each one was before blocks). A refusal is handed out as its position.
        const upTo = this.limit === null || hits <= this.limit ? hits : Math.max(this.limit, next);
        this.blocks.set(key, { windowEndsAt, next, upTo, counted: hits });
      })
      .finally(() => this.counting.delete(key));
    this.counting.set(key, counted);
    return counted;
  }

  /** Gives a hit back (skipSuccessfulRequests / skipFailedRequests), if its window is still running. */
  decrement(key: string): Promise<void> {
    this.blocks.delete(key);
    return untallied(() => giveHitBack(this.dataSource.manager, this.prefix + key));
  }

  resetKey(key: string): Promise<void> {
    this.blocks.delete(key);
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
