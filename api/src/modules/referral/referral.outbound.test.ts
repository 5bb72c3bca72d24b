import { type GraphQLNamedType, getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType } from 'graphql';
import { features } from '../../features';
import { getSchema } from '../../graphql/schema';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { hashPassword } from '../auth/auth.service';
import { User, UserRole } from '../user/user.entity';

/**
 * The ways a case leaves the API other than reading it (`referral`, `referrals`, `networkAgenda`:
 * referral.privacy.test.ts): webhooks, exports and reports, per role. Webhooks follow the read
 * rule of the moment — referrer, receiver, core member, consulted shell partner, consented
 * organisation until the consent is withdrawn; never an unconsulted shell partner or another
 * organisation — and carry no case content. No export, report, aggregate, notification, data
 * export, access-log report or log line holds the anonymous case's text or the identifying
 * details, whoever asks (docs/security.md, "Referrals and webhooks"; architecture.md rule 5).
 */
const SECRET = 'UITGAAND-GEHEIM';
const IDENTITY = 'Mevrouw Uitgaand-Jansen, Schuilenburgerweg 4, 06-12345678';
const IDENTITY_MARKER = 'Uitgaand-Jansen';
const ENV = { WEBHOOK_ALLOW_LOOPBACK: 'true', WEBHOOK_SECRET_KEY: 'test-only-webhook-secret-key-0123456789abcdef' };

describe('referrals leaving the API: webhooks, exports and reports, per role', () => {
  let t: TestApp;
  const as: Record<string, As> = { anonymous: {} };
  const org: Record<string, string> = {};
  const user: Record<string, string> = {};
  const hook: Record<string, string> = {};
  let network: string;
  let referral: { id: string; dossierNumber: string; version: number };

  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const contains = (text: string) => text.includes(SECRET) || text.includes(IDENTITY_MARKER) || text.includes('12345678');

  async function orgUser(slug: string): Promise<As> {
    const users = t.db.dataSource.getRepository(User);
    const saved = await users.save(users.create({ email: `${slug}@outbound.test`, displayName: `Medewerker ${slug}`, role: UserRole.ORGANISATION, organisationId: org[slug], passwordHash: await hashPassword(TEST_PASSWORD) }));
    user[slug] = saved.id;
    return { cookie: await t.login(`${slug}@outbound.test`, TEST_PASSWORD) };
  }

  async function apiKey(slug: string, scopes: string[]): Promise<As> {
    const input = { organisationId: org[slug], name: `uitgaand ${scopes.join(' ')}`, scopes };
    return { bearer: dataOf(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input }, as.admin)).createApiKey.key };
  }

  const change = async (mutation: string, variables: Record<string, unknown>, who: As) => {
    const data = dataOf(await t.gql(mutation, { id: referral.id, v: referral.version, ...variables }, who));
    referral.version = (Object.values(data)[0] as { version: number }).version;
  };
  const note = (text: string, who: As) => change(`mutation($id: ID!, $v: Int!, $text: String!) { addReferralNote(id: $id, version: $v, input: { text: $text }) { version } }`, { text }, who);
  const consent = (given: boolean, organisationId: string) =>
    change(`mutation($id: ID!, $v: Int!, $given: Boolean!, $o: ID) { recordConsent(id: $id, version: $v, input: { given: $given, scope: ORGANISATION, organisationId: $o }) { version } }`, { given, o: organisationId }, as.swa);

  /** The outbox rows of one organisation's webhook: what is sent to it (the sender adds only ids). */
  const queuedFor = async (slug: string) =>
    (await db(`SELECT event_type, payload FROM webhook_delivery WHERE webhook_id = $1 ORDER BY (payload->'event'->>'sequence')::int`, [hook[slug]])) as Array<{ event_type: string; payload: Record<string, unknown> }>;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
    await createTestUsers(t.db);
    for (const row of await db(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    [{ id: network }] = await db(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    for (const slug of ['beweging-3-0', 'grijs-genoegen', 'bureau-jeugdzorg', 'kwintes']) as[slug] = await orgUser(slug);
    as.kwintesReferralsKey = await apiKey('kwintes', ['REFERRALS']);
    as.swaMapKey = await apiKey('swa', ['READ_MAP']);
    as.swaReferralsKey = await apiKey('swa', ['REFERRALS']);

    // The circle as the read rule sees it: Beweging 3.0, SWA and Grijs Genoegen core, Riagg shell, Jeugdzorg and Kwintes outside.
    const tiers = await db(`SELECT o.slug, nm.tier FROM network_member nm JOIN organisation o ON o.id = nm.organisation_id WHERE nm.network_id = $1 AND o.slug = ANY($2)`, [
      network,
      ['beweging-3-0', 'swa', 'grijs-genoegen', 'riagg-amersfoort', 'bureau-jeugdzorg', 'kwintes'],
    ]);
    expect(Object.fromEntries(tiers.map((r: { slug: string; tier: string }) => [r.slug, r.tier]))).toMatchObject({ 'grijs-genoegen': 'CORE', 'riagg-amersfoort': 'SHELL' });
    expect(tiers.map((r: { slug: string }) => r.slug)).not.toEqual(expect.arrayContaining(['bureau-jeugdzorg']));
    expect(tiers.map((r: { slug: string }) => r.slug)).not.toEqual(expect.arrayContaining(['kwintes']));

    // Every organisation around the case subscribes to every event.
    const events = getSchema(features).getType('ReferralEventType');
    const all = isEnumType(events) ? events.getValues().map((v) => v.name) : [];
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const slug of ['beweging-3-0', 'swa', 'grijs-genoegen', 'riagg-amersfoort', 'bureau-jeugdzorg', 'kwintes']) {
      const input = { organisationId: org[slug], url: `http://127.0.0.1:9/${slug}`, events: all };
      hook[slug] = dataOf(await t.gql(`mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`, { input }, as.admin)).createWebhook.webhook.id;
    }

    // Beweging 3.0 brings a case into Buurtnetwerk 55+ for SWA, with the person's consent for the receiver.
    referral = dataOf(
      await t.gql(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber version } }`,
        {
          input: {
            receivingOrganisationId: org.swa,
            networkId: network,
            area: 'randenbroek-schuilenburg',
            summary: `${SECRET}: oudere vrouw van 80, kan slecht lopen`,
            identifyingDetails: IDENTITY,
            targetGroups: ['kwetsbare-ouderen-sociaal-isolement'],
            consent: { given: true, scope: 'RECEIVER' },
          },
        },
        as['beweging-3-0'],
      ),
    ).createReferral;
    await change(`mutation($id: ID!, $v: Int!) { acceptReferral(id: $id, version: $v) { version } }`, {}, as.swa); // 2 ACCEPTED
    await note(`${SECRET}-notitie van de ontvanger`, as.swa); // 3
    await note(`${SECRET}-notitie van een kernpartner`, as['grijs-genoegen']); // 4
    await change(
      `mutation($id: ID!, $v: Int!, $o: ID!) { consultOnReferral(id: $id, version: $v, input: { organisationId: $o, question: "${SECRET}-vraag" }) { version } }`,
      { o: org['riagg-amersfoort'] },
      as['grijs-genoegen'],
    ); // 5 CONSULTED
    await consent(true, org['bureau-jeugdzorg']); // 6 CONSENT_RECORDED
    await note(`${SECRET}-notitie met toestemming voor Jeugdzorg`, as.swa); // 7
    await consent(false, org['bureau-jeugdzorg']); // 8 CONSENT_RECORDED (withdrawn)
    await note(`${SECRET}-notitie na de intrekking`, as.swa); // 9
    await change(
      `mutation($id: ID!, $v: Int!, $a: ID!) { addReferralAction(id: $id, version: $v, input: { description: "${SECRET}-actie", assignedOrganisationId: $a }) { version } }`,
      { a: org['grijs-genoegen'] },
      as.swa,
    ); // 10 ACTION_ADDED
    await change(
      `mutation($id: ID!, $v: Int!, $p: ID!) { closeReferral(id: $id, version: $v, input: { outcome: "${SECRET}-uitkomst", problemOwnerOrganisationId: $p, stayAlert: true, lookAgainOn: "2099-01-01", lessonsLearned: "${SECRET}-les" }) { version } }`,
      { p: org.swa },
      as.swa,
    ); // 11 CLOSED
    // Someone without the right asks for the details: a refused attempt for the report.
    await t.gql(`query($id: ID!) { referral(id: $id) { identifyingDetails } }`, { id: referral.id }, as['grijs-genoegen']);
  });
  afterAll(() => t.close());

  it('has markers that a reader of both layers does see (so their absence elsewhere means something)', async () => {
    const read = JSON.stringify(dataOf(await t.gql(`query($id: ID!) { referral(id: $id) { summary identifyingDetails events { note } } }`, { id: referral.id }, as['beweging-3-0'])));
    expect(read).toContain(SECRET);
    expect(read).toContain(IDENTITY_MARKER);
    expect(contains(read)).toBe(true);
  });

  it('queues webhook events by the read rule of the moment, per role', async () => {
    const sequences = async (slug: string) => (await queuedFor(slug)).map((d) => [(d.payload.event as { sequence: number }).sequence, d.event_type]);
    const every = [
      [1, 'CREATED'],
      [2, 'ACCEPTED'],
      [3, 'NOTE_ADDED'],
      [4, 'NOTE_ADDED'],
      [5, 'CONSULTED'],
      [6, 'CONSENT_RECORDED'],
      [7, 'NOTE_ADDED'],
      [8, 'CONSENT_RECORDED'],
      [9, 'NOTE_ADDED'],
      [10, 'ACTION_ADDED'],
      [11, 'CLOSED'],
    ];
    // The referrer, the receiver (and holder) and a core member of the network: every event.
    for (const slug of ['beweging-3-0', 'swa', 'grijs-genoegen']) expect([slug, await sequences(slug)]).toEqual([slug, every]);
    // The shell partner: from its consultation on, never before.
    expect(await sequences('riagg-amersfoort')).toEqual(every.filter(([n]) => (n as number) >= 5));
    // The organisation the person consented to, outside the network: from the consent until its withdrawal.
    expect(await sequences('bureau-jeugdzorg')).toEqual([
      [6, 'CONSENT_RECORDED'],
      [7, 'NOTE_ADDED'],
    ]);
    // Another organisation (its users, its REFERRALS key): nothing queued at all.
    expect(await queuedFor('kwintes')).toEqual([]);
  });

  it('puts no case content and no identity in any webhook payload', async () => {
    const rows: Array<{ payload: unknown }> = await db(`SELECT payload FROM webhook_delivery WHERE payload->'referral'->>'id' = $1`, [referral.id]);
    expect(rows.length).toBe(3 * 11 + 7 + 2);
    for (const { payload } of rows) {
      const text = JSON.stringify(payload);
      expect([text, contains(text)]).toEqual([text, false]);
      expect(Object.keys(payload as object).sort()).toEqual(['event', 'occurredAt', 'referral', 'type']);
      expect(Object.keys((payload as { referral: object }).referral).sort()).toEqual(['dossierNumber', 'id', 'status', 'version']);
    }
    // The delivery history an organisation reads shows its own deliveries, and no content either.
    const history = `query($w: ID!) { webhookDeliveries(webhookId: $w, first: 100) { totalCount edges { node { ${scalarsOf('WebhookDelivery')} } } } }`;
    for (const [slug, who] of [['swa', as.swaReferralsKey], ['bureau-jeugdzorg', as['bureau-jeugdzorg']]] as const) {
      const res = await t.gql(history, { w: hook[slug] }, who);
      const text = JSON.stringify(dataOf(res));
      expect([slug, contains(text)]).toEqual([slug, false]);
      expect(dataOf(res).webhookDeliveries.totalCount).toBe(slug === 'swa' ? 11 : 2);
    }
  });

  /** The scalar fields of a type (those without required arguments), for a selection that asks everything. */
  function scalarsOf(typeName: string): string {
    const type = getSchema(features).getType(typeName) as GraphQLNamedType;
    if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
    return Object.values(type.getFields())
      .filter((f) => !f.args.some((arg) => isNonNullType(arg.type)))
      .filter((f) => {
        const named = getNamedType(f.type);
        return isScalarType(named) || isEnumType(named);
      })
      .map((f) => f.name)
      .join(' ');
  }

  it('keeps case text and identity out of every CSV, HSDS and report export, whoever asks', async () => {
    const paths = ['/csv/organisations', '/csv/services', '/csv/areas', '/csv/key-figures', '/csv/locations', '/csv/key-persons', '/hsds/services', '/hsds/organizations', '/hsds/service_at_locations', '/hsds/export.json', '/hsds/export/csv', '/reports/wijkkaart/randenbroek-schuilenburg'];
    const principals = ['anonymous', 'admin', 'municipality', 'swa', 'beweging-3-0', 'grijs-genoegen', 'kwintes', 'swaMapKey', 'swaReferralsKey', 'kwintesReferralsKey'];
    const answered = new Map<string, number>();
    for (const path of paths) {
      for (const principal of principals) {
        const who = as[principal];
        const headers: Record<string, string> = {};
        if (who.cookie) headers.cookie = who.cookie;
        if (who.bearer) headers.authorization = `Bearer ${who.bearer}`;
        const res = await fetch(`${t.url}${path}`, { headers });
        const body = await res.text();
        expect([path, principal, res.status < 500, contains(body), body.includes(referral.dossierNumber)]).toEqual([path, principal, true, false, false]);
        if (res.status === 200) answered.set(path, (answered.get(path) ?? 0) + 1);
      }
    }
    // Every export answered someone (a wrong path would pass the check above without testing anything).
    for (const path of paths) expect([path, (answered.get(path) ?? 0) > 0]).toEqual([path, true]);
  });

  it('gives admins and municipality users aggregates only, and no one else even those', async () => {
    const statistics = `{ referralStatistics { ${scalarsOf('ReferralStatistics')} } }`;
    const flow = `{ neighbourhoodView(area: "randenbroek-schuilenburg") { referralFlow { inScope statistics { ${scalarsOf('ReferralStatistics')} } areaCounts { ${scalarsOf('ReferralAreaCount')} } } } }`;
    for (const principal of ['admin', 'municipality']) {
      for (const query of [statistics, flow]) {
        const text = JSON.stringify((await t.gql(query, {}, as[principal])).body);
        expect([principal, contains(text), text.includes(referral.dossierNumber), text.includes(referral.id)]).toEqual([principal, false, false, false]);
      }
      expect(dataOf(await t.gql(statistics, {}, as[principal])).referralStatistics).toBeTruthy();
    }
    for (const principal of ['swa', 'beweging-3-0', 'kwintes', 'swaReferralsKey', 'swaMapKey', 'anonymous']) {
      const res = await t.gql(statistics, {}, as[principal]);
      expect([principal, res.body.data?.referralStatistics ?? null, res.body.errors?.[0]?.extensions?.code]).toEqual([principal, null, principal === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
    }
  });

  it('keeps case text and identity out of notifications, the data export of a user, the access log report and the logs', async () => {
    // The receiver's and a core member's notifications name the dossier, never its content.
    const notifications = `{ notifications(first: 100) { edges { node { ${scalarsOf('Notification')} } } } }`;
    for (const principal of ['swa', 'grijs-genoegen', 'beweging-3-0']) {
      const text = JSON.stringify(dataOf(await t.gql(notifications, {}, as[principal])));
      expect([principal, contains(text)]).toEqual([principal, false]);
    }
    expect(dataOf(await t.gql(notifications, {}, as.swa)).notifications.edges.length).toBeGreaterThan(0);
    // An admin's GDPR export of the referrer's user lists its referral activity by id and type only.
    const exported = dataOf(await t.gql(`query($id: ID!) { userDataExport(id: $id) }`, { id: user['beweging-3-0'] }, as.admin)).userDataExport;
    expect(JSON.stringify(exported)).toContain(referral.id);
    expect(contains(JSON.stringify(exported))).toBe(false);
    // The access log and the report of refused attempts: who, which dossier, which operation — never the case.
    const log = dataOf(await t.gql(`query($d: String!) { accessLog(dossierNumber: $d, first: 100) { totalCount edges { node { ${scalarsOf('AccessLogEntry')} } } } }`, { d: referral.dossierNumber }, as.admin));
    expect(log.accessLog.totalCount).toBeGreaterThan(11);
    expect(contains(JSON.stringify(log))).toBe(false);
    const refused = dataOf(await t.gql(`{ refusedAccessAttempts(first: 100) { edges { node { ${scalarsOf('AccessLogEntry')} } } } }`, {}, as.admin)).refusedAccessAttempts;
    expect(refused.edges.map((e: { node: { dossierNumber: string; operation: string } }) => [e.node.dossierNumber, e.node.operation])).toContainEqual([referral.dossierNumber, 'referral.identifyingDetails']);
    expect(contains(JSON.stringify(refused))).toBe(false);
    // Nothing of the case in what the server logged while all of this ran.
    expect(t.logLines.length).toBeGreaterThan(50);
    const leaked = t.logLines.filter((line) => contains(line));
    expect(leaked).toEqual([]);
  });
});
