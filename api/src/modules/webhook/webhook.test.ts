import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { features } from '../../features';
import { createApp } from '../../app';
import { loadConfig, webhookSettingsFromEnv } from '../../config';
import { createDataSource } from '../../db/data-source';
import { createLogger } from '../../logging';
import { hashPassword } from '../auth/auth.service';
import { User, UserRole } from '../user/user.entity';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { decryptSecret, encryptSecret, generateWebhookSecret, signatureHeader } from './webhook.secrets';
import { checkWebhookUrl } from './webhook.service';
import type { Resolver } from './webhook.target';
import { type WebhookWorker, startWebhookWorker } from './webhook.worker';

/**
 * Webhooks end to end: signed deliveries to a local HTTP server, retries with backoff, the
 * outbox surviving a restart between commit and send, who receives which events, secrets
 * that never reach a log, and endpoints that point inward refused (SSRF). Nothing leaves this
 * machine: the receiver is on 127.0.0.1 (allowed by WEBHOOK_ALLOW_LOOPBACK), and the worker's
 * resolver answers from a script, never from DNS.
 */
const ENV = {
  WEBHOOK_ALLOW_LOOPBACK: 'true',
  WEBHOOK_SECRET_KEY: 'test-only-webhook-secret-key-0123456789abcdef',
  WEBHOOK_BACKOFF_BASE_MS: '50',
  WEBHOOK_BACKOFF_MAX_MS: '200',
  WEBHOOK_RELAY_INTERVAL_MS: '50',
  WEBHOOK_POLL_INTERVAL_MS: '500',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_CONCURRENCY: '2',
};

const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id version url events enabled secretHint organisation { slug } } } }`;
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber version } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { version } }`;
const NOTE = `mutation($id: ID!, $version: Int!, $text: String!) { addReferralNote(id: $id, version: $version, input: { text: $text }) { version } }`;
const CONSENT = `mutation($id: ID!, $version: Int!, $input: ConsentInput!) { recordConsent(id: $id, version: $version, input: $input) { version } }`;
const DELIVERIES = `query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount edges { node {
  id eventType dossierNumber sequence referralStatus status attempts deliveredAt lastStatusCode lastError
  attemptHistory { attempt statusCode error durationMs attemptedAt } } } } }`;

/** The receiver's check from the API guide: constant-time comparison, five minutes' tolerance. */
function verify(secret: string, header: string | undefined, rawBody: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | false | undefined> | T | null | false | undefined, timeoutMs = 15000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function capturingLogger(lines: string[]) {
  return createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    }),
  });
}

describe('webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let worker: WebhookWorker | null = null;
  const workerLog: string[] = [];
  const settings = webhookSettingsFromEnv({ NODE_ENV: 'test', ...ENV });
  const org: Record<string, string> = {};
  const as: Record<string, As> = {};
  const secrets: string[] = [];
  const hooks: Record<string, { id: string; secret: string; version: number }> = {};

  /** The worker's DNS: scripted answers per name (each answer list used once, the last one repeated); any other name does not resolve. */
  const dnsAnswers = new Map<string, string[][]>();
  const dnsCalls: string[] = [];
  const scriptedDns: Resolver = async (hostname) => {
    dnsCalls.push(hostname);
    const script = dnsAnswers.get(hostname);
    if (!script) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const answer = script.length > 1 ? script.shift()! : script[0];
    return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const startWorker = async () => {
    worker = await startWebhookWorker({ dataSource: t.db.dataSource, settings, logger: capturingLogger(workerLog), databaseUrl: t.db.url, resolve: scriptedDns });
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = null;
  };

  async function orgUser(slug: string): Promise<As> {
    const users = t.db.dataSource.getRepository(User);
    await users.save(users.create({ email: `${slug}@test.local`, displayName: slug, role: UserRole.ORGANISATION, organisationId: org[slug], passwordHash: await hashPassword(TEST_PASSWORD) }));
    return { cookie: await t.login(`${slug}@test.local`, TEST_PASSWORD) };
  }

  async function register(name: string, caller: As, input: Record<string, unknown>): Promise<{ id: string; secret: string; version: number }> {
    const created = dataOf(await t.gql(CREATE_WEBHOOK, { input }, caller)).createWebhook;
    secrets.push(created.secret);
    hooks[name] = { id: created.webhook.id, secret: created.secret, version: created.webhook.version };
    return hooks[name];
  }

  const deliveriesOf = async (webhookId: string) =>
    (await db(`SELECT event_type, status, attempts, payload FROM webhook_delivery WHERE webhook_id = $1 ORDER BY created_at, (payload->'event'->>'sequence')::int`, [webhookId])) as Array<{
      event_type: string;
      status: string;
      attempts: number;
      payload: { referral: { id: string } };
    }>;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    t = await startTestApp({ env: ENV });
    await createTestUsers(t.db);
    for (const row of await t.db.dataSource.query(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.beweging = await orgUser('beweging-3-0');
    const key = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: org.swa, name: 'Regas', scopes: ['REFERRALS'] } }, as.swa),
    ).createApiKey.key;
    as.swaKey = { bearer: key };
    await startWorker();
  });

  afterAll(async () => {
    await stopWorker();
    await t.close();
    await receiver.close();
  });

  it('sends signed events of a referral to the organisations that may read it, and to no one else', async () => {
    // The partner system registers its own endpoint with its REFERRALS key; Riagg's user does the same; an admin registers one for Beweging 3.0.
    const swa = await register('swa', as.swaKey, { url: `${receiver.url}/swa`, events: ['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'CLOSED'], description: 'Regas' });
    const riagg = await register('riagg', as.riagg, { url: `${receiver.url}/riagg`, events: ['CREATED', 'ACCEPTED', 'NOTE_ADDED'] });
    const other = await register('beweging', as.admin, { organisationId: org['beweging-3-0'], url: `${receiver.url}/beweging`, events: ['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'STATUS_CHANGED'] });

    const summary = 'Mevrouw (82) komt de deur niet meer uit';
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary } }, as.riagg)).createReferral;
    const { version } = dataOf(await t.gql(ACCEPT, { id: created.id, version: 1 }, as.swa)).acceptReferral;
    dataOf(await t.gql(NOTE, { id: created.id, version, text: 'Eerste huisbezoek gedaan' }, as.swa));

    await waitFor('three deliveries each to SWA and Riagg', () => receiver.at('/swa').length >= 3 && receiver.at('/riagg').length >= 3);
    for (const [path, hook] of [['/swa', swa], ['/riagg', riagg]] as const) {
      const requests = receiver.at(path);
      expect(requests).toHaveLength(3);
      const bodies = requests.map((r) => JSON.parse(r.body)).sort((a, b) => a.event.sequence - b.event.sequence);
      expect(bodies.map((b) => [b.type, b.event.sequence, b.referral.status])).toEqual([
        ['CREATED', 1, 'SIGNALLED'],
        ['ACCEPTED', 2, 'EXPLORING'],
        ['NOTE_ADDED', 3, 'EXPLORING'],
      ]);
      for (const request of requests) {
        const body = JSON.parse(request.body);
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['schakel-event-id']).toBe(body.id);
        expect(request.headers['schakel-event-type']).toBe(body.type);
        expect(request.headers['schakel-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
        expect(request.headers['schakel-signature']).toContain(`t=${request.headers['schakel-timestamp']},`);
        // The receiver verifies the signature with its secret; another secret or a changed body fails.
        expect(verify(hook.secret, request.headers['schakel-signature'] as string, request.body)).toBe(true);
        expect(verify(other.secret, request.headers['schakel-signature'] as string, request.body)).toBe(false);
        expect(verify(hook.secret, request.headers['schakel-signature'] as string, request.body.replace('"sequence":', '"sequence": '))).toBe(false);
        expect(body).toMatchObject({ webhookId: hook.id, organisationId: path === '/swa' ? org.swa : org['riagg-amersfoort'] });
        expect(body.referral).toEqual({ id: created.id, dossierNumber: created.dossierNumber, status: body.referral.status, version: body.event.sequence });
        expect(Object.keys(body)).toEqual(['id', 'type', 'occurredAt', 'webhookId', 'organisationId', 'referral', 'event']);
        expect(Object.keys(body.event)).toEqual(['id', 'sequence', 'type', 'fromStatus', 'toStatus', 'organisationId']);
        expect(body.event.organisationId).toBe(body.type === 'CREATED' ? org['riagg-amersfoort'] : org.swa);
        // Minimal by design: no case content, the receiver fetches it through the API.
        expect(request.body).not.toContain('Mevrouw');
        expect(request.body).not.toContain('huisbezoek');
      }
    }
    // Beweging 3.0 is not involved: nothing was even queued for it.
    expect(await deliveriesOf(other.id)).toEqual([]);
    expect(receiver.at('/beweging')).toEqual([]);

    // The endpoint sees a request before the worker records its answer: wait for the record.
    for (const hook of [swa, riagg]) {
      await waitFor('the deliveries recorded as delivered', async () => (await deliveriesOf(hook.id)).filter((d) => d.status === 'DELIVERED').length === 3);
    }
    // The delivery history, as the organisation sees it.
    const history = dataOf(await t.gql(DELIVERIES, { id: swa.id }, as.swaKey)).webhookDeliveries;
    expect(history.totalCount).toBe(3);
    expect(history.edges.map((e: { node: { eventType: string } }) => e.node.eventType)).toEqual(['NOTE_ADDED', 'ACCEPTED', 'CREATED']);
    for (const { node } of history.edges) {
      expect(node).toMatchObject({ dossierNumber: created.dossierNumber, status: 'DELIVERED', attempts: 1, lastStatusCode: 200, lastError: null });
      expect(node.attemptHistory).toEqual([{ attempt: 1, statusCode: 200, error: null, durationMs: expect.any(Number), attemptedAt: expect.any(String) }]);
    }
    expect(errorCodes(await t.gql(DELIVERIES, { id: swa.id }, as.riagg))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(`query($o: ID) { webhooks(organisationId: $o) { id } }`, { o: org.swa }, as.riagg))).toEqual(['FORBIDDEN']);
  });

  it('retries a failing endpoint with backoff, and gives up after the last attempt', async () => {
    const flaky = await register('flaky', as.riagg, { url: `${receiver.url}/flaky`, events: ['CREATED'] });
    receiver.script.set('/flaky', [500]);
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    const [delivery] = await waitFor('the flaky delivery', async () => {
      const rows = await db(`SELECT id, status, attempts FROM webhook_delivery WHERE webhook_id = $1 AND status <> 'PENDING'`, [flaky.id]);
      return rows.length > 0 && rows;
    });
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    // Two requests with the same event id; the receiver acted once.
    const requests = receiver.at('/flaky');
    expect(requests.map((r) => r.headers['schakel-event-id'])).toEqual([delivery.id, delivery.id]);
    expect(requests.map((r) => JSON.parse(r.body).referral.id)).toEqual([created.id, created.id]);
    expect(receiver.accepted.get(delivery.id)).toBe(1);
    const [node] = dataOf(await t.gql(DELIVERIES, { id: flaky.id }, as.riagg)).webhookDeliveries.edges.map((e: { node: unknown }) => e.node);
    expect(node).toMatchObject({ id: delivery.id, status: 'DELIVERED', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(node.attemptHistory.map((a: { attempt: number; statusCode: number; error: string | null }) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 200, null],
    ]);
    // The second attempt waited for the backoff.
    const [first, second] = node.attemptHistory.map((a: { attemptedAt: string }) => Date.parse(a.attemptedAt));
    expect(second - first).toBeGreaterThanOrEqual(40);

    // An endpoint that never answers: WEBHOOK_MAX_ATTEMPTS (3) attempts, then FAILED.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => closed.close(resolve));
    const dead = await register('dead', as.riagg, { url: deadUrl, events: ['CREATED'] });
    dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg));
    const [failed] = await waitFor('the failed delivery', async () => {
      const rows = await db(`SELECT status, attempts, last_status_code, last_error FROM webhook_delivery WHERE webhook_id = $1 AND status = 'FAILED'`, [dead.id]);
      return rows.length > 0 && rows;
    });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, last_status_code: null });
    expect(failed.last_error).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('follows the read rule of the moment: core members of the network get every event, a shell partner only once consulted', async () => {
    const [network] = await db(`INSERT INTO network (slug, name, kind, coordinator_organisation_id) VALUES ('webhook-netwerk', 'Webhook netwerk', 'OTHER', $1) RETURNING id`, [org['beweging-3-0']]);
    await db(`INSERT INTO network_member (network_id, organisation_id, tier) VALUES ($1, $2, 'SHELL')`, [network.id, org.kwintes]);
    const beweging = hooks.beweging;
    const updated = dataOf(
      await t.gql(
        `mutation($id: ID!, $version: Int!, $input: UpdateWebhookInput!) { updateWebhook(id: $id, version: $version, input: $input) { version events } }`,
        { id: beweging.id, version: beweging.version, input: { events: ['NOTE_ADDED', 'CREATED', 'ACCEPTED', 'CONSENT_RECORDED', 'STATUS_CHANGED', 'CONSULTED'] } },
        as.beweging,
      ),
    ).updateWebhook;
    expect(updated.events).toEqual(['CREATED', 'STATUS_CHANGED', 'ACCEPTED', 'CONSENT_RECORDED', 'NOTE_ADDED', 'CONSULTED']);
    beweging.version = updated.version;
    const { id: kwintesHook } = await register('kwintes', as.admin, { organisationId: org.kwintes, url: `${receiver.url}/kwintes`, events: ['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'CONSULTED'] });

    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, networkId: network.id, consent: { given: true, scope: 'RECEIVER' } } }, as.riagg)).createReferral;
    let { version } = dataOf(await t.gql(ACCEPT, { id: created.id, version: 1 }, as.swa)).acceptReferral;
    ({ version } = dataOf(await t.gql(NOTE, { id: created.id, version, text: 'Voor wie het anonieme deel leest' }, as.swa)).addReferralNote);
    ({ version } = dataOf(
      await t.gql(`mutation($id: ID!, $version: Int!, $o: ID!) { consultOnReferral(id: $id, version: $version, input: { organisationId: $o }) { version } }`, { id: created.id, version, o: org.kwintes }, as.swa),
    ).consultOnReferral);
    dataOf(await t.gql(NOTE, { id: created.id, version, text: 'Nu ook voor de geconsulteerde schilpartner' }, as.swa));
    // Beweging 3.0 coordinates the network: a core member, every event from the start.
    const forBeweging = (await deliveriesOf(beweging.id)).filter((d) => d.payload.referral.id === created.id).map((d) => d.event_type);
    expect(forBeweging).toEqual(['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'CONSULTED', 'NOTE_ADDED']);
    // Kwintes, a shell partner: nothing before the consultation, everything after it.
    const forKwintes = (await deliveriesOf(kwintesHook)).filter((d) => d.payload.referral.id === created.id).map((d) => d.event_type);
    expect(forKwintes).toEqual(['CONSULTED', 'NOTE_ADDED']);
    // The parties themselves get every event they subscribed to.
    const forSwa = (await deliveriesOf(hooks.swa.id)).filter((d) => d.payload.referral.id === created.id).map((d) => d.event_type);
    expect(forSwa).toEqual(['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'NOTE_ADDED']);
    await waitFor('the network deliveries', () => receiver.at('/beweging').length >= 4);
  });

  it('checks URLs when they are registered: https to a public host; loopback only with WEBHOOK_ALLOW_LOOPBACK, never in production', async () => {
    const bad = await t.gql(CREATE_WEBHOOK, { input: { url: 'http://partner.example.org/hook', events: ['CREATED'] } }, as.swa);
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(errorCodes(await t.gql(CREATE_WEBHOOK, { input: { url: 'https://partner.example.org/hook', events: ['CREATED'] } }, {}))).toEqual(['UNAUTHENTICATED']);

    // A server without the loopback setting, on the same database (so the session works): every inward form is refused through the mutation.
    const strictConfig = { ...loadConfig({ NODE_ENV: 'test', ...ENV, WEBHOOK_ALLOW_LOOPBACK: 'false', RATE_LIMIT_IP_PER_MINUTE: '100000' }), port: 0 };
    const strict = await createApp({ features, config: strictConfig, dataSource: t.db.dataSource, logger: capturingLogger([]) });
    await new Promise<void>((resolve) => strict.httpServer.listen(0, '127.0.0.1', resolve));
    const strictUrl = `http://127.0.0.1:${(strict.httpServer.address() as AddressInfo).port}/graphql`;
    const createOnStrict = async (url: string) => {
      const response = await fetch(strictUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: as.swa.cookie! },
        body: JSON.stringify({ query: CREATE_WEBHOOK, variables: { input: { url, events: ['CREATED'] } } }),
      });
      return (await response.json()) as { data: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
    };
    const before = (await db(`SELECT count(*)::int AS n FROM webhook`))[0].n;
    try {
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'https://127.0.0.1/hook',
        'https://2130706433/hook',
        'https://0x7f.1/hook',
        'https://127.1/hook',
        'https://localhost/hook',
        'https://localhost./hook',
        'https://LOCALHOST/hook',
        'https://hooks.localhost/hook',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://[::ffff:10.0.0.1]/hook',
        'https://[::127.0.0.1]/hook',
        'https://[64:ff9b::7f00:1]/hook',
        'https://[2002:7f00:1::]/hook',
        'https://10.1.2.3/hook',
        'https://192.168.0.8/hook',
        'https://169.254.169.254/latest/meta-data/',
        'https://0xa9fea9fe/',
        'https://100.64.0.1/hook',
        'https://198.18.0.1/hook',
        'https://224.0.0.1/hook',
        'https://[fd00::1]/hook',
        'https://[fe80::1]/hook',
        'https://intranet/hook',
        'https://metadata.google.internal/computeMetadata/v1/',
      ]) {
        const answer = await createOnStrict(url);
        expect({ url, data: answer.data, extensions: answer.errors?.[0]?.extensions }).toEqual({ url, data: null, extensions: { code: 'BAD_USER_INPUT', field: 'input.url' } });
        expect(answer.errors?.[0]?.message).toMatch(/^(Use https|The URL must (point at a public address|name a public host))/);
      }
      expect((await createOnStrict('https://partner.example.org/strict')).errors).toBeUndefined();
    } finally {
      await strict.stop();
    }
    await db(`DELETE FROM webhook WHERE url = 'https://partner.example.org/strict'`);
    expect((await db(`SELECT count(*)::int AS n FROM webhook`))[0].n).toBe(before);

    // With the setting (this server), loopback literals pass; inward addresses that are not plain loopback still do not.
    for (const url of ['https://[64:ff9b::7f00:1]/hook', 'https://[2002:7f00:1::]/hook', 'https://169.254.169.254/', 'http://10.0.0.1/', 'http://partner.example.org/']) {
      expect(errorCodes(await t.gql(CREATE_WEBHOOK, { input: { url, events: ['CREATED'] } }, as.swa))).toEqual(['BAD_USER_INPUT']);
    }
    // Updating to an inward URL is refused the same way and changes nothing.
    const hook = await register('urlcheck', as.riagg, { url: `${receiver.url}/urlcheck`, events: ['CLOSED'] });
    const UPDATE_URL = `mutation($id: ID!, $version: Int!, $url: String!) { updateWebhook(id: $id, version: $version, input: { url: $url }) { version url } }`;
    const refused = await t.gql(UPDATE_URL, { id: hook.id, version: hook.version, url: 'https://[::ffff:a9fe:a9fe]/latest' }, as.riagg);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect(await db(`SELECT url, version FROM webhook WHERE id = $1`, [hook.id])).toEqual([{ url: `${receiver.url}/urlcheck`, version: hook.version }]);
    expect(dataOf(await t.gql(UPDATE_URL, { id: hook.id, version: hook.version, url: 'https://2130706433/normalised' }, as.riagg)).updateWebhook.url).toBe('https://127.0.0.1/normalised');
    await db(`DELETE FROM webhook WHERE id = $1`, [hook.id]);

    const dev = { ...settings, allowLoopback: false };
    const prod = { ...settings, production: true };
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', settings, 'url')).toBe('http://127.0.0.1:8080/hook');
    expect(checkWebhookUrl('https://partner.example.org/hook#x', prod, 'url')).toBe('https://partner.example.org/hook');
    for (const url of ['http://127.0.0.1:8080/hook', 'https://localhost/hook', 'https://10.1.2.3/hook', 'https://192.168.0.8/hook', 'https://[::1]/hook', 'ftp://partner.example.org/', 'https://user:pw@partner.example.org/']) {
      expect(() => checkWebhookUrl(url, dev, 'url')).toThrow();
      // Production ignores the loopback setting even where settings are built by hand.
      expect(() => checkWebhookUrl(url, prod, 'url')).toThrow();
    }
  });

  it('refuses the loopback setting in production: the server does not start with it', () => {
    expect(() => webhookSettingsFromEnv({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: 'true' })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
    expect(() => loadConfig({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: '1', WEBHOOK_SECRET_KEY: ENV.WEBHOOK_SECRET_KEY })).toThrow(/WEBHOOK_ALLOW_LOOPBACK/);
    expect(webhookSettingsFromEnv({ NODE_ENV: 'production', WEBHOOK_ALLOW_LOOPBACK: 'false' }).allowLoopback).toBe(false);
    expect(webhookSettingsFromEnv({ NODE_ENV: 'development' }).allowLoopback).toBe(false);
    expect(settings.allowLoopback).toBe(true);
  });

  it('resolves each endpoint before sending: a name that answers inward fails at once without a connection, and the request goes to the address checked', async () => {
    const port = new URL(receiver.url).port;
    // Public-looking names (.invalid: never real) whose DNS answers point inward, in the forms that used to slip through.
    const inward: Record<string, string[]> = {
      loopback: ['127.0.0.1'],
      mapped: ['::ffff:10.0.0.1'],
      nat64: ['64:ff9b::7f00:1'],
      metadata: ['169.254.169.254'],
      mixed: ['93.184.215.14', '127.0.0.1'],
    };
    const hostile: Record<string, string> = {};
    for (const [name, addresses] of Object.entries(inward)) {
      dnsAnswers.set(`${name}.schakel.invalid`, [addresses]);
      hostile[name] = (await register(`ssrf-${name}`, as.riagg, { url: `https://${name}.schakel.invalid:${port}/ssrf-${name}`, events: ['CREATED'] })).id;
    }
    // A URL stored before today's rules (or written into the database directly): checked again before each delivery.
    const legacySecret = generateWebhookSecret();
    const legacyId = randomUUID();
    secrets.push(legacySecret.secret);
    const [legacy] = await db(
      `INSERT INTO webhook (id, organisation_id, url, events, description, secret_ciphertext, secret_hint)
       VALUES ($1, $2, 'https://169.254.169.254/latest/meta-data/', '{CREATED}', 'legacy', $3, $4) RETURNING id`,
      [legacyId, org['riagg-amersfoort'], encryptSecret(legacySecret.secret, legacyId, ENV.WEBHOOK_SECRET_KEY), legacySecret.hint],
    );
    // A name that does not resolve: an ordinary failure, retried with backoff.
    const missing = await register('ssrf-missing', as.riagg, { url: 'https://missing.schakel.invalid/hook', events: ['CREATED'] });
    // A loopback name that answers the receiver's address first and a dead one (nothing listens on 127.0.0.2) after:
    // the request must go where the check looked, with the name kept in the Host header.
    dnsAnswers.set('pinned.localhost', [['127.0.0.1'], ['127.0.0.2']]);
    const pinned = await register('pinned', as.riagg, { url: `http://pinned.localhost:${port}/pinned`, events: ['CREATED'] });
    const ids = [...Object.values(hostile), legacy.id, missing.id, pinned.id];
    const callsBefore = dnsCalls.length;
    // net.connect falls back to dns.lookup when a request brings no lookup of its own: it must never be asked.
    const systemLookup = jest.spyOn(dns, 'lookup');

    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    const finished = await waitFor('every delivery finished', async () => {
      const rows: Array<{ webhook_id: string; status: string; attempts: number; last_status_code: number | null; last_error: string | null }> = await db(
        `SELECT webhook_id, status, attempts, last_status_code, last_error FROM webhook_delivery WHERE webhook_id = ANY($1) AND payload->'referral'->>'id' = $2`,
        [ids, created.id],
      );
      return rows.length === ids.length && rows.every((r) => r.status !== 'PENDING') && new Map(rows.map((r) => [r.webhook_id, r]));
    }).finally(() => systemLookup.mockRestore());
    expect(systemLookup.mock.calls.map(([hostname]) => hostname).filter((hostname) => String(hostname).endsWith('.localhost') || String(hostname).endsWith('.invalid'))).toEqual([]);
    for (const [name, addresses] of Object.entries(inward)) {
      const row = finished.get(hostile[name])!;
      // Failed for good after one attempt (no retries against an inward target), no status: nothing was sent.
      expect(row).toMatchObject({ status: 'FAILED', attempts: 1, last_status_code: null, last_error: `target refused: ${name}.schakel.invalid resolves to an address that is not public (not sent)` });
      for (const address of addresses) expect(row.last_error).not.toContain(address);
      expect(receiver.at(`/ssrf-${name}`)).toEqual([]);
    }
    expect(finished.get(legacy.id)).toMatchObject({ status: 'FAILED', attempts: 1, last_status_code: null, last_error: 'target refused: the URL must point at a public address (not sent)' });
    expect(finished.get(missing.id)).toMatchObject({ status: 'FAILED', attempts: settings.maxAttempts, last_error: 'DNS lookup of missing.schakel.invalid failed (ENOTFOUND)' });
    expect(finished.get(pinned.id)).toMatchObject({ status: 'DELIVERED', attempts: 1, last_status_code: 200, last_error: null });
    const [request] = receiver.at('/pinned');
    expect(request.headers.host).toBe(`pinned.localhost:${port}`);
    expect(JSON.parse(request.body).referral.id).toBe(created.id);
    // Each attempt asked DNS once; the literal was never looked up.
    const calls = dnsCalls.slice(callsBefore);
    expect(calls.filter((name) => name === 'pinned.localhost')).toEqual(['pinned.localhost']);
    for (const name of Object.keys(inward)) expect(calls.filter((n) => n === `${name}.schakel.invalid`)).toEqual([`${name}.schakel.invalid`]);
    expect(calls.filter((n) => n === 'missing.schakel.invalid')).toHaveLength(settings.maxAttempts);
    expect(calls.some((n) => n.includes('169.254'))).toBe(false);

    // The partner sees why in its delivery history; the operator's log says which ranges.
    const [node] = dataOf(await t.gql(DELIVERIES, { id: hostile.nat64 }, as.riagg)).webhookDeliveries.edges.map((e: { node: unknown }) => e.node);
    expect(node).toMatchObject({ status: 'FAILED', attempts: 1, lastStatusCode: null, lastError: 'target refused: nat64.schakel.invalid resolves to an address that is not public (not sent)' });
    expect(node.attemptHistory).toEqual([expect.objectContaining({ attempt: 1, statusCode: null, error: node.lastError })]);
    const refusals = workerLog.filter((line) => line.includes('webhook target refused')).map((line) => JSON.parse(line));
    expect(refusals.find((entry) => entry.webhookId === hostile.nat64)).toMatchObject({ refusedRanges: 'rfc6052 → loopback', status: 'FAILED' });

    await db(`DELETE FROM webhook WHERE id = ANY($1)`, [ids]);
  });

  it('keeps secrets out of logs and encrypted at rest; rotation and disabling take effect at once', async () => {
    const swa = hooks.swa;
    const rotated = dataOf(
      await t.gql(`mutation($id: ID!, $version: Int!) { rotateWebhookSecret(id: $id, version: $version) { secret webhook { version secretHint } } }`, { id: swa.id, version: 1 }, as.swa),
    ).rotateWebhookSecret;
    secrets.push(rotated.secret);
    expect(rotated.secret).not.toBe(swa.secret);
    expect(rotated.webhook.secretHint).toBe(`${rotated.secret.slice(0, 10)}…`);
    const riaggHook = hooks.riagg;
    dataOf(
      await t.gql(`mutation($id: ID!, $version: Int!) { updateWebhook(id: $id, version: $version, input: { enabled: false }) { enabled } }`, { id: riaggHook.id, version: riaggHook.version }, as.riagg),
    );
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    const request = await waitFor('the delivery after rotation', () => receiver.at('/swa').find((r) => JSON.parse(r.body).referral.id === created.id));
    expect(verify(rotated.secret, request.headers['schakel-signature'] as string, request.body)).toBe(true);
    expect(verify(swa.secret, request.headers['schakel-signature'] as string, request.body)).toBe(false);
    // Disabled: nothing is queued for Riagg's endpoint.
    expect((await deliveriesOf(riaggHook.id)).filter((d) => d.payload.referral.id === created.id)).toEqual([]);

    const listed = dataOf(await t.gql(`{ webhooks { id url events enabled secretHint } }`, {}, as.swaKey)).webhooks;
    expect(listed.map((w: { id: string }) => w.id)).toContain(swa.id);
    const stored: { secret_ciphertext: string }[] = await db(`SELECT secret_ciphertext FROM webhook`);
    const everything = [JSON.stringify(listed), ...stored.map((r) => r.secret_ciphertext), ...t.logLines, ...workerLog, JSON.stringify(t.loggedErrors)].join('\n');
    expect(stored.every((r) => r.secret_ciphertext.startsWith('v1:'))).toBe(true);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(6));
    }
    // The worker did log its work (so the check above looked at real lines).
    expect(workerLog.some((line) => line.includes('webhook delivered'))).toBe(true);
  });

  it('loses no delivery when the app stops between commit and send: a fresh app and worker deliver it, once', async () => {
    const restart = await register('restart', as.swa, { url: `${receiver.url}/restart`, events: ['CREATED', 'ACCEPTED'] });
    await stopWorker();
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa } }, as.riagg)).createReferral;
    dataOf(await t.gql(ACCEPT, { id: created.id, version: 1 }, as.swa));
    // Committed with the change, not sent: the process "dies" here.
    expect((await deliveriesOf(restart.id)).map((d) => [d.event_type, d.status, d.attempts])).toEqual([
      ['CREATED', 'PENDING', 0],
      ['ACCEPTED', 'PENDING', 0],
    ]);
    await t.app.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/restart')).toEqual([]);

    // A fresh process on the same database: its own pool, app and worker.
    const dataSource = createDataSource({ features, url: t.db.url, poolSize: 4, applicationName: 'schakel-test-restarted' });
    await dataSource.initialize();
    const config = { ...loadConfig({ NODE_ENV: 'test', ...ENV }), port: 0 };
    const app = await createApp({ features, config, dataSource, logger: capturingLogger(workerLog) });
    // Two instances at once (a restart overlapping the old one, or two replicas): still one delivery per event.
    const fresh = await startWebhookWorker({ dataSource, settings, logger: capturingLogger(workerLog), databaseUrl: t.db.url });
    const second = await startWebhookWorker({ dataSource, settings, logger: capturingLogger(workerLog), databaseUrl: t.db.url });
    try {
      await waitFor('both events delivered', async () => (await db(`SELECT count(*)::int AS n FROM webhook_delivery WHERE webhook_id = $1 AND status = 'DELIVERED'`, [restart.id]))[0].n === 2);
      const ids = (await db(`SELECT id FROM webhook_delivery WHERE webhook_id = $1`, [restart.id])).map((r: { id: string }) => r.id).sort();
      expect(receiver.at('/restart').map((r) => r.headers['schakel-event-id']).sort()).toEqual(ids);

      // A worker that died after the endpoint answered but before recording it: the row is
      // pending again and its lease has run out. The event goes out again with the same id,
      // and the receiver, de-duplicating on Schakel-Event-Id, acts on it once.
      const [again] = ids;
      // The attempt rows go first: with the row pending again a worker may send it within milliseconds,
      // and its attempt 1 would meet the old one.
      await t.db.asOwner(`DELETE FROM webhook_delivery_attempt WHERE delivery_id = $1`, [again]);
      await db(`UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, delivered_at = NULL, locked_until = now() - interval '1 second', queued_until = now() - interval '1 second' WHERE id = $1`, [again]);
      await waitFor('the redelivery', async () => (await db(`SELECT status FROM webhook_delivery WHERE id = $1`, [again]))[0].status === 'DELIVERED');
      const sent = receiver.at('/restart').map((r) => r.headers['schakel-event-id']);
      expect(sent.filter((id) => id === again)).toHaveLength(2);
      for (const id of ids) expect(receiver.accepted.has(id)).toBe(true);
    } finally {
      await second.stop();
      await fresh.stop();
      await app.stop();
      await dataSource.destroy();
    }
  });
});

describe('webhook secrets', () => {
  const key = 'another-test-key-0123456789abcdef0123456789';

  it('encrypts with AES-GCM bound to the webhook, and stores plain text only without a key', () => {
    const { secret, hint } = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(hint).toBe(`${secret.slice(0, 10)}…`);
    const id = randomUUID();
    const stored = encryptSecret(secret, id, key);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret.slice(6));
    expect(encryptSecret(secret, id, key)).not.toBe(stored);
    expect(decryptSecret(stored, id, key)).toBe(secret);
    // Copied to another webhook, under another key, or without a key: it does not decrypt.
    expect(() => decryptSecret(stored, randomUUID(), key)).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(stored, id, `${key}x`)).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret(stored, id, null)).toThrow(/WEBHOOK_SECRET_KEY is not set/);
    expect(encryptSecret(secret, id, null)).toBe(`plain:${secret}`);
    expect(decryptSecret(`plain:${secret}`, id, key)).toBe(secret);
  });

  it('signs "<t>.<body>" with HMAC-SHA256', () => {
    const header = signatureHeader('whsec_test', 1767254400, '{"a":1}');
    expect(header).toBe(`t=1767254400,v1=${createHmac('sha256', 'whsec_test').update('1767254400.{"a":1}').digest('hex')}`);
    expect(verify('whsec_test', header, '{"a":1}')).toBe(false); // 2026-01-01 is outside the five minutes' tolerance
    const now = Math.floor(Date.now() / 1000);
    expect(verify('whsec_test', signatureHeader('whsec_test', now, '{"a":1}'), '{"a":1}')).toBe(true);
  });
});
