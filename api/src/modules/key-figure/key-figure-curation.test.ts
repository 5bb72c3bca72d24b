import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, errorCodes, startTestApp } from '../../test/app';

const CREATE_INDICATOR = `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { id code unit version } }`;
const UPDATE_INDICATOR = `mutation($id: ID!, $version: Int!, $input: UpdateIndicatorInput!) { updateIndicator(id: $id, version: $version, input: $input) { id code unit version } }`;
const CREATE = `mutation($input: KeyFigureInput!) { createKeyFigure(input: $input) { id version value year source note area { slug } indicator { code } } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateKeyFigureInput!) {
  updateKeyFigure(id: $id, version: $version, input: $input) { id version value year source note area { slug } }
}`;
const DELETE = `mutation($id: ID!, $version: Int!) { deleteKeyFigure(id: $id, version: $version) { id value } }`;
const UPSERT = `mutation($input: [KeyFigureInput!]!) { upsertKeyFigures(input: $input) { created updated unchanged keyFigures { id value version area { slug } } } }`;
const HISTORY = `query($type: CuratedEntityType!, $id: ID!) { changeHistory(entityType: $type, entityId: $id) { edges { node { action via actorName changes } } } }`;

describe('curating indicators and key figures over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;
  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  describe('indicators', () => {
    it('creates, updates, archives and restores an indicator, with history', async () => {
      const created = dataOf(await t.gql(CREATE_INDICATOR, { input: { code: 'pct_volunteers', nameNl: 'Vrijwilligers (%)', nameEn: 'Volunteers (%)', unit: 'PERCENT' } }, { cookie: admin })).createIndicator;
      expect(created).toMatchObject({ code: 'pct_volunteers', unit: 'PERCENT', version: 1 });
      const updated = dataOf(await t.gql(UPDATE_INDICATOR, { id: created.id, version: 1, input: { nameEn: 'Share of volunteers' } }, { cookie: admin })).updateIndicator;
      expect(updated.version).toBe(2);
      const archived = dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { archiveIndicator(id: $id, version: $v) { version archivedAt } }`, { id: created.id, v: 2 }, { cookie: admin })).archiveIndicator;
      expect(archived.archivedAt).not.toBeNull();
      expect(dataOf(await t.gql(`{ indicators(first: 100) { edges { node { code } } } }`)).indicators.edges.map((e: any) => e.node.code)).not.toContain('pct_volunteers');
      // No new figures for an archived indicator.
      const refused = await t.gql(CREATE, { input: { area: 'kruiskamp', indicator: 'pct_volunteers', year: 2010, value: 5, source: 'test' } }, { cookie: admin });
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.indicator' });
      dataOf(await t.gql(`mutation($id: ID!, $v: Int!) { restoreIndicator(id: $id, version: $v) { version } }`, { id: created.id, v: archived.version }, { cookie: admin }));
      const actions = dataOf(await t.gql(HISTORY, { type: 'INDICATOR', id: created.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node.action);
      expect(actions).toEqual(['CREATE', 'UPDATE', 'ARCHIVE', 'RESTORE']);
    });

    it('refuses a duplicate code, a bad code and an empty name', async () => {
      expect((await t.gql(CREATE_INDICATOR, { input: { code: 'population', nameNl: 'x', nameEn: 'x', unit: 'COUNT' } }, { cookie: admin })).body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
      expect((await t.gql(CREATE_INDICATOR, { input: { code: 'Met Spatie', nameNl: 'x', nameEn: 'x', unit: 'COUNT' } }, { cookie: admin })).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
      expect((await t.gql(CREATE_INDICATOR, { input: { code: 'leeg', nameNl: '', nameEn: 'x', unit: 'COUNT' } }, { cookie: admin })).body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.nameNl' });
    });

    it('changes the unit only when every existing figure fits the new range', async () => {
      const indicator = dataOf(await t.gql(CREATE_INDICATOR, { input: { code: 'satisfaction', nameNl: 'Tevredenheid', nameEn: 'Satisfaction', unit: 'NUMBER' } }, { cookie: admin })).createIndicator;
      const figure = dataOf(await t.gql(CREATE, { input: { area: 'kruiskamp', indicator: 'satisfaction', year: 2009, value: 7.5, source: 'enquête' } }, { cookie: admin })).createKeyFigure;
      dataOf(await t.gql(CREATE, { input: { area: 'schothorst', indicator: 'satisfaction', year: 2009, value: 12, source: 'enquête' } }, { cookie: admin }));
      // 12 is no rating: refused, nothing changes.
      const refused = await t.gql(UPDATE_INDICATOR, { id: indicator.id, version: indicator.version, input: { unit: 'RATING_10' } }, { cookie: admin });
      expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unit' });
      expect(refused.body.errors?.[0].message).toMatch(/1 key figure .* 12/);
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE indicator_id = $1 AND indicator_unit = 'NUMBER'`, [indicator.id])).toBe(2);
      // PERCENT fits both (7.5 and 12): the unit moves into the figures through the composite foreign key.
      const changed = dataOf(await t.gql(UPDATE_INDICATOR, { id: indicator.id, version: indicator.version, input: { unit: 'PERCENT' } }, { cookie: admin })).updateIndicator;
      expect(changed.unit).toBe('PERCENT');
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE indicator_id = $1 AND indicator_unit = 'PERCENT'`, [indicator.id])).toBe(2);
      // From then on the percentage range applies to the figures.
      const tooMuch = await t.gql(UPDATE, { id: figure.id, version: figure.version, input: { value: 101 } }, { cookie: admin });
      expect(tooMuch.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    });

    it('is for admins only', async () => {
      const input = { code: 'x_only_admins', nameNl: 'x', nameEn: 'x', unit: 'COUNT' };
      expect(errorCodes(await t.gql(CREATE_INDICATOR, { input }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE_INDICATOR, { input }))).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('key figures', () => {
    it('lets a municipality add, change and delete figures of its areas and the areas below, with history', async () => {
      const created = dataOf(await t.gql(CREATE, { input: { area: 'schuilenburg', indicator: 'pct_age_65_plus', year: 2012, value: 21.25, source: 'Wijkmonitor 2012', note: ' voorlopig ' } }, { cookie: municipality })).createKeyFigure;
      expect(created).toMatchObject({ version: 1, value: 21.25, year: 2012, source: 'Wijkmonitor 2012', note: 'voorlopig', area: { slug: 'schuilenburg' }, indicator: { code: 'pct_age_65_plus' } });
      const updated = dataOf(await t.gql(UPDATE, { id: created.id, version: 1, input: { value: 22, note: null } }, { cookie: municipality })).updateKeyFigure;
      expect(updated).toMatchObject({ version: 2, value: 22, note: null });
      // Moving it out of the municipality's areas is refused, and so is a stale version.
      expect(errorCodes(await t.gql(UPDATE, { id: created.id, version: 2, input: { area: 'kruiskamp' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect((await t.gql(UPDATE, { id: created.id, version: 1, input: { value: 23 } }, { cookie: municipality })).body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'version' });
      const deleted = dataOf(await t.gql(DELETE, { id: created.id, version: 2 }, { cookie: municipality })).deleteKeyFigure;
      expect(deleted).toEqual({ id: created.id, value: 22 });
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE id = $1`, [created.id])).toBe(0);
      const history = dataOf(await t.gql(HISTORY, { type: 'KEY_FIGURE', id: created.id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
      expect(history.map((h: any) => h.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
      expect(history[1].changes).toEqual({ value: { before: 21.25, after: 22 }, note: { before: 'voorlopig', after: null } });
      // The DELETE entry keeps every value as it was, foreign keys included.
      const schuilenburg = (await t.db.dataSource.query(`SELECT id FROM area WHERE slug = 'schuilenburg'`))[0].id;
      expect(history[2].actorName).toBe('gemeente@test.local');
      expect(history[2].changes).toMatchObject({
        id: { before: created.id, after: null },
        value: { before: 22, after: null },
        year: { before: 2012, after: null },
        source: { before: 'Wijkmonitor 2012', after: null },
        areaId: { before: schuilenburg, after: null },
        indicatorUnit: { before: 'PERCENT', after: null },
      });
    });

    it("keeps a municipality out of other areas' figures, and organisations and the public out of all", async () => {
      const input = { area: 'kruiskamp', indicator: 'population', year: 2012, value: 100, source: 'test' };
      expect(errorCodes(await t.gql(CREATE, { input }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input: { ...input, area: 'amersfoort' } }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input }, { cookie: swa }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
      const [figure] = await t.db.dataSource.query(`SELECT kf.id, kf.version FROM key_figure kf JOIN area a ON a.id = kf.area_id WHERE a.slug = 'kruiskamp' LIMIT 1`);
      expect(errorCodes(await t.gql(DELETE, { id: figure.id, version: figure.version }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE id = $1`, [figure.id])).toBe(1);
    });

    it.each([
      [{ indicator: 'pct_age_65_plus', value: 100.5 }, 'input.value'],
      [{ indicator: 'pct_age_65_plus', value: -1 }, 'input.value'],
      [{ indicator: 'social_quality_rating', value: 0.5 }, 'input.value'],
      [{ indicator: 'social_quality_rating', value: 11 }, 'input.value'],
      [{ indicator: 'population', value: -3 }, 'input.value'],
      [{ indicator: 'population', value: 1e12 }, 'input.value'],
      [{ indicator: 'happiness', value: 1 }, 'input.indicator'],
      [{ indicator: 'population', value: 1, area: 'atlantis' }, 'input.area'],
      [{ indicator: 'population', value: 1, year: 1700 }, 'input.year'],
      [{ indicator: 'population', value: 1, source: '' }, 'input.source'],
      [{ indicator: 'population', value: 1, source: '   ' }, 'input.source'],
    ])('refuses %j naming %s', async (override, field) => {
      const input = { area: 'randenbroek', year: 2011, source: 'bron', ...override };
      const res = await t.gql(CREATE, { input }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('answers CONFLICT for a second figure with the same area, indicator, year and source', async () => {
      const input = { area: 'randenbroek', indicator: 'population', year: null, value: 5000, source: 'Schatting' };
      dataOf(await t.gql(CREATE, { input }, { cookie: admin }));
      const again = await t.gql(CREATE, { input: { ...input, value: 5100 } }, { cookie: admin });
      expect(again.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.source' });
    });
  });

  describe('upsertKeyFigures', () => {
    const rows = (n: number, value = (i: number) => i) =>
      Array.from({ length: n }, (_, i) => ({ area: i % 2 ? 'randenbroek' : 'schuilenburg', indicator: 'population', year: 1900 + Math.floor(i / 2), value: value(i), source: 'Upsert-test' }));

    it('inserts, then updates only what changed, in one transaction, with one history entry per change', async () => {
      const historyBefore = await count(`SELECT count(*) AS n FROM change_record WHERE entity_type = 'KEY_FIGURE'`);
      const first = dataOf(await t.gql(UPSERT, { input: rows(40) }, { cookie: municipality })).upsertKeyFigures;
      expect(first).toMatchObject({ created: 40, updated: 0, unchanged: 0 });
      expect(first.keyFigures).toHaveLength(40);
      expect(first.keyFigures[3]).toMatchObject({ value: 3, version: 1, area: { slug: 'randenbroek' } });
      const second = dataOf(await t.gql(UPSERT, { input: rows(40, (i) => (i < 5 ? i + 0.5 : i)) }, { cookie: municipality })).upsertKeyFigures;
      expect(second).toMatchObject({ created: 0, updated: 5, unchanged: 35 });
      expect(second.keyFigures[0]).toMatchObject({ id: first.keyFigures[0].id, value: 0.5, version: 2 });
      expect(second.keyFigures[39]).toMatchObject({ id: first.keyFigures[39].id, version: 1 });
      expect(await count(`SELECT count(*) AS n FROM change_record WHERE entity_type = 'KEY_FIGURE'`)).toBe(historyBefore + 45);
      const history = dataOf(await t.gql(HISTORY, { type: 'KEY_FIGURE', id: first.keyFigures[0].id }, { cookie: admin })).changeHistory.edges.map((e: any) => e.node);
      expect(history.map((h: any) => [h.action, h.via, h.actorName])).toEqual([
        ['CREATE', 'graphql', 'gemeente@test.local'],
        ['UPDATE', 'graphql', 'gemeente@test.local'],
      ]);
      expect(history[1].changes).toEqual({ value: { before: 0, after: 0.5 } });
    });

    it('aborts everything at the first bad row, naming input.<index>.<field>', async () => {
      const before = await count(`SELECT count(*) AS n FROM key_figure`);
      const historyBefore = await count(`SELECT count(*) AS n FROM change_record`);
      const input = rows(30).map((row) => ({ ...row, source: 'Afgebroken' }));
      input[17] = { ...input[17], indicator: 'pct_age_65_plus', value: 140 };
      const res = await t.gql(UPSERT, { input }, { cookie: admin });
      expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.17.value' });
      const duplicate = rows(3).map((row) => ({ ...row, source: 'Afgebroken' }));
      duplicate.push({ ...duplicate[1] });
      expect((await t.gql(UPSERT, { input: duplicate }, { cookie: admin })).body.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.3.source' },
        message: expect.stringContaining('input.1'),
      });
      // Validation by the schema names the item too.
      const schema = await t.gql(UPSERT, { input: [...rows(2), { ...rows(1)[0], source: '' }] }, { cookie: admin });
      expect(schema.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.2.source' });
      expect(await count(`SELECT count(*) AS n FROM key_figure`)).toBe(before);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(historyBefore);
    });

    it("refuses a municipality's batch with one figure outside its areas, writing nothing", async () => {
      const before = await count(`SELECT count(*) AS n FROM key_figure`);
      const input = [...rows(4).map((row) => ({ ...row, source: 'Buiten' })), { area: 'kruiskamp', indicator: 'population', year: 2000, value: 1, source: 'Buiten' }];
      expect(errorCodes(await t.gql(UPSERT, { input }, { cookie: municipality }))).toEqual(['FORBIDDEN']);
      expect(await count(`SELECT count(*) AS n FROM key_figure`)).toBe(before);
    });
  });
});
