import { type TestApp, startTestApp } from '../test/app';

/** Bad input answers BAD_USER_INPUT naming the argument, never HTTP 500. */
describe('bad input over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cases: Array<[string, string, Record<string, unknown> | undefined, string]> = [
    ['unknown area code', `{ services(area: "GM9999") { totalCount } }`, undefined, 'area'],
    ['unknown area slug', `{ organisations(area: "atlantis") { totalCount } }`, undefined, 'area'],
    ['first above the maximum', `{ organisations(first: 1000) { totalCount } }`, undefined, 'first'],
    ['first below one', `{ areas(first: 0) { totalCount } }`, undefined, 'first'],
    ['malformed cursor', `{ organisations(after: "not-a-cursor") { totalCount } }`, undefined, 'after'],
    ['cursor with a bad id', `{ organisations(after: "${Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url')}") { totalCount } }`, undefined, 'after'],
    ['unknown enum literal', `{ organisations(sector: SPACE_TRAVEL) { totalCount } }`, undefined, 'sector'],
    ['unknown enum variable', `query($s: Sector) { organisations(sector: $s) { totalCount } }`, { s: 'SPACE_TRAVEL' }, 'sector'],
    ['string for an Int', `{ areas(first: "ten") { totalCount } }`, undefined, 'first'],
    [
      'unknown enum inside an input variable',
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(id: "00000000-0000-4000-8000-000000000000", version: 1, input: $input) { id } }`,
      { input: { status: 'OPGEHEVEN' } },
      'input.status',
    ],
    ['invalid id', `{ organisation(id: "42") { name } }`, undefined, 'id'],
    ['unknown target group', `{ services(targetGroup: "martians") { totalCount } }`, undefined, 'targetGroup'],
    ['unknown parent area', `{ areas(parent: "nowhere") { totalCount } }`, undefined, 'parent'],
    ['invalid organisation id filter', `{ services(organisation: "x") { totalCount } }`, undefined, 'organisation'],
    ['escape sequence in a search', `query($q: String) { services(search: $q) { totalCount } }`, { q: 'zorg\u001b[31m' }, 'search'],
    [
      'bell character inside an input variable',
      `mutation($input: UpdateOrganisationInput!) { updateOrganisation(id: "00000000-0000-4000-8000-000000000000", version: 1, input: $input) { id } }`,
      { input: { name: 'Buurtteam\u0007' } },
      'input.name',
    ],
    ['a name search longer than 200 characters', `query($q: String) { areas(search: $q) { totalCount } }`, { q: 'wijk'.repeat(51) }, 'search'],
    ['a target group search longer than 200 characters', `query($q: String) { targetGroups(search: $q) { totalCount } }`, { q: 'x'.repeat(201) }, 'search'],
    ['DEL in an inline argument', `{ services(search: "zorg\u007f") { totalCount } }`, undefined, 'search'],
  ];

  it('accepts tabs and line breaks in text', async () => {
    const res = await t.gql(`query($q: String) { services(search: $q) { totalCount } }`, { q: '\touderen\r\n' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.services.totalCount).toBeGreaterThan(0);
  });

  it.each(cases)('%s', async (_name, query, variables, field) => {
    const res = await t.gql(query, variables);
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    // No partial answer: the root field is null (or data is null when validation failed).
    expect(Object.values(res.body.data ?? {}).every((value) => value === null)).toBe(true);
  });

  it('masks an unexpected error and logs it under the correlation id it returns', async () => {
    // A broken database session is an internal fault the client must not see details of.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await t.db.asOwner('ALTER TABLE area RENAME COLUMN name TO name_broken');
    try {
      const res = await t.gql(`{ areas(first: 1) { edges { node { name } } } }`);
      expect(res.status).toBeLessThan(500);
      const error = res.body.errors?.[0];
      expect(error?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error?.message).not.toMatch(/name_broken|\bcolumn\b|\brelation\b|SELECT/i);
      const correlationId = error?.extensions?.correlationId;
      expect(t.loggedErrors.map((e) => e.correlationId)).toContain(correlationId);
    } finally {
      await t.db.asOwner('ALTER TABLE area RENAME COLUMN name_broken TO name');
      consoleError.mockRestore();
    }
  });
});
