import type { Response } from 'express';
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGES, databaseUnavailableReason } from '../db/database-unavailable';

/**
 * Answers 503 with Retry-After when `error` is the database being unavailable (or a statement
 * timeout) and returns true; false for every other error. The body has the REST shape
 * (`error`) and the GraphQL shape (`errors`), so every client finds the code.
 */
export function respondIfUnavailable(error: unknown, res: Response): boolean {
  const reason = databaseUnavailableReason(error);
  if (!reason) return false;
  res.locals.unavailableReason = reason;
  res.log?.warn({ reason, err: { message: (error as Error)?.message } }, 'database unavailable');
  if (res.headersSent) {
    res.end();
    return true;
  }
  const message = UNAVAILABLE_MESSAGES[reason];
  res
    .status(503)
    .set('retry-after', String(RETRY_AFTER_SECONDS))
    .set('cache-control', 'no-store')
    .json({ error: { code: 'SERVICE_UNAVAILABLE', reason, message }, errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE', reason } }] });
  return true;
}
