import type { EntityManager } from 'typeorm';

/**
 * The SQL of `rate_limit_counter` (db migration 1765000000000): fixed-window counters shared by
 * every API process, one row per key. Used by the HTTP rate limits (`http/rate-limit-store.ts`)
 * and the login throttle (`modules/auth/login-throttle.ts`); keys carry their user's prefix
 * (`http:ip:`, `http:key:`, `login:`).
 */

/**
 * The `ON CONFLICT (key) DO UPDATE` of a hit on `rate_limit_counter AS c`, whose inserted row
 * carries the end of a new window: counts one more, or starts the window again at 1 when the
 * stored one has ended. The row lock ON CONFLICT takes serialises hits on one key, so each sees
 * the hits of all before it.
 */
export const COUNT_HIT_ON_CONFLICT = countHitsOnConflict('1');

/** `COUNT_HIT_ON_CONFLICT` for `amount` hits at once (an SQL expression: a literal or a parameter). */
function countHitsOnConflict(amount: string): string {
  return `ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN c.window_ends_at <= now() THEN ${amount} ELSE c.hits + ${amount} END,
      window_ends_at = CASE WHEN c.window_ends_at <= now() THEN EXCLUDED.window_ends_at ELSE c.window_ends_at END`;
}

// synchronous_commit off for this statement's own transaction only (set_config local): the hit
// commits without waiting for its WAL flush. A crash may forget the last fraction of a second of
// hits, which only lets a few requests through; waiting for the flush took most of the cost.
const COUNT_HITS_SQL = `
  INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at)
  SELECT $1, $3::int, now() + make_interval(secs => $2::double precision) FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait
  ${countHitsOnConflict('$3::int')}
  RETURNING c.hits, c.window_ends_at, c.xmax = 0 AS inserted`;

/** How many dead rows a hit that creates a row deletes: more than it adds, so the table stays small. */
export const PRUNE_BATCH = 20;

export interface CounterState {
  hits: number;
  windowEndsAt: Date;
}

/**
 * Counts `amount` hits (one unless given) on `key` in its current window (a new one of
 * `windowSeconds` when none is running): one statement, plus a cheap prune when the hit created
 * a row. Answers the count with these hits included.
 */
export async function countHit(manager: EntityManager, key: string, windowSeconds: number, amount = 1): Promise<CounterState> {
  const [row]: Array<{ hits: number; window_ends_at: Date; inserted: boolean }> = await manager.query(COUNT_HITS_SQL, [key, windowSeconds, amount]);
  if (row.inserted) await pruneEndedWindows(manager);
  return { hits: row.hits, windowEndsAt: row.window_ends_at };
}

/** Gives one hit back to `key`'s running window (never below 0; nothing once the window has ended). */
export async function giveHitBack(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`UPDATE rate_limit_counter SET hits = greatest(hits - 1, 0) WHERE key = $1 AND window_ends_at > now()`, [key]);
}

/** Forgets `key`'s counter: its next hit starts a new window. */
export async function resetCounter(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [key]);
}

/** `key`'s running window, or undefined when it has none. */
export async function readCounter(manager: EntityManager, key: string): Promise<CounterState | undefined> {
  const [row]: Array<{ hits: number; window_ends_at: Date }> = await manager.query(
    `SELECT hits, window_ends_at FROM rate_limit_counter WHERE key = $1 AND window_ends_at > now()`,
    [key],
  );
  return row ? { hits: row.hits, windowEndsAt: row.window_ends_at } : undefined;
}

/**
 * Deletes a few counters whose window has ended (any caller's: an ended window is dead). SKIP
 * LOCKED: rows other requests are counting on are left for a later prune.
 */
export async function pruneEndedWindows(manager: EntityManager): Promise<void> {
  await manager.query(
    `DELETE FROM rate_limit_counter WHERE key IN (
       SELECT key FROM rate_limit_counter WHERE window_ends_at < now() ORDER BY window_ends_at LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    [PRUNE_BATCH],
  );
}
