import { stringify } from 'csv-stringify/sync';
import type { EntityManager } from 'typeorm';
import type { HsdsPage } from './hsds.mapping';
import { type PageParams, listOrganizations, listServiceAtLocations, listServices, listTaxonomies, listTaxonomyTerms } from './hsds.service';
import { type JsonSchema, hsdsSchemas } from './hsds.import.schemas';

/*
 * The bulk publication (GET /hsds/export.json, /hsds/export/csv, /hsds/export.zip): everything
 * the read API publishes — public data only, the same objects as the full endpoints — at once.
 * - JSON: one publication document { organizations, services, service_at_locations, taxonomies,
 *   taxonomy_terms }, each list complete and fully nested (what POST /hsds/import takes).
 * - CSV: the HSDS tabular data package: one file per table with the official columns in the
 *   official order (TABLES), nested objects flattened into their tables with the id of the record
 *   they belong to, and a datapackage.json describing them; as JSON (file name → content, what
 *   POST /hsds/import/csv takes) or as a zip of the files.
 */

const PAGE_SIZE = 100;

async function everyPage<T>(read: (page: PageParams) => Promise<HsdsPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await read({ page, perPage: PAGE_SIZE });
    items.push(...result.contents);
    if (result.last_page || result.contents.length === 0) return items;
  }
}

export interface HsdsPublication {
  organizations: any[];
  services: any[];
  service_at_locations: any[];
  taxonomies: any[];
  taxonomy_terms: any[];
}

export async function exportPublication(manager: EntityManager): Promise<HsdsPublication> {
  return {
    organizations: await everyPage((page) => listOrganizations(manager, {}, page, { full: true, fullService: false })),
    services: await everyPage((page) => listServices(manager, {}, page, { full: true, minimal: false })),
    service_at_locations: await everyPage((page) => listServiceAtLocations(manager, {}, page, { full: true })),
    taxonomies: await everyPage((page) => listTaxonomies(manager, {}, page)),
    taxonomy_terms: await everyPage((page) => listTaxonomyTerms(manager, {}, page)),
  };
}

/** The tables of the package, with the official columns in their order (as in the specification's examples/csv). */
export const TABLES: Record<string, readonly string[]> = {
  'organizations.csv': ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
  'services.csv': [
    'id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process',
    'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email',
    'licenses', 'alert', 'last_modified',
  ],
  'locations.csv': [
    'id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier',
    'external_identifier_type',
  ],
  'service_at_location.csv': ['id', 'service_id', 'location_id', 'description'],
  'taxonomies.csv': ['id', 'name', 'description', 'uri', 'version'],
  'taxonomy_terms.csv': ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
  'attributes.csv': ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'],
  'addresses.csv': ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
  'phones.csv': ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
  'schedules.csv': [
    'id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval',
    'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes',
  ],
  'funding.csv': ['id', 'organization_id', 'service_id', 'source'],
  'languages.csv': ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
  'accessibility.csv': ['id', 'location_id', 'description', 'details', 'url'],
  'service_areas.csv': ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri'],
};

/** The schema of one row of each table (for the descriptor's field types). */
const ROW_SCHEMAS: Record<string, () => JsonSchema | undefined> = {
  'organizations.csv': () => hsdsSchemas().organization,
  'services.csv': () => hsdsSchemas().service,
  'locations.csv': () => hsdsSchemas().organization.properties!.locations.items,
  'service_at_location.csv': () => hsdsSchemas().service.properties!.service_at_locations.items,
  'taxonomies.csv': () => hsdsSchemas().service.properties!.attributes.items!.properties!.taxonomy_term.properties!.taxonomy_detail,
  'taxonomy_terms.csv': () => hsdsSchemas().service.properties!.attributes.items!.properties!.taxonomy_term,
  'attributes.csv': () => hsdsSchemas().service.properties!.attributes.items,
  'addresses.csv': () => hsdsSchemas().organization.properties!.locations.items!.properties!.addresses.items,
  'phones.csv': () => hsdsSchemas().service.properties!.phones.items,
  'schedules.csv': () => hsdsSchemas().service.properties!.schedules.items,
  'funding.csv': () => hsdsSchemas().organization.properties!.funding.items,
  'languages.csv': () => hsdsSchemas().service.properties!.languages.items,
  'accessibility.csv': () => hsdsSchemas().organization.properties!.locations.items!.properties!.accessibility.items,
  'service_areas.csv': () => hsdsSchemas().service.properties!.service_areas.items,
};

type Row = Record<string, unknown>;

/** The publication as the package's tables: every object once (by table and id), with the ids that tie it to its record. */
export function toTables(publication: HsdsPublication): Record<string, Row[]> {
  const tables: Record<string, Map<string, Row>> = Object.fromEntries(Object.keys(TABLES).map((table) => [table, new Map()]));
  const add = (table: string, row: Row) => {
    if (!tables[table].has(String(row.id))) tables[table].set(String(row.id), row);
  };
  const phones = (list: any[] | undefined, owner: Row) => {
    for (const phone of list ?? []) {
      add('phones.csv', { ...phone, ...owner });
      for (const language of phone.languages ?? []) add('languages.csv', { ...language, phone_id: phone.id });
    }
  };
  const schedules = (list: any[] | undefined, owner: Row) => {
    for (const schedule of list ?? []) add('schedules.csv', { ...schedule, ...owner });
  };
  const location = (item: any) => {
    add('locations.csv', item);
    for (const address of item.addresses ?? []) add('addresses.csv', { ...address, location_id: item.id });
    for (const entry of item.accessibility ?? []) add('accessibility.csv', { ...entry, location_id: item.id });
    phones(item.phones, { location_id: item.id });
    schedules(item.schedules, { location_id: item.id });
  };
  const organization = (item: any) => {
    add('organizations.csv', item);
    phones(item.phones, { organization_id: item.id });
    for (const funding of item.funding ?? []) add('funding.csv', { ...funding, organization_id: item.id });
    for (const nested of item.locations ?? []) location(nested);
  };
  const atLocation = (item: any) => {
    add('service_at_location.csv', item);
    phones(item.phones, { service_at_location_id: item.id });
    schedules(item.schedules, { service_at_location_id: item.id });
    if (item.location) location(item.location);
  };
  const service = (item: any) => {
    add('services.csv', item);
    if (item.organization) organization(item.organization);
    for (const language of item.languages ?? []) add('languages.csv', { ...language, service_id: item.id });
    for (const funding of item.funding ?? []) add('funding.csv', { ...funding, service_id: item.id });
    for (const area of item.service_areas ?? []) add('service_areas.csv', { ...area, service_id: item.id });
    for (const attribute of item.attributes ?? []) {
      add('attributes.csv', attribute);
      if (attribute.taxonomy_term) add('taxonomy_terms.csv', attribute.taxonomy_term);
    }
    phones(item.phones, { service_id: item.id });
    schedules(item.schedules, { service_id: item.id });
    for (const link of item.service_at_locations ?? []) atLocation(link);
  };
  publication.organizations.forEach(organization);
  publication.services.forEach(service);
  publication.service_at_locations.forEach(atLocation);
  for (const taxonomy of publication.taxonomies) add('taxonomies.csv', taxonomy);
  for (const term of publication.taxonomy_terms) add('taxonomy_terms.csv', term);
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, [...rows.values()]]));
}

const cell = (value: unknown): string => (value === undefined || value === null || typeof value === 'object' ? '' : String(value));

function fieldType(schema: JsonSchema | undefined): string {
  const declared = Array.isArray(schema?.type) ? schema!.type[0] : schema?.type;
  if (declared === 'number' || declared === 'integer' || declared === 'boolean') return declared;
  return 'string';
}

/** The Data Package descriptor of the tables written. */
export function datapackageDescriptor(): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'schakel-hsds-publication',
    title: 'Schakel: sociale kaart als Open Referral HSDS 3.0',
    resources: Object.entries(TABLES).map(([path, columns]) => {
      const schema = ROW_SCHEMAS[path]();
      return {
        name: path.replace(/\.csv$/, ''),
        path,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: { fields: columns.map((name) => ({ name, type: fieldType(schema?.properties?.[name]) })), primaryKey: 'id' },
      };
    }),
  };
}

/** The tabular data package: file name → content (CSV text; datapackage.json as an object). */
export function toCsvPackage(publication: HsdsPublication): Record<string, unknown> {
  const files: Record<string, unknown> = { 'datapackage.json': datapackageDescriptor() };
  for (const [table, rows] of Object.entries(toTables(publication))) {
    const columns = TABLES[table];
    files[table] = stringify([columns as string[], ...rows.map((row) => columns.map((column) => cell(row[column])))], { record_delimiter: '\n' });
  }
  return files;
}
