import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { getNamedType } from 'graphql';
import { features } from '../../features';
import { getSchema } from '../../graphql/schema';
import { IDEMPOTENT_MUTATIONS, requestHash } from '../idempotency/idempotency.plugin';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

/**
 * Idempotency-Key on the referral mutations: a replay returns the original answer without
 * running again, a different request under the same key is refused, simultaneous requests
 * with one key run once, and keys belong to their caller and expire.
 */
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber status version summary events { sequence type } } }`;
const ACCEPT = `mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { id status version events { sequence type } } }`;

describe('referral mutations with Idempotency-Key', () => {
  let t: TestApp;
  const org: Record<string, string> = {};
  let swaKey: string;
  let otherSwaKey: string;
  let riagg: As;
  let swaUser: As;

  beforeAll(async () => {
    t = await startTestApp({ env: { IDEMPOTENCY_WAIT_MS: '5000' } });
    await createTestUsers(t.db);
    for (const row of await t.db.dataSource.query(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    swaUser = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    const createKey = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`;
    swaKey = dataOf(await t.gql(createKey, { input: { organisationId: org.swa, name: 'Regas koppeling', scopes: ['REFERRALS'] } }, swaUser)).createApiKey.key;
    otherSwaKey = dataOf(await t.gql(createKey, { input: { organisationId: org.swa, name: 'Tweede koppeling', scopes: ['REFERRALS'] } }, swaUser)).createApiKey.key;
  });
  afterAll(() => t.close());

  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const withKey = (key: string, as: As = { bearer: swaKey }): As => ({ ...as, headers: { ...as.headers, 'Idempotency-Key': key } });
  const counts = async () => (await db(`SELECT (SELECT count(*)::int FROM referral) AS referrals, (SELECT count(*)::int FROM referral_event) AS events`))[0] as { referrals: number; events: number };

  it('replays the original answer without running the mutation again', async () => {
    const key = randomUUID();
    const input = { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Oudere buurtbewoner, vereenzaamd' };
    const before = await counts();
    const first = await t.gql(CREATE, { input }, withKey(key));
    const created = dataOf(first).createReferral;
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await counts()).toEqual({ referrals: before.referrals + 1, events: before.events + 1 });

    // The client lost the answer and retries: the same key and the same body.
    const replay = await t.gql(CREATE, { input }, withKey(key));
    expect(replay.status).toBe(first.status);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(JSON.stringify(replay.body)).toBe(JSON.stringify(first.body));
    // Executed once: one referral, one CREATED event.
    expect(await counts()).toEqual({ referrals: before.referrals + 1, events: before.events + 1 });
    expect(await db(`SELECT type FROM referral_event WHERE referral_id = $1`, [created.id])).toEqual([{ type: 'CREATED' }]);

    // The replay showed the case again: logged as a read (NEN 7513).
    const log = await db(`SELECT event_type, operation FROM access_log WHERE referral_id = $1 ORDER BY occurred_at`, [created.id]);
    expect(log).toEqual([
      { event_type: 'CREATE', operation: 'createReferral' },
      { event_type: 'READ', operation: 'idempotentReplay' },
    ]);
    // The key is stored with the request hash, the answer and the referral it changed.
    const [stored] = await db(`SELECT operation, status_code, referrals, extract(epoch FROM expires_at - created_at)::int / 3600 AS ttl_hours FROM idempotency_key WHERE key = $1`, [key]);
    expect(stored).toMatchObject({ operation: 'createReferral', status_code: 200, referrals: [{ id: created.id, dossierNumber: created.dossierNumber }] });
    expect(stored.ttl_hours).toBe(24);
  });

  it('refuses the same key with a different request, and changes nothing', async () => {
    const key = randomUUID();
    const input = { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Eerste versie' };
    dataOf(await t.gql(CREATE, { input }, withKey(key)));
    const before = await counts();
    const other = await t.gql(CREATE, { input: { ...input, summary: 'Andere inhoud' } }, withKey(key));
    expect(other.body.data ?? null).toBeNull();
    expect(other.body.errors).toHaveLength(1);
    expect(other.body.errors![0].extensions).toEqual({ code: 'CONFLICT', field: 'Idempotency-Key' });
    expect(await counts()).toEqual(before);
    // Another mutation under a used key is a different request too.
    const accept = await t.gql(ACCEPT, { id: randomUUID(), version: 1 }, withKey(key));
    expect(accept.body.errors![0].extensions).toEqual({ code: 'CONFLICT', field: 'Idempotency-Key' });
  });

  it('runs simultaneous requests with one key once; the others get the same answer', async () => {
    const key = randomUUID();
    const input = { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Gelijktijdig verstuurd' };
    const before = await counts();
    const answers = await Promise.all([1, 2, 3].map(() => t.gql(CREATE, { input }, withKey(key))));
    const ids = answers.map((a) => dataOf(a).createReferral.id);
    expect(new Set(ids).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(await counts()).toEqual({ referrals: before.referrals + 1, events: before.events + 1 });
  });

  it('makes a request wait for one in flight with the same key: its answer when it commits, a fresh run when it rolls back', async () => {
    const [{ id: apiKeyId }] = await db(`SELECT id FROM api_key WHERE name = 'Regas koppeling'`);
    const input = { receivingOrganisationId: org['riagg-amersfoort'], summary: 'In behandeling bij een ander verzoek' };
    const inFlight = async (key: string) => {
      // Another request holds the key: its transaction inserted the row and has not committed yet.
      const client = new Client({ connectionString: t.db.url });
      await client.connect();
      await client.query('BEGIN');
      await client.query(`INSERT INTO idempotency_key (caller, key, request_hash, operation, expires_at) VALUES ($1, $2, $3, 'createReferral', now() + interval '1 hour')`, [
        `apiKey:${apiKeyId}`,
        key,
        requestHash(CREATE, null, { input }),
      ]);
      let settled = false;
      const waiting = t.gql(CREATE, { input }, withKey(key)).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      return { client, waiting };
    };

    const before = await counts();
    const committed = randomUUID();
    const first = await inFlight(committed);
    const original = { data: { createReferral: { id: 'answer-of-the-first-request' } } };
    await first.client.query(`UPDATE idempotency_key SET status_code = 200, response = $2 WHERE key = $1`, [committed, JSON.stringify(original)]);
    await first.client.query('COMMIT');
    await first.client.end();
    const replay = await first.waiting;
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(original);
    expect(await counts()).toEqual(before);

    const rolledBack = randomUUID();
    const second = await inFlight(rolledBack);
    await second.client.query('ROLLBACK');
    await second.client.end();
    const ran = await second.waiting;
    expect(ran.headers.get('idempotent-replayed')).toBeNull();
    expect(dataOf(ran).createReferral.summary).toBe(input.summary);
    expect(await counts()).toEqual({ referrals: before.referrals + 1, events: before.events + 1 });
  });

  it('keeps the original answer of a state change, while a new key runs again', async () => {
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org.swa, summary: 'Voor SWA' } }, riagg)).createReferral;
    const key = randomUUID();
    const accepted = await t.gql(ACCEPT, { id: created.id, version: 1 }, withKey(key));
    expect(dataOf(accepted).acceptReferral).toMatchObject({ status: 'EXPLORING', version: 2 });
    const replay = await t.gql(ACCEPT, { id: created.id, version: 1 }, withKey(key));
    expect(replay.body).toEqual(accepted.body);
    expect((await db(`SELECT count(*)::int AS n FROM referral_event WHERE referral_id = $1`, [created.id]))[0].n).toBe(2);
    // The same body under a new key is a new request: it runs, and version 1 is stale now.
    expect(errorCodes(await t.gql(ACCEPT, { id: created.id, version: 1 }, withKey(randomUUID())))).toEqual(['CONFLICT']);

    // An answered error is an answer too: the replay repeats it.
    const wrongKey = randomUUID();
    const refused = await t.gql(ACCEPT, { id: created.id, version: 7 }, withKey(wrongKey));
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect((await t.gql(ACCEPT, { id: created.id, version: 7 }, withKey(wrongKey))).body).toEqual(refused.body);
  });

  it('keeps keys per caller: another API key or a user with the same key runs its own request', async () => {
    const key = randomUUID();
    const input = { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Zelfde sleutel, andere beller' };
    const before = await counts();
    const a = dataOf(await t.gql(CREATE, { input }, withKey(key))).createReferral;
    const b = dataOf(await t.gql(CREATE, { input }, withKey(key, { bearer: otherSwaKey }))).createReferral;
    const c = dataOf(await t.gql(CREATE, { input }, withKey(key, swaUser))).createReferral;
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect((await counts()).referrals).toBe(before.referrals + 3);
    // The user's own replay works like a key's.
    const replay = await t.gql(CREATE, { input }, withKey(key, swaUser));
    expect(dataOf(replay).createReferral.id).toBe(c.id);
  });

  it('forgets keys after their time to live', async () => {
    const key = randomUUID();
    const input = { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Gisteren' };
    const first = dataOf(await t.gql(CREATE, { input }, withKey(key))).createReferral;
    await db(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const again = await t.gql(CREATE, { input: { ...input, summary: 'Vandaag' } }, withKey(key));
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(dataOf(again).createReferral.id).not.toBe(first.id);
  });

  it('checks the header and where it applies', async () => {
    const long = await t.gql(CREATE, { input: { receivingOrganisationId: org['riagg-amersfoort'] } }, withKey('x'.repeat(201)));
    expect(long.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    // Only referral mutations honour it: elsewhere it is refused rather than silently ignored.
    const apiKey = await t.gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`,
      { input: { organisationId: org.swa, name: 'niet idempotent', scopes: ['READ_MAP'] } },
      withKey(randomUUID(), swaUser),
    );
    expect(apiKey.body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    // Queries are safe to repeat: the header is ignored.
    const query = await t.gql(`{ referrals(first: 1) { totalCount } }`, {}, withKey(randomUUID()));
    expect(dataOf(query).referrals.totalCount).toBeGreaterThan(0);
    // Nothing was stored for them.
    expect((await db(`SELECT count(*)::int AS n FROM idempotency_key WHERE operation NOT LIKE '%Referral%'`))[0].n).toBe(0);
  });
  it('never replays identifying details: consent withdrawn between the answer and its replay, the replay shows none', async () => {
    const IDENTITY = 'Mevrouw Replay-Jansen, Schuilenburgerweg 4';
    const created = dataOf(
      await t.gql(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
        { input: { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Oudere vrouw, vereenzaamd', identifyingDetails: IDENTITY, consent: { given: true, scope: 'RECEIVER' } } },
        { bearer: swaKey },
      ),
    ).createReferral;
    // The receiver accepts with a key, asking for the details (twice: a fragment with an alias too).
    const acceptWithIdentity = `mutation($id: ID!, $version: Int!) { acceptReferral(id: $id, version: $version) { id version identityVisible identifyingDetails ...who } }
      fragment who on Referral { person: identifyingDetails summary }`;
    const key = randomUUID();
    const first = await t.gql(acceptWithIdentity, { id: created.id, version: created.version }, withKey(key, riagg));
    expect(dataOf(first).acceptReferral).toMatchObject({ identityVisible: true, identifyingDetails: IDENTITY, person: IDENTITY, summary: 'Oudere vrouw, vereenzaamd' });
    // Storage never held them.
    const [stored] = await db(`SELECT response FROM idempotency_key WHERE key = $1`, [key]);
    expect(stored.response).not.toContain('Replay-Jansen');

    // The person withdraws consent.
    const version = dataOf(first).acceptReferral.version;
    dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { recordConsent(id: $id, version: $v, input: { given: false, scope: RECEIVER }) { version } }`, { id: created.id, v: version }, { bearer: swaKey }));

    const replay = await t.gql(acceptWithIdentity, { id: created.id, version: created.version }, withKey(key, riagg));
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(replay.body)).not.toContain('Replay-Jansen');
    expect(replay.body.data!.acceptReferral).toMatchObject({ id: created.id, identifyingDetails: null, person: null, summary: 'Oudere vrouw, vereenzaamd' });
    expect((replay.body as { extensions?: unknown }).extensions).toEqual({ idempotentReplay: { withheld: ['acceptReferral.identifyingDetails', 'acceptReferral.person'] } });
    // Reading the case again applies the rule in force: no details, and the refused attempt is logged.
    const read = dataOf(await t.gql(`query($id: ID!) { referral(id: $id) { identityVisible identifyingDetails } }`, { id: created.id }, riagg)).referral;
    expect(read).toEqual({ identityVisible: false, identifyingDetails: null });

    // An answer stored before this rule (identity inside) is withheld on the way out as well.
    const oldKey = randomUUID();
    const oldBody = { data: { acceptReferral: { id: created.id, version: 2, identityVisible: true, identifyingDetails: IDENTITY, person: IDENTITY, summary: 'x' } } };
    await db(
      `INSERT INTO idempotency_key (caller, key, request_hash, operation, status_code, response, referrals, expires_at)
       SELECT caller, $2, $3, operation, 200, $4, referrals, expires_at FROM idempotency_key WHERE key = $1`,
      [key, oldKey, requestHash(acceptWithIdentity, null, { id: created.id, version: created.version }), JSON.stringify(oldBody)],
    );
    const oldReplay = await t.gql(acceptWithIdentity, { id: created.id, version: created.version }, withKey(oldKey, riagg));
    expect(oldReplay.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(oldReplay.body)).not.toContain('Replay-Jansen');
    expect(oldReplay.body.data!.acceptReferral).toMatchObject({ identifyingDetails: null, person: null });
  });

  it('honours the key on every mutation that changes a referral: the list is the schema’s', () => {
    const mutations = getSchema(features).getMutationType()!.getFields();
    const changingReferral = Object.values(mutations).filter((field) => getNamedType(field.type).name === 'Referral').map((field) => field.name);
    expect(changingReferral.length).toBeGreaterThanOrEqual(12);
    expect([...IDEMPOTENT_MUTATIONS].sort()).toEqual(changingReferral.sort());
  });

  it('replays a handover, a consultation and a change of the identifying details without running them again (and without the details)', async () => {
    const eventsOf = async (id: string) => (await db(`SELECT type FROM referral_event WHERE referral_id = $1 ORDER BY sequence`, [id])).map((row: { type: string }) => row.type);
    const [{ id: network }] = await db(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    // SWA, a core partner of Buurtnetwerk 55+, brings a case in through its key and consults Riagg, a shell partner.
    let r = dataOf(await t.gql(CREATE, { input: { networkId: network, summary: 'Oudere man, zorgmijdend' } }, { bearer: swaKey })).createReferral;
    const consult = `mutation($id: ID!, $version: Int!, $o: ID!) { consultOnReferral(id: $id, version: $version, input: { organisationId: $o, question: "Psychische problematiek?" }) { id version consultations { organisation { slug } } } }`;
    const consultKey = randomUUID();
    const consulted = await t.gql(consult, { id: r.id, version: r.version, o: org['riagg-amersfoort'] }, withKey(consultKey));
    expect(dataOf(consulted).consultOnReferral.consultations).toEqual([{ organisation: { slug: 'riagg-amersfoort' } }]);
    const consultReplay = await t.gql(consult, { id: r.id, version: r.version, o: org['riagg-amersfoort'] }, withKey(consultKey));
    expect([consultReplay.headers.get('idempotent-replayed'), consultReplay.body]).toEqual(['true', consulted.body]);
    expect((await db(`SELECT count(*)::int AS n FROM referral_consultation WHERE referral_id = $1`, [r.id]))[0].n).toBe(1);
    r = dataOf(consulted).consultOnReferral;

    // The referrer sets the identifying details: the replay runs nothing and withholds them.
    const details = `mutation($id: ID!, $version: Int!, $text: String) { setReferralIdentifyingDetails(id: $id, version: $version, input: { identifyingDetails: $text }) { id version identifyingDetails } }`;
    const detailsKey = randomUUID();
    const set = await t.gql(details, { id: r.id, version: r.version, text: 'Meneer Sleutel-de Vries, 06-12345678' }, withKey(detailsKey));
    expect(dataOf(set).setReferralIdentifyingDetails.identifyingDetails).toBe('Meneer Sleutel-de Vries, 06-12345678');
    const setReplay = await t.gql(details, { id: r.id, version: r.version, text: 'Meneer Sleutel-de Vries, 06-12345678' }, withKey(detailsKey));
    expect(setReplay.headers.get('idempotent-replayed')).toBe('true');
    expect(JSON.stringify(setReplay.body)).not.toContain('Sleutel-de Vries');
    expect(setReplay.body.data!.setReferralIdentifyingDetails).toEqual({ id: r.id, version: r.version + 1, identifyingDetails: null });
    expect(await eventsOf(r.id)).toEqual(['CREATED', 'CONSULTED', 'UPDATED']);

    // Riagg takes a case of its own up and hands it over to SWA, with a key: once.
    let own = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Voor Riagg, later naar SWA' } }, { bearer: swaKey })).createReferral;
    own = dataOf(await t.gql(ACCEPT, { id: own.id, version: own.version }, riagg)).acceptReferral;
    const handOver = `mutation($id: ID!, $version: Int!, $o: ID!) { handOverReferral(id: $id, version: $version, input: { organisationId: $o }) { id version holderOrganisation { slug } } }`;
    const handOverKey = randomUUID();
    const handed = await t.gql(handOver, { id: own.id, version: own.version, o: org.swa }, withKey(handOverKey, riagg));
    // Riagg is no longer involved, so its answer shows no content; SWA holds it.
    expect(dataOf(handed).handOverReferral).toEqual({ id: own.id, version: own.version + 1, holderOrganisation: null });
    expect(dataOf(await t.gql(`query($id: ID!) { referral(id: $id) { holderOrganisation { slug } } }`, { id: own.id }, swaUser)).referral.holderOrganisation).toEqual({ slug: 'swa' });
    // Its retry is answered as before rather than refused.
    const handReplay = await t.gql(handOver, { id: own.id, version: own.version, o: org.swa }, withKey(handOverKey, riagg));
    expect([handReplay.headers.get('idempotent-replayed'), handReplay.body]).toEqual(['true', handed.body]);
    expect(await eventsOf(own.id)).toEqual(['CREATED', 'ACCEPTED', 'HANDED_OVER']);
  });

  it('replays an answer without identifying details unchanged', async () => {
    const created = dataOf(await t.gql(CREATE, { input: { receivingOrganisationId: org['riagg-amersfoort'], summary: 'Zonder identiteit' } }, { bearer: swaKey })).createReferral;
    const key = randomUUID();
    const first = await t.gql(ACCEPT, { id: created.id, version: created.version }, withKey(key, riagg));
    const replay = await t.gql(ACCEPT, { id: created.id, version: created.version }, withKey(key, riagg));
    expect(replay.body).toEqual(first.body);
    expect((replay.body as { extensions?: unknown }).extensions).toBeUndefined();
  });
});
