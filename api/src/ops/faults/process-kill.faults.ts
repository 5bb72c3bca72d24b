import { Client } from 'pg';
import { TEST_PASSWORD } from '../../test/app';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { ControlledPostgres, type ServerProcess, reportFigure, startServerProcess, waitFor } from './fault-harness';

/**
 * The real server process (`node dist/main.js`, built by `npm run test:faults`) killed with
 * SIGKILL between a referral's commit and its webhook delivery, and stopped with SIGTERM while
 * a request is in flight.
 */
const SECRET_KEY = 'fault-suite-webhook-secret-key-0123456789abcdef';

const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`;
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber } }`;
const READ = `query { organisations(first: 5) { edges { node { name } } } }`;

async function startServer(pg: ControlledPostgres, env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess({ DATABASE_URL: pg.url, DATABASE_APP_URL: pg.appUrl, WEBHOOK_SECRET_KEY: SECRET_KEY, ...env });
}

async function login(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: TEST_PASSWORD }) });
  if (!response.ok) throw new Error(`login ${email}: HTTP ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function gql(url: string, cookie: string | null, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

describe('the server process is killed or stopped', () => {
  let pg: ControlledPostgres;
  let receiver: WebhookReceiver;
  let swaId: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    receiver = new WebhookReceiver();
    await receiver.start();
    [{ id: swaId }] = await pg.sql<{ id: string }>(`SELECT id FROM organisation WHERE slug = 'swa'`);
  });
  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await receiver?.close();
    await pg?.destroy();
  });

  const start = async (env: Record<string, string>) => {
    const server = await startServer(pg, env);
    servers.push(server);
    return server;
  };
  const kill = async (server: ServerProcess) => {
    server.child.kill('SIGKILL');
    await server.exited;
  };
  const deliveries = (webhookId: string) =>
    pg.sql<{ id: string; status: string; attempts: number }>(`SELECT id, status, attempts FROM webhook_delivery WHERE webhook_id = $1 ORDER BY created_at`, [webhookId]);

  /** SWA subscribes to CREATED at `route`; Riagg refers a case to SWA. */
  async function referralWithWebhook(server: ServerProcess, route: string): Promise<{ webhookId: string; referralId: string }> {
    const swa = await login(server.url, 'swa@test.local');
    const riagg = await login(server.url, 'riagg@test.local');
    const { createWebhook } = await gql(server.url, swa, CREATE_WEBHOOK, { input: { url: `${receiver.url}${route}`, events: ['CREATED'] } });
    const { createReferral } = await gql(server.url, riagg, CREATE, { input: { receivingOrganisationId: swaId, summary: `kill test ${route}` } });
    return { webhookId: createWebhook.webhook.id, referralId: createReferral.id };
  }

  it('killed right after the commit, before any delivery: the next process delivers the event exactly once', async () => {
    // The relay is held back, so the kill lands between the commit and the first delivery.
    const first = await start({ WEBHOOK_RELAY_INTERVAL_MS: '600000' });
    const { webhookId } = await referralWithWebhook(first, '/before-send');
    await kill(first);
    expect((await deliveries(webhookId)).map((d) => [d.status, d.attempts])).toEqual([['PENDING', 0]]);
    expect(receiver.sentTo('/before-send')).toEqual([]);

    const startedAt = Date.now();
    const second = await start({ WEBHOOK_RELAY_INTERVAL_MS: '100' });
    await waitFor('the delivery', async () => (await deliveries(webhookId))[0].status === 'DELIVERED');
    const deliveredAfterMs = Date.now() - startedAt;
    // Give a duplicate every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [delivery] = await deliveries(webhookId);
    expect(receiver.sentTo('/before-send')).toEqual([delivery.id]);
    expect(receiver.accepted.get(delivery.id)).toBe(1);
    await kill(second);
    reportFigure('kill -9 after commit', { 'sent to receiver': receiver.sentTo('/before-send').length, 'accepted by receiver': receiver.accepted.get(delivery.id) ?? 0, 'delivered after restart ms': deliveredAfterMs });
  });

  it('killed while a failed delivery waits for its retry: the next process retries it, and the receiver acts once', async () => {
    receiver.script.set('/retry', [500]);
    const first = await start({ WEBHOOK_RELAY_INTERVAL_MS: '100' });
    const { webhookId } = await referralWithWebhook(first, '/retry');
    await waitFor('the first (failed) attempt', async () => (await deliveries(webhookId))[0]?.attempts === 1);
    await kill(first);
    expect((await deliveries(webhookId)).map((d) => [d.status, d.attempts])).toEqual([['PENDING', 1]]);

    const second = await start({ WEBHOOK_RELAY_INTERVAL_MS: '100' });
    await waitFor('the retry', async () => (await deliveries(webhookId))[0].status === 'DELIVERED');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [delivery] = await deliveries(webhookId);
    expect(delivery.attempts).toBe(2);
    // Sent twice with the same event id (the first answered 500), accepted once.
    expect(receiver.sentTo('/retry')).toEqual([delivery.id, delivery.id]);
    expect(receiver.accepted.get(delivery.id)).toBe(1);
    await kill(second);
    reportFigure('kill -9 during retry backoff', { 'sent to receiver': receiver.sentTo('/retry').length, 'accepted by receiver': receiver.accepted.get(delivery.id) ?? 0, attempts: delivery.attempts });
  });

  it('SIGTERM: new connections are refused, the in-flight request finishes, the worker drains, the pool closes, and the process exits 0', async () => {
    const server = await start({ WEBHOOK_RELAY_INTERVAL_MS: '100' });
    // A request that is busy in PostgreSQL when the signal arrives (it waits for a lock).
    const blocker = new Client({ connectionString: pg.url, application_name: 'schakel-fault-blocker' });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE');
    const inFlight = fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: READ }) });
    await waitFor('the request to wait on the lock', async () => (await pg.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`))[0].n > 0);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    await waitFor('the listener to close', async () => !(await fetch(`${server.url}/healthz`).then(() => true).catch(() => false)), 5000);
    expect(server.child.exitCode).toBeNull();
    await blocker.query('ROLLBACK');
    await blocker.end();

    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.data.organisations.edges).toHaveLength(5);
    const code = await server.exited;
    expect(code).toBe(0);
    const log = server.output.join('');
    const order = ['SIGTERM received', 'HTTP server (in-flight requests finished): done', 'webhook worker (drained): done', 'database pool (closed): done', 'stopped'];
    const positions = order.map((line) => log.indexOf(line));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    reportFigure('SIGTERM with a request in flight', { 'in-flight request': response.status, 'exit code': code ?? 'signal', 'shutdown ms': Date.now() - signalledAt });
  });
});
