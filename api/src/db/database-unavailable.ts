import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';

/** Why a request could not be served by the database; clients see it in `extensions.reason`. */
export type UnavailableReason = 'DATABASE_UNAVAILABLE' | 'STATEMENT_TIMEOUT';

/**
 * SQLSTATEs that mean "the database cannot serve this now", not "this request is wrong":
 * class 08 (connection exception), 53 (insufficient resources: too many connections, out of
 * memory or disk), 57P01–57P05 (administrator/crash shutdown, starting up, database dropped,
 * idle session timeout).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[1-5])$/;
/** query_canceled: PostgreSQL's statement_timeout (the app never cancels statements otherwise). */
const STATEMENT_TIMEOUT_SQLSTATE = '57014';
/** Socket-level failures reaching PostgreSQL. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres reports these without a code. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not queryable|Cannot use a pool after calling end|connect ECONNREFUSED|read ECONNRESET|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)/;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  originalError?: unknown;
  /** graphql-js wraps a thrown non-Error (or an Error of another realm) in NonErrorThrown. */
  thrownValue?: unknown;
}

/**
 * The reason when `error` (or what it wraps: TypeORM's QueryFailedError.driverError, a GraphQL
 * error's originalError, an Error's cause) is the database being unavailable or a statement
 * timeout; null for everything else.
 */
export function databaseUnavailableReason(error: unknown, depth = 0): UnavailableReason | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  if (error instanceof GraphQLError && error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE) {
    return (error.extensions.reason as UnavailableReason | undefined) ?? 'DATABASE_UNAVAILABLE';
  }
  const e = error as ErrorLike & { name?: unknown };
  // TypeORM releases a query runner whose connection failed; the request's next statement then finds it released.
  if (e.name === 'QueryRunnerProviderAlreadyReleasedError' || e.name === 'QueryRunnerAlreadyReleasedError') return 'DATABASE_UNAVAILABLE';
  if (typeof e.code === 'string') {
    if (e.code === STATEMENT_TIMEOUT_SQLSTATE) return 'STATEMENT_TIMEOUT';
    if (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code)) return 'DATABASE_UNAVAILABLE';
  }
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return 'DATABASE_UNAVAILABLE';
  for (const inner of [e.driverError, e.originalError, e.thrownValue, e.cause]) {
    const reason = databaseUnavailableReason(inner, depth + 1);
    if (reason) return reason;
  }
  // AggregateError (e.g. connect to both ::1 and 127.0.0.1 refused).
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const reason = databaseUnavailableReason(inner, depth + 1);
      if (reason) return reason;
    }
  }
  return null;
}

export const UNAVAILABLE_MESSAGES: Record<UnavailableReason, string> = {
  DATABASE_UNAVAILABLE: 'The service is temporarily unavailable (the database cannot be reached); try again shortly',
  STATEMENT_TIMEOUT: 'The request took too long and was cancelled; try again, or narrow it down',
};

/** Seconds a client should wait before retrying (the Retry-After header of a 503). */
export const RETRY_AFTER_SECONDS = 5;

export class ServiceUnavailableError extends GraphQLError {
  constructor(reason: UnavailableReason) {
    super(UNAVAILABLE_MESSAGES[reason], { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason } });
  }
}
