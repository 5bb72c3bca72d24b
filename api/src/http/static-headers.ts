import type { RequestHandler, Response } from 'express';

/**
 * A middleware that only sets fixed response headers (helmet's, whose values come from its
 * options alone), replayed: it is run once against a recording response, and every request then
 * gets the same headers set and removed in the same order, without the middleware's chain of a
 * dozen functions per request. If it does anything else (reads the request, answers, calls `next`
 * later or with an error), it is used as it is.
 */
export function replayedHeaders(middleware: RequestHandler): RequestHandler {
  const operations: Array<{ set: string; value: string | number | readonly string[] } | { remove: string }> = [];
  let plain = true;
  let finished = false;
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      operations.push({ set: name, value });
      return recorder;
    },
    removeHeader(name: string) {
      operations.push({ remove: name });
    },
  };
  const request = new Proxy({}, { get: () => ((plain = false), undefined) });
  const response = new Proxy(recorder, {
    get: (target, property) => (property in target ? target[property as keyof typeof target] : ((plain = false), undefined)),
  });
  try {
    middleware(request as never, response as unknown as Response, (error?: unknown) => {
      if (error !== undefined) plain = false;
      finished = true;
    });
  } catch {
    plain = false;
  }
  if (!plain || !finished) return middleware;
  return (_req, res, next) => {
    for (const operation of operations) {
      if ('set' in operation) res.setHeader(operation.set, operation.value);
      else res.removeHeader(operation.remove);
    }
    next();
  };
}
