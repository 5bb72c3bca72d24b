import { createHash } from 'node:crypto';

/**
 * The shape of the credentials, which the kernel's HTTP layer needs before any feature runs
 * (docs/security.md): spotting an API key in a query string (http/authenticate.ts) and counting
 * requests per key without storing the key (http/rate-limits.ts). Checking them against the
 * database is the auth feature's (modules/auth/auth.service.ts).
 */

/** API keys look like `skl_<prefix>_<secret>`; only the SHA-256 of the whole key is stored. */
export const API_KEY_PATTERN = /^skl_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
