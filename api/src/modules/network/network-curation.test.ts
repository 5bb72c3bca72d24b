import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE = `mutation($input: CreateNetworkInput!) {
  createNetwork(input: $input) { id slug version kind coordinatorOrganisation { slug } areas { slug } targetGroups { code } }
}`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateNetworkInput!) {
  updateNetwork(id: $id, version: $version, input: $input) { id version name meetingIntervalWeeks coordinatorOrganisation { slug } areas { slug } }
}`;
const ADD = `mutation($networkId: ID!, $input: NetworkMemberInput!) {
  addNetworkMember(networkId: $networkId, input: $input) { id version role tier contribution fte hoursPerWeek joinedOn leftOn organisation { slug } network { slug } }
}`;
const UPDATE_MEMBER = `mutation($id: ID!, $version: Int!, $input: NetworkMemberInput!) {
  updateNetworkMember(id: $id, version: $version, input: $input) { id version leftOn fte }
}`;
const REMOVE = `mutation($id: ID!, $version: Int!) { removeNetworkMember(id: $id, version: $version) { id role } }`;
const HISTORY = `query($type: CuratedEntityType!, $id: ID!) { changeHistory(entityType: $type, entityId: $id) { edges { node { action actorName changes } } } }`;

describe('curating networks and their members over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let municipality: string;
  let swaKey: string;
  let ids: { swa: string; riagg: string; humanitas: string };

  const network = async (slug: string) => dataOf(await t.gql(`query($slug: String!) { network(slug: $slug) { id version coordinatorOrganisation { slug } } }`, { slug })).network;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    const orgId = async (slug: string) => (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = $1`, [slug]))[0].id as string;
    ids = { swa: await orgId('swa'), riagg: await orgId('riagg-amersfoort'), humanitas: await orgId('humanitas-dmh') };
    swaKey = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: ids.swa, name: 'netwerk', scopes: ['WRITE_OWN_ORGANISATION'] } }, { cookie: swaUser }),
    ).createApiKey.key;
  });
  afterAll(() => t.close());

  describe('networks', () => {
    it("reports every problem of a network's or a member's input at once, each with its rule", async () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const bad = await t.gql(CREATE, { input: { name: 'Buurtnetwerk Toekomst', kind: 'BROAD_NETWORK', switchModel: 'FRONTLINE', foundedOn: future, homeBaseLocationId: '00000000-0000-4000-8000-000000000000' } }, { cookie: admin });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.body.errors?.[0].extensions?.errors.map((e: { field: string; rule?: string }) => [e.field, e.rule])).toEqual([
      ['input.homeBaseLocationId', 'unknownReference'],
      ['input.foundedOn', 'foundedInFuture'],
      ['input.switchModel', 'switchModelKind'],
    ]);
    expect(await t.db.dataSource.query(`SELECT 1 FROM network WHERE name = 'Buurtnetwerk Toekomst'`)).toEqual([]);

    const n = await network('buurtnetwerk-55plus');
    const member = await t.gql(ADD, { networkId: n.id, input: { joinedOn: '2010-05-01', leftOn: '2009-01-01' } }, { cookie: admin });
    expect(member.body.errors?.[0].extensions?.errors.map((e: { field: string; rule?: string; params?: unknown }) => [e.field, e.rule, e.params])).toEqual([
      ['input.organisationId', 'memberParty', undefined],
      ['input.leftOn', 'leftBeforeJoined', { joinedOn: '2010-05-01', leftOn: '2009-01-01' }],
    ]);
  });

  it('lets an organisation add a network it coordinates, with areas, target groups and history', async () => {
      const created = dataOf(
        await t.gql(CREATE, { input: { name: 'Mantelzorgnetwerk Schuilenburg', kind: 'SIGNALLING_NETWORK', areas: ['schuilenburg'], targetGroups: ['alleenstaande-ouderen'], meetingIntervalWeeks: 6 } }, { cookie: swaUser }),
      ).createNetwork;
      expect(created).toMatchObject({
        slug: 'mantelzorgnetwerk-schuilenburg',
        version: 1,
        coordinatorOrganisation: { slug: 'swa' },
        areas: [{ slug: 'schuilenburg' }],
        targetGroups: [{ code: 'alleenstaande-ouderen' }],
      });
      const [entry] = dataOf(await t.gql(HISTORY, { type: 'NETWORK', id: created.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
      expect(entry).toMatchObject({ action: 'CREATE', actorName: 'swa@test.local' });
      expect(entry.changes.coordinatorOrganisationId).toEqual({ before: null, after: ids.swa });
      expect(entry.changes.areaIds.after).toHaveLength(1);
      expect(entry.changes.targetGroupIds.after).toHaveLength(1);
      // Only for itself.
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'Namens Riagg', kind: 'OTHER', coordinatorOrganisationId: ids.riagg } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'Gemeentelijk', kind: 'OTHER' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'Anoniem', kind: 'OTHER' } }))).toEqual(['UNAUTHENTICATED']);
    });

    it('lets the coordinator (user or API key) change its network, and nobody else', async () => {
      let n = await network('buurtnetwerk-55plus');
      expect(n.coordinatorOrganisation.slug).toBe('swa');
      const byUser = dataOf(await t.gql(UPDATE, { id: n.id, version: n.version, input: { meetingIntervalWeeks: 4, areas: ['randenbroek', 'schuilenburg'] } }, { cookie: swaUser })).updateNetwork;
      expect(byUser).toMatchObject({ version: n.version + 1, meetingIntervalWeeks: 4 });
      expect(byUser.areas.map((a: any) => a.slug).sort()).toEqual(['randenbroek', 'schuilenburg']);
      // (A key with only WRITE_OWN_ORGANISATION may write but not read the map's edges: select plain fields.)
      const byKey = dataOf(
        await t.gql(`mutation($id: ID!, $version: Int!, $input: UpdateNetworkInput!) { updateNetwork(id: $id, version: $version, input: $input) { version } }`, { id: n.id, version: byUser.version, input: { meetingFrequency: 'eens per vier weken' } }, { bearer: swaKey }),
      ).updateNetwork;
      expect(byKey.version).toBe(byUser.version + 1);
      n = await network('buurtnetwerk-55plus');
      expect(errorCodes(await t.gql(UPDATE, { id: n.id, version: n.version, input: { name: 'x' } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(UPDATE, { id: n.id, version: n.version, input: { name: 'x' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      // Handing the network to another organisation is for admins.
      expect(errorCodes(await t.gql(UPDATE, { id: n.id, version: n.version, input: { coordinatorOrganisationId: ids.riagg } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      const stale = await t.gql(UPDATE, { id: n.id, version: n.version - 1, input: { name: 'x' } }, { cookie: swaUser });
      expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
      // A network without a coordinator is the admins' (schakelteam-randenbroek-schuilenburg has none).
      const orphan = await network('schakelteam-randenbroek-schuilenburg');
      expect(errorCodes(await t.gql(UPDATE, { id: orphan.id, version: orphan.version, input: { name: 'x' } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      const handed = dataOf(await t.gql(UPDATE, { id: orphan.id, version: orphan.version, input: { coordinatorOrganisationId: ids.swa, coordinatorRole: 'opbouwwerker' } }, { cookie: admin })).updateNetwork;
      expect(handed.coordinatorOrganisation.slug).toBe('swa');
    });

    it.each([
      [{ meetingIntervalWeeks: 0 }, 'input.meetingIntervalWeeks'],
      [{ meetingIntervalWeeks: 105 }, 'input.meetingIntervalWeeks'],
      [{ switchModel: 'FRONTLINE' }, 'input.switchModel'],
      [{ targetGroups: ['alleenstaande-ouderen', 'marsmannetjes'] }, 'input.targetGroups.1'],
      [{ areas: ['atlantis'] }, 'input.areas.0'],
      [{ homeBaseLocationId: '00000000-0000-4000-8000-000000000000' }, 'input.homeBaseLocationId'],
      [{ homeBaseLocationId: 'geen-id' }, 'input.homeBaseLocationId'],
      [{ name: null }, 'input.name'],
      [{ slug: 'schakelteam-schothorst' }, 'input.slug'],
    ])('refuses %j naming %s', async (input, field) => {
      const n = await network('buurtnetwerk-55plus');
      const res = await t.gql(UPDATE, { id: n.id, version: n.version, input }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ field });
      expect((await network('buurtnetwerk-55plus')).version).toBe(n.version);
    });

    it('lets the coordinator archive and restore its network', async () => {
      const n = await network('av-team-kruiskamp');
      const archived = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { archiveNetwork(id: $id, version: $v) { version archivedAt } }`, { id: n.id, v: n.version }, { bearer: swaKey })).archiveNetwork;
      expect(archived.archivedAt).not.toBeNull();
      expect(dataOf(await t.gql(`{ networks(first: 100) { edges { node { slug } } } }`)).networks.edges.map((e: any) => e.node.slug)).not.toContain('av-team-kruiskamp');
      expect(errorCodes(await t.gql(`mutation($id: ID!, $v: Int!) { restoreNetwork(id: $id, version: $v) { version } }`, { id: n.id, v: archived.version }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { restoreNetwork(id: $id, version: $v) { version } }`, { id: n.id, v: archived.version }, { cookie: swaUser }));
      const actions = dataOf(await t.gql(HISTORY, { type: 'NETWORK', id: n.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node.action);
      expect(actions).toEqual(['ARCHIVE', 'RESTORE']);
    });
  });

  describe('members', () => {
    it('adds, changes and removes a member, with a DELETE history entry holding its values', async () => {
      const n = await network('buurtnetwerk-55plus');
      const member = dataOf(
        await t.gql(ADD, { networkId: n.id, input: { organisationId: ids.humanitas, role: 'coördinator vrijwilligers', tier: 'SHELL', contribution: 'SIGNALLING', fte: 0.2, hoursPerWeek: 8, joinedOn: '2009-03-01' } }, { cookie: swaUser }),
      ).addNetworkMember;
      expect(member).toMatchObject({ version: 1, organisation: { slug: 'humanitas-dmh' }, network: { slug: 'buurtnetwerk-55plus' }, fte: 0.2, hoursPerWeek: 8, joinedOn: '2009-03-01' });
      const left = dataOf(await t.gql(UPDATE_MEMBER, { id: member.id, version: 1, input: { leftOn: '2010-12-31' } }, { bearer: swaKey })).updateNetworkMember;
      // (UPDATE_MEMBER selects no edges, so the writing key may read its answer.)
      expect(left).toMatchObject({ version: 2, leftOn: '2010-12-31' });
      const members = dataOf(await t.gql(`{ network(slug: "buurtnetwerk-55plus") { members { id leftOn } } }`)).network.members;
      expect(members).toContainEqual({ id: member.id, leftOn: '2010-12-31' });
      expect(errorCodes(await t.gql(REMOVE, { id: member.id, version: 2 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect((await t.gql(REMOVE, { id: member.id, version: 1 }, { cookie: swaUser })).body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
      expect(dataOf(await t.gql(REMOVE, { id: member.id, version: 2 }, { cookie: swaUser })).removeNetworkMember).toEqual({ id: member.id, role: 'coördinator vrijwilligers' });
      expect(Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM network_member WHERE id = $1`, [member.id]))[0].n)).toBe(0);
      const history = dataOf(await t.gql(HISTORY, { type: 'NETWORK_MEMBER', id: member.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
      expect(history.map((h: any) => h.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
      expect(history[1].changes).toEqual({ leftOn: { before: null, after: '2010-12-31' } });
      expect(history[2].changes).toMatchObject({
        role: { before: 'coördinator vrijwilligers', after: null },
        fte: { before: 0.2, after: null },
        organisationId: { before: ids.humanitas, after: null },
        networkId: { before: n.id, after: null },
      });
    });

    it.each([
      [{ organisationId: null, organisationName: null }, 'input.organisationId'],
      [{ fte: 2 }, 'input.fte'],
      [{ fte: -0.1 }, 'input.fte'],
      [{ hoursPerWeek: 169 }, 'input.hoursPerWeek'],
      [{ joinedOn: '2010-02-30' }, 'input.joinedOn'],
      [{ joinedOn: '1 maart 2010' }, 'input.joinedOn'],
      [{ joinedOn: '2011-01-01', leftOn: '2010-01-01' }, 'input.leftOn'],
      [{ organisationId: '00000000-0000-4000-8000-000000000000' }, 'input.organisationId'],
      [{ keyPersonId: '00000000-0000-4000-8000-000000000000' }, 'input.keyPersonId'],
      [{ tier: 'MIDDLE' }, 'input.tier'],
    ])('refuses %j naming %s', async (override, field) => {
      const n = await network('buurtnetwerk-55plus');
      const res = await t.gql(ADD, { networkId: n.id, input: { organisationId: ids.humanitas, ...override } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it("keeps other organisations out of a network's members", async () => {
      const n = await network('buurtnetwerk-55plus');
      expect(errorCodes(await t.gql(ADD, { networkId: n.id, input: { organisationName: 'Buurtvereniging' } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(ADD, { networkId: n.id, input: { organisationName: 'Buurtvereniging' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      const [seeded] = await t.db.dataSource.query(`SELECT id, version FROM network_member WHERE network_id = $1 LIMIT 1`, [n.id]);
      expect(errorCodes(await t.gql(UPDATE_MEMBER, { id: seeded.id, version: seeded.version, input: { fte: 1 } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(dataOf(await t.gql(UPDATE_MEMBER, { id: seeded.id, version: seeded.version, input: { fte: 1 } }, { cookie: admin })).updateNetworkMember.fte).toBe(1);
    });
  });
});
