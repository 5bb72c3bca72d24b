import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

/*
 * A location's opening hours and phone numbers over GraphQL, written with a position the form
 * looked up (`geocodeAddress` is tested in location.geocode.test.ts), in one history entry.
 */

const DETAILS = 'schedules { byday opensAt closesAt } phones { number type }';
const READ = `query($id: ID!) { location(id: $id) { id version ${DETAILS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateLocationInput!) { updateLocation(id: $id, version: $version, input: $input) { id version latitude longitude ${DETAILS} } }`;
const CREATE = `mutation($input: CreateLocationInput!) { createLocation(input: $input) { id version ${DETAILS} } }`;
const HISTORY = `query($id: ID!) { changeHistory(entityType: LOCATION, entityId: $id) { edges { node { action changes } } } }`;

describe("a location's opening hours and phones", () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it("are set by the organisation's own user with a chosen position, in one history entry; not by another organisation's", async () => {
    const created = dataOf(await t.gql<any>(CREATE, { input: { name: 'Buurthuis Stadhuisplein', postcode: '3811 LM', address: 'Stadhuisplein 1' } }, { cookie: swaUser })).createLocation;
    expect(created.schedules).toEqual([]);
    const input = {
      latitude: 52.15581,
      longitude: 5.38642,
      schedules: [{ byday: 'MO,TU,WE,TH,FR', opensAt: '08:30', closesAt: '17:00' }],
      phones: [{ number: '033 469 44 44', type: 'voice' }],
    };
    expect(errorCodes(await t.gql(UPDATE, { id: created.id, version: created.version, input }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
    const updated = dataOf(await t.gql<any>(UPDATE, { id: created.id, version: created.version, input }, { cookie: swaUser })).updateLocation;
    expect(updated).toMatchObject({
      version: created.version + 1,
      latitude: 52.15581,
      longitude: 5.38642,
      schedules: [{ byday: 'MO,TU,WE,TH,FR', opensAt: '08:30', closesAt: '17:00' }],
      phones: [{ number: '033 469 44 44', type: 'voice' }],
    });
    const entries = dataOf(await t.gql<any>(HISTORY, { id: created.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
    expect(entries.map((e: any) => e.action).sort()).toEqual(['CREATE', 'UPDATE']);
    const entry = entries.find((e: any) => e.action === 'UPDATE');
    expect(entry.changes.schedules).toEqual({ before: [], after: [expect.objectContaining({ byday: 'MO,TU,WE,TH,FR', opens_at: '08:30:00', closes_at: '17:00:00' })] });
    expect(entry.changes.phones.after).toEqual([expect.objectContaining({ number: '033 469 44 44' })]);

    const bad = await t.gql(UPDATE, { id: created.id, version: updated.version, input: { schedules: [{ byday: 'MO', opensAt: '18:00', closesAt: '08:00' }], phones: [{ number: '12' }] } }, { cookie: swaUser });
    expect((bad.body.errors![0].extensions!.errors as any[]).map((p) => [p.field, p.rule])).toEqual([
      ['input.schedules.0.closesAt', 'closesAfterOpens'],
      ['input.phones.0.number', 'phoneNumber'],
    ]);
    const read = dataOf(await t.gql<any>(READ, { id: created.id })).location;
    expect(read.version).toBe(updated.version);
    expect(read.schedules).toHaveLength(1);
  });
});
