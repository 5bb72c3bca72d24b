import { QueryFailedError } from 'typeorm';
import { translateDatabaseError } from '../curation/curation.service';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const FIELDS = 'id version name email phone notes roleDescription archivedAt role { code } organisation { slug } areas { slug }';
const CREATE = `mutation($input: CreateKeyPersonInput!) { createKeyPerson(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateKeyPersonInput!) { updateKeyPerson(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!, $version: Int!) { archiveKeyPerson(id: $id, version: $version) { id version archivedAt } }`;
const RESTORE = `mutation($id: ID!, $version: Int!) { restoreKeyPerson(id: $id, version: $version) { id version archivedAt } }`;
const HISTORY = `query($id: ID!) { changeHistory(entityType: KEY_PERSON, entityId: $id) { edges { node { action actorName organisation { slug } changes } } } }`;

/**
 * Decision under test: key persons are personal data for logged-in people, so API keys curate
 * none — not even a key with WRITE_OWN_ORGANISATION of the person's own organisation.
 */
describe('curating key persons over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let municipality: string;
  let swaKey: string;
  let swaId: string;
  let riaggId: string;
  let roles: string[];

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    riaggId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'riagg-amersfoort'`))[0].id;
    roles = (await t.db.dataSource.query(`SELECT code FROM key_person_role ORDER BY code LIMIT 2`)).map((r: any) => r.code);
    swaKey = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'schrijven', scopes: ['WRITE_OWN_ORGANISATION', 'READ_MAP'] } }, { cookie: swaUser }),
    ).createApiKey.key;
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const state = async (personId: string) => ({
    row: (await t.db.dataSource.query(`SELECT * FROM key_person WHERE id = $1`, [personId]))[0],
    areas: await t.db.dataSource.query(`SELECT area_id FROM key_person_area WHERE key_person_id = $1 ORDER BY area_id`, [personId]),
    history: await count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [personId]),
  });
  const history = async (personId: string) => dataOf(await t.gql(HISTORY, { id: personId }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
  const swaPerson = async (input: Record<string, unknown>) => dataOf(await t.gql(CREATE, { input }, { cookie: swaUser })).createKeyPerson;

  describe('createKeyPerson', () => {
    it("lets an organisation's user add a key person of their own, with a role code and areas, recorded in the history", async () => {
      const created = await swaPerson({ name: 'Fatima el Amrani', role: roles[0], email: 'F.elAmrani@Example.nl', phone: '+31 6 1234 5678', areas: ['schuilenburg'] });
      expect(created).toMatchObject({
        version: 1, name: 'Fatima el Amrani', email: 'f.elamrani@example.nl', phone: '+31 6 1234 5678', role: { code: roles[0] },
        organisation: { slug: 'swa' }, areas: [{ slug: 'schuilenburg' }], archivedAt: null,
      });
      const [entry] = await history(created.id);
      expect(entry).toMatchObject({ action: 'CREATE', actorName: 'swa@test.local', organisation: { slug: 'swa' } });
      expect(entry.changes.name).toEqual({ before: null, after: 'Fatima el Amrani' });
      expect(entry.changes.organisationId).toEqual({ before: null, after: swaId });
      expect(entry.changes.roleId.after).toEqual(expect.any(String));
      expect(entry.changes.areaIds.after).toHaveLength(1);
      const listed = dataOf(await t.gql(`{ organisation(slug: "swa") { keyPersons { name } } }`, undefined, { cookie: municipality }));
      expect(listed.organisation.keyPersons).toContainEqual({ name: 'Fatima el Amrani' });
    });

    it('lets admins add key persons of any organisation or of none', async () => {
      const none = dataOf(await t.gql(CREATE, { input: { name: 'Dominee Jansen', roleDescription: 'predikant' } }, { cookie: admin })).createKeyPerson;
      expect(none.organisation).toBeNull();
      const riagg = dataOf(await t.gql(CREATE, { input: { name: 'Karel Riagg', organisationId: riaggId } }, { cookie: admin })).createKeyPerson;
      expect(riagg.organisation).toEqual({ slug: 'riagg-amersfoort' });
    });

    it.each([
      ['an empty name', 'input.name', { name: '' }],
      ['a name of 201 characters', 'input.name', { name: 'x'.repeat(201) }],
      ['an e-mail address without @', 'input.email', { email: 'fatima.example.nl' }],
      ['a phone number in words', 'input.phone', { phone: 'bel de balie' }],
      ['an unknown role code', 'input.role', { role: 'koning' }],
      ['an unknown area at index 1', 'input.areas.1', { areas: ['schuilenburg', 'atlantis'] }],
      ['a malformed organisation id', 'input.organisationId', { organisationId: 'swa' }],
    ])('refuses %s (naming %s), writing nothing', async (_label, field, input) => {
      const people = await count(`SELECT count(*) AS n FROM key_person`);
      const changes = await count(`SELECT count(*) AS n FROM change_record`);
      const res = await t.gql(CREATE, { input: { name: 'Ongeldig Persoon', ...input } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await count(`SELECT count(*) AS n FROM key_person`)).toBe(people);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(changes);
    });

    it('refuses API keys, even with WRITE_OWN_ORGANISATION; other organisations, municipalities and the public too', async () => {
      const people = await count(`SELECT count(*) AS n FROM key_person`);
      expect(errorCodes(await t.gql(`mutation($input: CreateKeyPersonInput!) { createKeyPerson(input: $input) { id } }`, { input: { name: 'x' } }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: swaId } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: riaggId } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }))).toEqual(['UNAUTHENTICATED']);
      expect(await count(`SELECT count(*) AS n FROM key_person`)).toBe(people);
    });
  });

  describe('updateKeyPerson', () => {
    it('changes the fields given, clears those sent as null, replaces the areas, and records before and after', async () => {
      const person = await swaPerson({ name: 'Henk de Vries', role: roles[0], phone: '033-1234567', areas: ['schuilenburg'] });
      const updated = dataOf(await t.gql(UPDATE, { id: person.id, version: 1, input: { role: roles[1], phone: null, email: 'henk@example.nl', areas: ['kruiskamp', 'schuilenburg'] } }, { cookie: swaUser })).updateKeyPerson;
      expect(updated).toMatchObject({ version: 2, name: 'Henk de Vries', phone: null, email: 'henk@example.nl', role: { code: roles[1] } });
      expect(updated.areas.map((a: any) => a.slug).sort()).toEqual(['kruiskamp', 'schuilenburg']);
      const last = (await history(person.id)).at(-1);
      expect(last).toMatchObject({ action: 'UPDATE', actorName: 'swa@test.local' });
      expect(Object.keys(last.changes).sort()).toEqual(['areaIds', 'email', 'phone', 'roleId']);
      expect(last.changes.phone).toEqual({ before: '033-1234567', after: null });
      expect(last.changes.areaIds.before).toHaveLength(1);
      expect(last.changes.areaIds.after).toHaveLength(2);
      // Clearing the role.
      expect(dataOf(await t.gql(UPDATE, { id: person.id, version: 2, input: { role: null } }, { cookie: swaUser })).updateKeyPerson.role).toBeNull();
    });

    it.each([
      ['a null name', 'input.name', { name: null }],
      ['a blank name', 'input.name', { name: '  ' }],
      ['an e-mail address with a space', 'input.email', { email: 'henk de vries@example.nl' }],
      ['a phone number that is too short', 'input.phone', { phone: '123' }],
      ['an unknown role code', 'input.role', { role: 'bestaat-niet' }],
      ['an unknown area', 'input.areas.0', { areas: ['atlantis'] }],
      ['notes of 10001 characters', 'input.notes', { notes: 'x'.repeat(10001) }],
    ])('refuses %s (naming %s), writing nothing', async (_label, field, input) => {
      const person = await swaPerson({ name: 'Ongewijzigd', email: 'ongewijzigd@example.nl', areas: ['kruiskamp'] });
      const before = await state(person.id);
      const res = await t.gql(UPDATE, { id: person.id, version: 1, input }, { cookie: swaUser });
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await state(person.id)).toEqual(before);
    });

    it('answers CONFLICT with the current version for a stale one, and writes nothing', async () => {
      const person = await swaPerson({ name: 'Anja Smit' });
      dataOf(await t.gql(UPDATE, { id: person.id, version: 1, input: { notes: 'bereikbaar op dinsdag' } }, { cookie: swaUser }));
      const before = await state(person.id);
      const res = await t.gql(UPDATE, { id: person.id, version: 1, input: { name: 'Overschreven', areas: ['kruiskamp'] } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
      expect(await state(person.id)).toEqual(before);
    });

    it('keeps API keys, other organisations, municipalities and the public out, and organisations from moving a person', async () => {
      const person = await swaPerson({ name: 'Petra Bakker' });
      const before = await state(person.id);
      const update = (input: Record<string, unknown>, as: { cookie?: string; bearer?: string } = {}, version = 1) =>
        t.gql(`mutation($id: ID!, $version: Int!, $input: UpdateKeyPersonInput!) { updateKeyPerson(id: $id, version: $version, input: $input) { id } }`, { id: person.id, version, input }, as);
      expect(errorCodes(await update({ notes: 'x' }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ notes: 'x' }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ notes: 'x' }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ notes: 'x' }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await update({ organisationId: riaggId }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ organisationId: null }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(await state(person.id)).toEqual(before);
      const moved = dataOf(await t.gql(UPDATE, { id: person.id, version: 1, input: { organisationId: riaggId } }, { cookie: admin })).updateKeyPerson;
      expect(moved.organisation).toEqual({ slug: 'riagg-amersfoort' });
      expect((await history(person.id)).at(-1).changes.organisationId).toEqual({ before: swaId, after: riaggId });
      expect(errorCodes(await update({ notes: 'x' }, { cookie: swaUser }, 2))).toEqual(['FORBIDDEN']);
    });

    it('leaves key persons without an organisation to admins', async () => {
      const person = dataOf(await t.gql(CREATE, { input: { name: 'Wijkagent Zonder Organisatie' } }, { cookie: admin })).createKeyPerson;
      expect(errorCodes(await t.gql(UPDATE, { id: person.id, version: 1, input: { notes: 'x' } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(ARCHIVE, { id: person.id, version: 1 }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(dataOf(await t.gql(UPDATE, { id: person.id, version: 1, input: { notes: 'x' } }, { cookie: admin })).updateKeyPerson.version).toBe(2);
    });
  });

  describe('archiveKeyPerson and restoreKeyPerson', () => {
    it('archive instead of delete: the person leaves lists, keeps their history, and comes back', async () => {
      const person = await swaPerson({ name: 'Tijdelijke Sleutelfiguur', areas: ['schuilenburg'] });
      dataOf(await t.gql(UPDATE, { id: person.id, version: 1, input: { roleDescription: 'buurtvader' } }, { cookie: swaUser }));
      const archived = dataOf(await t.gql(ARCHIVE, { id: person.id, version: 2 }, { cookie: swaUser })).archiveKeyPerson;
      expect(archived).toMatchObject({ version: 3, archivedAt: expect.any(String) });
      const lists = dataOf(
        await t.gql(
          `{ keyPersons(search: "Tijdelijke") { totalCount } all: keyPersons(search: "Tijdelijke", includeArchived: true) { totalCount }
             organisation(slug: "swa") { keyPersons { name } } area(slug: "schuilenburg") { keyPersons { name } } }`,
          undefined,
          { cookie: municipality },
        ),
      );
      expect(lists.keyPersons.totalCount).toBe(0);
      expect(lists.all.totalCount).toBe(1);
      expect(lists.organisation.keyPersons).not.toContainEqual({ name: 'Tijdelijke Sleutelfiguur' });
      expect(lists.area.keyPersons).not.toContainEqual({ name: 'Tijdelijke Sleutelfiguur' });

      expect(errorCodes(await t.gql(ARCHIVE, { id: person.id, version: 3 }, { cookie: swaUser }))).toEqual(['CONFLICT']);
      const stale = await t.gql(RESTORE, { id: person.id, version: 2 }, { cookie: swaUser });
      expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
      const restored = dataOf(await t.gql(RESTORE, { id: person.id, version: 3 }, { cookie: admin })).restoreKeyPerson;
      expect(restored).toMatchObject({ version: 4, archivedAt: null });

      const entries = await history(person.id);
      expect(entries.map((e: any) => e.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE']);
      expect(entries[1].changes).toEqual({ roleDescription: { before: null, after: 'buurtvader' } });
      expect(Object.keys(entries[2].changes)).toEqual(['archivedAt']);
      expect(entries[3]).toMatchObject({ actorName: 'admin@test.local', changes: { archivedAt: { before: entries[2].changes.archivedAt.after, after: null } } });
    });

    it('keeps API keys, other organisations, municipalities and the public from archiving or restoring', async () => {
      const person = await swaPerson({ name: 'Blijft Staan' });
      for (const mutation of [ARCHIVE, RESTORE]) {
        const plain = mutation.replace(' version archivedAt', '');
        expect(errorCodes(await t.gql(plain, { id: person.id, version: 1 }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: person.id, version: 1 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: person.id, version: 1 }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: person.id, version: 1 }))).toEqual(['UNAUTHENTICATED']);
      }
      dataOf(await t.gql(ARCHIVE, { id: person.id, version: 1 }, { cookie: swaUser }));
      expect(errorCodes(await t.gql(RESTORE.replace(' version archivedAt', ''), { id: person.id, version: 2 }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(RESTORE, { id: person.id, version: 2 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect((await state(person.id)).history).toBe(2);
    });
  });

  it('names the input field for every constraint PostgreSQL checks on key persons', async () => {
    const constraints: Array<{ name: string; code: string }> = await t.db.dataSource.query(
      `SELECT c.conname AS name, CASE c.contype WHEN 'c' THEN '23514' ELSE '23503' END AS code
         FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
        WHERE r.relname IN ('key_person', 'key_person_area') AND c.contype IN ('c', 'f')
          AND NOT (r.relname = 'key_person_area' AND c.confrelid = 'key_person'::regclass)
          -- An erased record's invariant guards no input: only the erasure writes it (key-person-erasure.test.ts).
          AND c.conname <> 'CHK_key_person_erased'`,
    );
    expect(constraints.length).toBeGreaterThanOrEqual(4);
    for (const { name, code } of constraints) {
      const error = translateDatabaseError(new QueryFailedError('', [], Object.assign(new Error(name), { code, constraint: name }))) as any;
      expect([name, error.extensions.field]).toEqual([name, expect.stringMatching(/^input\.\w+$/)]);
    }
  });
});
