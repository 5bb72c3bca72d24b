import { type GraphQLNamedType, type GraphQLObjectType, getNamedType, isEnumType, isNonNullType, isObjectType, isScalarType } from 'graphql';
import { features } from '../../features';
import { getSchema } from '../../graphql/schema';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { hashPassword } from '../auth/auth.service';
import { User, UserRole } from '../user/user.entity';
import { dutchDate } from '../../common/dates';

/**
 * Consent and visibility (docs/security.md, "Referrals and webhooks"), over every path of the schema, and the access
 * log (NEN 7513): rows for reads and changes, batched, and refused UPDATE/DELETE/TRUNCATE.
 */
const SECRET = 'GEHEIM';
const CASE_TYPES = new Set(['Referral', 'ReferralEvent', 'ReferralAction', 'Consent', 'ConsentRecord', 'ReferralConsultation', 'NetworkAgenda', 'ReferralConnection', 'ReferralEdge']);

const FULL = `id dossierNumber status version contentVisible identityVisible summary identifyingDetails lifeDomains outcome declineReason openedAt closedAt updatedAt
  referringOrganisation { slug } receivingOrganisation { slug } network { slug } service { slug } area { slug }
  targetGroups { code } interventionTypes { code } problemOwnerOrganisation { slug }
  consent { given scope recordedAt recordedBy records { scope givenAt withdrawnAt recordedBy withdrawnBy organisation { slug } recordedFor { slug } } }
  consultations { consultedAt question organisation { slug } consultedBy { slug } }
  holderOrganisation { slug } holderName stayAlert lookAgainOn lessonsLearned recordedAfterwards
  events { sequence type note data organisation { slug } actorName }
  actions { description result assignedOrganisation { slug } } overdueActions { description }`;

describe('referral privacy and access log', () => {
  let t: TestApp;
  const as: Record<string, As> = { anonymous: {} };
  const org: Record<string, string> = {};
  const user: Record<string, string> = {};
  let network: string;
  let a: { id: string; dossierNumber: string; version: number };
  const ua = { 'user-agent': 'schakel-privacy-test/1.0' };

  const db = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);

  async function orgUser(slug: string): Promise<As> {
    const users = t.db.dataSource.getRepository(User);
    const saved = await users.save(
      users.create({ email: `${slug}@test.local`, displayName: `Medewerker ${slug}`, role: UserRole.ORGANISATION, organisationId: org[slug], passwordHash: await hashPassword(TEST_PASSWORD) }),
    );
    user[slug] = saved.id;
    return { cookie: await t.login(`${slug}@test.local`, TEST_PASSWORD), headers: ua };
  }

  async function apiKey(slug: string, scopes: string[], owner: As): Promise<As> {
    const { key } = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: org[slug], name: `sleutel ${scopes.join(' ')}`, scopes } }, owner),
    ).createApiKey;
    return { bearer: key, headers: ua };
  }

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    for (const row of await db(`SELECT slug, id FROM organisation`)) org[row.slug] = row.id;
    for (const row of await db(`SELECT email, id FROM app_user`)) user[row.email] = row.id;
    [{ id: network }] = await db(`SELECT id FROM network WHERE slug = 'buurtnetwerk-55plus'`);
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD), headers: ua };
    as.riagg = { cookie: await t.login('riagg@test.local', TEST_PASSWORD), headers: ua };
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD), headers: ua };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD), headers: ua };
    as.beweging = await orgUser('beweging-3-0');
    as.grijs = await orgUser('grijs-genoegen');
    as.kwintes = await orgUser('kwintes');
    as.kwintesKey = await apiKey('kwintes', ['REFERRALS'], as.admin);
    as.swaMapKey = await apiKey('swa', ['READ_MAP'], as.swa);

    // Beweging 3.0 refers to SWA within Buurtnetwerk 55+, with consent for the receiver only.
    const created = dataOf(
      await t.gql(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id dossierNumber version } }`,
        {
          input: {
            receivingOrganisationId: org.swa,
            networkId: network,
            summary: `${SECRET}-samenvatting: mevrouw kan slecht lopen`,
            identifyingDetails: 'IDENTITEIT-Mevrouw Jansen, Schuilenburgerweg 4',
            targetGroups: ['kwetsbare-ouderen-sociaal-isolement'],
            lifeDomains: ['PHYSICAL_HEALTH'],
            consent: { given: true, scope: 'RECEIVER' },
          },
        },
        as.beweging,
      ),
    ).createReferral;
    const accepted = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { acceptReferral(id: $id, version: $v) { version } }`, { id: created.id, v: created.version }, as.swa)).acceptReferral;
    const noted = dataOf(
      await t.gql(
        `mutation($id: ID!, $v: Int!) { addReferralNote(id: $id, version: $v, input: { text: "${SECRET}-notitie" }) { version } }`,
        { id: created.id, v: accepted.version },
        as.swa,
      ),
    ).addReferralNote;
    const acted = dataOf(
      await t.gql(
        `mutation($id: ID!, $v: Int!, $org: ID!) { addReferralAction(id: $id, version: $v, input: { description: "${SECRET}-actie", assignedOrganisationId: $org }) { version } }`,
        { id: created.id, v: noted.version, org: org['grijs-genoegen'] },
        as.swa,
      ),
    ).addReferralAction;
    a = { ...created, version: acted.version };
  });
  afterAll(() => t.close());

  const readA = (who: As) => t.gql(`query($id: ID!) { referral(id: $id) { ${FULL} } }`, { id: a.id }, who);

  async function setConsent(given: boolean, scope: string | null) {
    const res = dataOf(
      await t.gql(`mutation($id: ID!, $v: Int!, $input: ConsentInput!) { recordConsent(id: $id, version: $v, input: $input) { version } }`, { id: a.id, v: a.version, input: { given, scope } }, as.beweging),
    );
    a.version = res.recordConsent.version;
  }

  it('lets the referring and receiving organisations read the case', async () => {
    for (const who of [as.beweging, as.swa]) {
      const referral = dataOf(await readA(who)).referral;
      expect(referral).toMatchObject({ contentVisible: true, summary: expect.stringContaining(SECRET), lifeDomains: ['PHYSICAL_HEALTH'], area: { slug: 'randenbroek-schuilenburg' } });
      expect(referral.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'ACCEPTED', 'NOTE_ADDED', 'ACTION_ADDED']);
      expect(referral.actions).toEqual([{ description: `${SECRET}-actie`, result: null, assignedOrganisation: { slug: 'grijs-genoegen' } }]);
    }
  });

  const IDENTITY = 'IDENTITEIT-Mevrouw Jansen, Schuilenburgerweg 4';
  const LAYERS = `query($id: ID!) { referral(id: $id) { dossierNumber status contentVisible identityVisible summary identifyingDetails
    consent { given scope records { scope withdrawnAt organisation { slug } } } consultations { organisation { slug } consultedBy { slug } }
    events { type note } actions { description } availableTransitions } }`;
  const layersOf = async (who: As) => dataOf(await t.gql(LAYERS, { id: a.id }, who)).referral;
  const deniedSince = (since: Date) =>
    db(`SELECT organisation_id, operation, details FROM access_log WHERE referral_id = $1 AND event_type = 'READ_DENIED' AND occurred_at >= $2 ORDER BY occurred_at`, [a.id, since]);

  it('shows the anonymous case to every core member, and the identifying details only with consent (§4.5)', async () => {
    const since = new Date();
    // The referrer brought the details in; the receiver has the person's consent (RECEIVER).
    for (const who of [as.beweging, as.swa]) expect(await layersOf(who)).toMatchObject({ contentVisible: true, identityVisible: true, summary: expect.stringContaining(SECRET), identifyingDetails: IDENTITY });
    // Grijs Genoegen, a core member of Buurtnetwerk 55+, reads the anonymous case — the network thinks along — but not who it is.
    const core = await layersOf(as.grijs);
    expect(core).toMatchObject({ contentVisible: true, identityVisible: false, summary: expect.stringContaining(SECRET), identifyingDetails: null, consent: { given: true, scope: 'RECEIVER' } });
    expect(core.actions).toEqual([{ description: `${SECRET}-actie` }]);
    expect(JSON.stringify(core)).not.toContain('IDENTITEIT');
    // Asking for the details without consent is a refused attempt, in the log.
    expect(await deniedSince(since)).toEqual([{ organisation_id: org['grijs-genoegen'], operation: 'referral.identifyingDetails', details: { refused: 'NO_CONSENT', layer: 'IDENTITY' } }]);
    // A core member works on the case without consent (notes are anonymous-layer text) …
    const noted = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { addReferralNote(id: $id, version: $v, input: { text: "Huisbezoek gepland" }) { version } }`, { id: a.id, v: a.version }, as.grijs));
    a.version = noted.addReferralNote.version;
    // … and consent for the network lifts the anonymity for every core member, until it is withdrawn.
    await setConsent(true, 'NETWORK');
    expect(await layersOf(as.grijs)).toMatchObject({ identityVisible: true, identifyingDetails: IDENTITY, consent: { given: true, scope: 'NETWORK' } });
    await setConsent(false, null);
    const after = await layersOf(as.grijs);
    expect(after).toMatchObject({ contentVisible: true, identityVisible: false, identifyingDetails: null, consent: { given: false, scope: null } });
    expect(after.consent.records.map((r: { scope: string; withdrawnAt: string | null }) => [r.scope, r.withdrawnAt !== null])).toEqual([
      ['RECEIVER', true],
      ['NETWORK', true],
    ]);
    // Withdrawn for the receiver as well; the referrer keeps what it brought in.
    expect(await layersOf(as.swa)).toMatchObject({ identityVisible: false, identifyingDetails: null });
    expect(await layersOf(as.beweging)).toMatchObject({ identityVisible: true, identifyingDetails: IDENTITY });
    // The agenda and the inbox show the case to the core member the same way: anonymous layer, no identity.
    const agenda = `query($n: ID!) { networkAgenda(networkId: $n) { openCases { dossierNumber contentVisible identityVisible summary identifyingDetails } actionsDue { description } } }`;
    const forGrijs = dataOf(await t.gql(agenda, { n: network }, as.grijs)).networkAgenda;
    expect(forGrijs.openCases).toEqual([{ dossierNumber: a.dossierNumber, contentVisible: true, identityVisible: false, summary: expect.stringContaining(SECRET), identifyingDetails: null }]);
    expect(forGrijs.actionsDue.map((x: { description: string }) => x.description)).toEqual([`${SECRET}-actie`]);
    const inbox = dataOf(await t.gql(`{ referrals(role: NETWORK) { edges { node { dossierNumber contentVisible identifyingDetails } } } }`, {}, as.grijs)).referrals;
    expect(inbox.edges).toEqual([{ node: { dossierNumber: a.dossierNumber, contentVisible: true, identifyingDetails: null } }]);
    await setConsent(true, 'RECEIVER');
  });

  it('shows a shell partner nothing until a core partner consults it, and then only the anonymous case (§4.4 B)', async () => {
    const since = new Date();
    // Riagg is a shell partner of Buurtnetwerk 55+: not at the meetings.
    expect(errorCodes(await t.gql(LAYERS, { id: a.id }, as.riagg))).toEqual(['FORBIDDEN']);
    expect(dataOf(await t.gql(`{ referrals { edges { node { dossierNumber } } } }`, {}, as.riagg)).referrals.edges.map((e: { node: { dossierNumber: string } }) => e.node.dossierNumber)).not.toContain(a.dossierNumber);
    const agenda = `query($n: ID!) { networkAgenda(networkId: $n) { openCases { dossierNumber summary } actionsDue { description } changesSinceLastMeeting { note } } }`;
    expect(JSON.stringify(dataOf(await t.gql(agenda, { n: network }, as.riagg)).networkAgenda)).not.toContain(SECRET);
    // Only a current shell partner is consulted, and only by an organisation working on the case.
    const consult = (who: As, organisationId: string) =>
      t.gql(`mutation($id: ID!, $v: Int!, $o: ID!) { consultOnReferral(id: $id, version: $v, input: { organisationId: $o, question: "Psychische problematiek?" }) { version consultations { organisation { slug } consultedBy { slug } } } }`, { id: a.id, v: a.version, o: organisationId }, who);
    expect((await consult(as.grijs, org.kwintes)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
    expect(errorCodes(await consult(as.riagg, org['riagg-amersfoort']))).toEqual(['FORBIDDEN']);
    const consulted = dataOf(await consult(as.grijs, org['riagg-amersfoort'])).consultOnReferral;
    a.version = consulted.version;
    expect(consulted.consultations).toEqual([{ organisation: { slug: 'riagg-amersfoort' }, consultedBy: { slug: 'grijs-genoegen' } }]);
    expect(errorCodes(await consult(as.grijs, org['riagg-amersfoort']))).toEqual(['CONFLICT']);
    // From then on Riagg reads the anonymous case — through the read, the list and the agenda — never the identity.
    expect(await layersOf(as.riagg)).toMatchObject({ contentVisible: true, identityVisible: false, summary: expect.stringContaining(SECRET), identifyingDetails: null, availableTransitions: [] });
    expect(dataOf(await t.gql(agenda, { n: network }, as.riagg)).networkAgenda.openCases).toEqual([{ dossierNumber: a.dossierNumber, summary: expect.stringContaining(SECRET) }]);
    expect(dataOf(await t.gql(`{ referrals(role: NETWORK) { edges { node { dossierNumber } } } }`, {}, as.riagg)).referrals.edges).toEqual([{ node: { dossierNumber: a.dossierNumber } }]);
    // It advises; it does not work the case.
    expect(errorCodes(await t.gql(`mutation($id: ID!, $v: Int!) { addReferralNote(id: $id, version: $v, input: { text: "x" }) { version } }`, { id: a.id, v: a.version }, as.riagg))).toEqual(['FORBIDDEN']);
    // The refused attempts before the consultation are in the log, with their operation.
    const denied = await deniedSince(since);
    expect(denied.filter((row: { organisation_id: string }) => row.organisation_id === org['riagg-amersfoort']).map((row: { operation: string }) => row.operation)).toEqual(
      expect.arrayContaining(['referral', 'referral.identifyingDetails']),
    );
  });

  it('lets a consent name one organisation outside the network: both layers for it, until withdrawn', async () => {
    const jeugdzorg = await orgUser('bureau-jeugdzorg');
    expect(errorCodes(await t.gql(LAYERS, { id: a.id }, jeugdzorg))).toEqual(['FORBIDDEN']);
    const given = dataOf(
      await t.gql(`mutation($id: ID!, $v: Int!, $o: ID!) { recordConsent(id: $id, version: $v, input: { given: true, scope: ORGANISATION, organisationId: $o }) { version consent { organisations { slug } } } }`, { id: a.id, v: a.version, o: org['bureau-jeugdzorg'] }, as.swa),
    ).recordConsent;
    a.version = given.version;
    expect(given.consent.organisations).toEqual([{ slug: 'bureau-jeugdzorg' }]);
    expect(await layersOf(jeugdzorg)).toMatchObject({ contentVisible: true, identityVisible: true, identifyingDetails: IDENTITY });
    const withdrawn = dataOf(
      await t.gql(`mutation($id: ID!, $v: Int!, $o: ID!) { recordConsent(id: $id, version: $v, input: { given: false, scope: ORGANISATION, organisationId: $o }) { version consent { given scope } } }`, { id: a.id, v: a.version, o: org['bureau-jeugdzorg'] }, as.swa),
    ).recordConsent;
    a.version = withdrawn.version;
    expect(withdrawn.consent).toEqual({ given: true, scope: 'RECEIVER' });
    expect(errorCodes(await t.gql(LAYERS, { id: a.id }, jeugdzorg))).toEqual(['FORBIDDEN']);
  });

  /** Every root field whose answer can hold a referral type, found by walking the schema. */
  function rootPathsToCases(): string[] {
    const schema = getSchema(features);
    const reaches = new Map<string, boolean>();
    const reach = (type: GraphQLNamedType, seen: Set<string>): boolean => {
      if (CASE_TYPES.has(type.name)) return true;
      if (!isObjectType(type) || seen.has(type.name)) return false;
      if (reaches.has(type.name)) return reaches.get(type.name)!;
      seen.add(type.name);
      const result = Object.values(type.getFields()).some((f) => reach(getNamedType(f.type), seen));
      reaches.set(type.name, result);
      return result;
    };
    return Object.values(schema.getQueryType()!.getFields())
      .filter((f) => reach(getNamedType(f.type), new Set()))
      .map((f) => f.name)
      .sort();
  }

  /** A selection of every field (without required arguments) of the case types, ids of the rest. */
  function selection(type: GraphQLNamedType, depth = 0): string {
    if (!isObjectType(type)) return '';
    if (!CASE_TYPES.has(type.name)) return 'id' in type.getFields() ? '{ id }' : '{ __typename }';
    if (depth > 4) return '{ __typename }';
    const parts = Object.values((type as GraphQLObjectType).getFields())
      .filter((f) => !f.args.some((arg) => isNonNullType(arg.type)))
      .map((f) => {
        const named = getNamedType(f.type);
        return isScalarType(named) || isEnumType(named) ? f.name : `${f.name} ${selection(named, depth + 1)}`;
      });
    return `{ ${parts.join(' ')} }`;
  }

  it('offers case content through no other root field than referral, referrals and networkAgenda', () => {
    expect(rootPathsToCases()).toEqual(['networkAgenda', 'referral', 'referrals']);
    // And no type of the map has an edge into a case.
    const schema = getSchema(features);
    const edges = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !CASE_TYPES.has(type.name) && !type.name.startsWith('__') && type.name !== 'Query' && type.name !== 'Mutation')
      .flatMap((type) => Object.values(type.getFields()).filter((f) => CASE_TYPES.has(getNamedType(f.type).name)).map((f) => `${type.name}.${f.name}`));
    expect(edges).toEqual([]);
  });

  it('shows another organisation, an admin, a municipality user and keys nothing of a case, through any path', async () => {
    await setConsent(true, 'NETWORK');
    const schema = getSchema(features);
    const args: Record<string, Array<[string, Record<string, unknown>]>> = {
      referral: [
        ['(id: $id)', { id: a.id }],
        ['(dossierNumber: $dossier)', { dossier: a.dossierNumber }],
      ],
      referrals: [
        ['', {}],
        ['(role: NETWORK)', {}],
      ],
      networkAgenda: [['(networkId: $network)', { network }]],
    };
    const declared: Record<string, string> = { id: '$id: ID', dossier: '$dossier: String', network: '$network: ID!' };
    for (const field of rootPathsToCases()) {
      const type = getNamedType(schema.getQueryType()!.getFields()[field].type);
      for (const [argText, variables] of args[field]) {
        const vars = Object.keys(variables).map((k) => declared[k]);
        const query = `query${vars.length ? `(${vars.join(', ')})` : ''} { ${field}${argText} ${selection(type)} }`;
        for (const principal of ['anonymous', 'admin', 'municipality', 'kwintes', 'kwintesKey', 'swaMapKey']) {
          const res = await t.gql(query, variables, as[principal]);
          expect([principal, query, JSON.stringify(res.body.data ?? null)]).toEqual([principal, query, expect.not.stringContaining(SECRET)]);
          const codes = errorCodes(res);
          // Another organisation may list its own (empty) referrals; everything else is refused.
          if (field === 'referrals' && principal.startsWith('kwintes')) expect(dataOf(res).referrals.edges).toEqual([]);
          else expect([principal, codes.length > 0 && codes.every((c) => c === (principal === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'))]).toEqual([principal, true]);
        }
      }
    }
    // Changes are refused just the same (admins curate the map, they do not work on cases).
    for (const principal of ['admin', 'municipality', 'kwintes', 'kwintesKey']) {
      const res = await t.gql(`mutation($id: ID!, $v: Int!) { addReferralNote(id: $id, version: $v, input: { text: "x" }) { summary } }`, { id: a.id, v: a.version }, as[principal]);
      expect([principal, errorCodes(res)]).toEqual([principal, ['FORBIDDEN']]);
    }
  });

  it('logs every read and change (NEN 7513 fields), batched into one statement per request', async () => {
    const since = new Date();
    dataOf(await readA(as.swa));
    const [read] = await db(`SELECT * FROM access_log WHERE referral_id = $1 AND occurred_at >= $2 ORDER BY occurred_at DESC LIMIT 1`, [a.id, since]);
    expect(read).toMatchObject({
      event_type: 'READ',
      dossier_number: a.dossierNumber,
      user_id: user['swa@test.local'],
      api_key_id: null,
      organisation_id: org.swa,
      role: 'ORGANISATION',
      user_agent: 'schakel-privacy-test/1.0',
      operation: 'referral',
      details: { content: true },
    });
    expect(read.ip_address).toMatch(/127\.0\.0\.1$/);

    // Changes: one row each, with the event; an API key is logged as such, for its organisation.
    const swaKey = await apiKey('swa', ['REFERRALS'], as.swa);
    const created = dataOf(await t.gql(`mutation($o: ID!) { createReferral(input: { receivingOrganisationId: $o }) { id dossierNumber version } }`, { o: org['riagg-amersfoort'] }, swaKey)).createReferral;
    dataOf(await t.gql(`mutation($id: ID!) { acceptReferral(id: $id, version: 1) { version } }`, { id: created.id }, as.riagg));
    const rows = await db(`SELECT event_type, role, api_key_id IS NOT NULL AS by_key, organisation_id, operation, details FROM access_log WHERE referral_id = $1 ORDER BY occurred_at`, [created.id]);
    expect(rows).toEqual([
      { event_type: 'CREATE', role: 'API_KEY', by_key: true, organisation_id: org.swa, operation: 'createReferral', details: { event: 'CREATED', sequence: 1, toStatus: 'SIGNALLED' } },
      { event_type: 'UPDATE', role: 'ORGANISATION', by_key: false, organisation_id: org['riagg-amersfoort'], operation: 'acceptReferral', details: { event: 'ACCEPTED', sequence: 2, fromStatus: 'SIGNALLED', toStatus: 'EXPLORING' } },
    ]);

    // Every referral a list returns is logged, in one INSERT: the statements do not grow with the rows.
    const list = `{ referrals(role: SENT) { edges { node { dossierNumber summary } } } }`;
    // The session is checked once per CREDENTIAL_CACHE_SECONDS: a request just before each counted
    // one makes both find it cached, so the counts compare the reads alone, however slow the machine.
    const warm = () => t.gql(`{ viewer { role } }`, {}, as.beweging);
    await warm();
    const one = await t.gql(list, {}, as.beweging);
    expect(dataOf(one).referrals.edges).toHaveLength(1);
    for (let i = 0; i < 3; i++) await t.gql(`mutation($o: ID!) { createReferral(input: { receivingOrganisationId: $o }) { id } }`, { o: org.swa }, as.beweging);
    await warm();
    const before = new Date();
    const four = await t.gql(list, {}, as.beweging);
    expect(dataOf(four).referrals.edges).toHaveLength(4);
    expect(four.sqlStatements).toBe(one.sqlStatements);
    const logged = await db(`SELECT dossier_number FROM access_log WHERE event_type = 'READ' AND operation = 'referrals' AND user_id = $1 AND occurred_at >= $2`, [user['beweging-3-0'], before]);
    expect(logged.map((r: { dossier_number: string }) => r.dossier_number).sort()).toEqual(dataOf(four).referrals.edges.map((e: { node: { dossierNumber: string } }) => e.node.dossierNumber).sort());

    // A refused read is logged too.
    expect(errorCodes(await readA(as.kwintes))).toEqual(['FORBIDDEN']);
    const [denied] = await db(`SELECT event_type, organisation_id FROM access_log WHERE referral_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [a.id]);
    expect(denied).toEqual({ event_type: 'READ_DENIED', organisation_id: org.kwintes });
  });

  it('lets admins query the log per dossier (never the case)', async () => {
    const res = dataOf(
      await t.gql(`query($d: String!) { accessLog(dossierNumber: $d, first: 100) { totalCount edges { node { eventType operation role actorName organisation { slug } ipAddress userAgent } } } }`, { d: a.dossierNumber }, as.admin),
    ).accessLog;
    expect(res.totalCount).toBeGreaterThan(5);
    expect(res.edges[0].node).toMatchObject({ eventType: 'CREATE', operation: 'createReferral', role: 'ORGANISATION', actorName: 'Medewerker beweging-3-0', organisation: { slug: 'beweging-3-0' } });
    expect(res.edges.map((e: { node: { eventType: string } }) => e.node.eventType)).toEqual(expect.arrayContaining(['READ', 'UPDATE', 'READ_DENIED']));
    for (const who of [as.municipality, as.swa]) expect(errorCodes(await t.gql(`{ accessLog(dossierNumber: "${a.dossierNumber}") { totalCount } }`, {}, who))).toEqual(['FORBIDDEN']);
  });

  it('pages through the access log and the referrals without repeating or skipping a row', async () => {
    async function all(query: string, field: string, who: As, variables: Record<string, unknown> = {}): Promise<{ ids: string[]; total: number }> {
      const ids: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let i = 0; i < 200; i++) {
        const page: { totalCount: number; edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } = dataOf(await t.gql(query, { ...variables, after }, who))[field];
        total = page.totalCount;
        ids.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return { ids, total };
    }
    const log = await all(`query($d: String!, $after: String) { accessLog(dossierNumber: $d, first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, 'accessLog', as.admin, { d: a.dossierNumber });
    expect(log.ids.length).toBe(log.total);
    expect(new Set(log.ids).size).toBe(log.ids.length);
    const inbox = await all(`query($after: String) { referrals(first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, 'referrals', as.beweging);
    expect(inbox.total).toBeGreaterThan(1);
    expect(inbox.ids.length).toBe(inbox.total);
    expect(new Set(inbox.ids).size).toBe(inbox.ids.length);
  });

  it('is append-only in PostgreSQL itself: UPDATE, DELETE and TRUNCATE are refused, and events cannot be rewritten', async () => {
    const [{ n }] = await db(`SELECT count(*)::int AS n FROM access_log`);
    expect(n).toBeGreaterThan(0);
    // The SQL logger reports the refused statements; they are expected here.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    // The app's role has no such privileges (src/db/privileges.test.ts) …
    await expect(db(`UPDATE access_log SET role = 'ADMIN'`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(db(`TRUNCATE access_log`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(db(`UPDATE referral_event SET note = 'herschreven' WHERE referral_id = $1`, [a.id])).rejects.toThrow(/permission denied for table referral_event/);
    // … and the trigger refuses them even to the owner.
    const owner = (sql: string, params: unknown[] = []) => t.db.asOwner(sql, params);
    await expect(owner(`UPDATE access_log SET role = 'ADMIN'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(owner(`DELETE FROM access_log WHERE dossier_number = $1`, [a.dossierNumber])).rejects.toThrow(/append-only: DELETE/);
    await expect(owner(`DELETE FROM access_log WHERE false`)).rejects.toThrow(/append-only/);
    await expect(owner(`TRUNCATE access_log`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(owner(`UPDATE referral_event SET note = 'herschreven' WHERE referral_id = $1`, [a.id])).rejects.toThrow(/immutable/);
    quiet.mockRestore();
    const [{ n: after }] = await db(`SELECT count(*)::int AS n FROM access_log`);
    expect(after).toBe(n);
    // Inserting is what the log is for.
    await db(`INSERT INTO access_log (event_type, dossier_number, operation) VALUES ('READ', $1, 'test')`, [a.dossierNumber]);
  });

  it('keeps the dossier number anonymous and dated by year', () => {
    expect(a.dossierNumber.startsWith(`${dutchDate().slice(0, 4)}-`)).toBe(true);
  });
});
