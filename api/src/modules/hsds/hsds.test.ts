import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { type TestApp, startTestApp } from '../../test/app';
import { INTERVENTION_TAXONOMY_ID, TARGET_GROUP_TAXONOMY_ID } from './hsds.mapping';

/*
 * The HSDS 3.0 endpoints over HTTP against the seeded Amersfoort data, every response
 * validated against the official Open Referral schemas (fixtures/hsds-3.0, unmodified).
 */

const FIXTURES = path.join(__dirname, 'fixtures', 'hsds-3.0');
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

const KEY_PERSON = {
  name: 'Zyxwvu Qwertyson-Sleutelfiguur',
  email: 'zyxwvu.qwertyson@sleutel-test.example',
  phone: '06-98765432',
  notes: 'Vertrouwelijk: belt alleen op dinsdag (xq-7781)',
  roleDescription: 'Buurtnestor-xq7781',
};

/** The paths this server serves under /hsds, as the OpenAPI document must list them. */
const SERVED_PATHS = [
  '/',
  '/openapi.json',
  '/services',
  '/services/{id}',
  '/organizations',
  '/organizations/{id}',
  '/service_at_locations',
  '/service_at_locations/{id}',
  '/taxonomies',
  '/taxonomies/{id}',
  '/taxonomy_terms',
  '/taxonomy_terms/{id}',
  '/import',
  '/import/csv',
  '/export.json',
  '/export/csv',
  '/export.zip',
  '/taxonomy_mappings',
];

interface HttpResult {
  status: number;
  body: any;
  text: string;
  sqlStatements: number;
  contentType: string | null;
}

/**
 * The official schemas in JSON Schema draft 2020-12 (the reference's jsonSchemaDialect; the
 * schema files declare no $schema). `strict: false` because they carry Frictionless Data
 * Package annotations that are not JSON Schema keywords (name, path, constraints, core,
 * example, datapackage_metadata, datapackage_type, tabular_required), which strict mode
 * rejects as unknown keywords; they have no effect on validation either way.
 */
function createValidators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const names = [
    'compiled/organization',
    'compiled/organization_list',
    'compiled/service',
    'compiled/service_list',
    'compiled/service_at_location',
    'compiled/service_at_location_list',
    // Not compiled upstream: taxonomy_term refers to taxonomy.json and metadata.json relatively.
    'taxonomy',
    'taxonomy_term',
    'metadata',
  ];
  for (const name of names) ajv.addSchema(readJson(`schema/${name}.json`), `${SCHEMA_BASE}${name}.json`);
  const openapi = readJson('schema/openapi.json');
  // The reference's paging envelope, with every field required (the reference lists them all).
  ajv.addSchema({ ...openapi.components.schemas.Page, required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty'] }, 'hsds-page');
  const item = (name: string) => ajv.getSchema(`${SCHEMA_BASE}${name}.json`)!;
  const page = (itemRef: object) =>
    ajv.compile({ allOf: [{ $ref: 'hsds-page' }], type: 'object', required: ['contents'], properties: { contents: { type: 'array', items: itemRef } } });
  const minimalService = { type: 'object', required: ['id', 'last_modified'], additionalProperties: false, properties: { id: { type: 'string', format: 'uuid' }, last_modified: { type: 'string', format: 'date-time' } } };
  return {
    organization: item('compiled/organization'),
    service: item('compiled/service'),
    serviceAtLocation: item('compiled/service_at_location'),
    taxonomy: item('taxonomy'),
    taxonomyTerm: item('taxonomy_term'),
    apiInfo: ajv.compile(openapi.paths['/'].get.responses['200'].content['application/json'].schema),
    organizationPage: page({ $ref: `${SCHEMA_BASE}compiled/organization_list.json` }),
    organizationFullPage: page({ $ref: `${SCHEMA_BASE}compiled/organization.json` }),
    servicePage: page({ $ref: `${SCHEMA_BASE}compiled/service_list.json` }),
    serviceFullPage: page({ $ref: `${SCHEMA_BASE}compiled/service.json` }),
    serviceMinimalPage: page(minimalService),
    serviceAtLocationPage: page({ $ref: `${SCHEMA_BASE}compiled/service_at_location_list.json` }),
    serviceAtLocationFullPage: page({ $ref: `${SCHEMA_BASE}compiled/service_at_location.json` }),
    taxonomyPage: page({ $ref: `${SCHEMA_BASE}taxonomy.json` }),
    taxonomyTermPage: page({ $ref: `${SCHEMA_BASE}taxonomy_term.json` }),
  };
}

function expectValid(validate: ValidateFunction, data: unknown, label: string): void {
  if (!validate(data)) throw new Error(`${label} does not validate: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

describe('HSDS 3.0 REST endpoints', () => {
  let t: TestApp;
  let v: ReturnType<typeof createValidators>;
  /** Every response body this test file received, for the key person check. */
  const bodies: string[] = [];
  const ids: Record<string, string> = {};

  const get = async (pathAndQuery: string): Promise<HttpResult> => {
    const response = await fetch(`${t.url}/hsds${pathAndQuery}`);
    const text = await response.text();
    bodies.push(text);
    let body: any = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: response.status, body, text, sqlStatements: Number(response.headers.get('x-sql-statements') ?? NaN), contentType: response.headers.get('content-type') };
  };

  const ok = async (pathAndQuery: string): Promise<any> => {
    const result = await get(pathAndQuery);
    if (result.status !== 200) throw new Error(`GET /hsds${pathAndQuery}: HTTP ${result.status} ${result.text}`);
    expect(result.contentType).toMatch(/^application\/json/);
    return result.body;
  };

  /** Every page of a list endpoint (each validated), and the contents in order. */
  const allPages = async (endpoint: string, perPage: number, validate: ValidateFunction, query = ''): Promise<{ pages: any[]; items: any[] }> => {
    const pages: any[] = [];
    for (let page = 1; ; page++) {
      const body = await ok(`${endpoint}?per_page=${perPage}&page=${page}${query}`);
      expectValid(validate, body, `${endpoint} page ${page}${query}`);
      pages.push(body);
      if (body.last_page) break;
      if (page > 100) throw new Error('runaway paging');
    }
    return { pages, items: pages.flatMap((page) => page.contents) };
  };

  const sql = <T = any>(query: string, params: unknown[] = []): Promise<T[]> => t.db.dataSource.query(query, params);
  const idOf = async (table: string, slug: string) => (await sql<{ id: string }>(`SELECT id FROM ${table} WHERE slug = $1`, [slug]))[0].id;

  beforeAll(async () => {
    v = createValidators();
    t = await startTestApp();

    // A key person with distinctive values, linked to an organisation and an area: none of it may ever appear.
    ids.swa = await idOf('organisation', 'swa');
    const [area] = await sql<{ id: string }>(`SELECT id FROM area WHERE level = 'NEIGHBOURHOOD' ORDER BY slug LIMIT 1`);
    const [person] = await sql<{ id: string }>(
      `INSERT INTO key_person (name, organisation_id, phone, email, notes, role_description) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [KEY_PERSON.name, ids.swa, KEY_PERSON.phone, KEY_PERSON.email, KEY_PERSON.notes, KEY_PERSON.roleDescription],
    );
    await sql(`INSERT INTO key_person_area (key_person_id, area_id) VALUES ($1, $2)`, [person.id, area.id]);

    // Data the seed lacks, so that every mapping path is validated: an organisation without a
    // description, contact details, an address, languages, cost, an area boundary and a service without a provider.
    const [bare] = await sql<{ id: string }>(
      `INSERT INTO organisation (slug, name, sector, description) VALUES ('hsds-test-zonder-beschrijving', 'Testorganisatie zonder beschrijving', 'OTHER', NULL) RETURNING id`,
    );
    ids.bareOrganisation = bare.id;
    await sql(
      `UPDATE organisation SET website = 'https://www.swa-amersfoort.nl/ouderen', email = 'info@swa-amersfoort.nl', phone = '033 123 45 67',
              funding_streams = '{Wmo,Subsidie gemeente}' WHERE id = $1`,
      [ids.swa],
    );
    ids.badContacts = await idOf('organisation', 'hogeschool-utrecht');
    await sql(`UPDATE organisation SET website = 'www.hu.nl', email = 'geen e-mailadres' WHERE id = $1`, [ids.badContacts]);

    const [linked] = await sql<{ location_id: string; service_id: string; id: string }>(
      `SELECT id, location_id, service_id FROM service_location ORDER BY id LIMIT 1`,
    );
    ids.addressLocation = linked.location_id;
    ids.addressServiceAtLocation = linked.id;
    await sql(
      `UPDATE location SET address = 'Neptunusplein 1', postcode = '3814 BN', city = 'Amersfoort', latitude = 52.1652, longitude = 5.4025,
              accessibility = 'Rolstoeltoegankelijk, lift aanwezig' WHERE id = $1`,
      [linked.location_id],
    );
    ids.richService = linked.service_id;
    await sql(
      `UPDATE service SET languages = '{nl,Turks}', cost = 'Gratis', requires_indication = false, min_age = 55, max_age = 120,
              last_verified_at = '2024-05-01T10:00:00Z' WHERE id = $1`,
      [linked.service_id],
    );
    await sql(
      `UPDATE area SET boundary = '{"type":"Polygon","coordinates":[[[5.40,52.16],[5.41,52.16],[5.41,52.17],[5.40,52.16]]]}'
        WHERE id IN (SELECT area_id FROM service_area ORDER BY id LIMIT 1)`,
    );
    // The seed links one service to a location; link a dozen more so that service_at_locations spans pages.
    await sql(
      `INSERT INTO service_location (service_id, location_id, description)
       SELECT s.id, l.id, CASE WHEN s.rn % 2 = 0 THEN 'Wekelijks op dinsdagochtend' END
         FROM (SELECT id, row_number() OVER (ORDER BY name) AS rn FROM service) s
         JOIN (SELECT id, row_number() OVER (ORDER BY name) AS rn FROM location) l ON l.rn = s.rn
        WHERE s.rn <= 12
       ON CONFLICT DO NOTHING`,
    );
    const orphans = await sql<{ id: string }>(`SELECT id FROM service WHERE organisation_id IS NULL ORDER BY name LIMIT 1`);
    if (orphans.length > 0) ids.orphanService = orphans[0].id;
    else {
      // The seed gives every service with partners a provider; make one provider-less here.
      ids.orphanService = await idOf('service', 'eetclub');
      await sql(`DELETE FROM service_partner WHERE service_id = $1`, [ids.orphanService]);
      await sql(`UPDATE service SET organisation_id = NULL WHERE id = $1`, [ids.orphanService]);
    }
  });
  afterAll(() => t?.close());

  it('validates the official HSDS examples with the same validators (the validator set-up is sound)', () => {
    expectValid(v.organization, readJson('examples/organization_full.json'), 'example organization_full');
    expectValid(v.service, readJson('examples/service_full.json'), 'example service_full');
    expectValid(v.serviceAtLocation, readJson('examples/service_at_location_full.json'), 'example service_at_location_full');
    expectValid(v.servicePage, readJson('examples/service_list.json'), 'example service_list');
    expectValid(v.organizationPage, readJson('examples/organization_list.json'), 'example organization_list');
    expectValid(v.serviceAtLocationPage, readJson('examples/service_at_location_list.json'), 'example service_at_location_list');
    expectValid(v.taxonomyPage, readJson('examples/taxonomy_list.json'), 'example taxonomy_list');
    expectValid(v.taxonomyTermPage, readJson('examples/taxonomy_term_list.json'), 'example taxonomy_term_list');
    expectValid(v.apiInfo, readJson('examples/base.json'), 'example base');
    // And they reject what they must: a service without a status.
    expect(v.service({ id: '6f0a6f35-3c1e-4a7f-9d63-1f3c5c0f2a11', name: 'x' })).toBe(false);
  });

  it('GET /hsds/ describes the API', async () => {
    const info = await ok('/');
    expectValid(v.apiInfo, info, '/hsds/');
    expect(info.version).toBe('3.0');
    expect(info.openapi_url).toBe(`${t.url}/hsds/openapi.json`);
    expect(await (await fetch(`${t.url}/hsds`)).json()).toEqual(info);
    const document = (await (await fetch(info.openapi_url)).json()) as { openapi: string };
    expect(document.openapi).toMatch(/^3\./);
  });

  it('pages through ALL services; every page and every service validates; pages partition the set', async () => {
    const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM service`);
    expect(count).toBe(39);
    const { pages, items } = await allPages('/services', 7, v.servicePage);
    expect(pages[0].total_items).toBe(count);
    expect(pages).toHaveLength(Math.ceil(count / 7));
    for (const [index, page] of pages.entries()) {
      expect(page.page_number).toBe(index + 1);
      expect(page.total_pages).toBe(pages.length);
      expect(page.size).toBe(page.contents.length);
      expect(page.size).toBeLessThanOrEqual(7);
      expect(page.first_page).toBe(index === 0);
      expect(page.last_page).toBe(index === pages.length - 1);
      expect(page.empty).toBe(false);
    }
    const listed = items.map((item) => item.id);
    expect(new Set(listed).size).toBe(listed.length);
    const all = (await sql<{ id: string }>(`SELECT id FROM service`)).map((row) => row.id);
    expect([...listed].sort()).toEqual([...all].sort());

    for (const id of listed) {
      const service = await ok(`/services/${id}`);
      expectValid(v.service, service, `/services/${id}`);
      expect(service.id).toBe(id);
    }

    const full = await allPages('/services', 20, v.serviceFullPage, '&full=true');
    expect(full.items.map((item) => item.id)).toEqual(listed);
    const minimal = await ok('/services?minimal=true&per_page=100');
    expectValid(v.serviceMinimalPage, minimal, '/services?minimal=true');
    expect(minimal.contents.map((item: any) => item.id)).toEqual(listed);
  });

  it('pages through ALL organizations; every page and every organization validates', async () => {
    const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM organisation`);
    expect(count).toBe(92); // 91 from the seed + the one without a description
    const { pages, items } = await allPages('/organizations', 25, v.organizationPage);
    expect(pages[0].total_items).toBe(count);
    expect(pages.map((page) => page.size)).toEqual([25, 25, 25, 17]);
    const listed = items.map((item) => item.id);
    const all = (await sql<{ id: string }>(`SELECT id FROM organisation`)).map((row) => row.id);
    expect(new Set(listed).size).toBe(count);
    expect([...listed].sort()).toEqual([...all].sort());

    for (const id of listed) {
      const organization = await ok(`/organizations/${id}`);
      expectValid(v.organization, organization, `/organizations/${id}`);
    }
    await allPages('/organizations', 50, v.organizationFullPage, '&full=true');
    await allPages('/organizations', 50, v.organizationFullPage, '&full_service=true');
    const swa = await ok(`/organizations/${ids.swa}?full_service=true`);
    expectValid(v.organization, swa, 'swa with full services');
    expect(swa.services.length).toBeGreaterThan(0);
    expect(swa.services.some((service: any) => Array.isArray(service.attributes))).toBe(true);
  });

  it('pages through ALL service_at_locations; every one validates', async () => {
    const [{ count }] = await sql<{ count: number }>(`SELECT count(*)::int AS count FROM service_location`);
    expect(count).toBeGreaterThanOrEqual(12);
    const { pages, items } = await allPages('/service_at_locations', 3, v.serviceAtLocationPage);
    expect(pages[0].total_items).toBe(count);
    expect(new Set(items.map((item) => item.id)).size).toBe(count);
    for (const item of items) {
      expect(item.service.id).toBe(item.service_id);
      expect(item.location.id).toBe(item.location_id);
      const single = await ok(`/service_at_locations/${item.id}`);
      expectValid(v.serviceAtLocation, single, `/service_at_locations/${item.id}`);
    }
    await allPages('/service_at_locations', 50, v.serviceAtLocationFullPage, '&full=true');
  });

  it('publishes target groups and intervention types (under the basic functions) as taxonomy terms', async () => {
    const taxonomies = await ok('/taxonomies');
    expectValid(v.taxonomyPage, taxonomies, '/taxonomies');
    expect(taxonomies.contents.map((taxonomy: any) => taxonomy.id).sort()).toEqual([TARGET_GROUP_TAXONOMY_ID, INTERVENTION_TAXONOMY_ID].sort());
    for (const taxonomy of taxonomies.contents) expectValid(v.taxonomy, await ok(`/taxonomies/${taxonomy.id}`), `/taxonomies/${taxonomy.id}`);
    const searched = await ok('/taxonomies?search=doelgroepen');
    expect(searched.contents.map((taxonomy: any) => taxonomy.id)).toEqual([TARGET_GROUP_TAXONOMY_ID]);

    const { pages, items } = await allPages('/taxonomy_terms', 40, v.taxonomyTermPage);
    expect(pages[0].total_items).toBe(21 + 10 + 63);
    const byId = new Map(items.map((term) => [term.id, term]));
    expect(byId.size).toBe(94);
    for (const term of items) {
      if (term.parent_id) expect(byId.get(term.parent_id)?.taxonomy_id).toBe(term.taxonomy_id);
      const single = await ok(`/taxonomy_terms/${term.id}`);
      expectValid(v.taxonomyTerm, single, `/taxonomy_terms/${term.id}`);
      expect(single).toEqual(term);
    }
    const targetGroups = await ok(`/taxonomy_terms?taxonomy_id=${TARGET_GROUP_TAXONOMY_ID}&per_page=100`);
    expect(targetGroups.total_items).toBe(21);
    const [fn] = await sql<{ id: string; n: number }>(
      `SELECT bf.id, (SELECT count(*)::int FROM intervention_type it WHERE it.basic_function_id = bf.id AND it.parent_id IS NULL) AS n
         FROM basic_function bf ORDER BY 2 DESC LIMIT 1`,
    );
    const children = await ok(`/taxonomy_terms?parent_id=${fn.id}&per_page=100`);
    expect(children.total_items).toBe(fn.n);
    const top = await ok(`/taxonomy_terms?top_only=true&taxonomy_id=${INTERVENTION_TAXONOMY_ID}&per_page=100`);
    expect(top.contents.every((term: any) => term.parent_id === undefined)).toBe(true);
    expect(top.contents.map((term: any) => term.id)).toContain(fn.id);
    const search = await ok('/taxonomy_terms?search=ouderen');
    expect(search.contents.some((term: any) => term.code === 'kwetsbare-ouderen-sociaal-isolement')).toBe(true);
  });

  it('maps the fields as documented (status, attributes, provider-less services, required fields we lack)', async () => {
    // A service without a provider is exported without organization_id / organization, and validates.
    const orphan = await ok(`/services/${ids.orphanService}`);
    expectValid(v.service, orphan, 'provider-less service');
    expect(orphan.organization_id).toBeUndefined();
    expect(orphan.organization).toBeUndefined();
    const listed = await ok('/services?per_page=100');
    expect(listed.contents.map((service: any) => service.id)).toContain(ids.orphanService);

    // An organisation without a description: "" (required by the schema), nothing invented.
    const bare = await ok(`/organizations/${ids.bareOrganisation}`);
    expectValid(v.organization, bare, 'organisation without description');
    expect(bare.description).toBe('');

    const swa = await ok(`/organizations/${ids.swa}`);
    expect(swa.website).toBe('https://www.swa-amersfoort.nl/ouderen');
    expect(swa.email).toBe('info@swa-amersfoort.nl');
    expect(swa.phones).toEqual([expect.objectContaining({ number: '033 123 45 67', organization_id: ids.swa })]);
    expect(swa.funding.map((funding: any) => funding.source)).toEqual(['Wmo', 'Subsidie gemeente']);
    expect((await ok(`/organizations/${ids.swa}`)).phones[0].id).toBe(swa.phones[0].id); // derived ids are stable
    const hu = await ok(`/organizations/${ids.badContacts}`);
    expect(hu.website).toBeUndefined(); // "www.hu.nl" is no URI: left out rather than guessed
    expect(hu.email).toBeUndefined();
    expect(hu.alternate_name).toBe('HU');

    const rich = await ok(`/services/${ids.richService}`);
    expect(rich).toMatchObject({
      fees_description: 'Gratis',
      application_process: 'Toegankelijk zonder indicatie.',
      minimum_age: 55,
      maximum_age: 120,
      assured_date: '2024-05-01',
    });
    expect(rich.languages.map((language: any) => [language.name, language.code])).toEqual([
      ['nl', 'nl'],
      ['Turks', undefined],
    ]);
    const atLocation = rich.service_at_locations.find((item: any) => item.location_id === ids.addressLocation);
    expect(atLocation.location).toMatchObject({ location_type: 'physical', latitude: 52.1652, longitude: 5.4025 });
    expect(atLocation.location.addresses).toEqual([
      expect.objectContaining({ address_1: 'Neptunusplein 1', postal_code: '3814 BN', city: 'Amersfoort', country: 'NL', state_province: '', address_type: 'physical' }),
    ]);
    expect(atLocation.location.accessibility[0].description).toBe('Rolstoeltoegankelijk, lift aanwezig');
    const withBoundary = await ok('/services?full=true&per_page=100');
    const areas = withBoundary.contents.flatMap((service: any) => service.service_areas);
    expect(areas.some((area: any) => area.extent_type === 'geojson' && JSON.parse(area.extent).type === 'Polygon')).toBe(true);

    // Status values, and target groups / intervention types as attributes.
    const statuses = await sql<{ id: string; status: string }>(`SELECT id, status FROM service`);
    const expected: Record<string, string> = { ACTIVE: 'active', INACTIVE: 'inactive', DEFUNCT: 'defunct', TEMPORARILY_CLOSED: 'temporarily closed' };
    const byId = new Map(withBoundary.contents.map((service: any) => [service.id, service]));
    for (const row of statuses) expect((byId.get(row.id) as any).status).toBe(expected[row.status]);
    expect(statuses.some((row) => row.status === 'DEFUNCT')).toBe(true);

    const links = await sql<{ service_id: string; id: string; target_group_id: string }>(`SELECT id, service_id, target_group_id FROM service_target_group`);
    for (const link of links) {
      const attribute = (byId.get(link.service_id) as any).attributes.find((a: any) => a.id === link.id);
      expect(attribute).toMatchObject({ link_id: link.service_id, link_entity: 'service', link_type: 'audience', taxonomy_term_id: link.target_group_id });
      expect(attribute.taxonomy_term.taxonomy_id).toBe(TARGET_GROUP_TAXONOMY_ID);
    }
    const interventions = await sql<{ service_id: string; id: string }>(`SELECT id, service_id FROM service_intervention_type`);
    expect(interventions.length).toBeGreaterThan(0);
    for (const link of interventions) {
      const attribute = (byId.get(link.service_id) as any).attributes.find((a: any) => a.id === link.id);
      expect(attribute).toMatchObject({ link_type: 'intervention', link_entity: 'service' });
      expect(attribute.taxonomy_term.taxonomy_id).toBe(INTERVENTION_TAXONOMY_ID);
    }
  });

  describe('filters', () => {
    const serviceIds = async (query: string) => {
      const body = await ok(`/services?per_page=100&${query}`);
      expectValid(v.servicePage, body, `/services?${query}`);
      expect(body.total_items).toBe(body.contents.length);
      return body.contents.map((service: any) => service.id) as string[];
    };

    it('search "ouderen" finds the elderly services (Dutch full text)', async () => {
      const found = await serviceIds('search=ouderen');
      for (const slug of ['vriendschapsbemiddeling-55plus', 'sensor', 'asis']) expect(found).toContain(await idOf('service', slug));
      expect(found).not.toContain(await idOf('service', 'coach-en-cootje'));
      expect(await serviceIds('search=ouderen%20-sensor')).not.toContain(await idOf('service', 'sensor'));
      const organizations = await ok('/organizations?search=ouderen&per_page=100');
      expectValid(v.organizationPage, organizations, '/organizations?search=ouderen');
      expect(organizations.total_items).toBeGreaterThan(0);
    });

    it('taxonomy_term_id of a target group returns exactly the services linked to it', async () => {
      const [group] = await sql<{ id: string }>(`SELECT id FROM target_group WHERE code = 'kwetsbare-ouderen-sociaal-isolement'`);
      const linked = (await sql<{ service_id: string }>(`SELECT service_id FROM service_target_group WHERE target_group_id = $1`, [group.id])).map(
        (row) => row.service_id,
      );
      expect(linked.length).toBeGreaterThan(3);
      expect((await serviceIds(`taxonomy_term_id=${group.id}`)).sort()).toEqual(linked.sort());

      const locations = await ok(`/service_at_locations?per_page=100&taxonomy_term_id=${group.id}`);
      expectValid(v.serviceAtLocationPage, locations, 'service_at_locations by term');
      for (const item of locations.contents) expect(linked).toContain(item.service_id);
    });

    it('taxonomy_term_id of a basic function includes the services of its intervention types; taxonomy_id any term', async () => {
      const [link] = await sql<{ service_id: string; basic_function_id: string }>(
        `SELECT sit.service_id, it.basic_function_id FROM service_intervention_type sit JOIN intervention_type it ON it.id = sit.intervention_type_id
          WHERE it.basic_function_id IS NOT NULL AND it.parent_id IS NULL LIMIT 1`,
      );
      expect(await serviceIds(`taxonomy_term_id=${link.basic_function_id}`)).toContain(link.service_id);
      const withGroup = (await sql<{ service_id: string }>(`SELECT DISTINCT service_id FROM service_target_group`)).map((row) => row.service_id);
      expect((await serviceIds(`taxonomy_id=${TARGET_GROUP_TAXONOMY_ID}`)).sort()).toEqual(withGroup.sort());
      expect(await serviceIds('taxonomy_id=00000000-0000-4000-8000-000000000000')).toEqual([]);
    });

    it('organization_id returns the services the organisation provides', async () => {
      const provided = (await sql<{ id: string }>(`SELECT id FROM service WHERE organisation_id = $1`, [ids.swa])).map((row) => row.id);
      expect(provided.length).toBeGreaterThan(0);
      expect((await serviceIds(`organization_id=${ids.swa}`)).sort()).toEqual(provided.sort());
      const atLocations = await ok(`/service_at_locations?per_page=100&organization_id=${ids.swa}`);
      for (const item of atLocations.contents) expect(item.service.organization_id).toBe(ids.swa);
    });

    it('modified_after: in the future none, in the past all', async () => {
      expect(await serviceIds('modified_after=2999-01-01T00:00:00Z')).toEqual([]);
      expect(await serviceIds('modified_after=2000-01-01T00:00:00%2B02:00')).toHaveLength(39);
      expect(await serviceIds('modified_after=2000-01-01')).toHaveLength(39);
      const atLocations = await ok('/service_at_locations?modified_after=2999-01-01T00:00:00Z');
      expect(atLocations.total_items).toBe(0);
    });
  });

  it('a page past the end is empty; per_page limits the page; the defaults are page 1 of 50', async () => {
    const past = await ok('/services?page=99&per_page=10');
    expectValid(v.servicePage, past, 'page past the end');
    expect(past).toEqual({ total_items: 39, total_pages: 4, page_number: 99, size: 0, first_page: false, last_page: true, empty: true, contents: [] });
    const defaults = await ok('/organizations');
    expect(defaults).toMatchObject({ page_number: 1, size: 50, total_pages: 2, first_page: true, last_page: false });
    const one = await ok('/services?per_page=1&page=2');
    expect(one.size).toBe(1);
    expect(one.total_pages).toBe(39);
    const none = await ok('/services?search=zzzqqqxxx');
    expect(none).toMatchObject({ total_items: 0, total_pages: 0, size: 0, empty: true, contents: [] });
  });

  it('answers bad input with 400 BAD_USER_INPUT naming the parameter, unknown ids with 404 NOT_FOUND', async () => {
    const bad: Array<[string, string]> = [
      ['/services?page=0', 'page'],
      ['/services?page=-1', 'page'],
      ['/services?page=abc', 'page'],
      ['/services?per_page=1000', 'per_page'],
      ['/services?per_page=0', 'per_page'],
      ['/services?per_page=2.5', 'per_page'],
      ['/services?page=1&page=2', 'page'],
      ['/services?modified_after=yesterday', 'modified_after'],
      ['/services?modified_after=2024-02-30T00:00:00Z', 'modified_after'],
      ['/services?modified_after=2024-13-01', 'modified_after'],
      ['/services?taxonomy_term_id=ouderen', 'taxonomy_term_id'],
      ['/services?organization_id=1', 'organization_id'],
      ['/services?taxonomy_id=x', 'taxonomy_id'],
      ['/services?full=yes', 'full'],
      ['/services?format=ndjson', 'format'],
      ['/services?minimal=true&full=true', 'minimal'],
      [`/services?search=${'a'.repeat(201)}`, 'search'],
      ['/services/not-a-uuid', 'id'],
      ['/organizations/123', 'id'],
      ['/organizations?per_page=101', 'per_page'],
      ['/service_at_locations/x', 'id'],
      ['/service_at_locations?postcode=3814BN', 'postcode'],
      ['/taxonomies/x', 'id'],
      ['/taxonomy_terms/x', 'id'],
      ['/taxonomy_terms?parent_id=x', 'parent_id'],
      ['/taxonomy_terms?top_only=1', 'top_only'],
    ];
    for (const [url, field] of bad) {
      const result = await get(url);
      expect([url, result.status]).toEqual([url, 400]);
      expect(result.body).toEqual({ error: { code: 'BAD_USER_INPUT', field, message: expect.any(String) } });
    }
    // Several bad parameters: one 400 naming each, the first as `field`.
    expect((await get('/services?page=0&full=yes&taxonomy_id=x')).body).toEqual({
      error: { code: 'BAD_USER_INPUT', field: 'taxonomy_id', message: '"taxonomy_id" must be a UUID; "page" must be a whole number of at least 1; "full" must be true or false' },
    });
    const unknown = '6f0a6f35-3c1e-4a7f-9d63-1f3c5c0f2a11';
    for (const endpoint of ['services', 'organizations', 'service_at_locations', 'taxonomies', 'taxonomy_terms']) {
      const result = await get(`/${endpoint}/${unknown}`);
      expect([endpoint, result.status]).toEqual([endpoint, 404]);
      expect(result.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
    // Malformed escapes and unknown paths never answer 500.
    expect((await get('/services/%E0%A4%A')).status).toBe(400);
    expect((await get('/locations')).body.error.code).toBe('NOT_FOUND');
  });

  it('runs the same number of SQL statements for per_page=5 and per_page=50', async () => {
    const counts: Record<string, [number, number]> = {};
    for (const endpoint of ['/services?', '/services?full=true&', '/organizations?full_service=true&', '/service_at_locations?full=true&', '/service_at_locations?', '/taxonomy_terms?']) {
      const small = await get(`${endpoint}per_page=5`);
      const large = await get(`${endpoint}per_page=50`);
      expect(small.status).toBe(200);
      expect(large.body.size).toBeGreaterThanOrEqual(small.body.size);
      counts[endpoint] = [small.sqlStatements, large.sqlStatements];
    }
    for (const [endpoint, [small, large]] of Object.entries(counts)) {
      expect([endpoint, small]).toEqual([endpoint, large]);
      expect(small).toBeGreaterThan(0);
      expect(small).toBeLessThanOrEqual(9); // the full shapes read their schedules and phones in one more statement
    }
    expect(counts['/services?'][0]).toBe(3); // count, page, organisations
    // Single records are bounded too.
    expect((await get(`/services/${ids.richService}`)).sqlStatements).toBeLessThanOrEqual(7);
  });

  it('answers an unexpected failure with 500 and a generic message (no internals), logged through the app logger', async () => {
    await t.db.asOwner(`ALTER TABLE basic_function RENAME TO basic_function_hidden`);
    try {
      const result = await get('/taxonomy_terms');
      expect(result.status).toBe(500);
      expect(result.body).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', correlationId: expect.any(String) } });
      expect(result.text).not.toMatch(/basic_function|does not exist|SELECT |QueryFailedError/);
      const { correlationId } = (result.body as { error: { correlationId: string } }).error;
      const logged = t.logLines.map((line) => JSON.parse(line)).find((entry) => entry.correlationId === correlationId);
      expect(logged).toMatchObject({ level: 50, msg: 'hsds: unhandled error', err: { message: expect.stringMatching(/basic_function/) } });
      // The error as serializeError logs it: type, code, message, stack — not the statement's parameters.
      expect(Object.keys(logged.err).sort()).toEqual(expect.arrayContaining(['message', 'type']));
      expect(logged.err).not.toHaveProperty('parameters');
    } finally {
      await t.db.asOwner(`ALTER TABLE basic_function_hidden RENAME TO basic_function`);
    }
    expect((await get('/taxonomy_terms')).status).toBe(200);
  });

  it('serves an OpenAPI 3 document listing exactly the served paths', async () => {
    const result = await get('/openapi.json');
    expect(result.status).toBe(200);
    const document = JSON.parse(result.text);
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.servers).toEqual([{ url: '/hsds' }]);
    expect(Object.keys(document.paths).sort()).toEqual([...SERVED_PATHS].sort());
    expect(Object.keys(document.paths).join(' ')).not.toMatch(/key|person|contact/i);
    const perPage = document.components.parameters.per_page;
    expect(perPage.schema).toMatchObject({ minimum: 1, maximum: 100, default: 50 });
    // Every documented operation is served (ids from the data).
    const sample: Record<string, string> = {
      '/services/{id}': ids.richService,
      '/organizations/{id}': ids.swa,
      '/service_at_locations/{id}': ids.addressServiceAtLocation,
      '/taxonomies/{id}': TARGET_GROUP_TAXONOMY_ID,
      '/taxonomy_terms/{id}': (await sql<{ id: string }>(`SELECT id FROM target_group LIMIT 1`))[0].id,
    };
    for (const documented of Object.keys(document.paths)) {
      const url = documented.includes('{id}') ? documented.replace('{id}', sample[documented]) : documented;
      const operation = document.paths[documented].get ?? document.paths[documented].post;
      if (documented === '/taxonomy_mappings') {
        // The curator's mapping (admins): served, and closed to anonymous callers.
        expect([documented, (await get(url)).status, (await fetch(`${t.url}/hsds${url}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '[]' })).status]).toEqual([documented, 401, 401]);
      } else if (document.paths[documented].get) expect([documented, (await get(url)).status]).toEqual([documented, 200]);
      else {
        // The import endpoints (POST, admins): served, and closed to anonymous callers.
        const response = await fetch(`${t.url}/hsds${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect([documented, response.status]).toEqual([documented, 401]);
      }
      for (const parameter of operation.parameters ?? []) {
        if (parameter.$ref) expect(document.components.parameters[parameter.$ref.split('/').pop()]).toBeDefined();
      }
    }
  });

  it('never publishes key person data, and has no key person endpoint', async () => {
    // Crawl every endpoint and variant once more (on top of everything fetched above).
    for (const query of ['/services?per_page=100&full=true', '/organizations?per_page=100&full_service=true', '/service_at_locations?per_page=100&full=true', '/taxonomy_terms?per_page=100', '/taxonomies']) {
      const body = await ok(query);
      for (const item of body.contents) {
        const endpoint = query.split('?')[0];
        await ok(`${endpoint}/${item.id}${endpoint === '/organizations' ? '?full_service=true' : ''}`);
      }
    }
    for (const endpoint of ['/key_persons', '/key_people', '/keypersons', '/contacts', '/persons', `/key_persons/${ids.swa}`]) {
      const result = await get(endpoint);
      expect([endpoint, result.status]).toEqual([endpoint, 404]);
    }

    const rows = await sql<Record<string, unknown>>(`SELECT id, name, email, phone, notes, role_description FROM key_person`);
    const areaLinks = await sql<{ id: string }>(`SELECT id FROM key_person_area`);
    const secrets = [...rows.flatMap((row) => Object.values(row)), ...areaLinks.map((row) => row.id)].filter(
      (value): value is string => typeof value === 'string' && value.length > 0,
    );
    expect(secrets).toEqual(expect.arrayContaining(Object.values(KEY_PERSON)));
    expect(bodies.length).toBeGreaterThan(500);
    for (const body of bodies) {
      const lower = body.toLowerCase();
      for (const secret of secrets) {
        if (lower.includes(secret.toLowerCase())) throw new Error(`A response contains key person data "${secret}": ${body.slice(0, 200)}`);
      }
    }
  });

  // Last: it archives records, which the counts above do not expect.
  it('leaves archived records out: lists, single endpoints (404), nested relations, taxonomy terms and references', async () => {
    const archive = (table: string, id: string) => sql(`UPDATE "${table}" SET archived_at = now() WHERE id = $1`, [id]);
    // An organisation that provides services and is the parent of another; a service with a location; a location; terms in use.
    const [parentLink] = await sql<{ id: string; parent_id: string }>(`SELECT id, parent_id FROM organisation WHERE parent_id IS NOT NULL LIMIT 1`);
    const provider = parentLink
      ? parentLink.parent_id
      : (await sql<{ organisation_id: string }>(`SELECT organisation_id FROM service WHERE organisation_id IS NOT NULL LIMIT 1`))[0].organisation_id;
    let child = parentLink?.id;
    if (!child) {
      child = ids.bareOrganisation;
      await sql(`UPDATE organisation SET parent_id = $1 WHERE id = $2`, [provider, child]);
    }
    if ((await sql(`SELECT 1 FROM service WHERE organisation_id = $1`, [provider])).length === 0) {
      await sql(`UPDATE service SET organisation_id = $1 WHERE id = (SELECT id FROM service WHERE organisation_id IS NOT NULL AND id <> $2 ORDER BY name LIMIT 1)`, [
        provider,
        ids.richService,
      ]);
    }
    const providedServices = (await sql<{ id: string }>(`SELECT id FROM service WHERE organisation_id = $1 AND id <> $2`, [provider, ids.richService])).map((row) => row.id);
    const [atLocation] = await sql<{ id: string; service_id: string; location_id: string }>(
      `SELECT id, service_id, location_id FROM service_location WHERE service_id <> $1 AND location_id <> $2 ORDER BY id LIMIT 1`,
      [ids.richService, ids.addressLocation],
    );
    const [group] = await sql<{ id: string }>(`SELECT target_group_id AS id FROM service_target_group ORDER BY id LIMIT 1`);
    const [type] = await sql<{ id: string }>(`SELECT intervention_type_id AS id FROM service_intervention_type ORDER BY id LIMIT 1`);
    // A parent intervention type that gets archived: its child hangs from its basic function in the export.
    const [childType] = await sql<{ id: string; basic_function_id: string }>(
      `SELECT id, basic_function_id FROM intervention_type WHERE id <> $1 AND basic_function_id IS NOT NULL ORDER BY code LIMIT 1`,
      [type.id],
    );
    const [parentType] = await sql<{ id: string }>(`SELECT id FROM intervention_type WHERE id NOT IN ($1, $2) ORDER BY code LIMIT 1`, [type.id, childType.id]);
    await sql(`UPDATE intervention_type SET parent_id = $1 WHERE id = $2`, [parentType.id, childType.id]);
    // Before: all of it is published.
    expect(providedServices.length).toBeGreaterThan(0);
    expect((await ok(`/taxonomy_terms/${childType.id}`)).parent_id).toBe(parentType.id);
    expect((await ok(`/organizations/${child}`)).parent_organization_id).toBe(provider);
    expect((await ok(`/services/${providedServices[0]}`)).organization_id).toBe(provider);
    expect((await get(`/service_at_locations/${atLocation.id}`)).status).toBe(200);
    expect((await ok(`/services/${atLocation.service_id}`)).service_at_locations.map((item: any) => item.location_id)).toContain(atLocation.location_id);

    await archive('organisation', provider);
    await archive('service', ids.richService);
    await archive('location', atLocation.location_id);
    await archive('target_group', group.id);
    await archive('intervention_type', type.id);
    await archive('intervention_type', parentType.id);
    try {
      for (const [endpoint, id] of [
        ['organizations', provider],
        ['services', ids.richService],
        ['service_at_locations', atLocation.id],
        ['taxonomy_terms', group.id],
        ['taxonomy_terms', type.id],
      ]) {
        const result = await get(`/${endpoint}/${id}`);
        expect([endpoint, result.status, result.body?.error?.code]).toEqual([endpoint, 404, 'NOT_FOUND']);
      }
      const organizations = await allPages('/organizations', 100, v.organizationFullPage, '&full_service=true');
      expect(organizations.items.map((item) => item.id)).not.toContain(provider);
      const childOrganization = organizations.items.find((item) => item.id === child);
      expect(childOrganization.parent_organization_id).toBeUndefined();
      expectValid(v.organization, await ok(`/organizations/${child}?full_service=true`), 'child of an archived organisation');

      const services = await allPages('/services', 100, v.serviceFullPage, '&full=true');
      expect(services.items.map((item) => item.id)).not.toContain(ids.richService);
      for (const id of providedServices) {
        // Still published (the service is current), but without a reference to the archived provider.
        const service = services.items.find((item) => item.id === id);
        expect(service).toBeDefined();
        expect(service.organization_id).toBeUndefined();
        expect(service.organization).toBeUndefined();
        expectValid(v.service, await ok(`/services/${id}`), 'service of an archived provider');
      }
      const listed = await allPages('/services', 100, v.servicePage);
      expect(listed.items.map((item) => item.id)).not.toContain(ids.richService);
      for (const id of providedServices) expect(listed.items.find((item) => item.id === id).organization_id).toBeUndefined();
      const all = JSON.stringify(services.items);
      expect(all).not.toContain(atLocation.location_id);
      expect(all).not.toContain(`"taxonomy_term_id":"${group.id}"`);
      expect(all).not.toContain(`"taxonomy_term_id":"${type.id}"`);
      expect(all).not.toContain(provider);

      expect((await ok(`/services/${atLocation.service_id}`)).service_at_locations.map((item: any) => item.location_id)).not.toContain(atLocation.location_id);
      const atLocations = await allPages('/service_at_locations', 100, v.serviceAtLocationFullPage, '&full=true');
      expect(atLocations.items.map((item) => item.id)).not.toContain(atLocation.id);
      for (const item of atLocations.items) {
        expect(item.service_id).not.toBe(ids.richService);
        expect(item.location_id).not.toBe(atLocation.location_id);
      }

      const terms = await allPages('/taxonomy_terms', 100, v.taxonomyTermPage);
      const termIds = terms.items.map((item) => item.id);
      for (const id of [group.id, type.id, parentType.id]) expect(termIds).not.toContain(id);
      expect(terms.items.find((item) => item.id === childType.id).parent_id).toBe(childType.basic_function_id);
      expect(terms.pages[0].total_items).toBe(21 + 10 + 63 - 3);
      const byTaxonomy = await ok(`/services?per_page=100&taxonomy_id=${TARGET_GROUP_TAXONOMY_ID}`);
      for (const service of byTaxonomy.contents) expect(service.id).not.toBe(ids.richService);
    } finally {
      await sql(`UPDATE organisation SET archived_at = NULL WHERE id = $1`, [provider]);
      await sql(`UPDATE service SET archived_at = NULL WHERE id = $1`, [ids.richService]);
      await sql(`UPDATE location SET archived_at = NULL WHERE id = $1`, [atLocation.location_id]);
      await sql(`UPDATE target_group SET archived_at = NULL WHERE id = $1`, [group.id]);
      await sql(`UPDATE intervention_type SET archived_at = NULL WHERE id = ANY($1::uuid[])`, [[type.id, parentType.id]]);
    }
    expect((await get(`/services/${ids.richService}`)).status).toBe(200);
    expect((await get(`/organizations/${provider}`)).status).toBe(200);
  });
});
