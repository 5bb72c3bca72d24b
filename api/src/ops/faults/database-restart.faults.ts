import { ControlledPostgres, type FaultApp, reportFigure, startFaultApp, waitFor } from './fault-harness';

/**
 * PostgreSQL goes away under load and comes back: requests fail fast with SERVICE_UNAVAILABLE
 * (HTTP 503), the process stays up, /readyz turns red and green again, service resumes without a
 * restart, and no acknowledged referral is lost or duplicated (retries carry the same
 * Idempotency-Key).
 */
const CREATE = `mutation CreateReferral($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber } }`;
const READ = `query MapRead { organisations(first: 10) { edges { node { id name services { name locations { name } } } } } }`;

interface WriteOutcome {
  key: string;
  status: number;
  code: string | null;
  id: string | null;
  at: number;
}

interface ReadOutcome {
  status: number;
  code: string | null;
  ok: boolean;
  at: number;
  ms: number;
}

function errorCode(body: any): string | null {
  return body?.errors?.[0]?.extensions?.code ?? body?.error?.code ?? null;
}

describe('PostgreSQL restarts during a steady stream of reads and referral writes', () => {
  let pg: ControlledPostgres;
  let t: FaultApp;
  let cookie: string;
  let receivingOrganisationId: string;

  beforeAll(async () => {
    pg = await ControlledPostgres.start();
    t = await startFaultApp(pg, { DB_POOL_SIZE: '6', DB_CONNECT_TIMEOUT_MS: '1000', READY_TIMEOUT_MS: '1000' });
    cookie = await t.login('swa@test.local');
    [{ id: receivingOrganisationId }] = await pg.sql<{ id: string }>(`SELECT id FROM organisation WHERE slug = 'riagg-amersfoort'`);
  });
  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  it('acknowledged writes survive, none is duplicated, failures are fast 503s, and service resumes by itself', async () => {
    const run = `restart-${Date.now()}`;
    const writes: WriteOutcome[] = [];
    const reads: ReadOutcome[] = [];
    const unexpected: string[] = [];
    let sequence = 0;
    let running = true;
    const t0 = performance.now();
    const now = () => performance.now() - t0;

    const write = async (key: string): Promise<WriteOutcome> => {
      const response = await t.post(
        { query: CREATE, variables: { input: { receivingOrganisationId, summary: `${run} ${key}` } } },
        { cookie, 'idempotency-key': key },
      );
      const id = response.body?.data?.createReferral?.id ?? null;
      return { key, status: response.status, code: errorCode(response.body), id, at: now() };
    };
    const check = (status: number, code: string | null, ok: boolean, what: string) => {
      if (ok) return;
      // While the database is away the only acceptable answer is a coded 503.
      if (!(status === 503 && code === 'SERVICE_UNAVAILABLE')) unexpected.push(`${what}: HTTP ${status} ${code}`);
    };

    const writer = async () => {
      while (running) {
        const key = `${run}-${++sequence}`;
        const outcome = await write(key);
        writes.push(outcome);
        check(outcome.status, outcome.code, outcome.status === 200 && outcome.id !== null, `write ${key}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const reader = async (as: Record<string, string>) => {
      while (running) {
        const response = await t.post({ query: READ }, as);
        const ok = response.status === 200 && !response.body?.errors && (response.body?.data?.organisations?.edges?.length ?? 0) > 0;
        reads.push({ status: response.status, code: errorCode(response.body), ok, at: now(), ms: response.ms });
        check(response.status, errorCode(response.body), ok, 'read');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    const load = Promise.all([writer(), writer(), writer(), reader({}), reader({}), reader({ cookie })]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const downAt = now();
    await pg.down();
    const stoppedAt = now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readyDuringOutage = await fetch(`${t.url}/readyz`);
    expect(readyDuringOutage.status).toBe(503);
    expect(((await readyDuringOutage.json()) as any).checks.database.ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await pg.up();
    const upAt = now();
    const recoveryMs = await waitFor('a successful read and write after the restart', () => {
      return reads.some((r) => r.ok && r.at > upAt) && writes.some((w) => w.id !== null && w.at > upAt);
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    running = false;
    await load;
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);

    expect(unexpected).toEqual([]);
    expect(t.internalErrors).toEqual([]);
    const failedDuringOutage = [...writes.filter((w) => w.id === null), ...reads.filter((r) => !r.ok)];
    expect(failedDuringOutage.length).toBeGreaterThan(0);
    const outageReads = reads.filter((r) => !r.ok);
    // Failing fast: a refused connection is answered at once, not after the pool's connect timeout piles up.
    const slowestFailureMs = Math.max(...outageReads.map((r) => r.ms));
    expect(slowestFailureMs).toBeLessThan(5000);

    // The client's side: retry every unacknowledged write with the same key until it is acknowledged.
    const acknowledged = new Map(writes.filter((w) => w.id !== null).map((w) => [w.key, w.id as string]));
    const unacknowledged = writes.filter((w) => w.id === null).map((w) => w.key);
    for (const key of unacknowledged) {
      const retried = await write(key);
      expect(retried.status).toBe(200);
      acknowledged.set(key, retried.id as string);
    }

    const stored = await pg.sql<{ id: string; summary: string }>(`SELECT id, summary FROM referral WHERE summary LIKE $1`, [`${run} %`]);
    const byKey = new Map<string, string[]>();
    for (const row of stored) {
      const key = row.summary.slice(run.length + 1);
      byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
    }
    // Every write the API acknowledged is there, under the id it answered, exactly once.
    const ackedBeforeRetry = writes.filter((w) => w.id !== null);
    for (const w of ackedBeforeRetry) expect(byKey.get(w.key)).toEqual([w.id]);
    const duplicates = [...byKey.values()].filter((ids) => ids.length > 1).length;
    expect(duplicates).toBe(0);
    expect(stored).toHaveLength(writes.length);
    expect(new Set(stored.map((row) => row.id)).size).toBe(writes.length);

    reportFigure('PostgreSQL restart under load', {
      writes: writes.length,
      acknowledged: ackedBeforeRetry.length,
      'failed (503)': unacknowledged.length,
      'found after retries': stored.length,
      duplicates,
      reads: reads.length,
      'reads failed (503)': outageReads.length,
      'slowest failed read ms': Math.round(slowestFailureMs),
      'stop ms': Math.round(stoppedAt - downAt),
      'recovery after start ms': recoveryMs,
    });
  });

  it('survives pg_terminate_backend of all its connections and answers the next request correctly', async () => {
    // Fill the pool with open connections first.
    await Promise.all(Array.from({ length: 6 }, () => t.post({ query: READ })));
    const before = await pg.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`, [t.applicationName]);
    expect(before[0].n).toBeGreaterThan(0);
    const terminated = await pg.terminateBackends(t.applicationName);
    expect(terminated).toBe(before[0].n);

    const response = await t.post({ query: READ }, { cookie });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.organisations.edges.length).toBeGreaterThan(0);
    const write = await t.post(
      { query: CREATE, variables: { input: { receivingOrganisationId, summary: 'after terminate' } } },
      { cookie, 'idempotency-key': `terminate-${Date.now()}` },
    );
    expect(write.status).toBe(200);
    expect(write.body.data.createReferral.id).toBeTruthy();
    expect(t.internalErrors).toEqual([]);
    reportFigure('pg_terminate_backend of all', { terminated, 'next request': response.status, 'next write': write.status });
  });
});
