import { QueryFailedError } from 'typeorm';
import { translateDatabaseError } from '../curation/curation.service';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const LINKS = 'partners { slug } targetGroups { code } interventionTypes { code } areasServed { slug } locations { slug }';
const FIELDS = `id slug version name status minAge maxAge validFrom validTo languages archivedAt organisation { slug } ${LINKS}`;
const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
/** What an API key without READ_MAP can read back: no field resolvers. */
const UPDATE_PLAIN = `mutation($id: ID!, $version: Int!, $input: UpdateServiceInput!) { updateService(id: $id, version: $version, input: $input) { id version frequency } }`;
const ARCHIVE = `mutation($id: ID!, $version: Int!) { archiveService(id: $id, version: $version) { id version archivedAt } }`;
const RESTORE = `mutation($id: ID!, $version: Int!) { restoreService(id: $id, version: $version) { id version archivedAt } }`;
const HISTORY = `query($id: ID!) { changeHistory(entityType: SERVICE, entityId: $id) { edges { node { action actorName organisation { slug } changes } } } }`;

describe('curating services over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let swaUser: string;
  let riaggUser: string;
  let municipality: string;
  let swaKey: string;
  let swaId: string;
  let riaggId: string;
  let targetGroups: string[];
  let interventionTypes: string[];
  let nijenstede: string;
  let kruiskampId: string;
  let id: (table: string, where: string) => Promise<string>;

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    swaUser = await t.login('swa@test.local', TEST_PASSWORD);
    riaggUser = await t.login('riagg@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    id = async (table, where) => (await t.db.dataSource.query(`SELECT id FROM ${table} WHERE ${where}`))[0].id;
    swaId = await id('organisation', `slug = 'swa'`);
    riaggId = await id('organisation', `slug = 'riagg-amersfoort'`);
    nijenstede = await id('location', `slug = 'nijenstede'`);
    kruiskampId = await id('area', `slug = 'kruiskamp'`);
    targetGroups = (await t.db.dataSource.query(`SELECT code FROM target_group ORDER BY code LIMIT 3`)).map((r: any) => r.code);
    interventionTypes = (await t.db.dataSource.query(`SELECT code FROM intervention_type ORDER BY code LIMIT 2`)).map((r: any) => r.code);
    swaKey = dataOf(
      await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'diensten', scopes: ['WRITE_OWN_ORGANISATION'] } }, { cookie: swaUser }),
    ).createApiKey.key;
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  /** The service row and every link row: what "nothing written" compares. */
  const state = async (serviceId: string) => ({
    row: (await t.db.dataSource.query(`SELECT * FROM service WHERE id = $1`, [serviceId]))[0],
    links: await t.db.dataSource.query(
      `SELECT 'partner' AS k, organisation_id AS v FROM service_partner WHERE service_id = $1
       UNION ALL SELECT 'tg', target_group_id FROM service_target_group WHERE service_id = $1
       UNION ALL SELECT 'it', intervention_type_id FROM service_intervention_type WHERE service_id = $1
       UNION ALL SELECT 'area', area_id FROM service_area WHERE service_id = $1
       UNION ALL SELECT 'loc', location_id FROM service_location WHERE service_id = $1 ORDER BY 1, 2`,
      [serviceId],
    ),
    history: await count(`SELECT count(*) AS n FROM change_record WHERE entity_id = $1`, [serviceId]),
  });
  const history = async (serviceId: string) => dataOf(await t.gql(HISTORY, { id: serviceId }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
  const swaService = async (input: Record<string, unknown>) => dataOf(await t.gql(CREATE, { input }, { cookie: swaUser })).createService;

  describe('createService', () => {
    it("lets an organisation's user add a service of their own with all its links, recorded in the history", async () => {
      const created = await swaService({
        name: 'Samen Koken Schuilenburg',
        minAge: 55,
        languages: ['nl', ' Turks ', 'nl'],
        validFrom: '2025-01-01',
        validTo: '2025-12-31',
        partnerIds: [riaggId],
        targetGroups: [targetGroups[0]],
        interventionTypes: interventionTypes,
        areas: ['schuilenburg', kruiskampId], // a slug and an id
        locationIds: [nijenstede],
      });
      expect(created).toMatchObject({
        slug: 'samen-koken-schuilenburg', version: 1, status: 'ACTIVE', minAge: 55, maxAge: null, validFrom: '2025-01-01', validTo: '2025-12-31',
        languages: ['nl', 'Turks'], organisation: { slug: 'swa' }, partners: [{ slug: 'riagg-amersfoort' }], targetGroups: [{ code: targetGroups[0] }],
        locations: [{ slug: 'nijenstede' }],
      });
      expect(created.interventionTypes.map((x: any) => x.code).sort()).toEqual([...interventionTypes].sort());
      expect(created.areasServed.map((x: any) => x.slug).sort()).toEqual(['kruiskamp', 'schuilenburg']);
      const [entry] = await history(created.id);
      expect(entry).toMatchObject({ action: 'CREATE', actorName: 'swa@test.local', organisation: { slug: 'swa' } });
      expect(entry.changes.organisationId).toEqual({ before: null, after: swaId });
      expect(entry.changes.partnerIds).toEqual({ before: null, after: [riaggId] });
      expect(entry.changes.locationIds).toEqual({ before: null, after: [nijenstede] });
      expect(entry.changes.areaIds.after).toHaveLength(2);
      expect(entry.changes.targetGroupIds.after).toHaveLength(1);
      expect(entry.changes.interventionTypeIds.after).toHaveLength(2);
      // A second service whose name makes the same slug gets the next free one (the very same name is refused: duplicates.test.ts).
      expect((await swaService({ name: 'Samen koken: Schuilenburg' })).slug).toBe('samen-koken-schuilenburg-2');
    });

    it('lets the API key with WRITE_OWN_ORGANISATION add one (its own organisation) and admins add one without a provider', async () => {
      const byKey = dataOf(await t.gql(`mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`, { input: { name: 'Sleuteldienst' } }, { bearer: swaKey })).createService;
      expect((await t.db.dataSource.query(`SELECT organisation_id FROM service WHERE id = $1`, [byKey.id]))[0].organisation_id).toBe(swaId);
      expect((await history(byKey.id))[0].actorName).toMatch(/^API key diensten/);
      const none = dataOf(await t.gql(CREATE, { input: { name: 'Gemeentelijke Dienst' } }, { cookie: admin })).createService;
      expect(none.organisation).toBeNull();
    });

    it.each([
      ['an unknown target group at index 2', 'input.targetGroups.2', () => ({ targetGroups: [targetGroups[0], targetGroups[1], 'bestaat-niet'] })],
      ['an unknown intervention type', 'input.interventionTypes.0', () => ({ interventionTypes: ['bestaat-niet'] })],
      ['an unknown area at index 1', 'input.areas.1', () => ({ areas: ['schuilenburg', 'atlantis'] })],
      ['a malformed partner id', 'input.partnerIds.0', () => ({ partnerIds: ['geen-id'] })],
      ['an unknown partner', 'input.partnerIds.1', () => ({ partnerIds: [riaggId, '00000000-0000-4000-8000-000000000000'] })],
      ['an unknown location', 'input.locationIds.0', () => ({ locationIds: ['00000000-0000-4000-8000-000000000000'] })],
      ['a minimum age above the maximum', 'input.maxAge', () => ({ minAge: 60, maxAge: 18 })],
      ['validTo before validFrom', 'input.validTo', () => ({ validFrom: '2025-06-01', validTo: '2025-05-31' })],
      ['a blank name', 'input.name', () => ({ name: ' ' })],
    ])('refuses %s (naming %s), writing nothing', async (_label, field, input) => {
      const services = await count(`SELECT count(*) AS n FROM service`);
      const changes = await count(`SELECT count(*) AS n FROM change_record`);
      const res = await t.gql(CREATE, { input: { name: 'Ongeldige Dienst', ...input() } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await count(`SELECT count(*) AS n FROM service`)).toBe(services);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(changes);
    });

    it('answers CONFLICT naming input.slug for a slug that is taken (caught by PostgreSQL)', async () => {
      const res = await t.gql(CREATE, { input: { name: 'Nog een eetclub', slug: 'eetclub' } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.slug' });
    });

    it('keeps other organisations, municipalities and the public out', async () => {
      const services = await count(`SELECT count(*) AS n FROM service`);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: swaId } }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x', organisationId: riaggId } }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { name: 'x' } }))).toEqual(['UNAUTHENTICATED']);
      expect(await count(`SELECT count(*) AS n FROM service`)).toBe(services);
    });
  });

  describe('updateService', () => {
    it('changes fields, replaces the lists given, clears those sent as null, and records links before and after', async () => {
      const svc = await swaService({ name: 'Wandelgroep', minAge: 50, targetGroups: [targetGroups[0]], areas: ['schuilenburg'], partnerIds: [riaggId] });
      const updated = dataOf(
        await t.gql(UPDATE, { id: svc.id, version: svc.version, input: { maxAge: 99, targetGroups: [targetGroups[1], targetGroups[2]], partnerIds: null, status: 'TEMPORARILY_CLOSED' } }, { cookie: swaUser }),
      ).updateService;
      expect(updated).toMatchObject({ version: 2, minAge: 50, maxAge: 99, status: 'TEMPORARILY_CLOSED', partners: [], areasServed: [{ slug: 'schuilenburg' }] });
      expect(updated.targetGroups.map((x: any) => x.code).sort()).toEqual([targetGroups[1], targetGroups[2]].sort());
      const last = (await history(svc.id)).at(-1);
      expect(last).toMatchObject({ action: 'UPDATE', actorName: 'swa@test.local' });
      expect(Object.keys(last.changes).sort()).toEqual(['maxAge', 'partnerIds', 'status', 'targetGroupIds']);
      expect(last.changes.maxAge).toEqual({ before: null, after: 99 });
      expect(last.changes.partnerIds).toEqual({ before: [riaggId], after: [] });
      expect(last.changes.targetGroupIds.before).toHaveLength(1);
      expect(last.changes.targetGroupIds.after).toHaveLength(2);
    });

    it('lets the API key with WRITE_OWN_ORGANISATION change its own service', async () => {
      const svc = await swaService({ name: 'Sleutelclub' });
      expect(dataOf(await t.gql(UPDATE_PLAIN, { id: svc.id, version: 1, input: { frequency: 'wekelijks' } }, { bearer: swaKey })).updateService).toMatchObject({ version: 2, frequency: 'wekelijks' });
    });

    it.each([
      ['a null name', 'input.name', { name: null }],
      ['a minimum age of 131', 'input.minAge', { minAge: 131 }],
      ['a negative maximum age', 'input.maxAge', { maxAge: -1 }],
      ['a maximum age below the stored minimum (40)', 'input.maxAge', { maxAge: 30 }],
      ['a minimum age above the stored maximum (80)', 'input.minAge', { minAge: 81 }],
      ['a date that does not exist', 'input.validFrom', { validFrom: '2025-02-30' }],
      ['a date in Dutch notation', 'input.validTo', { validTo: '31-12-2025' }],
      ['validFrom after the stored validTo', 'input.validFrom', { validFrom: '2027-01-01' }],
      ['an empty language', 'input.languages', { languages: ['nl', ''] }],
      ['31 languages', 'input.languages', { languages: Array.from({ length: 31 }, (_, i) => `taal ${i}`) }],
      ['an unknown target group at index 2', 'input.targetGroups.2', { targetGroups: ['__tg0', '__tg1', 'bestaat-niet'] }],
      ['an unknown area', 'input.areas.0', { areas: ['atlantis'] }],
      ['an unknown location at index 1', 'input.locationIds.1', { locationIds: ['__nijenstede', '00000000-0000-4000-8000-000000000000'] }],
      ['a malformed organisation id', 'input.organisationId', { organisationId: 'geen-id' }],
      ['a slug with capitals', 'input.slug', { slug: 'Wandelen' }],
    ])('refuses %s (naming %s), writing nothing', async (_label, field, raw) => {
      const svc = await swaService({ name: `Ouderensoos (${_label})`, minAge: 40, maxAge: 80, validTo: '2026-12-31', areas: ['kruiskamp'], targetGroups: [targetGroups[0]] });
      const input = JSON.parse(JSON.stringify(raw).replace('__tg0', targetGroups[0]).replace('__tg1', targetGroups[1]).replace('__nijenstede', nijenstede));
      const before = await state(svc.id);
      const res = await t.gql(UPDATE, { id: svc.id, version: svc.version, input }, { cookie: swaUser });
      expect(res.status).toBeLessThan(500);
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await state(svc.id)).toEqual(before);
    });

    it('refuses an unknown status value as bad input', async () => {
      const svc = await swaService({ name: 'Statusloos' });
      const res = await t.gql(UPDATE, { id: svc.id, version: 1, input: { status: 'OPGEHEVEN' } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(res.body.errors?.[0].message).toContain('input.status');
    });

    it('reports every bad field of a save at once, each with its rule and parameters, and writes nothing', async () => {
      const svc = await swaService({ name: 'Drie Fouten', minAge: 40, maxAge: 80, validTo: '2026-12-31' });
      const before = await state(svc.id);
      // Three problems only the rules see (the record as it will be, the references) …
      const rules = await t.gql(
        UPDATE,
        { id: svc.id, version: svc.version, input: { minAge: 90, validFrom: '2027-01-01', targetGroups: [targetGroups[0], 'bestaat-niet'], areas: ['atlantis'] } },
        { cookie: swaUser },
      );
      expect(rules.status).toBe(200);
      expect(rules.body.errors).toHaveLength(1);
      const [ruleError] = rules.body.errors!;
      expect(ruleError.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.minAge', rule: 'ageOrder' });
      expect(ruleError.extensions?.errors).toEqual([
        { field: 'input.minAge', message: 'minAge (90) must not be above maxAge (80)', rule: 'ageOrder', params: { minAge: 90, maxAge: 80 } },
        { field: 'input.validFrom', message: 'validFrom (2027-01-01) must not be after validTo (2026-12-31)', rule: 'dateOrder', params: { validFrom: '2027-01-01', validTo: '2026-12-31' } },
        { field: 'input.targetGroups.1', message: 'Unknown target group code "bestaat-niet"', rule: 'unknownReference', params: { kind: 'target group', value: 'bestaat-niet' } },
        expect.objectContaining({ field: 'input.areas.0', rule: 'unknownReference', params: { kind: 'area', value: 'atlantis' } }),
      ]);
      expect(await state(svc.id)).toEqual(before);

      // … and three the input's own limits see, before any rule runs.
      const limits = await t.gql(UPDATE, { id: svc.id, version: svc.version, input: { name: 'x'.repeat(301), slug: 'Met Hoofdletters', maxAge: 200 } }, { cookie: swaUser });
      const [limitError] = limits.body.errors!;
      expect(limitError.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
      const problems = limitError.extensions?.errors as Array<{ field: string; rule: string; params?: unknown }>;
      expect(problems.map(({ field, rule, params }) => ({ field, rule, params }))).toEqual([
        { field: 'input.name', rule: 'isLength', params: { min: 1, max: 300 } },
        { field: 'input.slug', rule: 'matches', params: undefined },
        { field: 'input.maxAge', rule: 'max', params: { max: 130 } },
      ]);
      expect(limitError.message).toMatch(/^input\.name: .*; input\.slug: .*; input\.maxAge: /);
      expect(await state(svc.id)).toEqual(before);
    });

    it('refuses newly linking an archived location or partner, but keeps links made before the archiving', async () => {
      const [archivedLoc] = await t.db.dataSource.query(`INSERT INTO location (slug, name, archived_at) VALUES ('gesloopt', 'Gesloopt', now()) RETURNING id`);
      const svc = await swaService({ name: 'Verhuisde Dienst', locationIds: [nijenstede] });
      const res = await t.gql(UPDATE, { id: svc.id, version: 1, input: { locationIds: [nijenstede, archivedLoc.id] } }, { cookie: swaUser });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.locationIds.1' });
      // Nijenstede is archived after it was linked: sending the list back unchanged still works.
      await t.db.dataSource.query(`UPDATE location SET archived_at = now() WHERE id = $1`, [nijenstede]);
      try {
        const ok = dataOf(await t.gql(UPDATE, { id: svc.id, version: 1, input: { locationIds: [nijenstede], frequency: 'maandelijks' } }, { cookie: swaUser })).updateService;
        expect(ok.version).toBe(2);
      } finally {
        await t.db.dataSource.query(`UPDATE location SET archived_at = NULL WHERE id = $1`, [nijenstede]);
      }
    });

    it('answers CONFLICT with the current version for a stale one, and writes nothing', async () => {
      const svc = await swaService({ name: 'Tweede Versie', areas: ['schuilenburg'] });
      dataOf(await t.gql(UPDATE, { id: svc.id, version: 1, input: { frequency: 'wekelijks' } }, { cookie: swaUser }));
      const before = await state(svc.id);
      const res = await t.gql(UPDATE, { id: svc.id, version: 1, input: { name: 'Overschreven', areas: ['kruiskamp'] } }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version', currentVersion: 2 });
      expect(await state(svc.id)).toEqual(before);
    });

    it("keeps others out: a partner is not the provider, and organisations cannot hand a service to another", async () => {
      const svc = await swaService({ name: 'Gedeelde Dienst', partnerIds: [riaggId] });
      const before = await state(svc.id);
      const update = (input: Record<string, unknown>, as: { cookie?: string; bearer?: string } = {}) => t.gql(UPDATE, { id: svc.id, version: 1, input }, as);
      expect(errorCodes(await update({ frequency: 'x' }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ frequency: 'x' }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ frequency: 'x' }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await update({ organisationId: riaggId }, { cookie: swaUser }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await update({ organisationId: null }, { bearer: swaKey }))).toEqual(['FORBIDDEN']);
      expect(await state(svc.id)).toEqual(before);
      const moved = dataOf(await update({ organisationId: riaggId, partnerIds: [swaId] }, { cookie: admin })).updateService;
      expect(moved).toMatchObject({ organisation: { slug: 'riagg-amersfoort' }, partners: [{ slug: 'swa' }] });
      expect((await history(svc.id)).at(-1).changes.organisationId).toEqual({ before: swaId, after: riaggId });
    });
  });

  describe('archiveService and restoreService', () => {
    it('archive instead of delete: the service leaves lists with its links intact, keeps its history, and comes back', async () => {
      const svc = await swaService({ name: 'Zomerschool Kruiskamp', areas: ['kruiskamp'], locationIds: [nijenstede] });
      dataOf(await t.gql(UPDATE, { id: svc.id, version: 1, input: { areas: ['kruiskamp', 'schuilenburg'] } }, { cookie: swaUser }));
      const archived = dataOf(await t.gql(ARCHIVE, { id: svc.id, version: 2 }, { cookie: swaUser })).archiveService;
      expect(archived).toMatchObject({ version: 3, archivedAt: expect.any(String) });
      const listed = dataOf(await t.gql(`{ services(search: "Zomerschool") { totalCount } all: services(search: "Zomerschool", includeArchived: true) { totalCount } }`));
      expect(listed).toEqual({ services: { totalCount: 0 }, all: { totalCount: 1 } });

      const stale = await t.gql(RESTORE, { id: svc.id, version: 2 }, { cookie: swaUser });
      expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
      expect(errorCodes(await t.gql(ARCHIVE, { id: svc.id, version: 3 }, { cookie: swaUser }))).toEqual(['CONFLICT']);
      const restored = dataOf(await t.gql(RESTORE, { id: svc.id, version: 3 }, { cookie: swaUser })).restoreService;
      expect(restored).toMatchObject({ version: 4, archivedAt: null });

      const entries = await history(svc.id);
      expect(entries.map((e: any) => e.action)).toEqual(['CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE']);
      expect(entries[1].changes.areaIds.before).toHaveLength(1);
      expect(entries[1].changes.areaIds.after).toHaveLength(2);
      expect(Object.keys(entries[2].changes)).toEqual(['archivedAt']);
      expect(entries[3].changes.archivedAt).toEqual({ before: entries[2].changes.archivedAt.after, after: null });
      const links = await t.db.dataSource.query(`SELECT count(*) AS n FROM service_area WHERE service_id = $1`, [svc.id]);
      expect(Number(links[0].n)).toBe(2);
    });

    it("keeps other organisations, municipalities and the public from archiving or restoring SWA's service; the key may", async () => {
      const svc = await swaService({ name: 'Niet Van Riagg' });
      for (const mutation of [ARCHIVE, RESTORE]) {
        expect(errorCodes(await t.gql(mutation, { id: svc.id, version: 1 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: svc.id, version: 1 }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
        expect(errorCodes(await t.gql(mutation, { id: svc.id, version: 1 }))).toEqual(['UNAUTHENTICATED']);
      }
      expect(dataOf(await t.gql(ARCHIVE, { id: svc.id, version: 1 }, { bearer: swaKey })).archiveService.version).toBe(2);
      expect(errorCodes(await t.gql(RESTORE, { id: svc.id, version: 2 }, { cookie: riaggUser }))).toEqual(['FORBIDDEN']);
      expect(dataOf(await t.gql(RESTORE, { id: svc.id, version: 2 }, { bearer: swaKey })).restoreService.archivedAt).toBeNull();
    });
  });

  it('names the input field for every constraint PostgreSQL checks on services and their links', async () => {
    const tables = ['service', 'service_partner', 'service_target_group', 'service_intervention_type', 'service_area', 'service_location'];
    const constraints: Array<{ name: string; code: string }> = await t.db.dataSource.query(
      `SELECT c.conname AS name, CASE c.contype WHEN 'c' THEN '23514' ELSE '23503' END AS code
         FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
        WHERE r.relname = ANY($1) AND c.contype IN ('c', 'f')
          -- the link rows' own service_id is never input
          AND NOT (r.relname <> 'service' AND c.contype = 'f' AND c.confrelid = 'service'::regclass)
       UNION ALL SELECT indexname, '23505' FROM pg_indexes WHERE tablename = 'service' AND indexname LIKE 'UQ\\_%'`,
      [tables],
    );
    expect(constraints.length).toBeGreaterThanOrEqual(10);
    for (const { name, code } of constraints) {
      const error = translateDatabaseError(new QueryFailedError('', [], Object.assign(new Error(name), { code, constraint: name }))) as any;
      expect([name, error.extensions.field]).toEqual([name, expect.stringMatching(/^input\.\w+$/)]);
    }
  });
});
