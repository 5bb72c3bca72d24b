import { parse as parseCsv } from 'csv-parse/sync';
import { type JsonSchema, hsdsSchemas } from './hsds.import.schemas';
import { type HsdsRecordType, HsdsImportInputError, type Json, type Links, type Occurrence, isObject, normalizeId, text } from './hsds.import.types';

/*
 * Step 1 of the import: the input taken apart into records (occurrences), nested ones included —
 * a service_full's organization and service_at_locations, an organization's locations and
 * services, a service_at_location's location and service, an attribute's taxonomy_term and a
 * term's taxonomy_detail. The tabular data package (CSV, or rows as JSON) is assembled into the
 * same records. Nothing is validated or merged here (hsds.import.validate.ts does that).
 */

/** The occurrences of records in one document, in document order, and warnings about the whole. */
export class Collector {
  readonly occurrences: Occurrence[] = [];
  readonly warnings: string[] = [];
  /** Rows of the CSV package's contacts.csv (JSON contacts are counted on their records: hsds.import.report.ts). */
  csvContacts = 0;

  push(occurrence: Occurrence): void {
    this.occurrences.push(occurrence);
  }

  record(type: HsdsRecordType, value: unknown, path: string, context: Links = {}): void {
    switch (type) {
      case 'organization':
        return this.organization(value, path, context);
      case 'service':
        return this.service(value, path, context);
      case 'location':
        return this.push({ type, data: value, path, context, nested: {} });
      case 'service_at_location':
        return this.serviceAtLocation(value, path, context);
      case 'taxonomy_term':
        return this.term(value, path);
      case 'taxonomy':
        return this.push({ type, data: value, path, context: {}, nested: {} });
    }
  }

  private organization(value: unknown, path: string, context: Links): void {
    if (!isObject(value)) return this.push({ type: 'organization', data: value, path, context, nested: {} });
    const { services, locations, ...rest } = value;
    // Nested services and locations are records of their own; anything else stays for the schema to judge.
    if (services !== undefined && !Array.isArray(services)) rest.services = services;
    if (locations !== undefined && !Array.isArray(locations)) rest.locations = locations;
    this.push({ type: 'organization', data: rest, path, context, nested: {} });
    this.attributeTerms(rest.attributes, path);
    const own = { organizationId: normalizeId(value.id) };
    if (Array.isArray(locations)) locations.forEach((location, index) => this.record('location', location, `${path}/locations/${index}`, own));
    if (Array.isArray(services)) services.forEach((service, index) => this.service(service, `${path}/services/${index}`, own));
  }

  private service(value: unknown, path: string, context: Links): void {
    if (!isObject(value)) return this.push({ type: 'service', data: value, path, context, nested: {} });
    const { organization, service_at_locations: atLocations, ...rest } = value;
    const nested: Links = {};
    if (isObject(organization)) nested.organizationId = normalizeId(organization.id);
    else if (organization !== undefined) rest.organization = organization;
    if (atLocations !== undefined && !Array.isArray(atLocations)) rest.service_at_locations = atLocations;
    this.push({ type: 'service', data: rest, path, context, nested });
    this.attributeTerms(rest.attributes, path);
    if (isObject(organization)) this.organization(organization, `${path}/organization`, {});
    const own = { serviceId: normalizeId(value.id) };
    if (Array.isArray(atLocations)) atLocations.forEach((item, index) => this.serviceAtLocation(item, `${path}/service_at_locations/${index}`, own));
  }

  private serviceAtLocation(value: unknown, path: string, context: Links): void {
    if (!isObject(value)) return this.push({ type: 'service_at_location', data: value, path, context, nested: {} });
    const { location, service, ...rest } = value;
    const nested: Links = {};
    if (isObject(location)) nested.locationId = normalizeId(location.id);
    else if (location !== undefined) rest.location = location;
    if (isObject(service)) nested.serviceId = normalizeId(service.id);
    else if (service !== undefined) rest.service = service;
    this.push({ type: 'service_at_location', data: rest, path, context, nested });
    if (isObject(location)) this.record('location', location, `${path}/location`);
    if (isObject(service)) this.service(service, `${path}/service`, {});
  }

  private term(value: unknown, path: string): void {
    this.push({ type: 'taxonomy_term', data: value, path, context: {}, nested: {} });
    if (isObject(value) && isObject(value.taxonomy_detail)) this.record('taxonomy', value.taxonomy_detail, `${path}/taxonomy_detail`);
  }

  private attributeTerms(attributes: unknown, path: string): void {
    if (!Array.isArray(attributes)) return;
    attributes.forEach((attribute, index) => {
      if (isObject(attribute) && isObject(attribute.taxonomy_term)) this.term(attribute.taxonomy_term, `${path}/attributes/${index}/taxonomy_term`);
    });
  }
}

const PUBLICATION_ARRAYS: Record<string, HsdsRecordType> = {
  organizations: 'organization',
  services: 'service',
  locations: 'location',
  service_at_locations: 'service_at_location',
  taxonomies: 'taxonomy',
  taxonomy_terms: 'taxonomy_term',
};

const has = (value: Json, ...names: string[]) => names.some((name) => value[name] !== undefined);

/**
 * The type of a single record (a document such as service_full.json, or an item of a page),
 * by the fields only that type has. A publication object with typed arrays says it outright.
 */
export function detectRecordType(value: unknown): HsdsRecordType | undefined {
  if (!isObject(value) || value.id === undefined) return undefined;
  if (has(value, 'location_type', 'addresses', 'accessibility', 'transportation', 'latitude', 'longitude')) return 'location';
  if (has(value, 'status', 'service_areas', 'service_at_locations', 'eligibility_description', 'fees_description')) return 'service';
  if (has(value, 'taxonomy', 'taxonomy_id', 'taxonomy_detail', 'parent_id', 'term_uri', 'code')) return 'taxonomy_term';
  if (has(value, 'service_id', 'location_id', 'location', 'service')) return 'service_at_location';
  const organizationFields = ['services', 'locations', 'website', 'email', 'parent_organization_id', 'phones', 'funding', 'tax_status', 'tax_id'];
  if (has(value, ...organizationFields, 'legal_status', 'year_incorporated', 'logo', 'organization_identifiers', 'programs', 'contacts', 'alternate_name')) {
    return 'organization';
  }
  if (has(value, 'version')) return 'taxonomy';
  if (has(value, 'name')) return 'organization';
  return undefined;
}

/**
 * A JSON document: a publication `{ organizations: [], services: [], locations: [],
 * service_at_locations: [], taxonomies: [], taxonomy_terms: [] }` (any of them), a single
 * record (organization_full, service_full, …), a page of an HSDS list endpoint
 * (`{ contents: [] }`), or a tabular package in JSON (`{ "organizations.csv": [rows] }`).
 */
export function collectJsonDocument(body: unknown): Collector {
  const notPublication =
    'Send an HSDS 3.0 publication: an object with arrays organizations, services, locations, service_at_locations, taxonomies, taxonomy_terms; ' +
    'a single record such as organization_full or service_full; a page ({ contents: [...] }); or a tabular package ({ "organizations.csv": [...] })';
  if (!isObject(body)) throw new HsdsImportInputError('body', notPublication);
  if (Object.keys(body).some((key) => /\.csv$/i.test(key))) return collectTabular(body, 'json');
  const collector = new Collector();
  if (Array.isArray(body.contents)) {
    body.contents.forEach((item, index) => {
      const type = detectRecordType(item);
      if (type) collector.record(type, item, `/contents/${index}`);
      else collector.warnings.push(`/contents/${index} is not recognisable as an HSDS record: ignored`);
    });
    return collector;
  }
  if (body.id !== undefined) {
    const type = detectRecordType(body);
    if (!type) throw new HsdsImportInputError('body', `The document has an id but is not recognisable as an HSDS record. ${notPublication}`);
    collector.record(type, body, '');
    return collector;
  }
  const keys = Object.keys(body).filter((key) => key in PUBLICATION_ARRAYS);
  if (keys.length === 0) throw new HsdsImportInputError('body', notPublication);
  for (const key of Object.keys(body)) {
    if (!(key in PUBLICATION_ARRAYS)) collector.warnings.push(`"${key}" is not part of an HSDS publication: ignored`);
  }
  for (const key of keys) {
    const list = body[key];
    if (!Array.isArray(list)) throw new HsdsImportInputError(key, `"${key}" must be an array`);
    list.forEach((item, index) => collector.record(PUBLICATION_ARRAYS[key], item, `/${key}/${index}`));
  }
  return collector;
}

// ---------------------------------------------------------------------------------------------
// The tabular data package (CSV)

/** The files of the HSDS tabular data package we read, and the schema of one row of each. */
const TABLE_SCHEMAS: Record<string, () => JsonSchema> = {
  'organizations.csv': () => hsdsSchemas().organization,
  'services.csv': () => hsdsSchemas().service,
  'locations.csv': () => hsdsSchemas().location,
  'service_at_location.csv': () => hsdsSchemas().serviceAtLocation,
  'taxonomies.csv': () => hsdsSchemas().taxonomy,
  'taxonomy_terms.csv': () => hsdsSchemas().taxonomyTerm,
  'attributes.csv': () => hsdsSchemas().service.properties!.attributes.items!,
  'addresses.csv': () => hsdsSchemas().location.properties!.addresses.items!,
  'phones.csv': () => hsdsSchemas().organization.properties!.phones.items!,
  'funding.csv': () => hsdsSchemas().organization.properties!.funding.items!,
  'languages.csv': () => hsdsSchemas().service.properties!.languages.items!,
  'accessibility.csv': () => hsdsSchemas().location.properties!.accessibility.items!,
  'service_areas.csv': () => hsdsSchemas().service.properties!.service_areas.items!,
  'schedules.csv': () => hsdsSchemas().service.properties!.schedules.items!,
};

/** Files of the package we do not read, and why. */
const UNMAPPED_TABLES: Record<string, string> = {
  'contacts.csv': 'contacts are personal data and have no place in the map',
  'programs.csv': 'Schakel has no programmes',
  'cost_options.csv': 'Schakel keeps cost as text only (fees_description)',
  'required_documents.csv': 'Schakel keeps no required documents',
  'organization_identifiers.csv': 'Schakel keeps no third-party identifiers',
  'metadata.csv': 'Schakel keeps its own change history',
  'meta_table_descriptions.csv': 'not needed to read the package',
};

/** Data Package resource names (the HSDS object name, or the file name without .csv) → standard file. */
const RESOURCE_FILES: Record<string, string> = Object.fromEntries(
  (
    [
      ['organization', 'organizations.csv'],
      ['service', 'services.csv'],
      ['location', 'locations.csv'],
      ['service_at_location', 'service_at_location.csv'],
      ['taxonomy', 'taxonomies.csv'],
      ['taxonomy_term', 'taxonomy_terms.csv'],
      ['attribute', 'attributes.csv'],
      ['address', 'addresses.csv'],
      ['phone', 'phones.csv'],
      ['funding', 'funding.csv'],
      ['language', 'languages.csv'],
      ['accessibility', 'accessibility.csv'],
      ['service_area', 'service_areas.csv'],
      ['contact', 'contacts.csv'],
      ['schedule', 'schedules.csv'],
      ['program', 'programs.csv'],
      ['cost_option', 'cost_options.csv'],
      ['required_document', 'required_documents.csv'],
      ['organization_identifier', 'organization_identifiers.csv'],
      ['metadata', 'metadata.csv'],
      ['meta_table_description', 'meta_table_descriptions.csv'],
    ] as const
  ).flatMap(([name, file]) => [
    [name, file],
    [file.replace(/\.csv$/, ''), file],
  ]),
);

interface Row {
  data: Json;
  path: string;
  line?: number;
}

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A row as the JSON the schema describes. A table cell has no type of its own: CSV text becomes
 * a number or boolean where the schema declares one, and a number or boolean given for a text
 * column (tabular JSON such as the specification's tabular.json) becomes its text. An empty
 * cell is a missing value, except in a required text column, where it is the empty text.
 */
function typedRow(row: Record<string, unknown>, schema: JsonSchema): Json {
  const typed: Json = {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  for (const [column, raw] of Object.entries(row)) {
    const declared = schema.properties?.[column]?.type;
    const types = Array.isArray(declared) ? declared : [declared];
    // A CSV cell cannot tell "" from nothing: an empty cell of a required text is the empty text (as a JSON export sends it).
    if (raw === '' && required.includes(column) && types.includes('string')) {
      typed[column] = '';
      continue;
    }
    if (raw === null || raw === undefined || raw === '') continue;
    if (typeof raw === 'number' || typeof raw === 'boolean') {
      typed[column] = types.includes('string') && !types.includes(typeof raw) && !(typeof raw === 'number' && types.includes('integer')) ? String(raw) : raw;
      continue;
    }
    if (typeof raw !== 'string') {
      typed[column] = raw;
      continue;
    }
    const trimmed = raw.trim();
    if ((types.includes('number') || types.includes('integer')) && NUMBER.test(trimmed)) typed[column] = Number(trimmed);
    else if (types.includes('boolean') && /^(true|false)$/i.test(trimmed)) typed[column] = trimmed.toLowerCase() === 'true';
    else typed[column] = raw;
  }
  return typed;
}

function datapackageDescriptor(value: unknown, warnings: string[]): Json | undefined {
  let descriptor = value;
  if (typeof value === 'string') {
    try {
      descriptor = JSON.parse(value);
    } catch {
      descriptor = undefined;
    }
  }
  if (!isObject(descriptor)) {
    warnings.push('datapackage.json is not a Data Package descriptor (a JSON object): the standard HSDS file names were used');
    return undefined;
  }
  return descriptor;
}

/** file key → standard table, via the standard name or the descriptor's resources (name → path). */
function tableFiles(files: Json, descriptor: Json | undefined): Map<string, string> {
  const byPath = new Map<string, string>();
  const resources = descriptor && Array.isArray(descriptor.resources) ? descriptor.resources : [];
  for (const resource of resources) {
    if (!isObject(resource) || typeof resource.path !== 'string' || typeof resource.name !== 'string') continue;
    const table = RESOURCE_FILES[resource.name.toLowerCase()];
    if (table) byPath.set(resource.path.split('/').pop()!.toLowerCase(), table);
  }
  const tables = new Map<string, string>();
  for (const key of Object.keys(files)) {
    const base = key.split('/').pop()!.toLowerCase();
    const table = base in TABLE_SCHEMAS || base in UNMAPPED_TABLES ? base : byPath.get(base);
    if (table) tables.set(key, table);
  }
  return tables;
}

/** The rows of a file that is not imported, only counted (contacts.csv); an unreadable one counts none. */
function countRows(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (typeof value !== 'string') return 0;
  try {
    return (parseCsv(value, { columns: true, bom: true, skip_empty_lines: true }) as unknown[]).length;
  } catch {
    return 0;
  }
}

function readRows(key: string, table: string, value: unknown): Row[] {
  const schema = TABLE_SCHEMAS[table]();
  if (Array.isArray(value)) {
    return value.map((row, index) => {
      if (!isObject(row)) throw new HsdsImportInputError(key, `"${key}" row ${index + 1} must be an object`);
      return { data: typedRow(row, schema), path: `/${key}/${index}` };
    });
  }
  if (typeof value !== 'string') throw new HsdsImportInputError(key, `"${key}" must be the CSV text of the file (a string)`);
  let parsed: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    parsed = parseCsv(value, { columns: true, bom: true, skip_empty_lines: true, info: true });
  } catch (error) {
    throw new HsdsImportInputError(key, `"${key}" is not valid CSV: ${(error as Error).message}`);
  }
  return parsed.map(({ record, info }, index) => ({ data: typedRow(record, schema), path: `/${key}/${index}`, line: info.lines }));
}

/**
 * The tabular package (file name → CSV text, or → rows as JSON like examples/tabular.json)
 * assembled into the same records as a JSON publication: an organisation with its phones,
 * funding and attributes, a service with its languages, funding, attributes, service areas,
 * phones and schedules, a location with its addresses, accessibility, phones and schedules, a
 * service_at_location with its phones and schedules (a phone or schedule row goes to every record
 * it names, as the JSON examples nest one under each); taxonomies and terms as they are. A helper table given in the package is each record's whole list (an empty list
 * for a record without rows); a helper table left out leaves those lists as they are.
 */
function collectTabular(files: Json, format: 'json' | 'csv'): Collector {
  const collector = new Collector();
  const descriptorKey = Object.keys(files).find((key) => key.split('/').pop()!.toLowerCase() === 'datapackage.json');
  const descriptor = descriptorKey === undefined ? undefined : datapackageDescriptor(files[descriptorKey], collector.warnings);
  const tables = tableFiles(files, descriptor);
  const rows = new Map<string, Row[]>();
  for (const key of Object.keys(files)) {
    if (key === descriptorKey) continue;
    const table = tables.get(key);
    if (!table) {
      collector.warnings.push(`"${key}" is not a file of the HSDS tabular data package: ignored`);
      continue;
    }
    if (table in UNMAPPED_TABLES) {
      if (table === 'contacts.csv') collector.csvContacts += countRows(files[key]);
      collector.warnings.push(`${key} is not imported: ${UNMAPPED_TABLES[table]}`);
      continue;
    }
    if (rows.has(table)) throw new HsdsImportInputError(key, `${table} is given twice`);
    rows.set(table, readRows(key, table, files[key]));
  }
  if (![...rows.keys()].some((table) => ['organizations.csv', 'services.csv', 'locations.csv', 'service_at_location.csv', 'taxonomy_terms.csv', 'taxonomies.csv'].includes(table))) {
    throw new HsdsImportInputError(
      'body',
      format === 'csv'
        ? 'Send the HSDS CSV data package as JSON: { "datapackage.json": …, "organizations.csv": "…", "services.csv": "…", … } (file name → file content)'
        : 'The tabular package has none of organizations.csv, services.csv, locations.csv, service_at_location.csv, taxonomies.csv, taxonomy_terms.csv',
    );
  }

  const attached = new Set<Row>();
  /** Rows of a helper table that belong to one record, or undefined when the table is not in the package. */
  const childRows = (table: string, matches: (row: Row) => boolean): Row[] | undefined => {
    const list = rows.get(table);
    if (!list) return undefined;
    const found = list.filter(matches);
    for (const row of found) attached.add(row);
    return found;
  };
  const idOf = (row: Row, column: string) => normalizeId(row.data[column]);
  const serviceIds = new Set((rows.get('services.csv') ?? []).map((row) => idOf(row, 'id')).filter(Boolean));
  const attributeEntity = (row: Row): string | undefined => text(row.data.link_entity)?.toLowerCase();

  const assemble = (type: HsdsRecordType, row: Row, children: Record<string, Row[] | undefined>) => {
    const data: Json = { ...row.data };
    const sources: Record<string, string[]> = {};
    for (const [property, list] of Object.entries(children)) {
      if (!list) continue;
      data[property] = list.map((child) => child.data);
      sources[property] = list.map((child) => child.path);
    }
    collector.push({
      type,
      data,
      path: row.path,
      line: row.line,
      context: {},
      nested: {},
      sourcePath: (instancePath) => {
        const match = /^\/([^/]+)\/(\d+)(.*)$/.exec(instancePath);
        const source = match ? sources[match[1]]?.[Number(match[2])] : undefined;
        return source ? `${source}${match![3]}` : `${row.path}${instancePath}`;
      },
    });
  };

  // A phone's languages are languages.csv rows naming it (phone_id); given that file, they are the phone's whole list.
  const languageRows = rows.get('languages.csv');
  if (languageRows) {
    for (const phone of rows.get('phones.csv') ?? []) {
      const id = idOf(phone, 'id');
      const own = languageRows.filter((language) => id !== undefined && idOf(language, 'phone_id') === id);
      for (const language of own) attached.add(language);
      phone.data = { ...phone.data, languages: own.map((language) => language.data) };
    }
  }
  for (const row of rows.get('organizations.csv') ?? []) {
    const id = idOf(row, 'id');
    assemble('organization', row, {
      phones: childRows('phones.csv', (child) => id !== undefined && idOf(child, 'organization_id') === id),
      funding: childRows('funding.csv', (child) => id !== undefined && idOf(child, 'organization_id') === id),
      attributes: childRows(
        'attributes.csv',
        (child) => id !== undefined && idOf(child, 'link_id') === id && (attributeEntity(child) === 'organization' || !serviceIds.has(id)),
      ),
    });
  }
  for (const row of rows.get('services.csv') ?? []) {
    const id = idOf(row, 'id');
    assemble('service', row, {
      languages: childRows('languages.csv', (child) => id !== undefined && idOf(child, 'service_id') === id),
      funding: childRows('funding.csv', (child) => id !== undefined && idOf(child, 'service_id') === id),
      service_areas: childRows('service_areas.csv', (child) => id !== undefined && idOf(child, 'service_id') === id),
      phones: childRows('phones.csv', (child) => id !== undefined && idOf(child, 'service_id') === id),
      schedules: childRows('schedules.csv', (child) => id !== undefined && idOf(child, 'service_id') === id),
      attributes: childRows('attributes.csv', (child) => id !== undefined && idOf(child, 'link_id') === id && attributeEntity(child) !== 'organization'),
    });
  }
  for (const row of rows.get('locations.csv') ?? []) {
    const id = idOf(row, 'id');
    assemble('location', row, {
      addresses: childRows('addresses.csv', (child) => id !== undefined && idOf(child, 'location_id') === id),
      accessibility: childRows('accessibility.csv', (child) => id !== undefined && idOf(child, 'location_id') === id),
      phones: childRows('phones.csv', (child) => id !== undefined && idOf(child, 'location_id') === id),
      schedules: childRows('schedules.csv', (child) => id !== undefined && idOf(child, 'location_id') === id),
    });
  }
  for (const row of rows.get('service_at_location.csv') ?? []) {
    const id = idOf(row, 'id');
    assemble('service_at_location', row, {
      phones: childRows('phones.csv', (child) => id !== undefined && idOf(child, 'service_at_location_id') === id),
      schedules: childRows('schedules.csv', (child) => id !== undefined && idOf(child, 'service_at_location_id') === id),
    });
  }
  const plain: Array<[string, HsdsRecordType]> = [
    ['taxonomies.csv', 'taxonomy'],
    ['taxonomy_terms.csv', 'taxonomy_term'],
  ];
  for (const [table, type] of plain) {
    for (const row of rows.get(table) ?? []) collector.push({ type, data: row.data, path: row.path, line: row.line, context: {}, nested: {} });
  }

  for (const table of ['phones.csv', 'schedules.csv', 'funding.csv', 'languages.csv', 'service_areas.csv', 'attributes.csv', 'addresses.csv', 'accessibility.csv']) {
    const orphans = (rows.get(table) ?? []).filter((row) => !attached.has(row));
    if (orphans.length > 0) {
      const where = orphans.map((row) => (row.line ? `line ${row.line}` : row.path)).join(', ');
      collector.warnings.push(`${table}: ${orphans.length} row(s) belong to no organisation, service or location in the package (${where}): ignored`);
    }
  }
  return collector;
}

export function collectCsvPackage(body: unknown): Collector {
  if (!isObject(body) || Array.isArray(body)) {
    throw new HsdsImportInputError('body', 'Send the HSDS CSV data package as a JSON object: { "datapackage.json": …, "organizations.csv": "…", … }');
  }
  return collectTabular(body, 'csv');
}

