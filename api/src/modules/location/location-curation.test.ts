import { QueryFailedError } from 'typeorm';
import { translateDatabaseError } from '../curation/curation.service';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const FIELDS = 'id slug version name kind postcode city latitude longitude status archivedAt organisation { slug } area { slug }';
const CREATE = `mutation($input: CreateLocationInput!) { createLocation(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateLocationInput!) { updateLocation(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!, $version: Int!) { archiveLocation(id: $id, version: $version) { id version archivedAt } }`;
const RESTORE = `mutation($id: ID!, $version: Int!) { restoreLocation(id: $id, version: $version) { id version archivedAt } }`;
const HISTORY = `query($id: ID!) { changeHistory(entityType: LOCATION, entityId: $id) { edges { node { action actorName via organisation { slug } changes } } } }`;

describe('curating locations over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let municipality: string;
  let swaKey: string;
  let readKey: string;
  let swaId: string;
  let riaggId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    riaggId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'riagg-amersfoort'`))[0].id;
    const createKey = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`;
    swaKey = dataOf(await t.gql(createKey, { input: { organisationId: swaId, name: 'locaties', scopes: ['WRITE_OWN_ORGANISATION'] } }, { cookie: swaUser })).createApiKey.key;
    readKey = dataOf(await t.gql(createKey, { input: { organisationId: swaId, name: 'lezen', scopes: ['READ_MAP'] } }, { cookie: swaUser })).createApiKey.key;
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const historyCount = (id: string) => count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [id]);
  const row = async (id: string) => (await t.db.dataSource.query(`SELECT * FROM location WHERE id = $1`, [id]))[0];
  const history = async (id: string) => dataOf(await t.gql(HISTORY, { id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
  /** A fresh location of SWA's, made by SWA's user. */
  const swaLocation = async (name: string) => dataOf(await t.gql(CREATE, { input: { name } }, { cookie: swaUser })).createLocation;

  describe('createLocation', () => {
    it("lets an organisation's user add a location: their own organisation, a derived slug, a normalised postcode, a history entry", async () => {
      const created = dataOf(
        await t.gql(CREATE, { input: { name: 'Buurthuis De Schakel', kind: 'buurthuis', postcode: '3822ab', city: 'Amersfoort', latitude: 52.16, longitude: 5.41, area: 'schuilenburg' } }, { cookie: swaUser }),
      ).createLocation;
      expect(created).toMatchObject({
        slug: 'buurthuis-de-schakel', version: 1, postcode: '3822 AB', latitude: 52.16, longitude: 5.41, status: 'ACTIVE', archivedAt: null,
        organisation: { slug: 'swa' }, area: { slug: 'schuilenburg' },
      });
      const [entry] = await history(created.id);
      expect(entry).toMatchObject({ action: 'CREATE', actorName: 'swa@test.local', via: 'graphql', organisation: { slug: 'swa' } });
      expect(entry.changes.name).toEqual({ before: null, after: 'Buurthuis De Schakel' });
      expect(entry.changes.postcode).toEqual({ before: null, after: '3822 AB' });
      expect(entry.changes.organisationId).toEqual({ before: null, after: swaId });
      // The same name again gets the next free slug.
      expect((await swaLocation('Buurthuis De-Schakel')).slug).toBe('buurthuis-de-schakel-2');
    });

    it("lets the organisation's API key with WRITE_OWN_ORGANISATION add one, recorded as the key", async () => {
      // The key has no READ_MAP scope, so it reads back plain fields only (no organisation, area).
      const created = dataOf(await t.gql(`mutation($input: CreateLocationInput!) { createLocation(input: $input) { id slug version } }`, { input: { name: 'Steunpunt Sleutel' } }, { bearer: swaKey })).createLocation;
      expect((await row(created.id)).organisation_id).toBe(swaId);
      const [entry] = await history(created.id);
      expect(entry).toMatchObject({ action: 'CREATE', organisation: { slug: 'swa' } });
      expect(entry.actorName).toMatch(/^API key locaties \(/);
    });

    it('lets admins add a location of any organisation or of none', async () => {
      const none = dataOf(await t.gql(CREATE, { input: { name: 'Bibliotheek Schothorst' } }, { cookie: admin })).createLocation;
      expect(none.organisation).toBeNull();
      const riagg = dataOf(await t.gql(CREATE, { input: { name: 'Riagg Spreekkamer', organisationId: riaggId } }, { cookie: admin })).createLocation;
      expect(riagg.organisation).toEqual({ slug: 'riagg-amersfoort' });
    });

    it.each([
      ['an empty name', 'input.name', { name: '' }],
      ['a blank name', 'input.name', { name: '   ' }],
      ['a postcode starting with 0', 'input.postcode', { postcode: '0123 AB' }],
      ['a latitude without longitude', 'input.longitude', { latitude: 52.1 }],
      ['a latitude above 90', 'input.latitude', { latitude: 91, longitude: 5 }],
      ['an unknown area', 'input.area', { area: 'atlantis' }],
      ['a malformed slug', 'input.slug', { slug: 'Geen Slug' }],
      ['a malformed organisation id', 'input.organisationId', { organisationId: 'geen-id' }],
    ])('refuses %s (naming %s), writing nothing', async (_label, field, input) => {
      const before = await count(`SELECT count(*) AS n FROM change_record WHERE entity_type = 'LOCATION'`);
      const locations = await count(`SELECT count(*) AS n FROM location`);
      const res = await t.gql(CREATE, { input: { name: 'Ongeldige Locatie', ...input } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await count(`SELECT count(*) AS n FROM location`)).toBe(locations);
      expect(await count(`SELECT count(*) AS n FROM change_record WHERE entity_type = 'LOCATION'`)).toBe(before);
    });

    it('refuses an unknown or archived organisation (admins), naming the field', async () => {
      const unknown = await t.gql(CREATE, { input: { name: 'X', organisationId: '00000000-0000-4000-8000-000000000000' } }, { cookie: admin });
      expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
      const [archived] = await t.db.dataSource.query(`INSERT INTO organisation (slug, name, sector, archived_at) VALUES ('opgeheven', 'Opgeheven', 'OTHER', now()) RETURNING id`);
      const res = await t.gql(CREATE, { input: { name: 'X', organisationId: archived.id } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organisationId' });
    });

    it('answers CONFLICT naming input.slug for a slug that is taken (caught by PostgreSQL)', async () => {
      const res = await t.gql(CREATE, { input: { name: 'Nijenstede bis', slug: 'nijenstede' } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    });

    it('keeps other organisations, municipalities, reading keys and the public out', async () => {
      const before = await count(`SELECT count(*) AS n FROM location`);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: swaId } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: riaggId } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: riaggId } }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }, { bearer: readKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }))).toEqual(['UNAUTHENTICATED']);
      expect(await count(`SELECT count(*) AS n FROM location`)).toBe(before);
    });
  });

  describe('updateLocation', () => {
    it('changes the fields given, clears those sent as null, bumps the version and records before and after', async () => {
      const loc = dataOf(await t.gql(CREATE, { input: { name: 'Wijkpunt Oost', kind: 'wijkpunt', city: 'Amersfoort', latitude: 52.1, longitude: 5.4 } }, { cookie: swaUser })).createLocation;
      const updated = dataOf(await t.gql(UPDATE, { id: loc.id, version: loc.version, input: { postcode: '3813 ke', kind: null, latitude: null, longitude: null } }, { cookie: swaUser })).updateLocation;
      expect(updated).toMatchObject({ version: 2, name: 'Wijkpunt Oost', city: 'Amersfoort', postcode: '3813 KE', kind: null, latitude: null, longitude: null });
      const last = (await history(loc.id)).at(-1);
      expect(last).toMatchObject({ action: 'UPDATE', actorName: 'swa@test.local' });
      expect(last.changes).toEqual({
        postcode: { before: null, after: '3813 KE' },
        kind: { before: 'wijkpunt', after: null },
        latitude: { before: 52.1, after: null },
        longitude: { before: 5.4, after: null },
      });
    });

    it('lets the API key with WRITE_OWN_ORGANISATION change its own location', async () => {
      const loc = await swaLocation('Sleutelkast');
      const plain = `mutation($id: ID!, $version: Int!, $input: UpdateLocationInput!) { updateLocation(id: $id, version: $version, input: $input) { city version } }`;
      const res = dataOf(await t.gql(plain, { id: loc.id, version: loc.version, input: { city: 'Leusden' } }, { bearer: swaKey })).updateLocation;
      expect(res).toMatchObject({ city: 'Leusden', version: 2 });
    });

    it.each([
      ['a null name', 'input.name', { name: null }],
      ['a name of 301 characters', 'input.name', { name: 'x'.repeat(301) }],
      ['a null slug', 'input.slug', { slug: null }],
      ['a postcode without letters', 'input.postcode', { postcode: '3822' }],
      ['a postcode with a digit for a letter', 'input.postcode', { postcode: '3822 A1' }],
      ['a latitude below -90', 'input.latitude', { latitude: -90.5, longitude: 5 }],
      ['a longitude above 180', 'input.longitude', { latitude: 52, longitude: 181 }],
      ['clearing only the latitude', 'input.latitude', { latitude: null }],
      ['clearing only the longitude', 'input.longitude', { longitude: null }],
      ['an unknown area', 'input.area', { area: 'atlantis' }],
      ['a description of 10001 characters', 'input.description', { description: 'x'.repeat(10001) }],
      ['an alias of 301 characters', 'input.aliases', { aliases: ['x'.repeat(301)] }],
    ])('refuses %s (naming %s), writing nothing', async (_label, field, input) => {
      const loc = dataOf(await t.gql(CREATE, { input: { name: 'Te Wijzigen', latitude: 52.2, longitude: 5.3 } }, { cookie: admin })).createLocation;
      const before = await row(loc.id);
      const res = await t.gql(UPDATE, { id: loc.id, version: loc.version, input }, { cookie: admin });
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await row(loc.id)).toEqual(before);
      expect(await historyCount(loc.id)).toBe(1);
    });

    it('names every problem of the location as it will be at once: a cleared name, an unknown area, a latitude without its longitude', async () => {
      const loc = await swaLocation('Drie Problemen');
      const before = (await t.db.dataSource.query(`SELECT * FROM location WHERE id = $1`, [loc.id]))[0];
      const res = await t.gql(UPDATE, { id: loc.id, version: loc.version, input: { name: null, area: 'atlantis', latitude: 52.15 } }, { cookie: swaUser });
      const [error] = res.body.errors!;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name', rule: 'required' });
      expect((error.extensions?.errors as Array<{ field: string; rule?: string }>).map(({ field, rule }) => [field, rule])).toEqual([
        ['input.name', 'required'],
        ['input.area', 'unknownReference'],
        ['input.longitude', 'coordinatesPair'],
      ]);
      expect((await t.db.dataSource.query(`SELECT * FROM location WHERE id = $1`, [loc.id]))[0]).toEqual(before);
    });

    it('answers CONFLICT with the current version for a stale one, and writes nothing', async () => {
      const loc = await swaLocation('Oud Nieuws');
      dataOf(await t.gql(UPDATE, { id: loc.id, version: 1, input: { city: 'Amersfoort' } }, { cookie: swaUser }));
      const before = await row(loc.id);
      const res = await t.gql(UPDATE, { id: loc.id, version: 1, input: { city: 'Soest' } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
      expect(await row(loc.id)).toEqual(before);
      expect(await historyCount(loc.id)).toBe(2);
    });

    it('answers CONFLICT naming input.slug when the slug is taken', async () => {
      const loc = await swaLocation('Slugdief');
      const res = await t.gql(UPDATE, { id: loc.id, version: loc.version, input: { slug: 'nijenstede' } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    });

    it("keeps other organisations, municipalities and the public out, and organisations from moving or disowning a location", async () => {
      const loc = await swaLocation('Alleen Van SWA');
      const update = (input: Record<string, unknown>, as: { cookie?: string; bearer?: string } = {}) => t.gql(UPDATE, { id: loc.id, version: loc.version, input }, as);
      expect(errorCodes(await update({ city: 'x' }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ city: 'x' }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ city: 'x' }, { bearer: readKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ city: 'x' }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await update({ organisationId: riaggId }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ organisationId: null }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ organisationId: riaggId }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(await historyCount(loc.id)).toBe(1);
      // Naming its own organisation is no move.
      expect(dataOf(await update({ organisationId: swaId.toUpperCase(), city: 'Amersfoort' }, { cookie: swaUser })).updateLocation.organisation).toEqual({ slug: 'swa' });
      // Admins move it; then it is Riagg's, and SWA can no longer change it.
      const moved = dataOf(await t.gql(UPDATE, { id: loc.id, version: 2, input: { organisationId: riaggId } }, { cookie: admin })).updateLocation;
      expect(moved.organisation).toEqual({ slug: 'riagg-amersfoort' });
      expect((await history(loc.id)).at(-1).changes.organisationId).toEqual({ before: swaId, after: riaggId });
      expect(errorCodes(await t.gql(UPDATE, { id: loc.id, version: 3, input: { city: 'x' } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
    });

    it('leaves locations without an organisation to admins', async () => {
      const loc = dataOf(await t.gql(CREATE, { input: { name: 'Gemeentehuis' } }, { cookie: admin })).createLocation;
      expect(errorCodes(await t.gql(UPDATE, { id: loc.id, version: 1, input: { city: 'x' } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(UPDATE, { id: loc.id, version: 1, input: { city: 'x' } }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(ARCHIVE, { id: loc.id, version: 1 }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(dataOf(await t.gql(UPDATE, { id: loc.id, version: 1, input: { city: 'Amersfoort' } }, { cookie: admin })).updateLocation.version).toBe(2);
    });

    it('answers NOT_FOUND for an unknown location', async () => {
      const res = await t.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', version: 1, input: { city: 'x' } }, { cookie: admin });
      expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    });
  });

  describe('archiveLocation and restoreLocation', () => {
    it('archive instead of delete: the location leaves lists, keeps its history, and comes back', async () => {
      const loc = await swaLocation('Pop-up Ontmoetingsplek');
      const updated = dataOf(await t.gql(UPDATE, { id: loc.id, version: 1, input: { status: 'CLOSED' } }, { cookie: swaUser })).updateLocation;
      const archived = dataOf(await t.gql(ARCHIVE, { id: loc.id, version: updated.version }, { cookie: swaUser })).archiveLocation;
      expect(archived).toMatchObject({ version: 3, archivedAt: expect.any(String) });
      const listed = dataOf(await t.gql(`{ locations(search: "Pop-up") { totalCount } all: locations(search: "Pop-up", includeArchived: true) { totalCount } }`));
      expect(listed).toEqual({ locations: { totalCount: 0 }, all: { totalCount: 1 } });

      // Archiving twice, or with the old version, changes nothing.
      expect(errorCodes(await t.gql(ARCHIVE, { id: loc.id, version: 3 }, { cookie: swaUser }))).toEqual(['CONFLICT']);
      const stale = await t.gql(RESTORE, { id: loc.id, version: 2 }, { cookie: swaUser });
      expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });

      const restored = dataOf(await t.gql(RESTORE, { id: loc.id, version: 3 }, { bearer: swaKey })).restoreLocation;
      expect(restored).toMatchObject({ version: 4, archivedAt: null });
      expect(errorCodes(await t.gql(RESTORE, { id: loc.id, version: 4 }, { cookie: swaUser }))).toEqual(['CONFLICT']);

      const entries = await history(loc.id);
      expect(entries.map((e: any) => e.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE']);
      expect(entries[1].changes).toEqual({ status: { before: 'ACTIVE', after: 'CLOSED' } });
      expect(entries[2].changes.archivedAt).toEqual({ before: null, after: expect.any(String) });
      expect(Object.keys(entries[2].changes)).toEqual(['archivedAt']);
      expect(entries[3].changes.archivedAt).toEqual({ before: entries[2].changes.archivedAt.after, after: null });
      expect(entries[3].actorName).toMatch(/^API key locaties/);
    });

    it("keeps other organisations, municipalities and the public from archiving or restoring SWA's location", async () => {
      const loc = await swaLocation('Niet Van Jou');
      for (const mutation of [ARCHIVE, RESTORE]) {
        expect(errorCodes(await t.gql(mutation, { id: loc.id, version: 1 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: loc.id, version: 1 }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: loc.id, version: 1 }))).toEqual(['UNAUTHENTICATED']);
      }
      dataOf(await t.gql(ARCHIVE, { id: loc.id, version: 1 }, { cookie: admin }));
      expect(errorCodes(await t.gql(RESTORE, { id: loc.id, version: 2 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect((await row(loc.id)).archived_at).not.toBeNull();
      expect(await historyCount(loc.id)).toBe(2);
    });
  });

  it('names the input field for every constraint PostgreSQL checks on locations', async () => {
    const constraints: Array<{ name: string; code: string }> = await t.db.dataSource.query(
      `SELECT conname AS name, CASE contype WHEN 'c' THEN '23514' ELSE '23503' END AS code
         FROM pg_constraint WHERE conrelid = 'location'::regclass AND contype IN ('c', 'f')
       UNION ALL SELECT indexname, '23505' FROM pg_indexes WHERE tablename = 'location' AND indexname LIKE 'UQ\\_%'`,
    );
    expect(constraints.length).toBeGreaterThanOrEqual(8);
    for (const { name, code } of constraints) {
      const error = translateDatabaseError(new QueryFailedError('', [], Object.assign(new Error(name), { code, constraint: name }))) as any;
      expect([name, error.extensions.field]).toEqual([name, expect.stringMatching(/^input\.\w+$/)]);
    }
  });
});
