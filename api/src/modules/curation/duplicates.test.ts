import { SAME_NAME_SQL, sameName } from './similar.rules';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { POSTCODE_SQL, postcodeKey } from './duplicate.service';

const CREATE_ORG = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id version } }`;
const UPDATE_ORG = `mutation($id: ID!, $version: Int!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, version: $version, input: $input) { id version } }`;
const RESTORE_ORG = `mutation($id: ID!, $version: Int!) { restoreOrganisation(id: $id, version: $version) { id } }`;
const CREATE_SERVICE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version } }`;
const CREATE_LOCATION = `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id version } }`;

describe('exact duplicates under the same parent are refused', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let swa: { id: string; name: string };

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    [swa] = await t.db.dataSource.query(`SELECT id, name FROM organisation WHERE slug = 'swa'`);
  });
  afterAll(() => t.close());

  const extensions = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.[0]?.extensions;
  const count = async (table: string) => Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM "${table}"`))[0].n);

  it('refuses a new organisation named as a live one, whatever its case and spacing, naming the existing one', async () => {
    const before = await count('organisation');
    const res = await t.gql(CREATE_ORG, { input: { name: `  ${swa.name.toUpperCase().replace(/ /g, '   ')} `, sector: 'WELFARE' } }, { cookie: admin });
    expect(extensions(res)).toEqual(expect.objectContaining({ code: 'CONFLICT', field: 'input.name', rule: 'duplicate', params: { kind: 'ORGANISATION', id: swa.id, name: swa.name } }));
    expect(await count('organisation')).toBe(before);
  });

  it('refuses renaming an organisation to a live name, allows keeping its own, and allows a close name', async () => {
    const made = dataOf(await t.gql(CREATE_ORG, { input: { name: 'Welzijn Amersfoort Noord', sector: 'WELFARE' } }, { cookie: admin })).createOrganisation;
    const res = await t.gql(UPDATE_ORG, { id: made.id, version: made.version, input: { name: swa.name } }, { cookie: admin });
    expect(extensions(res)).toMatchObject({ code: 'CONFLICT', field: 'input.name', params: { id: swa.id } });
    const same = dataOf(await t.gql(UPDATE_ORG, { id: made.id, version: made.version, input: { name: 'welzijn amersfoort noord' } }, { cookie: admin }));
    expect(same.updateOrganisation.version).toBe(made.version + 1);
  });

  it('lets an archived name be used again, and refuses restoring it while the name is taken', async () => {
    const old = dataOf(await t.gql(CREATE_ORG, { input: { name: 'Buurtkracht Kruiskamp', sector: 'VOLUNTEER' } }, { cookie: admin })).createOrganisation;
    const archived = dataOf(await t.gql(`mutation($id: ID!, $version: Int!) { archiveOrganisation(id: $id, version: $version) { version } }`, { id: old.id, version: old.version }, { cookie: admin }));
    const fresh = dataOf(await t.gql(CREATE_ORG, { input: { name: 'Buurtkracht Kruiskamp', sector: 'VOLUNTEER', slug: 'buurtkracht-kruiskamp-2' } }, { cookie: admin })).createOrganisation;
    const res = await t.gql(RESTORE_ORG, { id: old.id, version: archived.archiveOrganisation.version }, { cookie: admin });
    expect(extensions(res)).toMatchObject({ code: 'CONFLICT', field: 'input.name', rule: 'duplicate', params: { id: fresh.id } });
  });

  it('refuses a service named as another of the same organisation, not one of another organisation', async () => {
    const first = dataOf(await t.gql(CREATE_SERVICE, { input: { name: 'Taalcafé Schuilenburg' } }, { cookie: swaUser })).createService;
    const twin = await t.gql(CREATE_SERVICE, { input: { name: 'taalcafé  schuilenburg' } }, { cookie: swaUser });
    expect(extensions(twin)).toMatchObject({ code: 'CONFLICT', field: 'input.name', rule: 'duplicate', params: { kind: 'SERVICE', id: first.id, name: 'Taalcafé Schuilenburg' } });
    expect(dataOf(await t.gql(CREATE_SERVICE, { input: { name: 'Taalcafé Schuilenburg' } }, { cookie: riaggUser })).createService.id).toBeDefined();
  });

  it('refuses a location named as, or at the address of, another of the same organisation', async () => {
    const first = dataOf(await t.gql(CREATE_LOCATION, { input: { name: 'Steunpunt Zuid', address: 'Zuidsingel 10', postcode: '3811HA' } }, { cookie: swaUser })).createLocation;
    const byName = await t.gql(CREATE_LOCATION, { input: { name: 'STEUNPUNT ZUID' } }, { cookie: swaUser });
    expect(extensions(byName)).toMatchObject({ code: 'CONFLICT', field: 'input.name', params: { kind: 'LOCATION', id: first.id } });
    const byAddress = await t.gql(CREATE_LOCATION, { input: { name: 'Steunpunt aan de singel', address: 'zuidsingel  10', postcode: '3811 ha' } }, { cookie: swaUser });
    expect(extensions(byAddress)).toMatchObject({ code: 'CONFLICT', field: 'input.address', rule: 'duplicate', params: { kind: 'LOCATION', id: first.id, name: 'Steunpunt Zuid' } });
    // The same street and number in another postcode is another place.
    expect(dataOf(await t.gql(CREATE_LOCATION, { input: { name: 'Steunpunt Leusden', address: 'Zuidsingel 10', postcode: '3831 AB' } }, { cookie: swaUser })).createLocation.id).toBeDefined();
  });

  it('has the database refuse a duplicate the API did not see (two writes at once)', async () => {
    await expect(
      t.db.dataSource.query(`INSERT INTO organisation (slug, name, sector) VALUES ('race-twin', $1, 'OTHER')`, [` ${swa.name.toLowerCase()}`]),
    ).rejects.toThrow(/UQ_organisation_live_name/);
  });

  it.each([
    ['Stichting Welzijn Amersfoort', '  stichting   WELZIJN amersfoort '],
    ['Buurthuis De Hoek', 'Buurthuis de Hoek'],
    ['Eetclub', 'Eetclub Nijenstede'],
    ['Taalcafé', 'TAALCAFÉ'],
    ['a\tb', 'a b'],
  ])('decides "the same name" in SQL as in TypeScript: %j ~ %j', async (a, b) => {
    const [row] = await t.db.dataSource.query(`SELECT ${SAME_NAME_SQL('$1::text')} = ${SAME_NAME_SQL('$2::text')} AS same`, [a, b]);
    expect(row.same).toBe(sameName(a, b));
  });

  it.each([['3811 HA'], ['3811ha'], [' 3811 ha '], [null]])('keys a postcode in SQL as in TypeScript: %j', async (postcode) => {
    const [row] = await t.db.dataSource.query(`SELECT ${POSTCODE_SQL('$1::text')} AS key`, [postcode]);
    expect(row.key).toBe(postcodeKey(postcode));
  });
});
