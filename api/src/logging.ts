import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger } from 'pino';

/**
 * What must never reach a log: passwords, API keys, session cookies, webhook secrets and case
 * text (referral summaries, notes). Three layers keep them out:
 *
 * - the request log line carries a few chosen fields (method, the URL with its credentials
 *   redacted, status, duration, request id, content length), never headers or bodies;
 * - errors are logged as type, code, message and stack only: a database error's SQL parameters,
 *   `detail` ("Key (summary)=(…)") and the like hold the values of the statement;
 * - the paths below are censored in whatever else is logged.
 *
 * Tested end to end by src/logging.test.ts, which greps a whole session's log for the secrets.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
];

const CENSOR = '[redacted]';

/**
 * Query parameters whose values are credentials (or, for GraphQL GET requests, `variables`:
 * the values a client sends, which may be case text). Compared case-insensitively, `-` as `_`.
 */
const SECRET_PARAMETERS = new Set([
  'api_key', 'apikey', 'key', 'token', 'access_token', 'refresh_token', 'id_token', 'auth', 'authorization',
  'password', 'passwd', 'pwd', 'secret', 'client_secret', 'signature', 'sig', 'session', 'cookie', 'code', 'variables',
]);

function isSecretParameter(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: judge the name as sent.
  }
  const normal = decoded.trim().toLowerCase().replace(/-/g, '_');
  return SECRET_PARAMETERS.has(normal) || /(password|secret|token|api_?key)/.test(normal);
}

/** A Schakel API key (`skl_<prefix>_<secret>`), wherever it turns up. */
const API_KEY = /skl_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{8,}/;
const API_KEYS = new RegExp(API_KEY.source, 'g');

/** Userinfo (`user:password@`) of an absolute URL. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i;

/**
 * A URL as it may be logged: userinfo and the values of credential query parameters replaced by
 * `[redacted]` (`/graphql?api_key=[redacted]&x=1`). Works on absolute URLs and on request paths.
 */
export function redactUrl(url: string): string {
  const withoutUserinfo = url.replace(USERINFO, `$1${CENSOR}@`);
  const queryStart = withoutUserinfo.indexOf('?');
  if (queryStart < 0) return withoutUserinfo;
  const hashStart = withoutUserinfo.indexOf('#', queryStart);
  const end = hashStart < 0 ? withoutUserinfo.length : hashStart;
  const query = withoutUserinfo
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      if (equals < 0) return pair;
      return isSecretParameter(name) || API_KEY.test(pair.slice(equals + 1)) ? `${name}=${CENSOR}` : pair;
    })
    .join('&');
  return `${withoutUserinfo.slice(0, queryStart)}?${query}`;
}

/** Every URL inside a text (an error message, a stack) redacted like `redactUrl`, and any API key. */
export function redactUrlsInText(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url)).replace(API_KEYS, CENSOR);
}

type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

/** The request of a log line: id, method and the redacted URL. */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') };
}

/** The response of a log line: status and body size. */
export function serializeResponse(res: ServerResponse): Record<string, unknown> {
  const length = res.getHeader?.('content-length');
  return { statusCode: res.statusCode, contentLength: length === undefined ? undefined : Number(length) };
}

/**
 * An error as logged: type, code, message and stack (URLs in them redacted), and its cause the
 * same way. Nothing else: the other properties of database errors (`parameters`, `query`,
 * `detail`, `where`, `driverError`) repeat the statement's values, which can be case text.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) {
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
      return { message: redactUrlsInText((error as { message: string }).message) };
    }
    return error === undefined || error === null ? error : { message: typeof error === 'string' ? redactUrlsInText(error) : typeof error };
  }
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.constructor?.name ?? 'Error',
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: redactUrlsInText(error.message),
    stack: error.stack === undefined ? undefined : redactUrlsInText(error.stack),
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}


export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const logger = pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'schakel-api' },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      serializers: { err: serializeError },
    },
    options.destination,
  );
  return logger;
}
