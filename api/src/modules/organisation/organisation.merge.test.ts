import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { ORGANISATION_REFERENCES } from './organisation.merge';

const MERGE = `mutation($input: MergeOrganisationsInput!) { mergeOrganisations(input: $input) { id version services { name } locations { name } } }`;
const PREVIEW = `query($sourceId: ID!, $targetId: ID!) { organisationMergePreview(sourceId: $sourceId, targetId: $targetId) {
  services locations keyPersons networkMemberships coordinatedNetworks partnerServices childOrganisations users apiKeys webhooks } }`;

describe('merging two organisations', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let municipality: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);
  const one = async (text: string, params: unknown[] = []) => (await sql(text, params))[0];

  /** Two fresh organisations: the source with a service, a location, a key person, a network membership both share, a user, a referral. */
  async function pair() {
    n += 1;
    const org = async (name: string) => (await one(`INSERT INTO organisation (slug, name, sector) VALUES ($1, $2, 'WELFARE') RETURNING id`, [`merge-${n}-${name}`, `${name} ${n}`])).id as string;
    const source = await org('Bron');
    const target = await org('Doel');
    await sql(`INSERT INTO service (slug, name, organisation_id) VALUES ($1, 'Maatjesproject', $2), ($3, 'Eetclub', $4)`, [`merge-${n}-s1`, source, `merge-${n}-s2`, target]);
    await sql(`INSERT INTO location (slug, name, organisation_id, address, postcode) VALUES ($1, 'Buurtkamer', $2, 'Kerkstraat 1', '3811 AB')`, [`merge-${n}-l1`, source]);
    const person = (await one(`INSERT INTO key_person (name, organisation_id) VALUES ('Merge Persoon', $1) RETURNING id`, [source])).id;
    const network = (await one(`INSERT INTO network (slug, name, kind, coordinator_organisation_id) VALUES ($1, 'Merge netwerk', 'OTHER', $2) RETURNING id`, [`merge-${n}-n`, source])).id;
    await sql(`INSERT INTO network_member (network_id, organisation_id) VALUES ($1, $2), ($1, $3)`, [network, source, target]);
    await sql(`INSERT INTO network_member (network_id, organisation_id, key_person_id) VALUES ($1, $2, $3)`, [network, source, person]);
    const [area] = await sql(`SELECT id FROM area WHERE slug = 'kruiskamp'`);
    await sql(`INSERT INTO organisation_area (organisation_id, area_id) VALUES ($1, $3), ($2, $3)`, [source, target, area.id]);
    const user = (await one(`INSERT INTO app_user (email, display_name, password_hash, role, organisation_id) VALUES ($1, 'Bron medewerker', 'x', 'ORGANISATION', $2) RETURNING id`, [`merge-${n}@test.local`, source])).id;
    const referral = (await one(
      `INSERT INTO referral (dossier_number, summary, referring_organisation_id, receiving_organisation_id, status)
       SELECT '2099-' || lpad($2::text, 5, '0'), 'Vraag om steun', $1, o.id, 'SIGNALLED' FROM organisation o WHERE o.slug = 'swa' RETURNING id`,
      [source, n],
    )).id;
    return { source, target, person, network, user, referral };
  }

  const merge = (ids: { source: string; target: string }, cookie = admin, versions = { source: 1, target: 1 }) =>
    t.gql(MERGE, { input: { sourceId: ids.source, targetId: ids.target, sourceVersion: versions.source, targetVersion: versions.target } }, { cookie });

  it('counts what moves, without the referrals', async () => {
    const ids = await pair();
    const preview = dataOf(await t.gql(PREVIEW, { sourceId: ids.source, targetId: ids.target }, { cookie: admin })).organisationMergePreview;
    expect(preview).toEqual({ services: 1, locations: 1, keyPersons: 1, networkMemberships: 2, coordinatedNetworks: 1, partnerServices: 0, childOrganisations: 0, users: 1, apiKeys: 0, webhooks: 0 });
    expect(Object.keys(preview)).not.toContain('referrals');
  });

  it('moves everything to the target in one go, archives the source as merged, and records it in both histories', async () => {
    const ids = await pair();
    const res = await merge(ids);
    const merged = dataOf(res).mergeOrganisations;
    expect(merged).toMatchObject({ id: ids.target, version: 2 });
    expect(merged.services.map((s: { name: string }) => s.name).sort()).toEqual(['Eetclub', 'Maatjesproject']);
    expect(merged.locations).toEqual([{ name: 'Buurtkamer' }]);
    expect(res.sqlStatements).toBeLessThan(80);

    expect(await one(`SELECT archived_at IS NOT NULL AS archived, merged_into_id FROM organisation WHERE id = $1`, [ids.source])).toEqual({ archived: true, merged_into_id: ids.target });
    expect((await one(`SELECT organisation_id FROM key_person WHERE id = $1`, [ids.person])).organisation_id).toBe(ids.target);
    expect((await one(`SELECT coordinator_organisation_id FROM network WHERE id = $1`, [ids.network])).coordinator_organisation_id).toBe(ids.target);
    expect((await one(`SELECT organisation_id FROM app_user WHERE id = $1`, [ids.user])).organisation_id).toBe(ids.target);
    expect((await one(`SELECT referring_organisation_id FROM referral WHERE id = $1`, [ids.referral])).referring_organisation_id).toBe(ids.target);
    // Both were members of the network: one organisation membership stays, the key person's moves with the person.
    const members = await sql(`SELECT organisation_id, key_person_id FROM network_member WHERE network_id = $1 ORDER BY key_person_id NULLS FIRST`, [ids.network]);
    expect(members).toEqual([{ organisation_id: ids.target, key_person_id: null }, { organisation_id: ids.target, key_person_id: ids.person }]);
    expect(Number((await one(`SELECT count(*) AS n FROM organisation_area WHERE organisation_id = $1`, [ids.target])).n)).toBe(1);
    // Nothing points at the source any more.
    for (const ref of ORGANISATION_REFERENCES.filter((r) => !r.stays)) {
      expect([ref.table, ref.column, Number((await one(`SELECT count(*) AS n FROM "${ref.table}" WHERE "${ref.column}" = $1`, [ids.source])).n)]).toEqual([ref.table, ref.column, 0]);
    }

    const history = async (type: string, id: string) =>
      dataOf(await t.gql(`query($type: CuratedEntityType!, $id: ID!) { changeHistory(entityType: $type, entityId: $id) { edges { node { action changes } } } }`, { type, id }, { cookie: admin }))
        .changeHistory.edges.map((e: any) => e.node);
    const [sourceEntry] = (await history('ORGANISATION', ids.source)).slice(-1);
    expect(sourceEntry.action).toBe('ARCHIVE');
    expect(sourceEntry.changes.mergedIntoId).toEqual({ before: null, after: ids.target });
    const [targetEntry] = (await history('ORGANISATION', ids.target)).slice(-1);
    expect(targetEntry).toMatchObject({ action: 'UPDATE', changes: { mergedOrganisationIds: { before: [], after: [ids.source] } } });
    const [serviceEntry] = (await history('KEY_PERSON', ids.person)).slice(-1);
    expect(serviceEntry.changes.organisationId).toEqual({ before: ids.source, after: ids.target });
    // The history says nothing of the referral.
    const entries = await sql(`SELECT changes::text AS text FROM change_record WHERE entity_id = ANY($1::uuid[])`, [[ids.source, ids.target]]);
    for (const entry of entries) expect(entry.text).not.toMatch(/2099-|Vraag om steun|referral/i);
  });

  it('refuses merging an organisation into itself, a stale version, and twins of the target', async () => {
    const ids = await pair();
    expect((await merge({ source: ids.source, target: ids.source })).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targetId', rule: 'mergeSelf' });
    expect((await merge(ids, admin, { source: 1, target: 7 })).body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 1 });
    await sql(`INSERT INTO service (slug, name, organisation_id) VALUES ($1, ' maatjesproject ', $2)`, [`merge-${n}-twin`, ids.target]);
    const twins = await merge(ids);
    expect(twins.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.sourceId', rule: 'mergeDuplicates', params: { records: [expect.objectContaining({ kind: 'SERVICE', name: 'Maatjesproject' })] } });
    expect((await one(`SELECT archived_at, version FROM organisation WHERE id = $1`, [ids.source]))).toEqual({ archived_at: null, version: 1 });
  });

  it('is all or nothing: a failure half-way leaves every record as it was', async () => {
    const ids = await pair();
    const before = await sql(`SELECT organisation_id FROM service WHERE organisation_id = ANY($1::uuid[]) ORDER BY slug`, [[ids.source, ids.target]]);
    const history = Number((await one(`SELECT count(*) AS n FROM change_record`)).n);
    // Break a step late in the merge: moving the app users fails.
    await t.db.asOwner(`CREATE FUNCTION merge_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'merge test'; END $$`);
    await t.db.asOwner(`CREATE TRIGGER merge_test_fail BEFORE UPDATE OF organisation_id ON app_user FOR EACH ROW EXECUTE FUNCTION merge_test_fail()`);
    try {
      const res = await merge(ids);
      expect(res.body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.db.asOwner(`DROP TRIGGER merge_test_fail ON app_user`);
      await t.db.asOwner(`DROP FUNCTION merge_test_fail()`);
    }
    expect(await sql(`SELECT organisation_id FROM service WHERE organisation_id = ANY($1::uuid[]) ORDER BY slug`, [[ids.source, ids.target]])).toEqual(before);
    expect((await one(`SELECT organisation_id FROM key_person WHERE id = $1`, [ids.person])).organisation_id).toBe(ids.source);
    expect(await one(`SELECT archived_at, merged_into_id, version FROM organisation WHERE id = $1`, [ids.source])).toEqual({ archived_at: null, merged_into_id: null, version: 1 });
    expect(Number((await one(`SELECT count(*) AS n FROM change_record`)).n)).toBe(history);
    // And the same merge then goes through.
    expect(dataOf(await merge(ids)).mergeOrganisations.id).toBe(ids.target);
  });

  it.each([
    ['an organisation user', () => swaUser],
    ['a municipality user', () => municipality],
  ])('is for admins only: %s gets FORBIDDEN and nothing moves', async (_label, cookie) => {
    const ids = await pair();
    expect((await merge(ids, cookie())).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(PREVIEW, { sourceId: ids.source, targetId: ids.target }, { cookie: cookie() })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await one(`SELECT archived_at FROM organisation WHERE id = $1`, [ids.source])).archived_at).toBeNull();
  });

  it('knows every foreign key that points at an organisation', async () => {
    const keys: Array<{ table: string; column: string }> = await sql(
      `SELECT c.conrelid::regclass::text AS table, a.attname AS column
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = 'organisation'::regclass`,
    );
    const listed = ORGANISATION_REFERENCES.map((r) => `${r.table}.${r.column}`).sort();
    expect(keys.map((k) => `${k.table.replace(/"/g, '')}.${k.column}`).sort()).toEqual(listed);
  });
});
