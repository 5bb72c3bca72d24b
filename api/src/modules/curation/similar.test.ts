import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';
import { NAME_SIMILARITY_THRESHOLD, sameName } from './similar.rules';

const SIMILAR = `query($kind: SimilarRecordKind!, $name: String!, $excludeId: ID, $organisation: ID) {
  similarRecords(kind: $kind, name: $name, excludeId: $excludeId, organisation: $organisation) { kind id name similarity sameName organisation { slug } }
}`;

describe('similar names (the duplicates warning)', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.swa = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
  });
  afterAll(() => t.close());

  it('finds an organisation named closely, closest first, with the same name marked', async () => {
    const [swa] = await sql(`SELECT id, name FROM organisation WHERE slug = 'swa'`);
    const shorter = swa.name.replace(/^Stichting\s+/i, '');
    const found = dataOf(await t.gql(SIMILAR, { kind: 'ORGANISATION', name: shorter }, as.admin)).similarRecords as Array<{ id: string; similarity: number; sameName: boolean }>;
    expect(found.map((r) => r.id)).toContain(swa.id);
    expect(found.length).toBeLessThanOrEqual(5);
    for (const r of found) expect(r.similarity).toBeGreaterThanOrEqual(NAME_SIMILARITY_THRESHOLD);
    expect([...found].sort((a, b) => b.similarity - a.similarity).map((r) => r.similarity)).toEqual(found.map((r) => r.similarity));

    const exact = dataOf(await t.gql(SIMILAR, { kind: 'ORGANISATION', name: `  ${swa.name.toUpperCase()} ` }, as.swa)).similarRecords;
    expect(exact[0]).toMatchObject({ id: swa.id, similarity: 1, sameName: true });
    // The record being edited is not its own duplicate.
    const editing = dataOf(await t.gql(SIMILAR, { kind: 'ORGANISATION', name: swa.name, excludeId: swa.id }, as.admin)).similarRecords as Array<{ id: string }>;
    expect(editing.map((r) => r.id)).not.toContain(swa.id);
  });

  it('compares services and locations with their organisation, and leaves archived ones and unrelated names out', async () => {
    const [swa] = await sql(`SELECT id FROM organisation WHERE slug = 'swa'`);
    const [service] = await sql(`INSERT INTO service (slug, name, organisation_id) VALUES ('samen-koken-kruiskamp', 'Samen koken in de Kruiskamp', $1) RETURNING id`, [swa.id]);
    const [archived] = await sql(`INSERT INTO service (slug, name, organisation_id, archived_at) VALUES ('samen-koken-oud', 'Samen koken Kruiskamp', $1, now()) RETURNING id`, [swa.id]);
    const found = dataOf(await t.gql(SIMILAR, { kind: 'SERVICE', name: 'Samen koken Kruiskamp', organisation: swa.id }, as.swa)).similarRecords as Array<{ id: string; organisation: { slug: string } }>;
    expect(found[0]).toMatchObject({ id: service.id, organisation: { slug: 'swa' } });
    expect(found.map((r) => r.id)).not.toContain(archived.id);
    expect(dataOf(await t.gql(SIMILAR, { kind: 'SERVICE', name: 'Zwemles voor volwassenen op zaterdag' }, as.swa)).similarRecords).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: service.id })]),
    );

    const [location] = await sql(`INSERT INTO location (slug, name, organisation_id) VALUES ('buurthuis-groote-koppel', 'Buurthuis De Groote Koppel', $1) RETURNING id`, [swa.id]);
    const near = dataOf(await t.gql(SIMILAR, { kind: 'LOCATION', name: 'Buurthuis Groote Koppel' }, as.admin)).similarRecords as Array<{ id: string; sameName: boolean }>;
    expect(near[0]).toMatchObject({ id: location.id, sameName: false });
    // Too short to compare.
    expect(dataOf(await t.gql(SIMILAR, { kind: 'LOCATION', name: 'Bu' }, as.admin)).similarRecords).toEqual([]);
  });

  it('is for those who curate: admins and organisation users; a bad id is BAD_USER_INPUT', async () => {
    expect(errorCodes(await t.gql(SIMILAR, { kind: 'ORGANISATION', name: 'Welzijn' }, as.municipality))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(SIMILAR, { kind: 'ORGANISATION', name: 'Welzijn' }, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(SIMILAR, { kind: 'ORGANISATION', name: 'Welzijn', excludeId: 'x' }, as.admin))).toEqual(['BAD_USER_INPUT']);
  });

  it('sameName ignores case and spacing only', () => {
    expect(sameName(' Buurthuis  De Hoek ', 'buurthuis de hoek')).toBe(true);
    expect(sameName('Buurthuis De Hoek', 'Buurthuis de Hoek 2')).toBe(false);
  });
});
