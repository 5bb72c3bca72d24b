import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE = `mutation($input: CreateTargetGroupInput!) { createTargetGroup(input: $input) { id code version minAge maxAge needIndicator { code } } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateTargetGroupInput!) {
  updateTargetGroup(id: $id, version: $version, input: $input) { id version minAge maxAge needIndicator { code } }
}`;

describe('curating target groups over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('creates one with ages and a need indicator by code, and records the history', async () => {
    const created = dataOf(await t.gql(CREATE, { input: { nameNl: 'Mantelzorgers 65+', nameEn: 'Carers 65+', minAge: 65, needIndicator: 'pct_age_65_plus' } }, { cookie: admin })).createTargetGroup;
    expect(created).toMatchObject({ code: 'mantelzorgers-65-plus', version: 1, minAge: 65, maxAge: null, needIndicator: { code: 'pct_age_65_plus' } });
    const updated = dataOf(await t.gql(UPDATE, { id: created.id, version: 1, input: { maxAge: 99, needIndicator: null } }, { cookie: admin })).updateTargetGroup;
    expect(updated).toMatchObject({ version: 2, maxAge: 99, needIndicator: null });
    const history = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: TARGET_GROUP, entityId: $id) { edges { node { action changes } } } }`, { id: created.id }, { cookie: admin }));
    const [create, update] = history.changeHistory.edges.map((e: any) => e.node);
    expect(create.changes.needIndicatorId.after).toEqual(expect.any(String));
    expect(update).toMatchObject({ action: 'UPDATE', changes: { maxAge: { before: null, after: 99 }, needIndicatorId: { before: create.changes.needIndicatorId.after, after: null } } });
  });

  it.each([
    [{ nameNl: 'x', minAge: 40, maxAge: 20 }, 'input.maxAge', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', minAge: -1 }, 'input.minAge', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', maxAge: 131 }, 'input.maxAge', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', needIndicator: 'geluk' }, 'input.needIndicator', 'BAD_USER_INPUT'],
    [{ nameNl: 'x', code: 'alleenstaande-ouderen' }, 'input.code', 'CONFLICT'],
    [{ nameNl: null }, 'input.nameNl', 'BAD_USER_INPUT'],
  ])('refuses %j naming %s', async (input, field, code) => {
    const res = await t.gql(CREATE, { input }, { cookie: admin });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code, field });
  });

  it('checks minAge against the stored maxAge on update', async () => {
    const group = dataOf(await t.gql(CREATE, { input: { nameNl: 'Tieners in de wijk', minAge: 12, maxAge: 23 } }, { cookie: admin })).createTargetGroup;
    const res = await t.gql(UPDATE, { id: group.id, version: group.version, input: { minAge: 30 } }, { cookie: admin });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.minAge' });
  });

  it('links the taxonomy coverage follows: a parent and "counts as" by code, refusing a cycle, itself and unknown codes with every field', async () => {
    const TAXONOMY = `mutation($id: ID!, $version: Int!, $input: UpdateTargetGroupInput!) {
      updateTargetGroup(id: $id, version: $version, input: $input) { id version parent { code } countsAs { code } }
    }`;
    const broad = dataOf(await t.gql(CREATE, { input: { nameNl: 'Ouderen in de wijk' } }, { cookie: admin })).createTargetGroup;
    const narrow = dataOf(await t.gql(`mutation($input: CreateTargetGroupInput!) { createTargetGroup(input: $input) { id code version parent { code } countsAs { code } } }`,
      { input: { nameNl: 'Alleenstaande ouderen in de wijk', parent: broad.code, countsAs: ['alleenstaande-ouderen'] } }, { cookie: admin })).createTargetGroup;
    expect(narrow).toMatchObject({ parent: { code: broad.code }, countsAs: [{ code: 'alleenstaande-ouderen' }] });
    const cycle = await t.gql(TAXONOMY, { id: broad.id, version: broad.version, input: { parent: narrow.code, countsAs: [broad.code, 'geen-groep'] } }, { cookie: admin });
    expect((cycle.body.errors?.[0].extensions as any).code).toBe('BAD_USER_INPUT');
    expect((cycle.body.errors?.[0].extensions as any).errors.map((e: any) => [e.field, e.rule]).sort()).toEqual([
      ['input.countsAs.0', 'countsAsSelf'],
      ['input.countsAs.1', 'unknownReference'],
      ['input.parent', 'parentCycle'],
    ]);
    const own = await t.gql(TAXONOMY, { id: broad.id, version: broad.version, input: { parent: broad.code } }, { cookie: admin });
    expect((own.body.errors?.[0].extensions as any)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parent', rule: 'ownParent' });
    const changed = dataOf(await t.gql(TAXONOMY, { id: narrow.id, version: narrow.version, input: { parent: null, countsAs: ['kwetsbare-ouderen-sociaal-isolement', 'alleenstaande-ouderen'] } }, { cookie: admin })).updateTargetGroup;
    expect(changed).toMatchObject({ version: narrow.version + 1, parent: null, countsAs: [{ code: 'alleenstaande-ouderen' }, { code: 'kwetsbare-ouderen-sociaal-isolement' }] });
    const history = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: TARGET_GROUP, entityId: $id) { edges { node { action changes } } } }`, { id: narrow.id }, { cookie: admin }));
    const update = history.changeHistory.edges.map((e: any) => e.node).find((node: any) => node.action === 'UPDATE');
    expect(update.changes.parentId).toMatchObject({ before: broad.id, after: null });
    expect(update.changes.countsAsIds.after).toHaveLength(2);
    expect(errorCodes(await t.gql(TAXONOMY, { id: narrow.id, version: changed.version, input: { countsAs: [] } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
  });

  it('archives and restores; admins only', async () => {
    const group = dataOf(await t.gql(`{ targetGroup(code: "alleenstaande-ouderen") { id version } }`)).targetGroup;
    const archived = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { archiveTargetGroup(id: $id, version: $v) { version archivedAt } }`, { id: group.id, v: group.version }, { cookie: admin })).archiveTargetGroup;
    expect(archived.archivedAt).not.toBeNull();
    const again = await t.gql(`mutation($id: ID!, $v: Int!) { archiveTargetGroup(id: $id, version: $v) { version } }`, { id: group.id, v: archived.version }, { cookie: admin });
    expect(again.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { restoreTargetGroup(id: $id, version: $v) { archivedAt } }`, { id: group.id, v: archived.version }, { cookie: admin }));
    expect(errorCodes(await t.gql(CREATE, { input: { nameNl: 'x' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
  });
});
