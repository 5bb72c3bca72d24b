import { ERASED_RESPONSE } from '../user/erasure';
import { TEST_PASSWORD, type As, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE = `mutation($input: CreateKeyPersonInput!) { createKeyPerson(input: $input) { id version } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateKeyPersonInput!) { updateKeyPerson(id: $id, version: $version, input: $input) { id version } }`;
const ARCHIVE = `mutation($id: ID!, $version: Int!) { archiveKeyPerson(id: $id, version: $version) { id version } }`;
const RESTORE = `mutation($id: ID!, $version: Int!) { restoreKeyPerson(id: $id, version: $version) { id version } }`;
const ERASE = `mutation($id: ID!, $reason: String!) { eraseKeyPerson(id: $id, reason: $reason) { id subjectType subjectId actorUserId reason fields occurredAt } }`;
const EXPORT = `query($id: ID!) { keyPersonDataExport(id: $id) }`;

/** The data of the n-th test person as entered and then changed (unique per person); none of it may survive its erasure anywhere. */
function personalData(n: number) {
  const nn = String(n).padStart(2, '0');
  const entered = {
    name: `Geertruida Wisvoorbeeld-${nn}x`,
    phone: `+31 6 9876 54${nn}`,
    email: `g.wisvoorbeeld${nn}x@example.nl`,
    notes: `Bereikbaar op dinsdag via achterdeur ${nn}x`,
    roleDescription: `Buurtmoeder van de Wisstraat ${nn}x`,
  };
  const changed = { phone: `033-45678${nn}`, notes: `Verhuisd naar de Tweede Wisweg ${nn}x` };
  return { entered, changed, secrets: [...Object.values(entered), ...Object.values(changed), `Wisvoorbeeld-${nn}x`, `9876 54${nn}`, `45678${nn}`] };
}

describe('key persons: erasure and export (GDPR art. 15, 17)', () => {
  let t: TestApp;
  const as: Record<string, As> = {};
  let adminId: string;
  let swaId: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    as.admin = { cookie: await t.login('admin@test.local', TEST_PASSWORD) };
    as.municipality = { cookie: await t.login('gemeente@test.local', TEST_PASSWORD) };
    as.organisation = { cookie: await t.login('swa@test.local', TEST_PASSWORD) };
    as.wrongOrganisation = { cookie: await t.login('riagg@test.local', TEST_PASSWORD) };
    as.anonymous = {};
    adminId = (await t.db.dataSource.query(`SELECT id FROM app_user WHERE email = 'admin@test.local'`))[0].id;
    swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const key = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'alles', scopes: ['READ_MAP', 'WRITE_OWN_ORGANISATION', 'REFERRALS'] } }, as.organisation),
    ).createApiKey.key;
    as.apiKey = { bearer: key };
  });
  afterAll(() => t.close());

  const sql = (text: string, params: unknown[] = []) => t.db.dataSource.query(text, params);

  let people = 0;
  /** A key person of SWA, created, changed and archived through the API, in a network, named in a stored response. */
  async function personWithHistory() {
    const data = personalData(++people);
    const { id } = dataOf(await t.gql(CREATE, { input: { ...data.entered, areas: ['schuilenburg'] } }, as.organisation)).createKeyPerson as { id: string };
    dataOf(await t.gql(UPDATE, { id, version: 1, input: data.changed }, as.organisation));
    dataOf(await t.gql(ARCHIVE, { id, version: 2 }, as.organisation));
    await sql(`INSERT INTO network_member (network_id, key_person_id) SELECT id, $1 FROM network WHERE slug = 'buurtnetwerk-55plus'`, [id]);
    // A stored idempotent response that quotes the person (e.g. a referral note naming them).
    await sql(
      `INSERT INTO idempotency_key (caller, key, request_hash, operation, status_code, response, expires_at)
       VALUES ($1, gen_random_uuid()::text, repeat('0', 64), 'addReferralNote', 200, $2, now() + interval '1 day')`,
      [`user:${adminId}`, JSON.stringify({ data: { addReferralNote: { note: `Bel ${data.entered.name} op ${data.entered.phone}` } } })],
    );
    return { id, ...data };
  }

  /** Every row of every table holding one of the strings, as `table: row` (the whole database, not only the places we scrub). */
  async function copiesInDatabase(strings: string[]): Promise<string[]> {
    const tables: { tablename: string }[] = await sql(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const found: string[] = [];
    for (const { tablename } of tables) {
      const rows: { row: string }[] = await sql(
        `SELECT t::text AS row FROM "${tablename}" t WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) s WHERE strpos(lower(t::text), lower(s)) > 0)`,
        [strings],
      );
      for (const { row } of rows) found.push(`${tablename}: ${row}`);
    }
    return found;
  }

  it.each([
    ['anonymous', 'UNAUTHENTICATED'],
    ['municipality', 'FORBIDDEN'],
    ['organisation', 'FORBIDDEN'],
    ['wrongOrganisation', 'FORBIDDEN'],
    ['apiKey', 'FORBIDDEN'],
  ])('refuses erasure and export to %s (%s), and changes nothing', async (who, code) => {
    const { id, entered, changed, secrets } = await personWithHistory();
    expect(errorCodes(await t.gql(ERASE, { id, reason: 'verzoek 2024-17' }, as[who]))).toEqual([code]);
    const exported = await t.gql(EXPORT, { id }, as[who]);
    expect(errorCodes(exported)).toEqual([code]);
    expect(exported.body.data ?? null).toBeNull();
    const [row] = await sql(`SELECT name, erased_at FROM key_person WHERE id = $1`, [id]);
    expect(row).toEqual({ name: entered.name, erased_at: null });
    expect(Number((await sql(`SELECT count(*) AS n FROM data_subject_erasure WHERE subject_id = $1`, [id]))[0].n)).toBe(0);
    expect(Number((await sql(`SELECT count(*) AS n FROM access_log WHERE details ->> 'subjectId' = $1`, [id]))[0].n)).toBe(0);
  });

  it('needs a reason, without the personal data in it, and answers NOT_FOUND for an unknown person', async () => {
    const { id, entered, changed, secrets } = await personWithHistory();
    const empty = await t.gql(ERASE, { id, reason: '   ' }, as.admin);
    expect(empty.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const named = await t.gql(ERASE, { id, reason: `Verzoek van ${entered.name}` }, as.admin);
    expect(named.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    // A value only the history still holds (the phone number before the change) is refused too, and the scrub is rolled back.
    const old = await t.gql(ERASE, { id, reason: `nummer ${entered.phone}` }, as.admin);
    expect(old.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(JSON.stringify(await sql(`SELECT changes FROM change_record WHERE entity_id = $1`, [id]))).toContain(entered.phone);
    const long = await t.gql(ERASE, { id, reason: 'x'.repeat(2001) }, as.admin);
    expect(long.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(errorCodes(await t.gql(ERASE, { id: '00000000-0000-4000-8000-000000000000', reason: 'verzoek' }, as.admin))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await t.gql(EXPORT, { id: '00000000-0000-4000-8000-000000000000' }, as.admin))).toEqual(['NOT_FOUND']);
    expect((await t.gql(ERASE, { id: 'nope', reason: 'verzoek' }, as.admin)).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('exports everything held about the person, and logs the export', async () => {
    const { id, entered, changed, secrets } = await personWithHistory();
    const data = dataOf(await t.gql(EXPORT, { id }, as.admin)).keyPersonDataExport;
    expect(data.subject).toEqual({ type: 'KEY_PERSON', id });
    expect(data.record).toMatchObject({ id, name: entered.name, email: entered.email, phone: changed.phone, notes: changed.notes, role_description: entered.roleDescription, erased_at: null });
    expect(data.organisation).toMatchObject({ slug: 'swa' });
    expect(data.areas.map((a: any) => a.slug)).toEqual(['schuilenburg']);
    expect(data.history.map((c: any) => c.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE']);
    expect(data.history[1].changes.phone).toEqual({ before: entered.phone, after: changed.phone });
    expect(data.erasures).toEqual([]);
    expect(data.appearsIn.networkMemberships).toHaveLength(1);
    expect(data.appearsIn.networkMemberships[0].network.slug).toBe('buurtnetwerk-55plus');
    expect(data.appearsIn.storedResponses).toEqual([expect.objectContaining({ operation: 'addReferralNote', erased: false })]);
    expect(data.exports).toEqual([expect.objectContaining({ eventType: 'EXPORT', userId: adminId, role: 'ADMIN', operation: 'keyPersonDataExport' })]);
    const [logged] = await sql(`SELECT user_id, event_type, details FROM access_log WHERE details ->> 'subjectId' = $1`, [id]);
    expect(logged).toEqual({ user_id: adminId, event_type: 'EXPORT', details: { subjectType: 'KEY_PERSON', subjectId: id } });
  });

  it('erases the person from the record and every history snapshot, keeps the history rows, and leaves no copy in the database', async () => {
    const { id, entered, changed, secrets } = await personWithHistory();
    const search = `query($s: String!) { keyPersons(search: $s, includeArchived: true) { totalCount } }`;
    expect(dataOf(await t.gql(search, { s: entered.name }, as.admin)).keyPersons.totalCount).toBe(1);
    expect(await copiesInDatabase(secrets)).not.toEqual([]);
    const historyBefore = await sql(`SELECT id, occurred_at, action, actor_user_id, organisation_id FROM change_record WHERE entity_id = $1 ORDER BY occurred_at, id`, [id]);

    const erasure = dataOf(await t.gql(ERASE, { id, reason: 'AVG-verzoek 2024-17' }, as.admin)).eraseKeyPerson;
    expect(erasure).toMatchObject({ subjectType: 'KEY_PERSON', subjectId: id, actorUserId: adminId, reason: 'AVG-verzoek 2024-17', fields: ['email', 'name', 'notes', 'phone', 'roleDescription'] });

    // Nowhere in the database: not the record, the history, the stored response, the erasure record or the access log.
    expect(await copiesInDatabase(secrets)).toEqual([]);
    const [row] = await sql(`SELECT name, phone, email, notes, role_description, archived_at, erased_at FROM key_person WHERE id = $1`, [id]);
    expect(row).toMatchObject({ name: '[erased]', phone: null, email: null, notes: null, role_description: null });
    expect(row.archived_at).not.toBeNull();
    expect(row.erased_at).not.toBeNull();
    // The history rows stay, who and when unchanged; the personal fields say that something was there.
    const historyAfter = await sql(`SELECT id, occurred_at, action, actor_user_id, organisation_id, changes FROM change_record WHERE entity_id = $1 ORDER BY occurred_at, id`, [id]);
    expect(historyAfter.slice(0, 3).map(({ changes, ...rest }: any) => rest)).toEqual(historyBefore);
    expect(historyAfter.map((c: any) => c.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE', 'ERASE']);
    expect(historyAfter[0].changes.name).toEqual({ before: null, after: '[erased]' });
    expect(historyAfter[1].changes.phone).toEqual({ before: '[erased]', after: '[erased]' });
    expect(historyAfter[0].changes.organisationId).toEqual({ before: null, after: swaId });
    expect(historyAfter[3]).toMatchObject({ actor_user_id: adminId });
    expect(historyAfter[3].changes.erasedAt.before).toBeNull();
    // The erasure record: who, when, why, which fields; no personal data (the whole-database check above covers it too).
    const records = await sql(`SELECT actor_user_id, reason, fields, subject_type FROM data_subject_erasure WHERE subject_id = $1`, [id]);
    expect(records).toEqual([{ actor_user_id: adminId, reason: 'AVG-verzoek 2024-17', fields: ['email', 'name', 'notes', 'phone', 'roleDescription'], subject_type: 'KEY_PERSON' }]);
    const [stored] = await sql(`SELECT response FROM idempotency_key WHERE operation = 'addReferralNote' AND response = $1 LIMIT 1`, [ERASED_RESPONSE]);
    expect(stored).toBeDefined();

    // Out of every search and list, even with the archived ones.
    expect(dataOf(await t.gql(search, { s: entered.name }, as.admin)).keyPersons.totalCount).toBe(0);
    expect(dataOf(await t.gql(search, { s: '[erased]' }, as.admin)).keyPersons.totalCount).toBe(0);
    const history = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: KEY_PERSON, entityId: $id) { totalCount } }`, { id }, as.admin));
    expect(history.changeHistory.totalCount).toBe(4);
  });

  it('is idempotent, and nothing brings the data back: no restore, update, verification or direct UPDATE', async () => {
    const { id, entered, changed, secrets } = await personWithHistory();
    const first = dataOf(await t.gql(ERASE, { id, reason: 'verzoek 1' }, as.admin)).eraseKeyPerson;
    const again = dataOf(await t.gql(ERASE, { id, reason: 'verzoek 2' }, as.admin)).eraseKeyPerson;
    expect(again).toEqual(first);
    expect(Number((await sql(`SELECT count(*) AS n FROM data_subject_erasure WHERE subject_id = $1`, [id]))[0].n)).toBe(1);
    expect(Number((await sql(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [id]))[0].n)).toBe(4);

    const [{ version }] = await sql(`SELECT version FROM key_person WHERE id = $1`, [id]);
    for (const [query, variables] of [
      [RESTORE, { id, version }],
      [UPDATE, { id, version, input: { name: entered.name } }],
      [`mutation($id: ID!) { markVerified(entityType: KEY_PERSON, id: $id) { id } }`, { id }],
    ] as const) {
      const res = await t.gql(query, variables, as.admin);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    }
    await expect(sql(`UPDATE key_person SET name = $2, archived_at = NULL, erased_at = NULL WHERE id = $1`, [id, entered.name])).rejects.toThrow(/erased/);
    await expect(sql(`UPDATE key_person SET archived_at = NULL WHERE id = $1`, [id])).rejects.toThrow(/erased/);
    await expect(sql(`DELETE FROM data_subject_erasure WHERE subject_id = $1`, [id])).rejects.toThrow(/append-only|permission denied/);
    const [row] = await sql(`SELECT name, archived_at, erased_at, version FROM key_person WHERE id = $1`, [id]);
    expect(row).toMatchObject({ name: '[erased]', version });
    expect(row.archived_at).not.toBeNull();
  });

  it('exports an erased person as what remains: the tombstone, the scrubbed history and the erasure record', async () => {
    const { id, entered, changed, secrets } = await personWithHistory();
    dataOf(await t.gql(EXPORT, { id }, as.admin));
    const erasure = dataOf(await t.gql(ERASE, { id, reason: 'verzoek 2024-18' }, as.admin)).eraseKeyPerson;
    const data = dataOf(await t.gql(EXPORT, { id }, as.admin)).keyPersonDataExport;
    expect(data.record).toMatchObject({ name: '[erased]', phone: null, email: null, notes: null });
    expect(data.history).toHaveLength(4);
    expect(data.erasures).toEqual([expect.objectContaining({ id: erasure.id, reason: 'verzoek 2024-18', actorUserId: adminId })]);
    expect(data.exports).toHaveLength(2);
    expect(data.appearsIn.networkMemberships).toHaveLength(1);
    for (const secret of secrets) expect(JSON.stringify(data)).not.toContain(secret);
  });
});
