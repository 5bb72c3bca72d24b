import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { features } from '../features';
import { createApp } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logging';
import { type TestApp, startTestApp } from '../test/app';

/**
 * Who may read /metrics: with METRICS_TOKEN only `Authorization: Bearer <token>`; in production
 * nobody without one (closed, 401); outside production anyone when no token is set. Each app
 * says at start which of these holds. (ops.test.ts covers what the metrics report.)
 */
describe('/metrics access', () => {
  let t: TestApp;
  const TOKEN = 'metrics-access-test-token-0123456789';

  /** Another app over the same test database, with its own configuration and captured log. */
  async function appWith(env: NodeJS.ProcessEnv): Promise<{ url: string; log: Array<Record<string, any>>; close(): Promise<void> }> {
    const log: Array<Record<string, any>> = [];
    const logger = createLogger({
      destination: new Writable({
        write(chunk, _encoding, callback) {
          log.push(JSON.parse(String(chunk)));
          callback();
        },
      }),
    });
    const app = await createApp({ features, config: { ...loadConfig(env), port: 0 }, dataSource: t.db.dataSource, logger });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = app.httpServer.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, log, close: () => app.stop() };
  }

  const scrape = async (url: string, authorization?: string) => {
    const response = await fetch(`${url}/metrics`, { headers: authorization ? { authorization } : {} });
    const text = await response.text();
    return { status: response.status, text, body: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null };
  };
  const accessLine = (log: Array<Record<string, any>>) => log.filter((line) => typeof line.metricsAccess === 'string');

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('production without METRICS_TOKEN: /metrics is closed with a coded 401, and the start-up log warns', async () => {
    const app = await appWith({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'production-test-webhook-secret-key-0123456789' });
    try {
      const refused = await scrape(app.url);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('METRICS_TOKEN') } });
      expect(refused.text).not.toContain('schakel_http_requests_total');
      // Any bearer token is refused too: there is nothing to compare it with.
      expect((await scrape(app.url, 'Bearer ')).status).toBe(401);
      expect((await scrape(app.url, `Bearer ${TOKEN}`)).status).toBe(401);
      expect(accessLine(app.log)).toEqual([expect.objectContaining({ level: 40, metricsAccess: 'closed', msg: expect.stringContaining('closed') })]);
    } finally {
      await app.close();
    }
  });

  it('production with METRICS_TOKEN: only the exact bearer token reads the metrics, compared whatever its length', async () => {
    const app = await appWith({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN, WEBHOOK_SECRET_KEY: 'production-test-webhook-secret-key-0123456789' });
    try {
      for (const authorization of [undefined, `Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, `Basic ${TOKEN}`, 'Bearer']) {
        const refused = await scrape(app.url, authorization);
        expect({ authorization, status: refused.status, code: refused.body?.error?.code }).toEqual({ authorization, status: 401, code: 'UNAUTHENTICATED' });
      }
      const scraped = await scrape(app.url, `Bearer ${TOKEN}`);
      expect(scraped.status).toBe(200);
      expect(scraped.text).toMatch(/^# HELP /m);
      expect(accessLine(app.log)).toEqual([expect.objectContaining({ level: 30, metricsAccess: 'token', msg: expect.stringContaining('protected') })]);
    } finally {
      await app.close();
    }
  });

  it('outside production: open without a token (and the log says so), protected with one', async () => {
    const open = await appWith({ NODE_ENV: 'development' });
    try {
      expect((await scrape(open.url)).status).toBe(200);
      expect(accessLine(open.log)).toEqual([expect.objectContaining({ metricsAccess: 'open', msg: expect.stringContaining('open') })]);
    } finally {
      await open.close();
    }
    const guarded = await appWith({ NODE_ENV: 'development', METRICS_TOKEN: TOKEN });
    try {
      expect((await scrape(guarded.url)).status).toBe(401);
      expect((await scrape(guarded.url, `Bearer ${TOKEN}`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('configuration: a token is required in production, and a short token is refused', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).metrics).toEqual({ enabled: true, token: null, requireToken: true });
    expect(loadConfig({ NODE_ENV: 'development' }).metrics).toEqual({ enabled: true, token: null, requireToken: false });
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metrics.token).toBe(TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
  });
});
