import type { Request, RequestHandler, Response } from 'express';
import { type Logger as RateLimitLogger, ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { sha256Hex } from '../auth/credentials';
import type { AppConfig } from '../config';
import { bearerToken } from './authenticate';
import { PostgresRateLimitStore } from './rate-limit-store';

/**
 * Request rate limits with the standard `429 Too Many Requests` and `Retry-After`: one per client
 * address for everything, and one per API key (an organisation's system may run on many
 * addresses). Failed sign-ins are throttled apart, in the login route (`login-throttle.ts`).
 *
 * The counters are fixed one-minute windows in PostgreSQL (`PostgresRateLimitStore`), shared by
 * every replica: N replicas enforce one limit, not N.
 *
 * When the counter cannot be reached (the database is down, or every pool connection busy past
 * DB_CONNECT_TIMEOUT_MS) both limiters fail open: the request goes on uncounted and a warning is
 * logged. Failing closed would answer every request 503 during an outage, including the ones that
 * need no database (the admin app); the rest fail with 503 on their own first statement anyway,
 * and an API key cannot authenticate without the database. Sign-in fails closed: the login
 * throttle counts in the same statement sequence as the password check, so no counter, no sign-in.
 */
export function rateLimits(
  config: AppConfig,
  { dataSource, logger }: { dataSource: DataSource; logger: Logger },
): { perIp: RequestHandler; perKey: RequestHandler } {
  const tooMany = (_req: Request, res: Response) => {
    res.status(429).json({ errors: [{ message: 'Too many requests; slow down and retry after the Retry-After header', extensions: { code: 'TOO_MANY_REQUESTS' } }] });
  };
  const failOpen: RateLimitLogger = {
    error: (error, message) => logger.warn({ err: { message: (error as Error)?.message } }, message ?? 'rate limit store failed'),
    warn: (error, message) => logger.warn({ err: { message: (error as Error)?.message } }, message ?? 'rate limit store warning'),
  };
  const perIp = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimit.perIpPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    skip: (req) => req.path === '/healthz',
    handler: tooMany,
    store: new PostgresRateLimitStore(dataSource, 'http:ip:'),
    passOnStoreError: true,
    logger: failOpen,
  });
  const perKey = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimit.perKeyPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Only authenticated API-key requests reach this with a token; the hash keeps keys out of the table.
    keyGenerator: (req) => sha256Hex(bearerToken(req) ?? ''),
    skip: (req) => !bearerToken(req),
    handler: tooMany,
    store: new PostgresRateLimitStore(dataSource, 'http:key:'),
    passOnStoreError: true,
    logger: failOpen,
  });
  return { perIp, perKey };
}
