import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createContext } from '../../test/context';
import { type TestApp, TEST_PASSWORD, createTestUsers, startTestApp } from '../../test/app';
import { type TestDatabase, createTestDatabase } from '../../test/database';
import { User, UserRole } from '../user/user.entity';
import { type ImportReport, importHsdsJson } from './hsds.import';
import { INTERVENTION_TAXONOMY_ID, TARGET_GROUP_TAXONOMY_ID } from './hsds.mapping';
import { listOrganizations, listServices, listTaxonomyTerms } from './hsds.service';

/*
 * POST /hsds/import and /hsds/import/csv over HTTP: the official HSDS 3.0 examples (JSON and
 * the CSV data package, fixtures/hsds-3.0/examples), our own export read back in, the
 * Amersfoort export into an empty database, history, dry runs, bad documents and access.
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'hsds-3.0');
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

/** The JSON examples that are HSDS data (base.json is the API's self-description). */
const JSON_EXAMPLES = fs
  .readdirSync(path.join(FIXTURES, 'examples'))
  .filter((file) => file.endsWith('.json') && file !== 'base.json')
  .sort();

/** The CSV data package as the endpoint takes it: file name → file content. */
function csvPackage(): Record<string, string> {
  const directory = path.join(FIXTURES, 'examples', 'csv');
  return Object.fromEntries(fs.readdirSync(directory).map((file) => [file, fs.readFileSync(path.join(directory, file), 'utf8')]));
}

const EXAMPLE = {
  organization: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
  service: 'ac148810-d857-441c-9679-408f346de14b',
  location: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
  serviceAtLocation: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
};

/** The official schemas, as hsds.test.ts sets them up (strict: false for the Data Package annotations). */
function createValidators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const name of ['compiled/organization', 'compiled/service', 'compiled/service_at_location', 'taxonomy', 'taxonomy_term', 'metadata']) {
    ajv.addSchema(readJson(`schema/${name}.json`), `${SCHEMA_BASE}${name}.json`);
  }
  const item = (name: string) => ajv.getSchema(`${SCHEMA_BASE}${name}.json`)!;
  return { organization: item('compiled/organization'), service: item('compiled/service'), serviceAtLocation: item('compiled/service_at_location'), taxonomyTerm: item('taxonomy_term') };
}

function expectValid(validate: ValidateFunction, data: unknown, label: string): void {
  if (!validate(data)) throw new Error(`${label} does not validate: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

interface Answer {
  status: number;
  body: any;
}

const COUNTED_TABLES = [
  'schedule',
  'phone',
  'service_area',
  'organisation',
  'location',
  'service',
  'service_location',
  'service_target_group',
  'service_intervention_type',
  'target_group',
  'intervention_type',
  'basic_function',
  'change_record',
];

const rejected = (report: ImportReport) => report.records.filter((record) => record.outcome === 'rejected');
const recordOf = (report: ImportReport, type: string, id: string) => report.records.find((record) => record.type === type && record.id === id);

/** Everything the export publishes, as one publication (every page of every list, fully nested). */
async function exportPublication(get: (path: string) => Promise<any>) {
  const all = async (endpoint: string, query: string) => {
    const items: any[] = [];
    for (let page = 1; ; page++) {
      const body = await get(`${endpoint}?per_page=100&page=${page}${query}`);
      items.push(...body.contents);
      if (body.last_page) return items;
    }
  };
  return {
    organizations: await all('/organizations', '&full_service=true'),
    services: await all('/services', '&full=true'),
    service_at_locations: await all('/service_at_locations', '&full=true'),
    taxonomies: await all('/taxonomies', ''),
    taxonomy_terms: await all('/taxonomy_terms', ''),
  };
}

/** Services without what a fresh database cannot reproduce: last_modified and service areas (CBS areas are not imported). */
function comparableServices(services: any[]): any[] {
  return services.map(({ last_modified: _modified, service_areas: _areas, ...rest }) => rest);
}

describe('HSDS 3.0 import', () => {
  let t: TestApp;
  let v: ReturnType<typeof createValidators>;
  let admin: string;
  let swa: string;

  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => t.db.dataSource.query(query, params);
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of COUNTED_TABLES) result[table] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`))[0].n;
    return result;
  };

  const post = async (endpoint: string, body: unknown, options: { cookie?: string; contentType?: string; raw?: string } = {}): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
    if (options.cookie) headers.cookie = options.cookie;
    const response = await fetch(`${t.url}/hsds${endpoint}`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
    const text = await response.text();
    let parsed: any = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  };
  const importJson = async (document: unknown, dryRun = false): Promise<ImportReport> => {
    const answer = await post(`/import?dryRun=${dryRun}`, document, { cookie: admin });
    if (answer.status !== 200) throw new Error(`import: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const importCsv = async (files: Record<string, unknown>, dryRun = false): Promise<ImportReport> => {
    const answer = await post(`/import/csv?dryRun=${dryRun}`, files, { cookie: admin });
    if (answer.status !== 200) throw new Error(`import/csv: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const get = async (pathAndQuery: string): Promise<any> => {
    const response = await fetch(`${t.url}/hsds${pathAndQuery}`);
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: HTTP ${response.status}`);
    return response.json();
  };

  /** No record rejected; everything the report lists is explained. */
  const expectClean = (report: ImportReport, label: string) => {
    const bad = rejected(report);
    if (bad.length > 0) throw new Error(`${label}: rejected ${JSON.stringify(bad, null, 1)}`);
    for (const record of report.records) if (record.outcome === 'skipped') expect(record.reason).toEqual(expect.any(String));
  };

  beforeAll(async () => {
    v = createValidators();
    t = await startTestApp();
    const users = await createTestUsers(t.db);
    admin = await t.login(users.admin, TEST_PASSWORD);
    swa = await t.login(users.swa, TEST_PASSWORD);
  });
  afterAll(() => t?.close());

  it('refuses anonymous (401) and non-admin (403) callers and anything but JSON (415), and writes nothing', async () => {
    const before = await counts();
    const document = readJson('examples/service_full.json');
    for (const endpoint of ['/import', '/import/csv', '/import?dryRun=true']) {
      const anonymous = await post(endpoint, document);
      expect([endpoint, anonymous.status]).toEqual([endpoint, 401]);
      expect(anonymous.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
      const organisationUser = await post(endpoint, document, { cookie: swa });
      expect([endpoint, organisationUser.status]).toEqual([endpoint, 403]);
      expect(organisationUser.body).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
      // A cross-site form (text/plain, urlencoded) is refused before the body is read, even with the admin's cookie.
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const form = await post(endpoint, undefined, { cookie: admin, contentType, raw: JSON.stringify(document) });
        expect([endpoint, contentType, form.status]).toEqual([endpoint, contentType, 415]);
        expect(form.body.error.code).toBe('BAD_USER_INPUT');
      }
    }
    // Other methods and paths are not served.
    expect((await fetch(`${t.url}/hsds/import`)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('takes bodies up to 20 MB (beyond the 1 MB of the rest of the API) and refuses larger ones with 413', async () => {
    const padding = 'x'.repeat(2_500_000);
    const large = await post('/import?dryRun=true', { organizations: [], padding }, { cookie: admin });
    expect(large.status).toBe(200);
    expect(large.body.warnings).toEqual(['"padding" is not part of an HSDS publication: ignored']);
    const tooLarge = await post('/import?dryRun=true', { organizations: [], padding: 'x'.repeat(21_000_000) }, { cookie: admin });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/too large/) } });
  });

  it('answers documents that are no HSDS publication with 400 (nothing imported)', async () => {
    const before = await counts();
    const cases: Array<[string, unknown, string | undefined]> = [
      ['/import', readJson('examples/base.json'), 'body'], // the API's self-description, not data
      ['/import', { services: 'none' }, 'services'],
      ['/import', [1, 2, 3], 'body'],
      ['/import', { id: 'x' }, 'body'],
      ['/import/csv', { 'services.csv': 42 }, 'services.csv'],
      ['/import/csv', { 'services.csv': 'id,name\n"unclosed' }, 'services.csv'],
      ['/import/csv', { 'contacts.csv': 'id\n1' }, 'body'],
    ];
    for (const [endpoint, body, field] of cases) {
      const answer = await post(endpoint, body, { cookie: admin });
      expect([endpoint, JSON.stringify(body).slice(0, 40), answer.status]).toEqual([endpoint, JSON.stringify(body).slice(0, 40), 400]);
      expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.any(String), ...(field ? { field } : {}) });
    }
    const malformed = await post('/import', undefined, { cookie: admin, raw: '{"organizations": [' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_USER_INPUT');
    const badFlag = await post('/import?dryRun=maybe', { organizations: [] }, { cookie: admin });
    expect(badFlag.body).toEqual({ error: { code: 'BAD_USER_INPUT', field: 'dryRun', message: expect.any(String) } });
    expect(await counts()).toEqual(before);
  });

  it('importing the Amersfoort export into an empty database reproduces the organisations and services', async () => {
    const source = t.db.dataSource.manager;
    const publication = await exportPublication(get);
    expect(publication.organizations).toHaveLength(91);
    expect(publication.services).toHaveLength(39);

    let fresh: TestDatabase | undefined;
    try {
      fresh = await createTestDatabase({ empty: true });
      await fresh.migrate();
      const users = fresh.dataSource.getRepository(User);
      const curator = await users.save(users.create({ email: 'curator@fresh.local', displayName: 'Curator', role: UserRole.ADMIN, organisationId: null, passwordHash: 'x' }));
      const ctx = createContext(fresh.dataSource.manager, {
        viewer: { kind: 'user', userId: curator.id, sessionId: randomUUID(), role: UserRole.ADMIN, organisationId: null, areaIds: [] },
      });
      const report = await importHsdsJson(ctx, publication, { dryRun: false });
      expectClean(report, 'Amersfoort export');
      expect(report.byType.organization).toMatchObject({ created: 91, rejected: 0 });
      expect(report.byType.service).toMatchObject({ created: 39, rejected: 0 });
      expect(report.byType.taxonomy).toMatchObject({ unchanged: 2 });
      // The basic functions are not created (the catalogue brings them): their terms become top-level intervention types.
      expect(report.byType.taxonomy_term).toMatchObject({ created: 21 + 10 + 63, rejected: 0, skipped: 0 });
      expect(report.warnings).toEqual([]);

      const page = { page: 1, perPage: 100 };
      const organisationsOf = async (manager: typeof source) => {
        const { contents } = await listOrganizations(manager, {}, page, { full: true, fullService: true });
        return contents.map((organisation) => ({ ...organisation, services: comparableServices(organisation.services ?? []) }));
      };
      const servicesOf = async (manager: typeof source) => comparableServices((await listServices(manager, {}, page, { full: true, minimal: false })).contents);
      const termsOf = async (manager: typeof source) =>
        (await listTaxonomyTerms(manager, {}, { page: 1, perPage: 1000 })).contents.sort((a, b) => a.id.localeCompare(b.id));
      expect(await organisationsOf(fresh.dataSource.manager)).toEqual(await organisationsOf(source));
      expect(await servicesOf(fresh.dataSource.manager)).toEqual(await servicesOf(source));
      expect(await termsOf(fresh.dataSource.manager)).toEqual(await termsOf(source));

      // Every record has its CREATE in the history, via hsds-import, by the curator.
      const history = await fresh.dataSource.query(`SELECT entity_type, action, via, actor_user_id, count(*)::int AS n FROM change_record GROUP BY 1, 2, 3, 4 ORDER BY 1`);
      for (const row of history) expect(row).toMatchObject({ action: 'CREATE', via: 'hsds-import', actor_user_id: curator.id });
      expect(Object.fromEntries(history.map((row: any) => [row.entity_type, row.n]))).toMatchObject({ ORGANISATION: 91, SERVICE: 39, TARGET_GROUP: 21, INTERVENTION_TYPE: 73 });

      // And again: nothing changes, nothing is added to the history.
      const again = await importHsdsJson(ctx, publication, { dryRun: false });
      expect(again.totals).toMatchObject({ created: 0, updated: 0, rejected: 0, skipped: 0 });
      expect(again.totals.unchanged).toBe(again.totals.records);
      const [{ n }] = await fresh.dataSource.query(`SELECT count(*)::int AS n FROM change_record`);
      expect(n).toBe(history.reduce((sum: number, row: any) => sum + row.n, 0));
    } finally {
      await fresh?.drop();
    }
  });

  it('re-importing our own export changes nothing and adds no history', async () => {
    const publication = await exportPublication(get);
    const before = await counts();
    const report = await importJson(publication);
    expectClean(report, 'own export');
    expect(report.totals).toMatchObject({ created: 0, updated: 0, rejected: 0, skipped: 0 });
    expect(report.totals.unchanged).toBe(report.totals.records);
    expect(report.byType.taxonomy_term.unchanged).toBe(21 + 10 + 63);
    expect(await counts()).toEqual(before);
  });

  it('every official JSON example and the CSV package import cleanly: a dry run writes nothing, then the import, then again unchanged', async () => {
    const documents: Array<[string, () => Promise<ImportReport>, () => Promise<ImportReport>, () => Promise<ImportReport>]> = [
      ...JSON_EXAMPLES.map((file): [string, () => Promise<ImportReport>, () => Promise<ImportReport>, () => Promise<ImportReport>] => [
        file,
        () => importJson(readJson(`examples/${file}`), true),
        () => importJson(readJson(`examples/${file}`)),
        () => importJson(readJson(`examples/${file}`)),
      ]),
      ['csv/', () => importCsv(csvPackage(), true), () => importCsv(csvPackage()), () => importCsv(csvPackage())],
    ];
    expect(JSON_EXAMPLES).toEqual([
      'location.json',
      'organization_full.json',
      'organization_list.json',
      'service_at_location_full.json',
      'service_at_location_list.json',
      'service_full.json',
      'service_list.json',
      'tabular.json',
      'taxonomy.json',
      'taxonomy_list.json',
      'taxonomy_term.json',
      'taxonomy_term_list.json',
    ]);
    const first = new Map<string, ImportReport>();
    for (const [label, dryRun, real, again] of documents) {
      const before = await counts();
      const preview = await dryRun();
      expect(preview).toMatchObject({ dryRun: true, committed: false });
      expectClean(preview, `${label} (dry run)`);
      expect([label, await counts()]).toEqual([label, before]);

      const report = await real();
      expect(report).toMatchObject({ dryRun: false, committed: true });
      expectClean(report, label);
      // The dry run predicted exactly what happened.
      expect([label, report.records]).toEqual([label, preview.records]);
      first.set(label, report);

      const history = (await counts()).change_record;
      const second = await again();
      expectClean(second, `${label} (again)`);
      expect([label, second.totals.created, second.totals.updated]).toEqual([label, 0, 0]);
      expect([label, (await counts()).change_record]).toEqual([label, history]);
    }

    // The first example creates the records; the others describe the same ones (same ids) and find them.
    const location = first.get('location.json')!;
    expect(recordOf(location, 'location', EXAMPLE.location)).toMatchObject({ outcome: 'created', name: 'MyCity Civic Center' });
    expect(recordOf(location, 'location', EXAMPLE.location)!.notes).toEqual(
      expect.arrayContaining([
        'Not kept, refused by the rules of the CSV import and the GraphQL API (see problems): latitude, longitude',
        'An address in US: the address is kept in location_description',
      ]),
    );
    const organization = first.get('organization_full.json')!;
    expect(recordOf(organization, 'organization', EXAMPLE.organization)).toMatchObject({ outcome: 'created', name: 'Example Organization Inc.' });
    expect(recordOf(organization, 'organization', EXAMPLE.organization)!.notes).toEqual(
      expect.arrayContaining(['Parent organization cd09a387-91f4-4555-94ec-e799c35344cd is neither in the publication nor in the database: not kept']),
    );
    expect(recordOf(organization, 'service', EXAMPLE.service)).toMatchObject({ outcome: 'created', name: 'Community Counselling' });
    expect(recordOf(organization, 'taxonomy_term', '3f7b145d-84af-42d7-8fae-eaca714b02b2')).toMatchObject({ outcome: 'skipped' });
    expect(recordOf(organization, 'taxonomy', '5c4d79d7-cc55-470e-9f1f-8cad074e4892')).toMatchObject({ outcome: 'skipped' });
    // The SAL the organization's service carries, created with its HSDS id.
    expect(recordOf(organization, 'service_at_location', EXAMPLE.serviceAtLocation)).toMatchObject({ outcome: 'created', name: 'Community Counselling — MyCity Civic Center' });

    const csv = first.get('csv/')!;
    expect(csv.format).toBe('csv');
    expect(csv.warnings).toEqual(
      expect.arrayContaining([
        'datapackage.json is not a Data Package descriptor (a JSON object): the standard HSDS file names were used',
        'contacts.csv is not imported: contacts are personal data and have no place in the map',
        expect.stringMatching(/^attributes\.csv: 1 row\(s\) belong to no organisation, service or location in the package \(line 2\)/),
      ]),
    );
    // The CSV package's location names an organization that is in no table: kept without it.
    expect(recordOf(csv, 'location', EXAMPLE.location)!.notes).toEqual(
      expect.arrayContaining(['Organization 985e4a42-bd9f-4edc-911d-0243a4640aca is neither in the publication nor in the database: the location is kept without it']),
    );
    expect(recordOf(csv, 'service', EXAMPLE.service)).toMatchObject({ line: 2, path: '/services.csv/0' });

    // Each example's records, as the database now holds them (created once, matched by HSDS id afterwards).
    const [{ n: organisations }] = await sql(`SELECT count(*)::int AS n FROM organisation WHERE id = $1`, [EXAMPLE.organization]);
    expect(organisations).toBe(1);
    const history = await sql(`SELECT action, via FROM change_record WHERE entity_id = $1 ORDER BY occurred_at`, [EXAMPLE.service]);
    expect(history[0]).toEqual({ action: 'CREATE', via: 'hsds-import' });
    expect(history.every((row: any) => row.via === 'hsds-import')).toBe(true);
  });

  it('the imported examples export as valid HSDS that matches them on the mapped fields, and import → export → import is stable', async () => {
    const example = readJson('examples/service_full.json');
    const service = await get(`/services/${EXAMPLE.service}`);
    expectValid(v.service, service, 'imported service');
    expect(service).toMatchObject({
      id: example.id,
      name: example.name,
      alternate_name: example.alternate_name,
      description: example.description.trim(),
      status: example.status,
      fees_description: example.fees_description,
      eligibility_description: example.eligibility_description,
      minimum_age: example.minimum_age,
      maximum_age: example.maximum_age,
      assured_date: example.assured_date,
      organization_id: example.organization.id,
    });
    expect(service.languages.map((language: any) => language.name)).toEqual(['Urdu']);
    expect(service.funding.map((funding: any) => funding.source)).toEqual([example.organization.funding[0].source]);
    expect(service.application_process).toBeUndefined(); // free text: Schakel keeps only whether an indication is needed
    // The service's own url and e-mail, its opening hours and phones, and those of its location and service_at_location, are kept.
    expect({ url: service.url, email: service.email }).toEqual({ url: example.url, email: example.email });
    const { id: _scheduleId, ...scheduleFields } = example.schedules[0];
    expect(service.schedules).toEqual([{ id: expect.any(String), service_id: EXAMPLE.service, ...scheduleFields }]);
    const { id: _phoneId, languages: phoneLanguages, ...phoneFields } = example.phones[0];
    expect(service.phones).toMatchObject([{ service_id: EXAMPLE.service, ...phoneFields }]);
    expect(service.phones[0].languages.map((language: any) => language.name)).toEqual(phoneLanguages.map((language: any) => language.name));
    const atLocation = service.service_at_locations[0];
    expect(atLocation.schedules).toMatchObject([{ service_at_location_id: EXAMPLE.serviceAtLocation, opens_at: '10:00:00', closes_at: '18:00:00', byday: 'TH,FR' }]);
    expect(atLocation.phones.map((phone: any) => phone.number)).toEqual([example.phones[0].number]);
    expect(atLocation.location.schedules).toMatchObject([{ location_id: EXAMPLE.location, freq: 'WEEKLY', timezone: 3 }]);
    // One schedule id in the publication for three owners: one row each, the first to come keeps the id.
    const scheduleRows = await sql(`SELECT id, service_id, location_id, service_location_id FROM schedule WHERE $1 IN (service_id, location_id, service_location_id)`, [EXAMPLE.location]);
    expect(scheduleRows).toHaveLength(1);
    expect(await sql(`SELECT count(*)::int AS n FROM schedule WHERE $1 IN (service_id, location_id, service_location_id) OR $2 IN (service_id, location_id, service_location_id) OR $3 IN (service_id, location_id, service_location_id)`, [EXAMPLE.service, EXAMPLE.location, EXAMPLE.serviceAtLocation])).toEqual([{ n: 3 }]);
    expect(service.service_at_locations.map((item: any) => [item.id, item.location_id, item.description])).toEqual([
      [EXAMPLE.serviceAtLocation, EXAMPLE.location, example.service_at_locations[0].description],
    ]);
    const location = service.service_at_locations[0].location;
    expect(location).toMatchObject({ id: EXAMPLE.location, name: 'MyCity Civic Center', alternate_name: 'Civic Center', description: example.service_at_locations[0].location.description });
    expect(location.latitude).toBeUndefined(); // 100/101 are no coordinates
    expect(location.addresses).toEqual([]); // not a Dutch postcode: kept as location_description, not exported as an address
    expect(location.accessibility.map((entry: any) => entry.description)).toEqual([
      'The building is equipped with induction loops for hearing aids. Wheelchair access is possible on all levels. — Switch hearing aid to T-coil to access the induction loop facility.',
    ]);
    const [row] = await sql(`SELECT location_description, address, postcode, city FROM location WHERE id = $1`, [EXAMPLE.location]);
    expect(row).toEqual({ location_description: '1-30 Main Street, MyVillage, ABC 1234 MyCity, MyRegion, MyState, US', address: null, postcode: null, city: null });

    const organization = await get(`/organizations/${EXAMPLE.organization}?full_service=true`);
    expectValid(v.organization, organization, 'imported organization');
    expect(organization).toMatchObject({
      name: example.organization.name,
      alternate_name: example.organization.alternate_name,
      description: example.organization.description,
      email: example.organization.email,
      website: 'http://example.com/', // the same URI, normalised
    });
    expect(organization.parent_organization_id).toBeUndefined();
    // The example's number is quoted ("\"+44 1234 234567\""): the phone rule of the CSV import and GraphQL refuses it, so it is not kept.
    expect(example.organization.phones[0].number).toBe('"+44 1234 234567"');
    expect(organization.phones).toEqual([]);
    // Its funding source is longer than a funding stream may be (100 characters, the organisation input's rule): not kept either.
    expect(example.organization.funding[0].source.length).toBeGreaterThan(100);
    expect(organization.funding).toEqual([]);
    expect(organization.services.map((item: any) => item.id)).toEqual([EXAMPLE.service]);
    const [{ sector, slug }] = await sql(`SELECT sector, slug FROM organisation WHERE id = $1`, [EXAMPLE.organization]);
    expect({ sector, slug }).toEqual({ sector: 'OTHER', slug: 'example-organization-inc' });
    expectValid(v.serviceAtLocation, await get(`/service_at_locations/${EXAMPLE.serviceAtLocation}`), 'imported service_at_location');

    // The whole export (Amersfoort and the examples) validates and reads back in unchanged.
    const publication = await exportPublication(get);
    for (const item of publication.organizations) expectValid(v.organization, item, `organization ${item.id}`);
    for (const item of publication.services) expectValid(v.service, item, `service ${item.id}`);
    for (const item of publication.service_at_locations) expectValid(v.serviceAtLocation, item, `service_at_location ${item.id}`);
    for (const item of publication.taxonomy_terms) expectValid(v.taxonomyTerm, item, `term ${item.id}`);
    const before = await counts();
    const report = await importJson(publication);
    expectClean(report, 'export after importing the examples');
    expect(report.totals.unchanged).toBe(report.totals.records);
    expect(await counts()).toEqual(before);
    // Reading the examples back in after the export round trip still changes nothing either.
    expect((await importJson(readJson('examples/service_full.json'))).totals).toMatchObject({ created: 0, updated: 0, rejected: 0 });
  });

  it('updates a changed record by its HSDS id, with history via hsds-import', async () => {
    const document = readJson('examples/service_full.json');
    const oldDescription = document.service_at_locations[0].description;
    document.name = 'Community Counselling (nieuw)';
    document.status = 'temporarily closed';
    document.minimum_age = 16;
    document.service_at_locations[0].description = 'Nu op dinsdag';
    const [{ version }] = await sql(`SELECT version FROM service WHERE id = $1`, [EXAMPLE.service]);
    const preview = await importJson(document, true);
    expect(recordOf(preview, 'service', EXAMPLE.service)!.outcome).toBe('updated');
    expect((await sql(`SELECT name FROM service WHERE id = $1`, [EXAMPLE.service]))[0].name).toBe('Community Counselling');

    const report = await importJson(document);
    expect(recordOf(report, 'service', EXAMPLE.service)!.outcome).toBe('updated');
    expect(recordOf(report, 'service_at_location', EXAMPLE.serviceAtLocation)!.outcome).toBe('updated');
    expect(recordOf(report, 'organization', EXAMPLE.organization)!.outcome).toBe('unchanged');
    const [service] = await sql(`SELECT name, status, min_age, version, slug FROM service WHERE id = $1`, [EXAMPLE.service]);
    expect(service).toEqual({ name: 'Community Counselling (nieuw)', status: 'TEMPORARILY_CLOSED', min_age: 16, version: version + 1, slug: 'community-counselling' });
    const [change] = await sql(`SELECT action, via, actor_user_id IS NOT NULL AS by_user, changes FROM change_record WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [
      EXAMPLE.service,
    ]);
    expect(change).toMatchObject({ action: 'UPDATE', via: 'hsds-import', by_user: true });
    expect(change.changes).toMatchObject({
      name: { before: 'Community Counselling', after: 'Community Counselling (nieuw)' },
      status: { before: 'ACTIVE', after: 'TEMPORARILY_CLOSED' },
      minAge: { before: 12, after: 16 },
      serviceLocations: {
        before: [{ id: EXAMPLE.serviceAtLocation, locationId: EXAMPLE.location, description: oldDescription }],
        after: [{ id: EXAMPLE.serviceAtLocation, locationId: EXAMPLE.location, description: 'Nu op dinsdag' }],
      },
    });
    expect((await importJson(document)).totals).toMatchObject({ created: 0, updated: 0 });
  });

  it('reports schema errors with the record and the JSON path, and imports the other records', async () => {
    const good = randomUUID();
    const services = [
      { id: randomUUID(), name: 'Zonder status' },
      { id: randomUUID(), name: 'Verkeerde status', status: 'open', organization_id: good, minimum_age: 'twaalf' },
      { id: 'not-a-uuid', name: 'Geen uuid', status: 'active' },
      { id: randomUUID(), name: 'Goed', status: 'active', organization_id: good },
    ];
    const before = await counts();
    const report = await importJson({ organizations: [{ id: good, name: 'Goede organisatie', description: '' }, { id: randomUUID(), description: 'geen naam' }], services });
    const [noStatus, wrongStatus, noUuid, fine] = services.map((service) => report.records.find((record) => record.type === 'service' && record.name === service.name)!);
    expect(noStatus).toMatchObject({ outcome: 'rejected', path: '/services/0', errors: [{ path: '/services/0', message: "must have required property 'status'" }] });
    expect(wrongStatus.outcome).toBe('rejected');
    expect(wrongStatus.errors).toEqual(
      expect.arrayContaining([
        { path: '/services/1/status', message: 'must be equal to one of the allowed values: "active", "inactive", "defunct", "temporarily closed"' },
        { path: '/services/1/minimum_age', message: 'must be number' },
      ]),
    );
    expect(noUuid).toMatchObject({ outcome: 'rejected', errors: [{ path: '/services/2/id', message: 'must match format "uuid"' }] });
    expect(fine.outcome).toBe('created');
    expect(report.records.find((record) => record.path === '/organizations/1')).toMatchObject({
      type: 'organization',
      outcome: 'rejected',
      errors: [{ path: '/organizations/1', message: "must have required property 'name'" }],
    });
    expect(report.totals).toMatchObject({ created: 2, rejected: 4 });
    expect((await counts()).service).toBe(before.service + 1);

    // Nested records: the error names the path inside the document.
    const nested = readJson('examples/service_full.json');
    nested.id = randomUUID();
    nested.service_at_locations[0].id = randomUUID();
    nested.service_at_locations[0].location.id = randomUUID();
    nested.service_at_locations[0].location.addresses[0].address_type = 'home';
    const nestedReport = await importJson(nested, true);
    expect(recordOf(nestedReport, 'location', nested.service_at_locations[0].location.id)).toMatchObject({
      outcome: 'rejected',
      path: '/service_at_locations/0/location',
      errors: [{ path: '/service_at_locations/0/location/addresses/0/address_type', message: expect.stringMatching(/^must be equal to one of the allowed values/) }],
    });
    expect(recordOf(nestedReport, 'service_at_location', nested.service_at_locations[0].id)).toMatchObject({
      outcome: 'rejected',
      reason: `Its location ${nested.service_at_locations[0].location.id} was rejected`,
    });
    expect(recordOf(nestedReport, 'service', nested.id)!.outcome).toBe('created');

    // CSV: the path points at the file and row, with the line.
    const csv = await importCsv(
      {
        'organizations.csv': `id,name,description\n${good},Goede organisatie,\n`,
        'services.csv': `id,organization_id,name,status,minimum_age\n${randomUUID()},${good},Kapotte rij,bogus,12\n${randomUUID()},${good},Nette rij,active,twaalf\n`,
        'languages.csv': `id,service_id,name,code\n${randomUUID()},${services[3].id},Turks,tr\n`,
      },
      true,
    );
    const broken = csv.records.find((record) => record.name === 'Kapotte rij')!;
    expect(broken).toMatchObject({ outcome: 'rejected', path: '/services.csv/0', line: 2 });
    expect(broken.errors).toEqual([{ path: '/services.csv/0/status', message: expect.stringMatching(/^must be equal to one of the allowed values/) }]);
    expect(csv.records.find((record) => record.name === 'Nette rij')).toMatchObject({ outcome: 'rejected', line: 3, errors: [{ path: '/services.csv/1/minimum_age', message: 'must be number' }] });
    expect(csv.warnings).toEqual([expect.stringMatching(/^languages\.csv: 1 row\(s\) belong to no/)]);
  });

  it('reads a CSV package whose descriptor names other files, typing the cells by the schema', async () => {
    const organisation = randomUUID();
    const service = randomUUID();
    const report = await importCsv({
      'datapackage.json': JSON.stringify({
        name: 'buurtgids',
        resources: [
          { name: 'organizations', path: 'data/organisaties.csv' },
          { name: 'service', path: 'data/diensten.csv' },
        ],
      }),
      'data/organisaties.csv': `\uFEFFid,name,description,website\n${organisation},"Buurtgids, ""Het Centrum""","Twee\nregels",https://buurtgids.example.nl\n`,
      'data/diensten.csv': `id,organization_id,name,status,minimum_age,maximum_age\n${service},${organisation},Spreekuur,active,18,\n`,
      'phones.csv': `id,organization_id,number\n${randomUUID()},${organisation},033 765 43 21\n`,
      'notes.txt': 'ignored',
    });
    expectClean(report, 'renamed package');
    expect(report.warnings).toEqual(['"notes.txt" is not a file of the HSDS tabular data package: ignored']);
    expect(recordOf(report, 'organization', organisation)).toMatchObject({ outcome: 'created', name: 'Buurtgids, "Het Centrum"', path: '/data/organisaties.csv/0', line: 3 });
    const [row] = await sql(`SELECT description, website, phone FROM organisation WHERE id = $1`, [organisation]);
    expect(row).toEqual({ description: 'Twee\nregels', website: 'https://buurtgids.example.nl', phone: '033 765 43 21' });
    const [spreekuur] = await sql(`SELECT organisation_id, min_age, max_age FROM service WHERE id = $1`, [service]);
    expect(spreekuur).toEqual({ organisation_id: organisation, min_age: 18, max_age: null });
  });

  it('rejects what the model cannot take, with a reason, and imports the rest (addresses, coordinates, providers)', async () => {
    const organisation = randomUUID();
    const unknown = randomUUID();
    const location = { id: randomUUID(), location_type: 'physical', name: 'Wijkcentrum Het Klooster', latitude: 52.1561, longitude: 5.3878 };
    const dutch = {
      ...location,
      addresses: [
        { id: randomUUID(), address_1: 'Postbus 1', city: 'Amersfoort', state_province: '', postal_code: '3800 AA', country: 'NL', address_type: 'postal' },
        { id: randomUUID(), address_1: 'Kloosterstraat 3', city: 'Amersfoort', state_province: 'Utrecht', postal_code: '3811ab', country: 'NL', address_type: 'physical' },
      ],
    };
    const services = [
      { id: randomUUID(), name: 'Bij onbekende organisatie', status: 'active', organization_id: unknown },
      { id: randomUUID(), name: 'Zonder organisatie', status: 'active' },
      { id: randomUUID(), name: 'Buurtsoep', status: 'defunct', organization_id: organisation, minimum_age: 60, maximum_age: 70 },
    ];
    const atLocations = [
      { id: randomUUID(), service_id: services[2].id, location_id: location.id, description: 'Elke vrijdag' },
      { id: randomUUID(), service_id: services[2].id, location_id: randomUUID() },
      { id: randomUUID(), service_id: services[0].id, location_id: location.id },
      { id: randomUUID(), location_id: location.id },
    ];
    const virtual = { id: randomUUID(), location_type: 'virtual', name: 'Website' };
    const report = await importJson({
      organizations: [{ id: organisation, name: 'Stichting Het Klooster', description: 'Buurthuis', website: 'https://klooster.example.nl' }],
      locations: [dutch, virtual],
      services,
      service_at_locations: atLocations,
    });
    const outcome = (id: string) => {
      const record = report.records.find((item) => item.id === id)!;
      return [record.outcome, record.reason];
    };
    expect(outcome(services[0].id)).toEqual(['rejected', `Its organization ${unknown} is neither in the publication nor in the database`]);
    expect(outcome(services[1].id)).toEqual(['created', undefined]);
    expect(report.records.find((item) => item.id === services[1].id)!.notes).toContain('No organization: imported without a provider');
    expect(outcome(services[2].id)).toEqual(['created', undefined]);
    expect(outcome(virtual.id)).toEqual(['rejected', 'A virtual location is no place on the map: Schakel keeps physical locations only']);
    expect(outcome(atLocations[0].id)).toEqual(['created', undefined]);
    expect(outcome(atLocations[1].id)).toEqual(['rejected', `Its location ${atLocations[1].location_id} is neither in the publication nor in the database`]);
    expect(outcome(atLocations[2].id)).toEqual(['rejected', `Its service ${services[0].id} was rejected`]);
    expect(outcome(atLocations[3].id)).toEqual(['rejected', 'No service: service_id is missing and it is not nested in a service']);

    const [place] = await sql(`SELECT address, postcode, city, latitude, longitude, location_description, slug FROM location WHERE id = $1`, [location.id]);
    expect(place).toEqual({ address: 'Kloosterstraat 3', postcode: '3811 AB', city: 'Amersfoort', latitude: 52.1561, longitude: 5.3878, location_description: null, slug: 'wijkcentrum-het-klooster' });
    const [soup] = await sql(`SELECT organisation_id, status, min_age, max_age FROM service WHERE id = $1`, [services[2].id]);
    expect(soup).toEqual({ organisation_id: organisation, status: 'DEFUNCT', min_age: 60, max_age: 70 });
    const exported = await get(`/services/${services[2].id}`);
    expectValid(v.service, exported, 'imported service');
    expect(exported.service_at_locations[0].location.addresses).toEqual([
      expect.objectContaining({ address_1: 'Kloosterstraat 3', postal_code: '3811 AB', city: 'Amersfoort', country: 'NL' }),
    ]);

    // A second organisation whose name makes the same slug gets a unique one (the very same name is an
    // exact duplicate, refused: curation/duplicate.service.ts); the same link under another id is that link.
    const twin = randomUUID();
    const second = await importJson({
      organizations: [{ id: twin, name: 'Stichting Het-Klooster', description: '' }],
      service_at_locations: [{ id: randomUUID(), service_id: services[2].id, location_id: location.id, description: 'Elke vrijdag' }],
    });
    expect(second.records.find((record) => record.type === 'service_at_location')).toMatchObject({
      outcome: 'unchanged',
      notes: [`The service is already at this location as service_at_location ${atLocations[0].id}: that link is used`],
    });
    expect((await sql(`SELECT slug FROM organisation WHERE id = $1`, [twin]))[0].slug).toBe('stichting-het-klooster-2');
    expect((await sql(`SELECT count(*)::int AS n FROM service_location WHERE service_id = $1`, [services[2].id]))[0].n).toBe(1);
  });

  it('maps terms of our two taxonomies to target groups and intervention types by id, links them as attributes, and skips other taxonomies', async () => {
    const [basicFunction] = await sql<{ id: string; code: string }>(`SELECT id, code FROM basic_function ORDER BY number LIMIT 1`);
    const [existingGroup] = await sql<{ id: string; code: string; name_nl: string }>(`SELECT id, code, name_nl FROM target_group ORDER BY code LIMIT 1`);
    const targetGroup = { id: randomUUID(), code: 'mantelzorgers-jong', name: 'Jonge mantelzorgers', description: 'Mantelzorgers tot 25 jaar', taxonomy_id: TARGET_GROUP_TAXONOMY_ID };
    const intervention = { id: randomUUID(), name: 'Buurtcirkel', description: '', parent_id: basicFunction.id, taxonomy_id: INTERVENTION_TAXONOMY_ID };
    const child = { id: randomUUID(), code: 'buurtcirkel-jong', name: 'Buurtcirkel voor jongeren', description: '', parent_id: intervention.id, taxonomy_id: INTERVENTION_TAXONOMY_ID };
    // The same code as an existing target group, under another id: matched by code, not duplicated.
    const sameCode = { id: randomUUID(), code: existingGroup.code, name: existingGroup.name_nl, description: '', taxonomy_id: TARGET_GROUP_TAXONOMY_ID };
    const foreign = { id: randomUUID(), code: 'X1', name: 'Food pantry', description: 'Open Eligibility', taxonomy_id: randomUUID() };
    const organisation = randomUUID();
    const service = {
      id: randomUUID(),
      name: 'Mantelzorgcafé jong',
      status: 'active',
      organization_id: organisation,
      attributes: [
        { id: randomUUID(), link_type: 'audience', link_entity: 'service', taxonomy_term_id: targetGroup.id },
        { id: randomUUID(), link_type: 'intervention', link_entity: 'service', taxonomy_term: child },
        { id: randomUUID(), link_entity: 'service', taxonomy_term_id: sameCode.id },
        { id: randomUUID(), link_entity: 'service', taxonomy_term: foreign },
        { id: randomUUID(), link_entity: 'service', taxonomy_term_id: basicFunction.id },
      ],
    };
    const report = await importJson({
      organizations: [{ id: organisation, name: 'Mantelzorg Jong', description: '', attributes: [{ id: randomUUID(), taxonomy_term: { id: randomUUID(), code: 'welfare', name: 'Welzijn', description: '' } }] }],
      services: [service],
      taxonomy_terms: [targetGroup, intervention, sameCode],
    });
    expect(recordOf(report, 'taxonomy_term', targetGroup.id)!.outcome).toBe('created');
    expect(recordOf(report, 'taxonomy_term', intervention.id)!.outcome).toBe('created');
    expect(recordOf(report, 'taxonomy_term', child.id)!.outcome).toBe('created');
    expect(recordOf(report, 'taxonomy_term', sameCode.id)).toMatchObject({ outcome: 'unchanged', notes: [`Matched target group ${existingGroup.id} by its code "${existingGroup.code}"`] });
    expect(recordOf(report, 'taxonomy_term', foreign.id)).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/^A term of taxonomy/) });
    expect(recordOf(report, 'service', service.id)!.notes).toEqual(
      expect.arrayContaining([
        '1 attribute(s) with terms of other taxonomies (or unknown terms) not imported (not in the taxonomy mapping)',
        expect.stringMatching(/^Services are linked to intervention types, not to basic functions/),
      ]),
    );
    expect((await sql(`SELECT sector FROM organisation WHERE id = $1`, [organisation]))[0].sector).toBe('WELFARE');

    const [type] = await sql(`SELECT code, basic_function_id, parent_id FROM intervention_type WHERE id = $1`, [intervention.id]);
    expect(type).toEqual({ code: 'buurtcirkel', basic_function_id: basicFunction.id, parent_id: null });
    const [young] = await sql(`SELECT basic_function_id, parent_id FROM intervention_type WHERE id = $1`, [child.id]);
    expect(young).toEqual({ basic_function_id: basicFunction.id, parent_id: intervention.id });
    const exported = await get(`/services/${service.id}`);
    expectValid(v.service, exported, 'service with attributes');
    expect(exported.attributes.map((attribute: any) => [attribute.id, attribute.taxonomy_term_id, attribute.link_type]).sort()).toEqual(
      [
        [service.attributes[0].id, targetGroup.id, 'audience'],
        [service.attributes[1].id, child.id, 'intervention'],
        [service.attributes[2].id, existingGroup.id, 'audience'],
      ].sort(),
    );
    expect((await get(`/taxonomy_terms/${child.id}`)).parent_id).toBe(intervention.id);
    expect((await get(`/taxonomy_terms/${intervention.id}`)).parent_id).toBe(basicFunction.id);

    // Attributes are the whole set: without the target groups they are unlinked.
    const fewer = await importJson({ services: [{ ...service, attributes: [service.attributes[1]] }] });
    expect(recordOf(fewer, 'service', service.id)!.outcome).toBe('updated');
    expect((await get(`/services/${service.id}`)).attributes.map((attribute: any) => attribute.taxonomy_term_id)).toEqual([child.id]);
    // A basic function is never changed by an import.
    const [fn] = await sql(`SELECT id, code, name_nl FROM basic_function WHERE id = $1`, [basicFunction.id]);
    const renamed = await importJson({ taxonomy_terms: [{ id: fn.id, code: fn.code, name: 'Anders', description: '', taxonomy_id: INTERVENTION_TAXONOMY_ID }] });
    expect(recordOf(renamed, 'taxonomy_term', fn.id)).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/fixed basic functions/) });
    expect((await sql(`SELECT name_nl FROM basic_function WHERE id = $1`, [fn.id]))[0].name_nl).toBe(fn.name_nl);
  });

  it('a database error rolls the whole import back; a dry run writes nothing', async () => {
    await t.db.asOwner(`ALTER TABLE service ADD CONSTRAINT "CHK_test_not_kapot" CHECK (name <> 'Kapot')`);
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const before = await counts();
      const organisation = randomUUID();
      const answer = await post(
        '/import',
        {
          organizations: [{ id: organisation, name: 'Wordt niet bewaard', description: '' }],
          services: [{ id: randomUUID(), name: 'Kapot', status: 'active', organization_id: organisation }],
        },
        { cookie: admin },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^The import was rolled back, nothing was written: /) });
      expect(await counts()).toEqual(before);
    } finally {
      logged.mockRestore();
      await t.db.asOwner(`ALTER TABLE service DROP CONSTRAINT "CHK_test_not_kapot"`);
    }
    const before = await counts();
    const organisation = randomUUID();
    const preview = await importJson(
      {
        organizations: [{ id: organisation, name: 'Alleen proef', description: '' }],
        services: [{ id: randomUUID(), name: 'Alleen proef', status: 'active', organization_id: organisation }],
      },
      true,
    );
    expect(preview.totals).toMatchObject({ created: 2 });
    expect(await counts()).toEqual(before);
  });
});
