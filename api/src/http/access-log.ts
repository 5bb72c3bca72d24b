import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { serializeRequest, serializeResponse } from '../logging';

/**
 * The access log: one line per request when its response finishes (or the client goes away
 * first), with the request's id (`x-request-id` when the client sent a plain one, else a new UUID,
 * echoed in the response), method and redacted URL, status, body size, the time taken and what
 * `completion` adds (the GraphQL operation and the SQL statements it ran). No headers, no
 * bodies: nothing personal reaches the log (docs/security.md).
 *
 * The line has pino-http's shape (`req`, `res`, `responseTime`, "request completed" or, with a
 * status of 500 and above, "request errored" with `err`), but the middleware writes one line and
 * builds nothing else per request: pino-http made two or three child loggers per request, each
 * serialising the request again, 6 % of the app's time on a cheap read (docs/benchmarks.md).
 * `req.log` / `res.log` (a child logger bound to the request, for a router's own error lines)
 * are built only when a handler asks for them.
 */
export function accessLog(logger: Logger, completion: (res: Response) => Record<string, unknown>): RequestHandler {
  return (req, res, next) => {
    const id = requestIdOf(req);
    res.setHeader('x-request-id', id);
    req.id = id;
    let child: Logger | undefined;
    const requestLogger = () => (child ??= logger.child({ req: serializeRequest(req) }));
    for (const target of [req, res]) Object.defineProperty(target, 'log', { configurable: true, enumerable: false, get: requestLogger });
    const started = Date.now();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      res.off('finish', done);
      res.off('close', done);
      const line = { req: serializeRequest(req), ...completion(res), res: serializeResponse(res), responseTime: Date.now() - started };
      if (res.statusCode >= 500) logger.info({ ...line, err: new Error(`failed with status code ${res.statusCode}`) }, 'request errored');
      else logger.info(line, 'request completed');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const first = Array.isArray(header) ? header[0] : header;
  return first && /^[\w.-]{1,100}$/.test(first) ? first : randomUUID();
}

// What the access log puts on every request and response (pino-http declared these before).
declare module 'http' {
  interface IncomingMessage {
    /** The request id (`x-request-id`), set by the access log. */
    id?: string;
    /** A logger bound to the request, built on first use. */
    log?: Logger;
  }
  interface ServerResponse {
    log?: Logger;
  }
}
