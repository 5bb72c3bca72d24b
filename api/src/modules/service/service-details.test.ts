import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

/*
 * A service's opening hours, phone numbers, web page and e-mail over GraphQL: read through the
 * per-request loaders, written with the rest of the service in one transaction and one history
 * entry, refused with every offending row and field, and published by the HSDS export.
 */

const DETAILS = 'url email schedules { byday freq opensAt closesAt validFrom validTo description notes } phones { number extension type description languages }';
const READ = `query($id: ID!) { service(id: $id) { id version ${DETAILS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $version, input: $input) { id version ${DETAILS} } }`;
const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { id version ${DETAILS} } }`;
const HISTORY = `query($id: ID!) { changeHistory(entityType: SERVICE, entityId: $id) { edges { node { action changes } } } }`;

describe("a service's opening hours and phone numbers", () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let swaServiceId: string;
  let riaggServiceId: string;
  const sql = (query: string, params: unknown[] = []) => t.db.dataSource.query(query, params);
  const read = async (id: string, cookie?: string) => dataOf(await t.gql<any>(READ, { id }, cookie ? { cookie } : {})).service;
  const update = (id: string, version: number, input: Record<string, unknown>, cookie: string) => t.gql<any>(UPDATE, { id, version, input }, { cookie });

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    const serviceOf = async (slug: string) =>
      (await sql(`SELECT s.id FROM service s JOIN organisation o ON o.id = s.organisation_id WHERE o.slug = $1 AND s.archived_at IS NULL ORDER BY s.name LIMIT 1`, [slug]))[0].id as string;
    swaServiceId = await serviceOf('swa');
    riaggServiceId = await serviceOf('riagg-amersfoort');
  });
  afterAll(() => t.close());

  it("lets the organisation's own user set opening hours, phones, web page and e-mail, read back in order and recorded in one history entry", async () => {
    const before = await read(swaServiceId);
    const res = await update(
      swaServiceId,
      before.version,
      {
        url: 'https://www.swa.nl/samen-eten',
        email: 'samen-eten@swa.nl',
        schedules: [
          { byday: 'tu,th', opensAt: '09:00', closesAt: '12:30', description: 'Inloop' },
          { byday: 'SA', opensAt: '10:00', closesAt: '14:00', validFrom: '2026-06-01', validTo: '2026-08-31' },
        ],
        phones: [{ number: '033 123 45 67', type: 'voice', languages: ['nl', 'en'] }, { number: '+31 6 12345678', description: 'WhatsApp' }],
      },
      swaUser,
    );
    const updated = dataOf(res).updateService;
    expect(updated.version).toBe(before.version + 1);
    expect(updated.url).toBe('https://www.swa.nl/samen-eten');
    expect(updated.email).toBe('samen-eten@swa.nl');
    expect(updated.schedules).toEqual([
      { byday: 'TU,TH', freq: 'WEEKLY', opensAt: '09:00', closesAt: '12:30', validFrom: null, validTo: null, description: 'Inloop', notes: null },
      { byday: 'SA', freq: 'WEEKLY', opensAt: '10:00', closesAt: '14:00', validFrom: '2026-06-01', validTo: '2026-08-31', description: null, notes: null },
    ]);
    expect(updated.phones).toEqual([
      { number: '033 123 45 67', extension: null, type: 'voice', description: null, languages: ['nl', 'en'] },
      { number: '+31 6 12345678', extension: null, type: null, description: 'WhatsApp', languages: [] },
    ]);
    // Anyone reading the map sees them.
    expect((await read(swaServiceId)).schedules).toHaveLength(2);

    const [entry] = dataOf(await t.gql<any>(HISTORY, { id: swaServiceId }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
    expect(entry.action).toBe('UPDATE');
    expect(entry.changes.url).toEqual({ before: null, after: 'https://www.swa.nl/samen-eten' });
    expect(entry.changes.schedules.after).toEqual([
      expect.objectContaining({ byday: 'TU,TH', freq: 'WEEKLY', opens_at: '09:00:00', closes_at: '12:30:00', description: 'Inloop' }),
      expect.objectContaining({ byday: 'SA', valid_from: '2026-06-01', valid_to: '2026-08-31' }),
    ]);
    expect(entry.changes.phones.after).toEqual([
      { number: '033 123 45 67', extension: null, type: 'voice', description: null, languages: ['nl', 'en'] },
      { number: '+31 6 12345678', extension: null, type: null, description: 'WhatsApp', languages: [] },
    ]);
  });

  it('publishes the edited opening hours and phones in the HSDS export', async () => {
    const res = await fetch(`${t.url}/hsds/services/${swaServiceId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.url).toBe('https://www.swa.nl/samen-eten');
    expect(body.schedules).toEqual([
      expect.objectContaining({ service_id: swaServiceId, byday: 'TU,TH', freq: 'WEEKLY', opens_at: '09:00:00', closes_at: '12:30:00' }),
      expect.objectContaining({ byday: 'SA', valid_from: '2026-06-01', valid_to: '2026-08-31' }),
    ]);
    expect(body.phones.map((phone: any) => phone.number)).toEqual(['033 123 45 67', '+31 6 12345678']);
  });

  it('leaves the lists alone when the input does not give them, and clears them with []', async () => {
    const current = await read(swaServiceId);
    const renamed = dataOf(await update(swaServiceId, current.version, { frequency: 'wekelijks' }, swaUser)).updateService;
    expect(renamed.schedules).toHaveLength(2);
    expect(renamed.phones).toHaveLength(2);
    const cleared = dataOf(await update(swaServiceId, renamed.version, { phones: [] }, swaUser)).updateService;
    expect(cleared.phones).toEqual([]);
    expect(cleared.schedules).toHaveLength(2);
  });

  it('refuses bad opening hours and phone numbers with every offending field, writing nothing', async () => {
    const current = await read(swaServiceId);
    const rows = async () => sql(`SELECT count(*)::int AS n FROM schedule WHERE service_id = $1`, [swaServiceId]);
    const before = await rows();
    const res = await update(
      swaServiceId,
      current.version,
      {
        name: 'Ander naam',
        schedules: [{ byday: 'MO', opensAt: '09:00', closesAt: '17:00' }, { byday: 'MA', opensAt: '17:00', closesAt: '09:00' }, { opensAt: '9 uur' }],
        phones: [{ number: 'bel me' }],
      },
      swaUser,
    );
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const problems = res.body.errors![0].extensions!.errors as Array<{ field: string; rule?: string }>;
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['input.schedules.1.byday', 'weekday'],
      ['input.schedules.1.closesAt', 'closesAfterOpens'],
      ['input.schedules.2.opensAt', 'timeOfDay'],
      ['input.phones.0.number', 'phoneNumber'],
    ]);
    const badEmail = await update(swaServiceId, current.version, { email: 'geen-adres', url: 'ftp://swa.nl' }, swaUser);
    expect(errorCodes(badEmail)).toEqual(['BAD_USER_INPUT']);
    expect((badEmail.body.errors![0].extensions!.errors as any[]).map((p) => p.field).sort()).toEqual(['input.email', 'input.url']);
    expect(await rows()).toEqual(before);
    expect((await read(swaServiceId)).version).toBe(current.version);
  });

  it("refuses another organisation's user, and anonymous callers", async () => {
    const riagg = await read(riaggServiceId);
    const input = { schedules: [{ byday: 'MO', opensAt: '09:00', closesAt: '17:00' }] };
    expect(errorCodes(await update(riaggServiceId, riagg.version, input, swaUser))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql(UPDATE, { id: riaggServiceId, version: riagg.version, input }))).toEqual(['UNAUTHENTICATED']);
    expect((await read(riaggServiceId)).schedules).toEqual(riagg.schedules);
    // Riagg's own user may.
    const own = dataOf(await update(riaggServiceId, riagg.version, input, riaggUser)).updateService;
    expect(own.schedules).toEqual([expect.objectContaining({ byday: 'MO', opensAt: '09:00', closesAt: '17:00' })]);
  });

  it('creates a service with its opening hours and phones, in its creation history', async () => {
    const created = dataOf(
      await t.gql<any>(CREATE, { input: { name: 'Buurtkamer Kruiskamp', schedules: [{ byday: 'WE', opensAt: '13:00', closesAt: '16:00' }], phones: [{ number: '033-7654321' }] } }, { cookie: swaUser }),
    ).createService;
    expect(created.schedules).toEqual([expect.objectContaining({ byday: 'WE', opensAt: '13:00', closesAt: '16:00' })]);
    expect(created.phones).toEqual([expect.objectContaining({ number: '033-7654321' })]);
    const [entry] = dataOf(await t.gql<any>(HISTORY, { id: created.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
    expect(entry.action).toBe('CREATE');
    expect(entry.changes.phones.after).toEqual([expect.objectContaining({ number: '033-7654321' })]);
  });

  it('reads the details of many services in a fixed number of statements', async () => {
    const query = `{ services(first: 30) { edges { node { id schedules { byday } phones { number } } } } }`;
    const few = await t.gql<any>(`{ services(first: 3) { edges { node { id schedules { byday } phones { number } } } } }`);
    const many = await t.gql<any>(query);
    expect(dataOf(many).services.edges.length).toBeGreaterThan(3);
    expect(many.sqlStatements).toBe(few.sqlStatements);
  });
});
