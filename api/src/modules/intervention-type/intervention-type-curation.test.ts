import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE = `mutation($input: CreateInterventionTypeInput!) {
  createInterventionType(input: $input) { id code version category basicFunction { code } secondaryBasicFunction { code } parent { code } }
}`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateInterventionTypeInput!) {
  updateInterventionType(id: $id, version: $version, input: $input) { id code version parent { code } basicFunction { code } }
}`;

describe('curating intervention types over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let swa: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('creates one with basic functions by code, a derived code, a parent and a history entry', async () => {
    const parent = dataOf(await t.gql(CREATE, { input: { nameNl: 'Huisbezoeken', basicFunction: 'signaleren', category: 'SIGNALLING' } }, { cookie: admin })).createInterventionType;
    expect(parent).toMatchObject({ code: 'huisbezoeken', version: 1, category: 'SIGNALLING', basicFunction: { code: 'signaleren' }, secondaryBasicFunction: null });
    const child = dataOf(
      await t.gql(CREATE, { input: { nameNl: 'Preventief huisbezoek 75+', code: 'preventief-huisbezoek', basicFunction: 'signaleren', secondaryBasicFunction: 'presentie', parent: 'huisbezoeken' } }, { cookie: admin }),
    ).createInterventionType;
    expect(child).toMatchObject({ code: 'preventief-huisbezoek', parent: { code: 'huisbezoeken' }, secondaryBasicFunction: { code: 'presentie' } });
    const history = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: INTERVENTION_TYPE, entityId: $id) { edges { node { action changes } } } }`, { id: child.id }, { cookie: admin }));
    const [entry] = history.changeHistory.edges.map((e: any) => e.node);
    expect(entry.action).toBe('CREATE');
    expect(entry.changes.parentId).toEqual({ before: null, after: parent.id });
    expect(entry.changes.code).toEqual({ before: null, after: 'preventief-huisbezoek' });

    // No cycles: the parent cannot become a child of its child, nor its own parent.
    const cycle = await t.gql(UPDATE, { id: parent.id, version: parent.version, input: { parent: 'preventief-huisbezoek' } }, { cookie: admin });
    expect(cycle.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parent' });
    const self = await t.gql(UPDATE, { id: parent.id, version: parent.version, input: { parent: 'huisbezoeken' } }, { cookie: admin });
    expect(self.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parent' });
    const cleared = dataOf(await t.gql(UPDATE, { id: child.id, version: child.version, input: { parent: null, basicFunction: 'regisseren-coordineren' } }, { cookie: admin })).updateInterventionType;
    expect(cleared).toMatchObject({ version: child.version + 1, parent: null });
  });

  it.each([
    [{ nameNl: 'x', basicFunction: 'toveren' }, 'input.basicFunction', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', basicFunction: 'signaleren', secondaryBasicFunction: 'signaleren' }, 'input.secondaryBasicFunction', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', parent: 'bestaat-niet' }, 'input.parent', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', code: 'Hoofdletters' }, 'input.code', 'BAD_USER_INPUT'],
    [{ nameNl: '' }, 'input.nameNl', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', code: 'schakelen-tussen-teamleden' }, 'input.code', 'CONFLICT'],
  ])('refuses %j naming %s', async (input, field, code) => {
    expect((await t.gql(CREATE, { input }, { cookie: admin })).body.errors?.[0].extensions).toMatchObject({ code, field });
  });

  it('archives and restores, answers CONFLICT for a stale version, and is for admins only', async () => {
    const it1 = dataOf(await t.gql(`{ interventionType(code: "schakelen-tussen-teamleden") { id version } }`)).interventionType;
    const archived = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { archiveInterventionType(id: $id, version: $v) { version archivedAt } }`, { id: it1.id, v: it1.version }, { cookie: admin })).archiveInterventionType;
    expect(archived.archivedAt).not.toBeNull();
    expect(dataOf(await t.gql(`{ interventionTypes(first: 100) { totalCount } }`)).interventionTypes.totalCount).toBe(64);
    const stale = await t.gql(UPDATE, { id: it1.id, version: it1.version, input: { nameEn: 'x' } }, { cookie: admin });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
    dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { restoreInterventionType(id: $id, version: $v) { version } }`, { id: it1.id, v: archived.version }, { cookie: admin }));
    expect(errorCodes(await t.gql(UPDATE, { id: it1.id, version: archived.version + 1, input: { nameEn: 'x' } }, { cookie: swa }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(CREATE, { input: { nameNl: 'x' } }))).toEqual(['UNAUTHENTICATED']);
  });
});
