import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppConfig } from '../config';
import { bearerToken } from './authenticate';
import { sha256Hex } from '../modules/auth/auth.service';

/**
 * Request rate limits with the standard `429 Too Many Requests` and `Retry-After`: one per client
 * address for everything, and one per API key (an organisation's system may run on many
 * addresses). Counters live in memory, so with several replicas each enforces its own share.
 */
export function rateLimits(config: AppConfig): { perIp: RequestHandler; perKey: RequestHandler } {
  const tooMany = (_req: Request, res: import('express').Response) => {
    res.status(429).json({ errors: [{ message: 'Too many requests; slow down and retry after the Retry-After header', extensions: { code: 'TOO_MANY_REQUESTS' } }] });
  };
  const perIp = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimit.perIpPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    skip: (req) => req.path === '/healthz',
    handler: tooMany,
  });
  const perKey = rateLimit({
    windowMs: 60_000,
    limit: config.rateLimit.perKeyPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // Only authenticated API-key requests reach this with a token; the hash keeps keys out of memory dumps.
    keyGenerator: (req) => `key:${sha256Hex(bearerToken(req) ?? '')}`,
    skip: (req) => !bearerToken(req),
    handler: tooMany,
  });
  return { perIp, perKey };
}
