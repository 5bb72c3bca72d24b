import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { replayedHeaders } from './static-headers';

/** The replayed helmet sets exactly the headers helmet itself sets, in both of the app's configurations. */
describe('replayedHeaders', () => {
  async function headersOf(middleware: RequestHandler): Promise<Record<string, string>> {
    const app = express();
    app.use(middleware);
    app.get('/', (_req, res) => res.json({ ok: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      const headers = Object.fromEntries(response.headers);
      delete headers.date;
      return headers;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it.each([
    ['production', { contentSecurityPolicy: { directives: { 'default-src': ["'self'"], 'img-src': ["'self'", 'data:', 'https:'] } }, crossOriginEmbedderPolicy: false }],
    ['development', { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }],
  ] as const)('sets what helmet sets (%s)', async (_name, options) => {
    const original = helmet(options);
    const replayed = replayedHeaders(original);
    // Replayed, not handed back: helmet only sets headers.
    expect(replayed).not.toBe(original);
    const expected = await headersOf(helmet(options));
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['x-content-type-options', 'strict-transport-security', 'x-frame-options']));
    expect(await headersOf(replayed)).toEqual(expected);
  });

  it('leaves a middleware that reads the request, or calls next later, as it is', () => {
    const reads: RequestHandler = (req, res, next) => {
      res.setHeader('x-path', req.path);
      next();
    };
    const later: RequestHandler = (_req, res, next) => {
      res.setHeader('x-later', '1');
      setImmediate(next);
    };
    expect(replayedHeaders(reads)).toBe(reads);
    expect(replayedHeaders(later)).toBe(later);
  });
});
