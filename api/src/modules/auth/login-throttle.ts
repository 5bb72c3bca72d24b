import { createHash } from 'node:crypto';
import { ipKeyGenerator } from 'express-rate-limit';
import type { EntityManager } from 'typeorm';
import type { LoginThrottleSettings } from '../../config';
import { COUNT_HIT_ON_CONFLICT, pruneEndedWindows } from '../../db/rate-limit-counter';

/**
 * Failed-login throttling on three fixed-window counters in `rate_limit_counter`:
 *
 * | counter | key | default limit, window | stops |
 * |---|---|---|---|
 * | account × address | `login:account-source:<e-mail hash>:<address>` | 5 / 15 min | guessing one account from one address |
 * | address | `login:source:<address>` | 20 / 15 min | spraying many accounts from one address |
 * | account | `login:account:<e-mail hash>` | 50 / 60 min | guessing one account from many addresses |
 *
 * An attempt is counted *before* the password is checked, in one statement, so parallel attempts
 * cannot slip past a limit: the n-th attempt in a window sees n, and only attempts within every
 * limit get a password check. A successful login gives its attempt back, so the counters count
 * failures; it also clears its account × address counter (the owner typed it right from there).
 *
 * The account counter is only counted for attempts both per-address counters let through, so one
 * address adds at most 5 per window to an account's count: with the defaults an attacker needs ten
 * addresses (for IPv6, ten /56 networks) to lock the owner out everywhere, while one address locks
 * only itself out. Keys use the normalised e-mail whether or not an account has it, so a known and
 * an unknown address are throttled, and answered, alike. E-mails are stored as SHA-256 only.
 */

export interface LoginAttempt {
  allowed: boolean;
  /** When refused: seconds until the counter that refused it lets attempts through again. */
  retryAfterSeconds: number;
  /** The counted hits, to give back on success. */
  counted: CountedHit[];
}

interface CountedHit {
  key: string;
  /** Identifies the window the hit went into (its end, as exact epoch seconds). */
  window: string;
}

interface Tier {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Stage 2 is counted only when every stage-1 counter is within its limit. */
  stage: 1 | 2;
}

interface CounterRow {
  key: string;
  hits: number;
  max_hits: number;
  window: string;
  retry_after_seconds: number;
  inserted: boolean;
}

function tiersOf(settings: LoginThrottleSettings, email: string, ip: string | null) {
  const account = createHash('sha256').update(email, 'utf8').digest('hex');
  // IPv6 clients get a whole network each (/56, as express-rate-limit does), or rotating addresses would escape.
  const source = ipKeyGenerator(ip ?? 'unknown');
  const sourceWindow = settings.sourceWindowMinutes * 60;
  const accountSource: Tier = { key: `login:account-source:${account}:${source}`, limit: settings.perAccountAndSource, windowSeconds: sourceWindow, stage: 1 };
  const tiers: Tier[] = [
    // Lock order: always account × address, then address, then account (no deadlocks between attempts).
    accountSource,
    { key: `login:source:${source}`, limit: settings.perSource, windowSeconds: sourceWindow, stage: 1 },
    { key: `login:account:${account}`, limit: settings.perAccount, windowSeconds: settings.accountWindowMinutes * 60, stage: 2 },
  ];
  return { tiers, resetOnSuccess: accountSource.key };
}

// One statement: count the stage-1 counters; count the stage-2 counter only if none of them is past
// its limit. A window that has ended starts again at 1 (COUNT_HIT_ON_CONFLICT).
const COUNT_SQL = `
  WITH tier AS (
    SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) WITH ORDINALITY AS t(key, max_hits, window_seconds, stage, ord)
  ),
  stage1 AS (
    INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at)
    SELECT key, 1, now() + make_interval(secs => window_seconds) FROM tier WHERE stage = 1 ORDER BY ord
    ${COUNT_HIT_ON_CONFLICT}
    RETURNING c.key, c.hits, c.window_ends_at, c.xmax = 0 AS inserted
  ),
  stage2 AS (
    INSERT INTO rate_limit_counter AS c (key, hits, window_ends_at)
    SELECT key, 1, now() + make_interval(secs => window_seconds) FROM tier
     WHERE stage = 2 AND NOT EXISTS (SELECT 1 FROM stage1 s JOIN tier t USING (key) WHERE s.hits > t.max_hits)
     ORDER BY ord
    ${COUNT_HIT_ON_CONFLICT}
    RETURNING c.key, c.hits, c.window_ends_at, c.xmax = 0 AS inserted
  )
  SELECT r.key, r.hits, t.max_hits, extract(epoch FROM r.window_ends_at)::text AS window,
         greatest(1, ceil(extract(epoch FROM r.window_ends_at - now())))::int AS retry_after_seconds, r.inserted
    FROM (SELECT * FROM stage1 UNION ALL SELECT * FROM stage2) r JOIN tier t USING (key)`;

/** Counts a login attempt for `email` (normalised) from `ip` and says whether it may check a password. */
export async function countLoginAttempt(manager: EntityManager, settings: LoginThrottleSettings, email: string, ip: string | null): Promise<LoginAttempt> {
  const { tiers } = tiersOf(settings, email, ip);
  const rows: CounterRow[] = await manager.query(COUNT_SQL, [
    tiers.map((t) => t.key),
    tiers.map((t) => t.limit),
    tiers.map((t) => t.windowSeconds),
    tiers.map((t) => t.stage),
  ]);
  const over = rows.filter((r) => r.hits > r.max_hits);
  if (rows.some((r) => r.inserted)) await pruneEndedWindows(manager);
  return {
    allowed: over.length === 0,
    retryAfterSeconds: Math.max(0, ...over.map((r) => r.retry_after_seconds)),
    counted: rows.map((r) => ({ key: r.key, window: r.window })),
  };
}

/**
 * After a successful login: clears the account × address counter (the owner typed it right from
 * there) and gives the attempt back to the others, if their window is still the one it was counted
 * in. They keep every other failure: an owner signing in must not wipe an attacker's record.
 *
 * Two statements outside any transaction, each locking its rows in the order `countLoginAttempt`
 * does, so a login that succeeds and one being counted cannot deadlock.
 */
export async function settleSuccessfulLogin(
  manager: EntityManager,
  settings: LoginThrottleSettings,
  email: string,
  ip: string | null,
  attempt: LoginAttempt,
): Promise<void> {
  const { resetOnSuccess } = tiersOf(settings, email, ip);
  const giveBack = attempt.counted.filter((c) => c.key !== resetOnSuccess);
  await manager.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [resetOnSuccess]);
  await manager.query(
    `WITH given AS (
       SELECT c.key FROM rate_limit_counter c
         JOIN unnest($1::text[], $2::numeric[]) WITH ORDINALITY AS g(key, window_end, ord)
           ON c.key = g.key AND extract(epoch FROM c.window_ends_at) = g.window_end
        ORDER BY g.ord
          FOR UPDATE OF c
     )
     UPDATE rate_limit_counter c SET hits = greatest(c.hits - 1, 0) FROM given WHERE c.key = given.key`,
    [giveBack.map((c) => c.key), giveBack.map((c) => c.window)],
  );
}
