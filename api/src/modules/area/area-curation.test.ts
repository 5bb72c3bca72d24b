import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE = `mutation($input: CreateAreaInput!) { createArea(input: $input) { id slug code level version parent { slug } } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateAreaInput!) {
  updateArea(id: $id, version: $version, input: $input) { id slug code level version name parent { slug } }
}`;
const ARCHIVE = `mutation($id: ID!, $v: Int!) { archiveArea(id: $id, version: $v) { archivedAt version } }`;
const RESTORE = `mutation($id: ID!, $v: Int!) { restoreArea(id: $id, version: $v) { archivedAt version } }`;
const HISTORY = `query($id: ID!) { changeHistory(entityType: AREA, entityId: $id) { edges { node { action via changes } } } }`;

describe('curating areas over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  const area = async (slug: string) => dataOf(await t.gql(`query($slug: String!) { area(slug: $slug) { id version level code parent { slug } } }`, { slug })).area;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('creates a neighbourhood under a district, with a CBS code, a derived slug and a history entry', async () => {
    const created = dataOf(await t.gql(CREATE, { input: { name: 'Schuilenburg-Oost', level: 'NEIGHBOURHOOD', parent: 'randenbroek-schuilenburg', code: 'bu03070199' } }, { cookie: admin }));
    expect(created.createArea).toMatchObject({ slug: 'schuilenburg-oost', code: 'BU03070199', level: 'NEIGHBOURHOOD', version: 1, parent: { slug: 'randenbroek-schuilenburg' } });
    const history = dataOf(await t.gql(HISTORY, { id: created.createArea.id }, { cookie: admin }));
    const [entry] = history.changeHistory.edges.map((e: any) => e.node);
    expect(entry).toMatchObject({ action: 'CREATE', via: 'graphql' });
    expect(entry.changes.code).toEqual({ before: null, after: 'BU03070199' });
    const district = await area('randenbroek-schuilenburg');
    expect(entry.changes.parentId).toEqual({ before: null, after: district.id });
  });

  it.each([
    [{ name: 'Wijk zonder gemeente', level: 'DISTRICT' }, 'input.parent'],
    [{ name: 'Wijk in een buurt', level: 'DISTRICT', parent: 'kruiskamp' }, 'input.parent'],
    [{ name: 'Gemeente onder een gemeente', level: 'MUNICIPALITY', parent: 'amersfoort' }, 'input.parent'],
    [{ name: 'Buurt in een buurt', level: 'NEIGHBOURHOOD', parent: 'kruiskamp' }, 'input.parent'],
    [{ name: 'Buurt met wijkcode', level: 'NEIGHBOURHOOD', parent: 'schothorst', code: 'WK030701' }, 'input.code'],
    [{ name: 'Gemeente met rare code', level: 'MUNICIPALITY', code: 'GM12' }, 'input.code'],
    [{ name: 'Buurt in Atlantis', level: 'NEIGHBOURHOOD', parent: 'atlantis' }, 'input.parent'],
    [{ name: 'Slecht gevormd', level: 'MUNICIPALITY', boundary: { type: 'Point', coordinates: [5.4, 52.2] } }, 'input.boundary'],
    [{ name: '', level: 'MUNICIPALITY' }, 'input.name'],
    [{ name: 'Dubbele slug', level: 'NEIGHBOURHOOD', parent: 'schothorst', slug: 'kruiskamp' }, 'input.slug'],
  ])('refuses %j naming %s', async (input, field) => {
    const before = Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM area`))[0].n);
    const res = await t.gql(CREATE, { input }, { cookie: admin });
    expect(res.body.errors?.[0].extensions).toMatchObject({ field });
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(res.body.errors?.[0].extensions?.code);
    expect(Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM area`))[0].n)).toBe(before);
  });

  it('moves a neighbourhood to another district and refuses cycles and level mismatches', async () => {
    const kruiskamp = await area('kruiskamp');
    const moved = dataOf(await t.gql(UPDATE, { id: kruiskamp.id, version: kruiskamp.version, input: { parent: 'schothorst' } }, { cookie: admin })).updateArea;
    expect(moved).toMatchObject({ version: kruiskamp.version + 1, parent: { slug: 'schothorst' } });
    // A municipality below its own district: refused (cycle, and a municipality has no parent).
    const city = await area('amersfoort');
    const cycle = await t.gql(UPDATE, { id: city.id, version: city.version, input: { parent: 'schothorst' } }, { cookie: admin });
    expect(cycle.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parent' });
    const self = await t.gql(UPDATE, { id: kruiskamp.id, version: moved.version, input: { parent: 'kruiskamp' } }, { cookie: admin });
    expect(self.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parent' });
    // A district with neighbourhoods cannot become a neighbourhood.
    const schothorst = await area('schothorst');
    const demote = await t.gql(UPDATE, { id: schothorst.id, version: schothorst.version, input: { level: 'NEIGHBOURHOOD' } }, { cookie: admin });
    expect(demote.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.level' });
    // A code of the wrong level for the current level.
    const code = await t.gql(UPDATE, { id: schothorst.id, version: schothorst.version, input: { code: 'BU03070101' } }, { cookie: admin });
    expect(code.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    expect((await area('schothorst')).version).toBe(schothorst.version);
    const history = dataOf(await t.gql(HISTORY, { id: kruiskamp.id }, { cookie: admin }));
    const last = history.changeHistory.edges.at(-1).node;
    expect(last.action).toBe('UPDATE');
    expect(Object.keys(last.changes)).toEqual(['parentId']);
    expect(last.changes.parentId).toEqual({ before: (await area('kruiskamp-koppel')).id, after: schothorst.id });
  });

  it('answers CONFLICT for a stale version and a taken CBS code', async () => {
    const kruiskamp = await area('kruiskamp');
    const stale = await t.gql(UPDATE, { id: kruiskamp.id, version: kruiskamp.version - 1, input: { name: 'Oud' } }, { cookie: admin });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: kruiskamp.version });
    const taken = await t.gql(UPDATE, { id: kruiskamp.id, version: kruiskamp.version, input: { code: 'BU03070199' } }, { cookie: admin });
    expect(taken.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
  });

  it('archives leaves first, keeps history, and restores top-down', async () => {
    const district = dataOf(await t.gql(CREATE, { input: { name: 'Tijdelijke wijk', level: 'DISTRICT', parent: 'amersfoort' } }, { cookie: admin })).createArea;
    const buurt = dataOf(await t.gql(CREATE, { input: { name: 'Tijdelijke buurt', level: 'NEIGHBOURHOOD', parent: district.slug } }, { cookie: admin })).createArea;
    const blocked = await t.gql(ARCHIVE, { id: district.id, v: district.version }, { cookie: admin });
    expect(blocked.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    const buurtArchived = dataOf(await t.gql(ARCHIVE, { id: buurt.id, v: buurt.version }, { cookie: admin })).archiveArea;
    const districtArchived = dataOf(await t.gql(ARCHIVE, { id: district.id, v: district.version }, { cookie: admin })).archiveArea;
    expect(districtArchived.archivedAt).not.toBeNull();
    const listed = dataOf(await t.gql(`{ areas(search: "Tijdelijke") { totalCount } all: areas(search: "Tijdelijke", includeArchived: true) { totalCount } }`));
    expect(listed).toEqual({ areas: { totalCount: 0 }, all: { totalCount: 2 } });
    // A new area cannot be put under an archived one, and the neighbourhood waits for its district.
    const under = await t.gql(CREATE, { input: { name: 'Onder archief', level: 'NEIGHBOURHOOD', parent: district.slug } }, { cookie: admin });
    expect(under.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parent' });
    const early = await t.gql(RESTORE, { id: buurt.id, v: buurtArchived.version }, { cookie: admin });
    expect(early.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    dataOf(await t.gql(RESTORE, { id: district.id, v: districtArchived.version }, { cookie: admin }));
    expect(dataOf(await t.gql(RESTORE, { id: buurt.id, v: buurtArchived.version }, { cookie: admin })).restoreArea.archivedAt).toBeNull();
    const actions = dataOf(await t.gql(HISTORY, { id: district.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node.action);
    expect(actions).toEqual(['CREATE', 'ARCHIVE', 'RESTORE']);
  });

  it('is for admins only', async () => {
    const kruiskamp = await area('kruiskamp');
    expect(errorCodes(await t.gql(UPDATE, { id: kruiskamp.id, version: kruiskamp.version, input: { name: 'x' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', level: 'MUNICIPALITY' } }))).toEqual(['UNAUTHENTICATED']);
  });
});
