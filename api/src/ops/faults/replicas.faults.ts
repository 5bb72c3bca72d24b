import { seedAmersfoort } from '@schakel/db';
import { features } from '../../features';
import { loadConfig } from '../../config';
import { createDataSource } from '../../db/data-source';
import { migrateDatabase } from '../../db/migrate';
import { TEST_PASSWORD, createTestUsers } from '../../test/app';
import { LocalSmtp } from '../../test/local-smtp';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { type ServerProcess, reportFigure, startServerProcess, waitFor } from './fault-harness';
import { StreamingPair, machinePostgresBin } from './streaming-replica';

/**
 * Two API processes (`node dist/main.js`) on a PostgreSQL primary with a streaming replica
 * (pg_basebackup -R), behind no load balancer: the test alternates between them, as one would.
 * Shows one rate limit, map reads served by the replica, read-your-writes, a lagging replica
 * taken out and back, a replica stopped mid-load costing no request beyond one retry and no
 * acknowledged write, and one webhook delivery per event with both processes' workers running.
 */
const SECRET_KEY = 'replica-suite-webhook-secret-key-0123456789abcdef';
const READ = `query { organisations(first: 5) { totalCount edges { node { name } } } }`;
const GROUP = `query($code: String!) { targetGroup(code: $code) { code nameNl } }`;
const CREATE_GROUP = `mutation($input: CreateTargetGroupInput!) { createTargetGroup(input: $input) { code } }`;
const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`;
const CREATE_REFERRAL = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }`;

interface Answer {
  status: number;
  body: any;
  readFrom: string | null;
  setCookie: string | null;
}

async function post(server: ServerProcess, query: string, options: { variables?: Record<string, unknown>; cookie?: string; ip: string; headers?: Record<string, string> }): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': options.ip,
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text for the assertion message
  }
  return { status: response.status, body, readFrom: response.headers.get('schakel-read-from'), setCookie: response.headers.get('set-cookie') };
}

async function login(server: ServerProcess, email: string, ip: string): Promise<string> {
  const response = await fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${email}: HTTP ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function readiness(server: ServerProcess): Promise<{ ok: boolean; lagMs: number | null; error?: string }> {
  const body = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: { replicas?: Array<{ ok: boolean; lagMs: number | null; error?: string }> } };
  return body.checks.replicas![0];
}

function dataOf(answer: Answer): any {
  if (answer.status !== 200 || answer.body?.errors) throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer.body.data;
}

describe('two API processes on a primary and a streaming replica', () => {
  let pair: StreamingPair;
  let receiver: WebhookReceiver;
  let smtp: LocalSmtp;
  let a: ServerProcess;
  let b: ServerProcess;
  let swaId: string;
  /** The referrals the webhook test creates; the purge test ends and purges them. */
  const referralIds: string[] = [];

  beforeAll(async () => {
    const bin = machinePostgresBin();
    if (!bin) throw new Error("No PostgreSQL ≥ 15 server binaries with pg_basebackup under /usr/lib/postgresql: install Debian's postgresql package (.ci/run does as root)");
    pair = await StreamingPair.start(bin);
    const owner = pair.primary.url;
    await migrateDatabase({ features, ownerUrl: owner, appRole: null, webhooks: loadConfig({ WEBHOOK_SECRET_KEY: SECRET_KEY }).webhooks });
    const setup = createDataSource({ features, url: owner, poolSize: 2, applicationName: 'schakel-replica-setup' });
    await setup.initialize();
    try {
      await setup.transaction((manager) => seedAmersfoort(manager));
      await createTestUsers({ dataSource: setup } as Parameters<typeof createTestUsers>[0]);
    } finally {
      await setup.destroy();
    }
    [{ id: swaId }] = await pair.sql<{ id: string }>(pair.primary, `SELECT id FROM organisation WHERE slug = 'swa'`);
    receiver = new WebhookReceiver();
    await receiver.start();
    smtp = new LocalSmtp();
    await smtp.start();
    const env = {
      DATABASE_URL: owner,
      DATABASE_REPLICA_URLS: pair.replica.url,
      REPLICA_CHECK_INTERVAL_MS: '200',
      // Generous for a busy two-core machine; the replay-pause scenario shows the limit at work.
      REPLICA_MAX_LAG_MS: '3000',
      READ_YOUR_WRITES_SECONDS: '5',
      // Behind a load balancer: the client address is the X-Forwarded-For the test sends.
      TRUST_PROXY: '1',
      RATE_LIMIT_IP_PER_MINUTE: '40',
      WEBHOOK_SECRET_KEY: SECRET_KEY,
      WEBHOOK_RELAY_INTERVAL_MS: '100',
      DB_CONNECT_TIMEOUT_MS: '1000',
      // Both processes run the notification worker and mail through the test's own SMTP server.
      SMTP_URL: smtp.url,
      NOTIFICATION_INTERVAL_MS: '200',
    };
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    await waitFor('the replica in use on both processes', async () => (await readiness(a)).ok && (await readiness(b)).ok);
  }, 180_000);

  afterAll(async () => {
    for (const server of [a, b]) {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await receiver?.close();
    await smtp?.close();
    await pair?.destroy();
  });

  it('serves map reads from the replica with the primary answers, and /readyz reports it', async () => {
    const fromReplica = await post(a, READ, { ip: '10.1.0.1' });
    const fromPrimary = await post(b, READ, { ip: '10.1.0.1', headers: { 'schakel-read': 'primary' } });
    expect([fromReplica.readFrom, fromPrimary.readFrom]).toEqual(['replica', 'primary']);
    expect(dataOf(fromReplica)).toEqual(dataOf(fromPrimary));
    expect((await post(b, READ, { ip: '10.1.0.1' })).readFrom).toBe('replica');
    // What the replica may not answer stays on the primary (default-deny): the caller, accounts, referrals.
    expect((await post(a, `{ viewer { kind } }`, { ip: '10.1.0.1' })).readFrom).toBe('primary');
    const state = await readiness(a);
    expect(state.ok).toBe(true);
    expect(state.lagMs).toBeLessThanOrEqual(3000);
  });

  it('enforces one rate limit per address across both processes', async () => {
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i % 2 === 0 ? a : b, `{ __typename }`, { ip: '10.2.0.1' })));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(40);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    reportFigure('two processes, one limit of 40/min', { requests: 60, answered: 40, refused: 20 });
  });

  it("reads a caller's own write at once from the other process; a lagging replica is taken out and comes back", async () => {
    const admin = await login(a, 'admin@test.local', '10.3.0.1');
    await waitFor('the replica in use on both processes', async () => (await readiness(a)).ok && (await readiness(b)).ok);
    // Replay held back on the replica: from now on it lacks every write.
    await pair.sql(pair.replica, 'SELECT pg_wal_replay_pause()');
    try {
      const created = await post(a, CREATE_GROUP, { variables: { input: { nameNl: 'Doelgroep replica-test' } }, cookie: admin, ip: '10.3.0.1' });
      const code = dataOf(created).createTargetGroup.code as string;
      expect(created.setCookie).toMatch(/^schakel_rw=1; Max-Age=5;/);
      const rw = created.setCookie!.split(';')[0];
      // The writer, on the other process (which never saw the write): the primary, with the write.
      const own = await post(b, GROUP, { variables: { code }, cookie: `${admin}; ${rw}`, ip: '10.3.0.1' });
      expect(own.readFrom).toBe('primary');
      expect(dataOf(own).targetGroup).toEqual({ code, nameNl: 'Doelgroep replica-test' });
      // Someone else, while the replica is within REPLICA_MAX_LAG_MS: the replica, without it (the lag reads tolerate).
      const other = await post(b, GROUP, { variables: { code }, ip: '10.3.0.2' });
      expect(other.readFrom).toBe('replica');
      expect(dataOf(other).targetGroup).toBeNull();
      // Past the limit the replica is out on both processes and every read is the primary's.
      const outAfterMs = await waitFor('the lagging replica taken out', async () => !(await readiness(a)).ok && !(await readiness(b)).ok, 15_000);
      expect((await readiness(b)).error).toMatch(/behind the primary/);
      const later = await post(b, GROUP, { variables: { code }, ip: '10.3.0.2' });
      expect(later.readFrom).toBe('primary');
      expect(dataOf(later).targetGroup).toEqual({ code, nameNl: 'Doelgroep replica-test' });
      reportFigure('replica replay paused', { 'taken out after ms': outAfterMs, 'limit ms': 3000 });
    } finally {
      await pair.sql(pair.replica, 'SELECT pg_wal_replay_resume()');
    }
    const backAfterMs = await waitFor('the replica back in use', async () => (await readiness(a)).ok && (await readiness(b)).ok, 15_000);
    const caughtUp = await post(a, GROUP, { variables: { code: 'x' }, ip: '10.3.0.3' });
    expect(caughtUp.readFrom).toBe('replica');
    reportFigure('replica replay resumed', { 'back in use after ms': backAfterMs });
  });

  it('a replica stopped mid-load costs no request beyond one retry and no acknowledged write', async () => {
    const admin = await login(b, 'admin@test.local', '10.4.0.100');
    const tally = { replica: 0, primary: 0, retried: 0, failedAfterRetry: 0, writes: 0 };
    const acknowledged: string[] = [];
    let stopping = false;
    const readLoop = async (worker: number) => {
      for (let i = 0; !stopping; i += 1) {
        const server = (worker + i) % 2 === 0 ? a : b;
        const ip = `10.4.${worker}.${i % 250}`;
        // A socket error is a failure, not a retried attempt: the servers keep idle sockets longer than
        // the client does (HTTP_KEEP_ALIVE_SECONDS), so none is closed under a request. A process that fell
        // over is reported with its output.
        let answer = await post(server, READ, { ip }).catch((error: Error) => {
          if (server.child.exitCode !== null) throw new Error(`a server process exited (${server.child.exitCode}):\n${server.output.join('').slice(-4000)}`);
          throw error;
        });
        if (answer.status !== 200) {
          tally.retried += 1;
          expect(answer.status).toBe(503);
          answer = await post(server, READ, { ip });
        }
        if (answer.status !== 200 || answer.body?.errors) tally.failedAfterRetry += 1;
        else tally[answer.readFrom === 'replica' ? 'replica' : 'primary'] += 1;
      }
    };
    const writeLoop = async () => {
      for (let i = 0; !stopping; i += 1) {
        const answer = await post(i % 2 === 0 ? a : b, CREATE_GROUP, { variables: { input: { nameNl: `Belasting ${i}` } }, cookie: admin, ip: `10.4.200.${i % 250}` });
        tally.writes += 1;
        if (answer.status === 200 && !answer.body?.errors) acknowledged.push(answer.body.data.createTargetGroup.code);
      }
    };
    const loops = [...Array.from({ length: 6 }, (_, worker) => readLoop(worker)), writeLoop()];
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const beforeStop = { ...tally };
    await pair.replica.stop();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    stopping = true;
    await Promise.all(loops);

    // Neither process fell over.
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
    expect(beforeStop.replica).toBeGreaterThan(0);
    expect(tally.primary).toBeGreaterThan(0);
    expect(tally.failedAfterRetry).toBe(0);
    // Every acknowledged write is on the primary.
    const stored = await pair.sql<{ code: string }>(pair.primary, `SELECT code FROM target_group WHERE code = ANY($1)`, [acknowledged]);
    expect(stored).toHaveLength(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect((await readiness(a)).ok).toBe(false);

    await pair.replica.start();
    const backAfterMs = await waitFor('the restarted replica in use', async () => (await readiness(a)).ok && (await readiness(b)).ok, 30_000);
    reportFigure('replica stopped mid-load', {
      'reads served': tally.replica + tally.primary,
      'from replica': tally.replica,
      'from primary': tally.primary,
      'retried once': tally.retried,
      'failed after retry': tally.failedAfterRetry,
      'writes acknowledged': acknowledged.length,
      'acknowledged writes lost': acknowledged.length - stored.length,
      'replica back in use after restart ms': backAfterMs,
    });
  });

  it('delivers each webhook event once with both processes running delivery workers', async () => {
    const swa = await login(a, 'swa@test.local', '10.5.0.1');
    const riagg = await login(b, 'riagg@test.local', '10.5.0.2');
    const webhookId = dataOf(await post(a, CREATE_WEBHOOK, { variables: { input: { url: `${receiver.url}/replicas`, events: ['CREATED'] } }, cookie: swa, ip: '10.5.0.1' })).createWebhook.webhook.id;
    for (let i = 0; i < 6; i += 1) {
      const created = dataOf(await post(i % 2 === 0 ? a : b, CREATE_REFERRAL, { variables: { input: { receivingOrganisationId: swaId, summary: `replica test ${i}` } }, cookie: riagg, ip: '10.5.0.2' }));
      referralIds.push(created.createReferral.id);
    }
    const deliveries = () => pair.sql<{ id: string; status: string }>(pair.primary, `SELECT id, status FROM webhook_delivery WHERE webhook_id = $1`, [webhookId]);
    await waitFor('six deliveries', async () => {
      const rows = await deliveries();
      return rows.length === 6 && rows.every((row) => row.status === 'DELIVERED');
    });
    // Give a duplicate every chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ids = (await deliveries()).map((row) => row.id).sort();
    expect([...receiver.sentTo('/replicas')].sort()).toEqual(ids);
    for (const id of ids) expect(receiver.accepted.get(id)).toBe(1);
    reportFigure('webhooks with two workers', { events: 6, 'requests to receiver': receiver.sentTo('/replicas').length, 'accepted per event': 1 });

    // The same six referrals, as notifications: both processes' workers mail the receiving organisation's user, and each notification goes out once.
    const [user] = await pair.sql<{ id: string }>(pair.primary, `SELECT id FROM app_user WHERE email = 'swa@test.local'`);
    const mailed = () => pair.sql<{ state: string; n: number }>(pair.primary, `SELECT email_state AS state, count(*)::int AS n FROM notification WHERE user_id = $1 AND referral_id = ANY($2::uuid[]) GROUP BY 1`, [user.id, referralIds]);
    await waitFor('the notifications mailed', async () => {
      const states = await mailed();
      return states.length === 1 && states[0].state === 'SENT' && states[0].n === 6;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const mails = smtp.to('swa@test.local');
    // One mail per pass that found pending notifications: never a notification in two mails.
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.length).toBeLessThanOrEqual(6);
    for (const mail of mails) expect(mail.raw).not.toContain('replica test');
    reportFigure('notification e-mail with two workers', { notifications: 6, 'mails to the receiver': mails.length, 'notifications in two mails': 0 });
  });

  it('a retention purge started on both processes at once purges each ended referral once', async () => {
    // The six referrals of the webhook test, withdrawn eleven years ago.
    const ended = await pair.sql<{ dossier_number: string }>(
      pair.primary,
      `UPDATE referral SET status = 'WITHDRAWN', opened_at = now() - interval '12 years', updated_at = now() - interval '11 years'
        WHERE id = ANY($1::uuid[]) RETURNING dossier_number`,
      [referralIds],
    );
    expect(ended).toHaveLength(6);
    const [adminA, adminB] = await Promise.all([login(a, 'admin@test.local', '10.6.0.1'), login(b, 'admin@test.local', '10.6.0.2')]);
    const PURGE = `mutation { purgeClosedReferrals(olderThanYears: 10) { purged dossierNumbers } }`;
    const answers = await Promise.all([post(a, PURGE, { cookie: adminA, ip: '10.6.0.1' }), post(b, PURGE, { cookie: adminB, ip: '10.6.0.2' })]);
    const results = answers.map((answer) => dataOf(answer).purgeClosedReferrals as { purged: number; dossierNumbers: string[] });
    // One run took them all; the other, waiting on their locks, found them gone.
    expect(results.map((r) => r.purged).sort()).toEqual([0, 6]);
    const dossiers = ended.map((row) => row.dossier_number);
    const deletions = await pair.sql<{ dossier_number: string }>(pair.primary, `SELECT dossier_number FROM referral_deletion WHERE dossier_number = ANY($1)`, [dossiers]);
    expect(deletions.map((row) => row.dossier_number).sort()).toEqual([...dossiers].sort());
    const purgeLog = await pair.sql<{ n: number }>(pair.primary, `SELECT count(*)::int AS n FROM access_log WHERE event_type = 'PURGE' AND dossier_number = ANY($1)`, [dossiers]);
    expect(purgeLog[0].n).toBe(6);
    reportFigure('retention purge on both processes at once', { referrals: 6, 'purged by the runs': results.map((r) => r.purged).join(' + '), 'deletion records': deletions.length });
  });
});
