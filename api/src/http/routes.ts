import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import createHttpError from 'http-errors';
import type { DataSource } from 'typeorm';
import { ErrorCode, HTTP_STATUS_OF_CODE } from '../common/errors';
import type { AppConfig } from '../config';
import type { ContextFactory } from '../context';
import { sqlTallyStorage } from '../db/sql-counter';
import { respondIfUnavailable } from './unavailable';

/**
 * What the REST routers (hsds, csv, wijkkaart) are built from, and the one error middleware they
 * (and the app, for everything outside GraphQL) answer errors with. Kept apart from the mounting
 * (rest-routes.ts), so the routers import this module without importing themselves back.
 */
export interface RouteDependencies {
  config: AppConfig;
  dataSource: DataSource;
  /** The app's context factory (every feature's loaders), for routers that call the services. */
  createContext: ContextFactory;
  /** The sessions this process keeps checked (http/credential-cache.ts): logout forgets its session here at once. */
  sessions: { forget(token: string): void };
}

/** An http-errors error made by `restError`: its status, code, field and message are the answer. */
/** Sets `x-sql-statements` to the statements this request ran so far (EXPOSE_SQL_COUNT), before a REST answer is sent. */
export function exposeStatementCount(res: Response, config: Pick<AppConfig, 'exposeSqlCount'>): void {
  const tally = sqlTallyStorage.getStore();
  if (tally && config.exposeSqlCount) res.setHeader('x-sql-statements', String(tally.statements));
}

export type RestError = createHttpError.HttpError & { code: string; field?: string };

/** The errors `restError` made; anything else with an HTTP status came from Express or a body parser. */
const restErrors = new WeakSet<Error>();

/**
 * A REST answer other than 200 decided by a router: `{ error: { code, field?, message } }` with
 * `status`. An http-errors error (docs/dependencies.md), so it has what Express and its body
 * parsers' errors have (`status`, `expose`) and `headers` are sent with it (e.g. Retry-After).
 */
export function restError(status: number, code: string, message: string, details: { field?: string; headers?: Record<string, string> } = {}): RestError {
  const error = createHttpError(status, message, { code, ...details }) as RestError;
  restErrors.add(error);
  return error;
}

export interface RestErrorOptions {
  /** Names the API in the log line of an unexpected failure (`hsds: unhandled error`). */
  api: string;
  /** The answer to a body over the parser's limit (HTTP 413). */
  tooLarge?: { code: string; message: string };
  /** Status and code of the other 4xx raised by Express and its body parsers (bad JSON, an undecodable %-escape). Default: the parser's status, BAD_USER_INPUT. */
  malformed?: (status: number) => { status: number; code: string };
  /** The message of a masked failure. Default: "Internal server error (correlation id …)". */
  internalMessage?: (correlationId: string) => string;
  /** Runs before every answer (e.g. to set a header). */
  beforeSend?: (res: Response) => void;
}

/**
 * The error middleware of every REST router and of the app: the kernel's errors (`restError`, the
 * coded GraphQL errors of the services, with the statuses of HTTP_STATUS_OF_CODE) become
 * `{ error: { code, field?, message } }`; what Express and its body parsers refuse keeps their
 * client status (413, 415, 400) under `tooLarge` / `malformed`, with a fixed message (theirs name
 * parser internals); an unavailable database becomes 503 with Retry-After; anything else is
 * masked: logged through the request's pino logger (with its redaction, see logging.ts) under a
 * correlation id, which is all the client gets.
 */
export function restErrorHandler(options: RestErrorOptions): ErrorRequestHandler {
  const tooLarge = options.tooLarge ?? { code: ErrorCode.BAD_USER_INPUT, message: 'Request body too large' };
  const malformed = options.malformed ?? ((status: number) => ({ status, code: ErrorCode.BAD_USER_INPUT }));
  const internalMessage = options.internalMessage ?? ((correlationId: string) => `Internal server error (correlation id ${correlationId})`);
  return (error: unknown, req, res, _next) => {
    const send = (status: number, body: { error: Record<string, unknown> }, headers?: Record<string, string>) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      options.beforeSend?.(res);
      if (headers) res.set(headers);
      res.status(status).json(body);
    };
    if (error instanceof Error && restErrors.has(error)) {
      const { status, code, field, message, headers } = error as RestError;
      send(status, { error: { code, ...(field ? { field } : {}), message } }, headers);
      return;
    }
    // Coded errors from the services (an unknown area in a filter, a conflict from a concurrent import).
    const code = error instanceof GraphQLError ? error.extensions?.code : undefined;
    if (typeof code === 'string' && code !== ErrorCode.SERVICE_UNAVAILABLE && HTTP_STATUS_OF_CODE[code]) {
      const field = typeof (error as GraphQLError).extensions.field === 'string' ? { field: (error as GraphQLError).extensions.field } : {};
      send(HTTP_STATUS_OF_CODE[code], { error: { code, ...field, message: (error as GraphQLError).message } });
      return;
    }
    const refused = clientErrorOf(error);
    if (refused?.status === 413) {
      send(413, { error: { code: tooLarge.code, message: tooLarge.message } });
      return;
    }
    if (refused) {
      const answer = malformed(refused.status);
      send(answer.status, { error: { code: answer.code, message: 'Malformed request' } });
      return;
    }
    if (respondIfUnavailable(error, res)) return;
    const correlationId = randomUUID();
    req.log?.error({ err: error, correlationId }, `${options.api}: unhandled error`);
    send(500, { error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: internalMessage(correlationId), correlationId } });
  };
}

/**
 * What Express or a body parser refused as the client's mistake (a body over the limit, bad JSON,
 * an unsupported charset): an http-errors error with `expose` and a 4xx status. Express' own 400
 * for an undecodable %-escape in the path has a numeric `status` only; http-errors reads it the
 * same way.
 */
function clientErrorOf(error: unknown): createHttpError.HttpError | null {
  const status = (error as { status?: unknown } | null)?.status;
  if (!(error instanceof Error) || typeof status !== 'number' || status < 400 || status >= 500) return null;
  const httpError = createHttpError.isHttpError(error) ? error : createHttpError(error);
  return httpError.expose ? httpError : null;
}
