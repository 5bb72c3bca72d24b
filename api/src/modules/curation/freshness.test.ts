import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const STALE = `query($organisation: ID, $area: ID, $entityType: VerifiableEntityType) {
  staleRecords(organisation: $organisation, area: $area, entityType: $entityType, first: 100) { totalCount edges { node { entityType id name organisation { slug } } } }
}`;
const BULK = `mutation($records: [VerifiableRecordInput!]!) { markRecordsVerified(records: $records) { entityType id lastVerifiedAt } }`;

/**
 * The curator's work list ("records to verify"): filtered by organisation and by area (the
 * area and every area below it), and a selection verified at once — all in one transaction,
 * each with its history entry, or none.
 */
describe('records to verify: filters and bulk verification', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);
  const idOf = async (table: string, slug: string) => (await sql(`SELECT id FROM ${table} WHERE slug = $1`, [slug]))[0].id as string;
  let swa: string;
  let riagg: string;
  /** A district (wijk) with a neighbourhood below it, and another district. */
  let district: { id: string; child: string };
  let otherDistrict: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    swa = await idOf('organisation', 'swa');
    riagg = await idOf('organisation', 'riagg-amersfoort');
    const districts: Array<{ id: string; child: string }> = await sql(
      `SELECT d.id, min(n.id::text) AS child FROM area d JOIN area n ON n.parent_id = d.id WHERE d.level = 'DISTRICT' AND d.archived_at IS NULL GROUP BY d.id ORDER BY d.id LIMIT 2`,
    );
    district = districts[0];
    otherDistrict = districts[1].id;
  });
  afterAll(() => t.close());

  it('filters by organisation, and by an area with the areas below it', async () => {
    const own = dataOf(await t.gql(STALE, { organisation: riagg }, as.admin)).staleRecords;
    expect(own.totalCount).toBeGreaterThan(0);
    for (const edge of own.edges) expect(edge.node.organisation.slug).toBe('riagg-amersfoort');

    // A location in the neighbourhood and a service serving it: both listed under the district, neither under another one.
    const [location] = await sql(`INSERT INTO location (slug, name, organisation_id, area_id) VALUES ('controle-locatie', 'Controlelocatie', $1, $2) RETURNING id`, [swa, district.child]);
    const [service] = await sql(`INSERT INTO service (slug, name, organisation_id) VALUES ('controle-dienst', 'Controledienst', $1) RETURNING id`, [swa]);
    await sql(`INSERT INTO service_area (service_id, area_id) VALUES ($1, $2)`, [service.id, district.child]);
    const inDistrict = dataOf(await t.gql(STALE, { area: district.id }, as.admin)).staleRecords;
    const ids = inDistrict.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([location.id, service.id]));
    const elsewhere = dataOf(await t.gql(STALE, { area: otherDistrict }, as.admin)).staleRecords.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(elsewhere).not.toContain(location.id);
    expect(elsewhere).not.toContain(service.id);
    // Every record listed under the district is there by one of its areas.
    for (const edge of inDistrict.edges as Array<{ node: { entityType: string; id: string } }>) {
      const [{ inside }] = await sql(
        `WITH RECURSIVE below(id) AS (SELECT $2::uuid UNION ALL SELECT a.id FROM area a JOIN below b ON a.parent_id = b.id)
         SELECT EXISTS (
           SELECT 1 FROM organisation_area x WHERE $3 = 'ORGANISATION' AND x.organisation_id = $1 AND x.area_id IN (SELECT id FROM below)
           UNION ALL SELECT 1 FROM service_area x WHERE $3 = 'SERVICE' AND x.service_id = $1 AND x.area_id IN (SELECT id FROM below)
           UNION ALL SELECT 1 FROM location x WHERE $3 = 'LOCATION' AND x.id = $1 AND x.area_id IN (SELECT id FROM below)
           UNION ALL SELECT 1 FROM key_person_area x WHERE $3 = 'KEY_PERSON' AND x.key_person_id = $1 AND x.area_id IN (SELECT id FROM below)
         ) AS inside`,
        [edge.node.id, district.id, edge.node.entityType],
      );
      expect(inside).toBe(true);
    }
    // Combined with the kind, and the owner's own list stays their own whatever they ask for.
    const locations = dataOf(await t.gql(STALE, { area: district.id, entityType: 'LOCATION' }, as.admin)).staleRecords.edges;
    expect(locations.every((e: { node: { entityType: string } }) => e.node.entityType === 'LOCATION')).toBe(true);
    const swaAsksRiagg = dataOf(await t.gql(STALE, { organisation: riagg }, as.swa)).staleRecords;
    expect(swaAsksRiagg.totalCount).toBe(0);

    const unknown = await t.gql(STALE, { area: '00000000-0000-4000-8000-000000000000' }, as.admin);
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'area', rule: 'unknownReference' });
  });

  it('verifies a selection at once, each with its history entry', async () => {
    const [service] = await sql(`SELECT id FROM service WHERE organisation_id = $1 AND archived_at IS NULL LIMIT 1`, [swa]);
    const [location] = await sql(`SELECT id FROM location WHERE archived_at IS NULL AND organisation_id IS DISTINCT FROM $1 LIMIT 1`, [swa]);
    const records = [
      { entityType: 'ORGANISATION', id: swa },
      { entityType: 'SERVICE', id: service.id },
      { entityType: 'LOCATION', id: location.id },
      { entityType: 'ORGANISATION', id: swa },
    ];
    const verified = dataOf(await t.gql(BULK, { records }, as.admin)).markRecordsVerified as Array<{ entityType: string; id: string; lastVerifiedAt: string }>;
    expect(verified.map((v) => [v.entityType, v.id])).toEqual([
      ['ORGANISATION', swa],
      ['SERVICE', service.id],
      ['LOCATION', location.id],
    ]);
    for (const v of verified) expect(new Date(v.lastVerifiedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM change_record WHERE action = 'VERIFY' AND entity_id = ANY($1)`, [[swa, service.id, location.id]]);
    expect(n).toBe(3);
  });

  it('verifies none when one record of the selection may not be verified, is gone, or is no id', async () => {
    const [own] = await sql(`SELECT id FROM service WHERE organisation_id = $1 AND last_verified_at IS NULL AND archived_at IS NULL LIMIT 1`, [swa]);
    const [other] = await sql(`SELECT id FROM service WHERE organisation_id = $1 AND archived_at IS NULL LIMIT 1`, [riagg]);
    const history = async () => (await sql(`SELECT count(*)::int AS n FROM change_record WHERE action = 'VERIFY'`))[0].n as number;
    const before = await history();

    const refused = await t.gql(BULK, { records: [{ entityType: 'SERVICE', id: own.id }, { entityType: 'SERVICE', id: other.id }] }, as.swa);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const gone = await t.gql(BULK, { records: [{ entityType: 'SERVICE', id: own.id }, { entityType: 'LOCATION', id: '00000000-0000-4000-8000-000000000000' }] }, as.swa);
    expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
    const bad = await t.gql(BULK, { records: [{ entityType: 'SERVICE', id: 'x' }, { entityType: 'SERVICE', id: own.id }, { entityType: 'SERVICE', id: 'y' }] }, as.swa);
    expect((bad.body.errors?.[0].extensions?.errors as { field: string }[]).map((p) => p.field)).toEqual(['records.0.id', 'records.2.id']);
    const empty = await t.gql(BULK, { records: [] }, as.swa);
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);

    expect((await sql(`SELECT last_verified_at FROM service WHERE id = $1`, [own.id]))[0].last_verified_at).toBeNull();
    expect(await history()).toBe(before);
    // Their own record alone goes through.
    expect(dataOf(await t.gql(BULK, { records: [{ entityType: 'SERVICE', id: own.id }] }, as.swa)).markRecordsVerified).toHaveLength(1);
  });
});
