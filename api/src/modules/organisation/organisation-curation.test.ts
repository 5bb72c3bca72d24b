import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, version: $version, input: $input) { id version name email website areas { slug } }
}`;
const CREATE = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id slug version name sector areas { slug } } }`;

describe('curating organisations over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let swa: { id: string; version: number };

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    swa = dataOf(await t.gql(`{ organisation(slug: "swa") { id version } }`)).organisation;
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);

  it('creates an organisation with a derived slug, areas and a history entry', async () => {
    const data = dataOf(await t.gql(CREATE, { input: { name: 'Buurtzorg Schuilenburg', sector: 'HOME_CARE', areas: ['schuilenburg'], email: 'Info@Buurtzorg.example' } }, { cookie: admin }));
    expect(data.createOrganisation).toMatchObject({ slug: 'buurtzorg-schuilenburg', version: 1, sector: 'HOME_CARE', areas: [{ slug: 'schuilenburg' }] });
    const history = dataOf(
      await t.gql(`query($id: ID!) { changeHistory(entityType: ORGANISATION, entityId: $id) { edges { node { action actorName via changes } } } }`, { id: data.createOrganisation.id }, { cookie: admin }),
    );
    const [created] = history.changeHistory.edges.map((e: any) => e.node);
    expect(created).toMatchObject({ action: 'CREATE', actorName: 'admin@test.local', via: 'graphql' });
    expect(created.changes.name).toEqual({ before: null, after: 'Buurtzorg Schuilenburg' });
    expect(created.changes.email).toEqual({ before: null, after: 'info@buurtzorg.example' });
    expect(created.changes.areaIds.after).toHaveLength(1);
  });

  it('lets the organisation update itself, records before and after, and bumps the version', async () => {
    const res = dataOf(await t.gql(UPDATE, { id: swa.id, version: swa.version, input: { website: 'https://www.welzijnamersfoort.nl', areas: ['amersfoort'] } }, { cookie: swaUser }));
    expect(res.updateOrganisation).toMatchObject({ version: swa.version + 1, website: 'https://www.welzijnamersfoort.nl', areas: [{ slug: 'amersfoort' }] });
    const history = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: ORGANISATION, entityId: $id) { edges { node { action actorName organisation { slug } changes } } } }`, { id: swa.id }, { cookie: swaUser }));
    const last = history.changeHistory.edges.at(-1).node;
    expect(last).toMatchObject({ action: 'UPDATE', actorName: 'swa@test.local', organisation: { slug: 'swa' } });
    expect(last.changes.website).toEqual({ before: null, after: 'https://www.welzijnamersfoort.nl' });
    expect(Object.keys(last.changes).sort()).toEqual(['areaIds', 'website']);
    swa.version += 1;
  });

  it('answers CONFLICT for a stale version and writes nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [swa.id]);
    const res = await t.gql(UPDATE, { id: swa.id, version: swa.version - 1, input: { name: 'Overschreven' } }, { cookie: admin });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: swa.version });
    expect(dataOf(await t.gql(`{ organisation(slug: "swa") { name version } }`)).organisation).toEqual({ name: 'Stichting Welzijn Amersfoort', version: swa.version });
    expect(await count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [swa.id])).toBe(before);
  });

  it.each([
    [{ email: 'geen-email' }, 'input.email'],
    [{ website: 'ftp://x.example' }, 'input.website'],
    [{ phone: 'bel me' }, 'input.phone'],
    [{ name: '' }, 'input.name'],
    [{ name: null }, 'input.name'],
    [{ slug: 'Met Spaties' }, 'input.slug'],
    [{ parentId: 'not-an-id' }, 'input.parentId'],
    [{ areas: ['atlantis'] }, 'input.areas.0'],
    [{ description: 'x'.repeat(10001) }, 'input.description'],
  ])('refuses invalid input %j naming %s, writing nothing', async (input, field) => {
    const res = await t.gql(UPDATE, { id: swa.id, version: swa.version, input }, { cookie: admin });
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(dataOf(await t.gql(`{ organisation(slug: "swa") { version } }`)).organisation.version).toBe(swa.version);
  });

  it('refuses a parent that would make a cycle', async () => {
    const child = dataOf(await t.gql(CREATE, { input: { name: 'Afdeling Ouderenwerk', sector: 'WELFARE', parentId: swa.id } }, { cookie: admin })).createOrganisation;
    const res = await t.gql(UPDATE, { id: swa.id, version: swa.version, input: { parentId: child.id } }, { cookie: admin });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    const self = await t.gql(UPDATE, { id: swa.id, version: swa.version, input: { parentId: swa.id } }, { cookie: admin });
    expect(self.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
  });

  it('answers CONFLICT for a slug that is taken', async () => {
    const res = await t.gql(CREATE, { input: { name: 'Nog een SWA', sector: 'WELFARE', slug: 'swa' } }, { cookie: admin });
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
  });

  it("keeps other organisations' users, municipalities and the public out", async () => {
    expect(errorCodes(await t.gql(UPDATE, { id: swa.id, version: swa.version, input: { name: 'x' } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
    // Rights are checked before the version: an outsider learns nothing about the record.
    const stale = await t.gql(UPDATE, { id: swa.id, version: 999, input: { name: 'x' } }, { cookie: riaggUser });
    expect(errorCodes(stale)).toEqual(['FORBIDDEN']);
    expect(stale.body.errors?.[0].extensions?.currentVersion).toBeUndefined();
    expect(errorCodes(await t.gql(UPDATE, { id: swa.id, version: swa.version, input: { name: 'x' } }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', sector: 'OTHER' } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
  });

  it('archives instead of deleting: gone from lists, history kept, restorable', async () => {
    const org = dataOf(await t.gql(CREATE, { input: { name: 'Tijdelijk Initiatief', sector: 'VOLUNTEER' } }, { cookie: admin })).createOrganisation;
    const archived = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { archiveOrganisation(id: $id, version: $v) { archivedAt version } }`, { id: org.id, v: org.version }, { cookie: admin }));
    expect(archived.archiveOrganisation.archivedAt).not.toBeNull();
    const listed = dataOf(await t.gql(`{ organisations(search: "Tijdelijk") { totalCount } all: organisations(search: "Tijdelijk", includeArchived: true) { totalCount } }`));
    expect(listed).toEqual({ organisations: { totalCount: 0 }, all: { totalCount: 1 } });
    expect(await count(`SELECT count(*) AS n FROM organisation WHERE id = $1`, [org.id])).toBe(1);
    const restored = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { restoreOrganisation(id: $id, version: $v) { archivedAt } }`, { id: org.id, v: archived.archiveOrganisation.version }, { cookie: admin }));
    expect(restored.restoreOrganisation.archivedAt).toBeNull();
    const actions = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: ORGANISATION, entityId: $id) { edges { node { action } } } }`, { id: org.id }, { cookie: admin }));
    expect(actions.changeHistory.edges.map((e: any) => e.node.action)).toEqual(['CREATE', 'ARCHIVE', 'RESTORE']);
    // One change per page: cursors on microsecond timestamps must not repeat or skip a change.
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: any = dataOf(
        await t.gql(`query($id: ID!, $a: String) { changeHistory(entityType: ORGANISATION, entityId: $id, first: 1, after: $a) { edges { node { action } } pageInfo { hasNextPage endCursor } } }`, { id: org.id, a: after }, { cookie: admin }),
      ).changeHistory;
      paged.push(...page.edges.map((e: any) => e.node.action));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(['CREATE', 'ARCHIVE', 'RESTORE']);
  });

  it('keeps a work list of stale records and marks them verified', async () => {
    const stale = dataOf(await t.gql(`{ staleRecords(entityType: ORGANISATION, first: 100) { totalCount edges { node { id name lastVerifiedAt } } } }`, undefined, { cookie: admin }));
    expect(stale.staleRecords.totalCount).toBeGreaterThanOrEqual(91);
    const own = dataOf(await t.gql(`{ staleRecords(first: 100) { edges { node { entityType organisation { slug } } } } }`, undefined, { cookie: swaUser }));
    for (const e of own.staleRecords.edges) expect(e.node.organisation.slug).toBe('swa');
    const verified = dataOf(await t.gql(`mutation($id: ID!) { markVerified(entityType: ORGANISATION, id: $id) { lastVerifiedAt } }`, { id: swa.id }, { cookie: swaUser }));
    expect(new Date(verified.markVerified.lastVerifiedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const after = dataOf(await t.gql(`{ staleRecords(entityType: ORGANISATION, first: 100) { totalCount edges { node { id } } } }`, undefined, { cookie: admin }));
    expect(after.staleRecords.totalCount).toBe(stale.staleRecords.totalCount - 1);
    // Verified 13 months ago is stale again; 11 months ago is not (12-month default).
    await t.db.dataSource.query(`UPDATE organisation SET last_verified_at = now() - interval '13 months' WHERE id = $1`, [swa.id]);
    const again = dataOf(await t.gql(`{ staleRecords(entityType: ORGANISATION, first: 100) { totalCount } }`, undefined, { cookie: admin }));
    expect(again.staleRecords.totalCount).toBe(stale.staleRecords.totalCount);
    expect(errorCodes(await t.gql(`mutation($id: ID!) { markVerified(entityType: ORGANISATION, id: $id) { id } }`, { id: swa.id }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
    // Pages stay stable: walking the list with cursors visits every stale record once.
    const seen = new Set<string>();
    let after2: string | null = null;
    for (;;) {
      const page: any = dataOf(await t.gql(`query($a: String) { staleRecords(first: 30, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { a: after2 }, { cookie: admin })).staleRecords;
      for (const e of page.edges) seen.add(e.node.id);
      if (!page.pageInfo.hasNextPage) break;
      after2 = page.pageInfo.endCursor;
    }
    const total = dataOf(await t.gql(`{ staleRecords { totalCount } }`, undefined, { cookie: admin })).staleRecords.totalCount;
    expect(seen.size).toBe(total);
  });
});

describe('archived records on relation edges', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('leaves archived services, partners and locations out of the edges of current records', async () => {
    await t.db.dataSource.query(`UPDATE service SET archived_at = now() WHERE slug = 'piep-zei-de-muis'`);
    await t.db.dataSource.query(`UPDATE organisation SET archived_at = now() WHERE slug = 'ggd-eemland'`);
    const data = dataOf(
      await t.gql(`{
        swa: organisation(slug: "swa") { services { slug } partnerServices { slug } }
        billy: service(slug: "billy-boem") { partners { slug } }
      }`),
    );
    expect(data.swa.services.map((s: any) => s.slug)).not.toContain('piep-zei-de-muis');
    expect(data.swa.partnerServices.map((s: any) => s.slug)).not.toContain('piep-zei-de-muis');
    expect(data.billy.partners.map((p: any) => p.slug)).not.toContain('ggd-eemland');
    // Still reachable directly, marked as archived.
    expect(dataOf(await t.gql(`{ service(slug: "piep-zei-de-muis") { archivedAt } }`)).service.archivedAt).not.toBeNull();
  });
});
