import { randomUUID } from 'node:crypto';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { UUID_PATTERN } from '../../common/references';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { assertAdmin } from '../auth/policy';
import { ChangeAction, CuratedEntityType } from '../curation/change-record.entity';
import { slugify } from '../curation/curation.helpers';
import { diff, recordChange, snapshot, translateDatabaseError } from '../curation/curation.service';
import { BasicFunction } from '../intervention-type/basic-function.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { Location, LocationStatus } from '../location/location.entity';
import { Organisation, OrganisationStatus, Sector } from '../organisation/organisation.entity';
import { Service, ServiceStatus } from '../service/service.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import organizationSchemaJson from './fixtures/hsds-3.0/schema/compiled/organization.json';
import serviceSchemaJson from './fixtures/hsds-3.0/schema/compiled/service.json';
import serviceAtLocationSchemaJson from './fixtures/hsds-3.0/schema/compiled/service_at_location.json';
import {
  INTERVENTION_TAXONOMY_ID,
  TARGET_GROUP_TAXONOMY_ID,
  TAXONOMIES,
  dutchDate,
  serviceOwnDetails,
  toLocationFull,
  toOrganizationWithOwnDetails,
  toServiceBasic,
} from './hsds.mapping';

/*
 * Open Referral HSDS 3.0 → Schakel: the import behind POST /hsds/import (a JSON publication)
 * and POST /hsds/import/csv (the tabular data package, sent as JSON: file name → content).
 *
 * Flow
 * 1. The document is taken apart into records (organization, service, location,
 *    service_at_location, taxonomy, taxonomy_term), nested ones included: a service_full's
 *    organization and service_at_locations, an organization's locations and services, a
 *    service_at_location's location and service, an attribute's taxonomy_term and a term's
 *    taxonomy_detail. Records that occur more than once (the same id) are merged; the first
 *    occurrence wins, later ones fill in fields it lacks.
 * 2. Every occurrence is validated against the official compiled HSDS 3.0 schema of its type
 *    (fixtures/hsds-3.0/schema/compiled: organization.json, service.json,
 *    service_at_location.json; a location against organization.json's locations item, a term
 *    and a taxonomy against the term inside service.json's attributes), minus the nested
 *    records that are validated on their own — before anything touches the database. A record
 *    that does not validate is rejected with the errors and their JSON paths.
 * 3. One transaction imports the rest: taxonomy terms, organisations (parents first),
 *    locations, services with their attributes, then service_at_locations. A record the model
 *    cannot take is rejected with a reason and the others go on (HSDS publications often
 *    contain records we cannot take); a database error rolls everything back. A dry run does
 *    the same work and rolls back. Every create and update appends a change record with
 *    via 'hsds-import'; a record whose fields come out the same is "unchanged" and not written.
 *
 * Identity: the HSDS id (a UUID, lower-cased; a "urn:uuid:" prefix is dropped) IS our id, so
 * importing the same publication again updates the same rows instead of adding new ones.
 * Taxonomy terms with an unknown id are matched by their code when a target group or
 * intervention type (not itself in the publication) has it — the code is the natural key of
 * our catalogues, so another Schakel's publication does not duplicate them.
 *
 * General rules
 * - A field left out of a record leaves ours as it is (HSDS leaves out what a publisher does
 *   not know; "" in a required text counts as left out). An array that is given — even empty —
 *   is the whole list (phones, funding, languages, attributes, addresses, accessibility).
 * - A field is compared in HSDS terms first: when ours already exports the incoming value (see
 *   hsds.mapping.ts), it is kept as it is, so that import → export → import changes nothing.
 * - Values the database would refuse (too long, out of range, a postcode that is not Dutch)
 *   are left out with a note rather than failing the import; the record's `notes` say so.
 *
 * | HSDS 3.0                                       | Schakel                                                             |
 * |------------------------------------------------|---------------------------------------------------------------------|
 * | organization.id                                | organisation.id                                                     |
 * | organization.name                              | organisation.name (at most 300 characters, else rejected)           |
 * | (none)                                         | organisation.slug: derived from the name (slugify), made unique     |
 * |                                                |   with -2, -3…; kept when the organisation exists                   |
 * | (none)                                         | organisation.sector: HSDS has no sector. OTHER for a new one, an    |
 * |                                                |   existing one keeps its own — unless one of the organization's     |
 * |                                                |   attributes has a taxonomy term whose code is a Sector value       |
 * |                                                |   (WELFARE, MENTAL_HEALTH_CARE, …; case, "-" and " " ignored)       |
 * | organization.alternate_name                    | organisation.abbreviation (≤ 50 characters), else aliases[0]       |
 * | organization.description                       | organisation.description                                            |
 * | organization.email / website                   | organisation.email (lower-cased) / website                          |
 * | organization.parent_organization_id            | organisation.parent_id, when that organisation is in the            |
 * |                                                |   publication or the database (and makes no cycle); else a note     |
 * | organization.phones[0].number                  | organisation.phone (one phone; more are noted)                      |
 * | organization.funding[].source                  | organisation.funding_streams                                        |
 * | organization.locations[] / services[]          | locations / services of that organisation (records of their own)    |
 * | service.id, name, description                  | service.id, name, description; slug as for organisations            |
 * | service.organization_id (else the nested       | service.organisation_id (the provider). Neither in the publication  |
 * |   organization, else the containing one)       |   nor in the database, or rejected: the service is rejected. None   |
 * |                                                |   at all: imported without a provider (as we export those)          |
 * | service.alternate_name                         | service.abbreviation (≤ 50 characters), else aliases[0]            |
 * | service.status                                 | ACTIVE / INACTIVE / DEFUNCT / TEMPORARILY_CLOSED                    |
 * | service.eligibility_description                | service.eligibility                                                 |
 * | service.minimum_age / maximum_age              | min_age / max_age (whole numbers 0–130, min ≤ max; else a note)     |
 * | service.fees_description                       | service.cost                                                        |
 * | service.application_process                    | only our two sentences: "Alleen toegankelijk met een indicatie." →  |
 * |                                                |   requires_indication true, "Toegankelijk zonder indicatie." →      |
 * |                                                |   false; any other text is noted as not kept (no such field)        |
 * | service.assured_date                           | service.last_verified_at (12:00 UTC of that date)                   |
 * | service.languages[].name (else code)           | service.languages                                                   |
 * | service.funding[].source                       | service.funding (joined with "; ")                                  |
 * | service.attributes[] → taxonomy term           | service_target_group / service_intervention_type (the whole set;    |
 * |                                                |   the link row takes the attribute id). Terms of other taxonomies   |
 * |                                                |   and basic functions are not linked (noted)                        |
 * | service.service_areas                          | not imported: our areas are CBS areas with boundaries (noted)       |
 * | location.id, name, description                 | location.id, name (else alternate_name, else address_1; a new one   |
 * |                                                |   without any is rejected), description; slug as above             |
 * | location.location_type                         | "virtual" is rejected (Schakel maps places); physical/postal taken |
 * | location.alternate_name                        | location.aliases[0]                                                 |
 * | location.organization_id (else containing org) | location.organisation_id when known, else a note                    |
 * | location.latitude / longitude                  | latitude / longitude, both and in range (else a note)               |
 * | location.addresses[] (the physical one first)  | address (address_1, address_2), postcode ("1234 AB"), city — only   |
 * |                                                |   with a Dutch postcode (and country NL or none); otherwise the     |
 * |                                                |   whole address goes into location_description                     |
 * | location.accessibility[]                       | location.accessibility (description and details, joined)           |
 * | service_at_location.id, description            | service_location.id, description; service_id (else the containing  |
 * |                                                |   service) and location_id (else the nested location) must be known |
 * |                                                |   — the same pair under another id is that link (noted)             |
 * | taxonomy                                       | our two taxonomies: unchanged (fixed); any other: skipped           |
 * | taxonomy_term of "Schakel doelgroepen"         | target_group by id (code, name → name_nl, description). parent_id   |
 * |                                                |   is ignored (target groups are flat)                               |
 * | taxonomy_term of "Schakel interventietypen"    | a basic function (by id, or a top-level term by its code): never    |
 * |                                                |   changed — unchanged when equal, else skipped; any other term: an  |
 * |                                                |   intervention_type; parent_id → basic_function_id when the parent  |
 * |                                                |   is a basic function, else parent_id. Import never creates basic   |
 * |                                                |   functions: in a database without them their terms become          |
 * |                                                |   top-level intervention types, which keeps the hierarchy           |
 * | taxonomy_term of any other taxonomy            | skipped (there is no generic mapping)                               |
 * | HSDS ids we derive on export (phones,          | ignored: they are rebuilt from the owning record                    |
 * |   addresses, funding, languages…)              |                                                                     |
 * | contacts, schedules, programs, cost_options,   | not imported (no field; contacts are personal data); each record's  |
 * |   required_documents, organization_identifiers,|   notes list what it carried that was not kept                      |
 * |   metadata, url, email of a service, …         |                                                                     |
 *
 * History: organisations, locations, services, target groups and intervention types get a
 * change record (CREATE or UPDATE) per change. A service's attribute and service_at_location
 * changes are recorded on the service (targetGroupIds, interventionTypeIds, locationIds,
 * serviceLocations), in the same entry as its own fields.
 */

export const IMPORT_VIA = 'hsds-import';
const SOURCE = 'Open Referral HSDS 3.0 import';
const MAX_ERRORS_PER_RECORD = 20;

export type HsdsRecordType = 'organization' | 'service' | 'location' | 'service_at_location' | 'taxonomy' | 'taxonomy_term';
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'rejected' | 'skipped';

export const RECORD_TYPES: readonly HsdsRecordType[] = ['organization', 'service', 'location', 'service_at_location', 'taxonomy', 'taxonomy_term'];
export const OUTCOMES: readonly ImportOutcome[] = ['created', 'updated', 'unchanged', 'rejected', 'skipped'];

export interface SchemaError {
  /** JSON pointer into the document (CSV: into the package as `{ "file.csv": [rows] }`). */
  path: string;
  message: string;
}

export interface ImportRecordResult {
  type: HsdsRecordType;
  id: string;
  name: string;
  outcome: ImportOutcome;
  /** Why a record was rejected or skipped. */
  reason?: string;
  /** JSON pointer of the record's (first) occurrence in the document. */
  path: string;
  /** CSV: the line of the row. */
  line?: number;
  /** What was left out or matched, for records that were imported. */
  notes?: string[];
  /** Schema errors (rejected records). */
  errors?: SchemaError[];
}

export interface ImportReport {
  format: 'json' | 'csv';
  dryRun: boolean;
  /** True when the changes were written (false for a dry run). */
  committed: boolean;
  totals: Record<ImportOutcome | 'records', number>;
  byType: Record<HsdsRecordType, Record<ImportOutcome, number>>;
  records: ImportRecordResult[];
  /** Things about the document as a whole: ignored keys or files, rows that belong to no record. */
  warnings: string[];
}

/** The document cannot be read as an HSDS publication at all (400; nothing was imported). */
export class HsdsImportInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A UUID as we store it: lower case, without a "urn:uuid:" prefix; anything else is no id. */
export function normalizeId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim().replace(/^urn:uuid:/i, '').toLowerCase();
  return UUID_PATTERN.test(id) ? id : undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

function uniqueTexts(values: unknown[]): string[] {
  return [...new Set(values.map(text).filter((value): value is string => value !== undefined))];
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, index) => value === b[index]);

// ---------------------------------------------------------------------------------------------
// The official schemas

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  [keyword: string]: unknown;
}

const ORGANIZATION_SCHEMA = organizationSchemaJson as unknown as JsonSchema;
const SERVICE_SCHEMA = serviceSchemaJson as unknown as JsonSchema;
const SERVICE_AT_LOCATION_SCHEMA = serviceAtLocationSchemaJson as unknown as JsonSchema;
const LOCATION_SCHEMA = ORGANIZATION_SCHEMA.properties!.locations.items!;
const TAXONOMY_TERM_SCHEMA = SERVICE_SCHEMA.properties!.attributes.items!.properties!.taxonomy_term;
const TAXONOMY_SCHEMA = TAXONOMY_TERM_SCHEMA.properties!.taxonomy_detail;

/**
 * The schema with the given properties accepted as anything: the nested records that are
 * validated on their own (an organization's services, an attribute's taxonomy_term…), so that
 * an error is reported once, on the record it is in, and does not reject the record around it.
 */
function without(schema: JsonSchema, names: string[]): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, value]) => {
      if (names.includes(name)) return [name, {}];
      if (name === 'attributes' && value.items) return [name, { ...value, items: without(value.items, ['taxonomy_term']) }];
      return [name, value];
    }),
  );
  return { ...schema, properties };
}

type Validators = Record<HsdsRecordType, ValidateFunction>;
let compiled: Validators | undefined;

/**
 * The compiled schemas in JSON Schema draft 2020-12 (the reference's dialect), compiled once.
 * `strict: false`: they carry Frictionless Data Package annotations (name, constraints, core…)
 * that are not JSON Schema keywords.
 */
function validators(): Validators {
  if (!compiled) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    compiled = {
      organization: ajv.compile(without(ORGANIZATION_SCHEMA, ['services', 'locations'])),
      service: ajv.compile(without(SERVICE_SCHEMA, ['organization', 'service_at_locations'])),
      location: ajv.compile(LOCATION_SCHEMA),
      service_at_location: ajv.compile(without(SERVICE_AT_LOCATION_SCHEMA, ['location', 'service'])),
      taxonomy: ajv.compile(TAXONOMY_SCHEMA),
      taxonomy_term: ajv.compile(without(TAXONOMY_TERM_SCHEMA, ['taxonomy_detail'])),
    };
  }
  return compiled;
}

function describeError(error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return allowed ? `${error.message}: ${allowed.map((value) => JSON.stringify(value)).join(', ')}` : (error.message ?? 'is invalid');
}

// ---------------------------------------------------------------------------------------------
// Taking the document apart into records

interface Links {
  organizationId?: string;
  serviceId?: string;
  locationId?: string;
}

interface Occurrence {
  type: HsdsRecordType;
  /** The record without the nested records taken out (kept as given when it is no object). */
  data: unknown;
  path: string;
  line?: number;
  /** Ids implied by where the record is nested (its organization, its service). */
  context: Links;
  /** Ids of the nested objects taken out of it (a service's organization, a SAL's location and service). */
  nested: Links;
  /** CSV: maps an error path inside the assembled record to its source row. */
  sourcePath?: (instancePath: string) => string;
}

class Collector {
  readonly occurrences: Occurrence[] = [];
  readonly warnings: string[] = [];

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
function collectJsonDocument(body: unknown): Collector {
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
  'organizations.csv': () => ORGANIZATION_SCHEMA,
  'services.csv': () => SERVICE_SCHEMA,
  'locations.csv': () => LOCATION_SCHEMA,
  'service_at_location.csv': () => SERVICE_AT_LOCATION_SCHEMA,
  'taxonomies.csv': () => TAXONOMY_SCHEMA,
  'taxonomy_terms.csv': () => TAXONOMY_TERM_SCHEMA,
  'attributes.csv': () => SERVICE_SCHEMA.properties!.attributes.items!,
  'addresses.csv': () => LOCATION_SCHEMA.properties!.addresses.items!,
  'phones.csv': () => ORGANIZATION_SCHEMA.properties!.phones.items!,
  'funding.csv': () => ORGANIZATION_SCHEMA.properties!.funding.items!,
  'languages.csv': () => SERVICE_SCHEMA.properties!.languages.items!,
  'accessibility.csv': () => LOCATION_SCHEMA.properties!.accessibility.items!,
  'service_areas.csv': () => SERVICE_SCHEMA.properties!.service_areas.items!,
};

/** Files of the package we do not read, and why. */
const UNMAPPED_TABLES: Record<string, string> = {
  'contacts.csv': 'contacts are personal data and have no place in the map',
  'schedules.csv': 'Schakel keeps no opening hours',
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
 * cell is a missing value.
 */
function typedRow(row: Record<string, unknown>, schema: JsonSchema): Json {
  const typed: Json = {};
  for (const [column, raw] of Object.entries(row)) {
    if (raw === null || raw === undefined || raw === '') continue;
    const declared = schema.properties?.[column]?.type;
    const types = Array.isArray(declared) ? declared : [declared];
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
 * funding and attributes, a service with its languages, funding, attributes and service areas,
 * a location with its addresses and accessibility; service_at_location, taxonomies and terms
 * as they are. A helper table given in the package is each record's whole list (an empty list
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
      attributes: childRows('attributes.csv', (child) => id !== undefined && idOf(child, 'link_id') === id && attributeEntity(child) !== 'organization'),
    });
  }
  for (const row of rows.get('locations.csv') ?? []) {
    const id = idOf(row, 'id');
    assemble('location', row, {
      addresses: childRows('addresses.csv', (child) => id !== undefined && idOf(child, 'location_id') === id),
      accessibility: childRows('accessibility.csv', (child) => id !== undefined && idOf(child, 'location_id') === id),
    });
  }
  const plain: Array<[string, HsdsRecordType]> = [
    ['service_at_location.csv', 'service_at_location'],
    ['taxonomies.csv', 'taxonomy'],
    ['taxonomy_terms.csv', 'taxonomy_term'],
  ];
  for (const [table, type] of plain) {
    for (const row of rows.get(table) ?? []) collector.push({ type, data: row.data, path: row.path, line: row.line, context: {}, nested: {} });
  }

  for (const table of ['phones.csv', 'funding.csv', 'languages.csv', 'service_areas.csv', 'attributes.csv', 'addresses.csv', 'accessibility.csv']) {
    const orphans = (rows.get(table) ?? []).filter((row) => !attached.has(row));
    if (orphans.length > 0) {
      const where = orphans.map((row) => (row.line ? `line ${row.line}` : row.path)).join(', ');
      collector.warnings.push(`${table}: ${orphans.length} row(s) belong to no organisation, service or location in the package (${where}): ignored`);
    }
  }
  return collector;
}

function collectCsvPackage(body: unknown): Collector {
  if (!isObject(body) || Array.isArray(body)) {
    throw new HsdsImportInputError('body', 'Send the HSDS CSV data package as a JSON object: { "datapackage.json": …, "organizations.csv": "…", … }');
  }
  return collectTabular(body, 'csv');
}

// ---------------------------------------------------------------------------------------------
// Records: merged occurrences, validated

interface Item {
  key: string;
  type: HsdsRecordType;
  id: string;
  data: Json;
  path: string;
  line?: number;
  order: number;
  context: Links;
  nested: Links;
  errors: SchemaError[];
  notes: string[];
  outcome?: ImportOutcome;
  reason?: string;
}

function prepare(collector: Collector): Item[] {
  const validate = validators();
  const items = new Map<string, Item>();
  collector.occurrences.forEach((occurrence, order) => {
    const check = validate[occurrence.type];
    const errors: SchemaError[] = [];
    if (!check(occurrence.data)) {
      for (const error of (check.errors ?? []).slice(0, MAX_ERRORS_PER_RECORD)) {
        const path = occurrence.sourcePath ? occurrence.sourcePath(error.instancePath) : `${occurrence.path}${error.instancePath}`;
        errors.push({ path, message: describeError(error) });
      }
    }
    const data = isObject(occurrence.data) ? occurrence.data : {};
    const id = normalizeId(data.id);
    const key = id ? `${occurrence.type}:${id}` : `${occurrence.type}@${order}`;
    const item = items.get(key);
    if (!item) {
      items.set(key, {
        key,
        type: occurrence.type,
        id: id ?? (typeof data.id === 'string' ? data.id : ''),
        data: { ...data },
        path: occurrence.path,
        line: occurrence.line,
        order,
        context: { ...occurrence.context },
        nested: { ...occurrence.nested },
        errors,
        notes: [],
      });
      return;
    }
    // The same record again (e.g. an organization nested in each of its services): fill in what the first lacked.
    for (const [name, value] of Object.entries(data)) if (item.data[name] === undefined) item.data[name] = value;
    item.context = { ...occurrence.context, ...stripUndefined(item.context) };
    item.nested = { ...occurrence.nested, ...stripUndefined(item.nested) };
    item.errors.push(...errors);
  });
  const list = [...items.values()];
  for (const item of list) {
    if (item.errors.length > 0) {
      item.outcome = 'rejected';
      item.reason = `Does not validate against the HSDS 3.0 schema (${item.errors.length} error${item.errors.length === 1 ? '' : 's'})`;
    }
  }
  return list;
}

function stripUndefined(links: Links): Links {
  return Object.fromEntries(Object.entries(links).filter(([, value]) => value !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Mapping helpers

const STATUS: Record<string, ServiceStatus> = {
  active: ServiceStatus.ACTIVE,
  inactive: ServiceStatus.INACTIVE,
  defunct: ServiceStatus.DEFUNCT,
  'temporarily closed': ServiceStatus.TEMPORARILY_CLOSED,
};

const REQUIRES_INDICATION = 'Alleen toegankelijk met een indicatie.';
const WITHOUT_INDICATION = 'Toegankelijk zonder indicatie.';

const NOT_KEPT: Record<HsdsRecordType, string[]> = {
  organization: ['tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'contacts', 'programs', 'organization_identifiers', 'metadata'],
  service: [
    'program_id', 'url', 'email', 'interpretation_services', 'wait_time', 'fees', 'accreditations', 'assurer_email', 'licenses', 'alert',
    'phones', 'schedules', 'cost_options', 'program', 'required_documents', 'contacts', 'metadata',
  ],
  location: ['url', 'transportation', 'external_identifier', 'external_identifier_type', 'languages', 'contacts', 'phones', 'schedules', 'attributes', 'metadata'],
  service_at_location: ['contacts', 'phones', 'schedules', 'attributes', 'metadata'],
  taxonomy: [],
  taxonomy_term: [],
};

function noteNotKept(item: Item): void {
  const present = NOT_KEPT[item.type].filter((name) => {
    const value = item.data[name];
    return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  });
  if (present.length > 0) item.notes.push(`Not kept (no such field in Schakel): ${present.join(', ')}`);
}

const SECTORS = new Set<string>(Object.values(Sector));

function sectorOf(code: unknown): Sector | undefined {
  const normalized = text(code)?.toUpperCase().replace(/[\s-]+/g, '_');
  return normalized && SECTORS.has(normalized) ? (normalized as Sector) : undefined;
}

/** "1234ab", "1234 AB" → "1234 AB"; anything else is not a Dutch postcode. */
function dutchPostcode(value: unknown): string | undefined {
  const match = /^\s*([1-9][0-9]{3})\s?([a-zA-Z]{2})\s*$/.exec(typeof value === 'string' ? value : '');
  return match ? `${match[1]} ${match[2].toUpperCase()}` : undefined;
}

function dutchCountry(value: unknown): boolean {
  const country = text(value);
  return !country || /^(nl|nld|nederland|the netherlands|netherlands)$/i.test(country);
}

/** An age the database takes (whole years 0–130), undefined when not given, null when unusable. */
function age(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 130 ? value : null;
}

/** The alternate name as abbreviation (short) or first alias, the way toOrganizationBasic/toServiceBasic read it back. */
function applyAlternateName(record: { abbreviation: string | null; aliases: string[] }, alternate: string): void {
  if (alternate.length <= 50) {
    record.abbreviation = alternate;
  } else {
    record.abbreviation = null;
    record.aliases = [alternate, ...record.aliases.filter((alias) => alias !== alternate)];
  }
}

function clone<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, record: T): T {
  return Object.assign(manager.getRepository(target).create(), record, {
    ...(Array.isArray(record.aliases) ? { aliases: [...record.aliases] } : {}),
  });
}

/** Parents before children (within the records given); a cycle is broken where it is found. */
function parentsFirst(items: Item[], parentOf: (item: Item) => string | undefined): Item[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: Item[] = [];
  const visit = (item: Item) => {
    if (done.has(item.id) || visiting.has(item.id)) return;
    visiting.add(item.id);
    const parentId = parentOf(item);
    const parent = parentId ? byId.get(parentId) : undefined;
    if (parent) visit(parent);
    visiting.delete(item.id);
    done.add(item.id);
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}

interface ServiceLocationRow {
  id: string;
  serviceId: string;
  locationId: string;
  description: string | null;
}

type Snapshot = Record<string, unknown>;
type Availability = 'ok' | 'rejected' | 'missing';
type TermLinkTable = 'service_target_group' | 'service_intervention_type';

// ---------------------------------------------------------------------------------------------
// The import, in one transaction

class ImportRun {
  private readonly byKey: Map<string, Item>;
  private readonly organisations = new Map<string, Organisation>();
  /** Every organisation's parent (database and this import), for cycle checks. */
  private readonly organisationParents = new Map<string, string | null>();
  private readonly locations = new Map<string, Location>();
  private readonly services = new Map<string, Service>();
  private readonly targetGroups = new Map<string, TargetGroup>();
  private readonly interventionTypes = new Map<string, InterventionType>();
  private readonly basicFunctions = new Map<string, BasicFunction>();
  /** Term ids of the publication → ours, for terms matched by code. */
  private readonly termAlias = new Map<string, string>();
  private readonly slugs: Record<'organisation' | 'location' | 'service', Set<string>> = { organisation: new Set(), location: new Set(), service: new Set() };
  /** service → term → link row id. */
  private readonly termLinks: Record<TermLinkTable, Map<string, Map<string, string>>> = { service_target_group: new Map(), service_intervention_type: new Map() };
  private readonly linkIds: Record<TermLinkTable, Set<string>> = { service_target_group: new Set(), service_intervention_type: new Set() };
  private readonly serviceLocations = new Map<string, ServiceLocationRow>();
  /** Services changed by this import → their snapshot before (null: created), for one history entry each. */
  private readonly serviceHistory = new Map<string, Snapshot | null>();

  constructor(
    private readonly tx: EntityManager,
    private readonly ctx: RequestContext,
    private readonly items: Item[],
  ) {
    this.byKey = new Map(items.map((item) => [item.key, item]));
  }

  private ofType(type: HsdsRecordType): Item[] {
    return this.items.filter((item) => item.type === type && item.outcome === undefined);
  }

  private settle(item: Item, outcome: ImportOutcome, reason?: string): void {
    item.outcome = outcome;
    if (reason) item.reason = reason;
  }

  private availability(type: HsdsRecordType, rows: Map<string, unknown>, id: string): Availability {
    if (rows.has(id)) return 'ok';
    return this.byKey.get(`${type}:${id}`)?.outcome === 'rejected' ? 'rejected' : 'missing';
  }

  async execute(): Promise<void> {
    await this.load();
    this.importTaxonomies();
    await this.importTerms();
    for (const item of parentsFirst(this.ofType('organization'), (item) => normalizeId(item.data.parent_organization_id))) await this.importOrganisation(item);
    for (const item of this.ofType('location')) await this.importLocation(item);
    for (const item of this.ofType('service')) await this.importService(item);
    for (const item of this.ofType('service_at_location')) await this.importServiceAtLocation(item);
    await this.recordServiceHistory();
  }

  // -- Loading what exists --------------------------------------------------------------------

  private async load(): Promise<void> {
    const ids = (type: HsdsRecordType) => this.items.filter((item) => item.type === type && item.outcome === undefined).map((item) => item.id);
    const referenced = (type: HsdsRecordType, pick: (item: Item) => Array<string | undefined>) =>
      this.items.filter((item) => item.type === type).flatMap(pick);
    const uuids = (values: Array<string | undefined>) => [...new Set(values.filter((value): value is string => value !== undefined))];

    const organisationIds = uuids([
      ...ids('organization'),
      ...referenced('organization', (item) => [normalizeId(item.data.parent_organization_id)]),
      ...referenced('service', (item) => [normalizeId(item.data.organization_id), item.nested.organizationId, item.context.organizationId]),
      ...referenced('location', (item) => [normalizeId(item.data.organization_id), item.context.organizationId]),
    ]);
    const locationIds = uuids([...ids('location'), ...referenced('service_at_location', (item) => [normalizeId(item.data.location_id), item.nested.locationId])]);
    const serviceIds = uuids([
      ...ids('service'),
      ...referenced('service_at_location', (item) => [normalizeId(item.data.service_id), item.context.serviceId, item.nested.serviceId]),
    ]);
    const atLocationIds = uuids(ids('service_at_location'));
    const attributeIds = uuids(
      referenced('service', (item) => (Array.isArray(item.data.attributes) ? item.data.attributes.map((attribute) => (isObject(attribute) ? normalizeId(attribute.id) : undefined)) : [])),
    );

    // Lock the rows this import may change, so that a concurrent edit waits rather than being overwritten.
    const lockedByIds = async <T extends ObjectLiteral>(target: EntityTarget<T>, list: string[]): Promise<T[]> =>
      list.length === 0 ? [] : this.tx.getRepository(target).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = ANY(:ids)', { ids: list }).getMany();
    for (const row of await lockedByIds(Organisation, organisationIds)) this.organisations.set(row.id, row);
    for (const row of await lockedByIds(Location, locationIds)) this.locations.set(row.id, row);
    for (const row of await lockedByIds(Service, serviceIds)) this.services.set(row.id, row);
    for (const row of await this.tx.getRepository(TargetGroup).find()) this.targetGroups.set(row.id, row);
    for (const row of await this.tx.getRepository(InterventionType).find()) this.interventionTypes.set(row.id, row);
    for (const row of await this.tx.getRepository(BasicFunction).find()) this.basicFunctions.set(row.id, row);

    const parents: Array<{ id: string; parent_id: string | null }> = await this.tx.query(`SELECT id, parent_id FROM organisation WHERE parent_id IS NOT NULL`);
    for (const row of parents) this.organisationParents.set(row.id, row.parent_id);
    for (const table of ['organisation', 'location', 'service'] as const) {
      const rows: Array<{ slug: string }> = await this.tx.query(`SELECT slug FROM "${table}"`);
      for (const row of rows) this.slugs[table].add(row.slug);
    }

    const linkedServiceIds = [...this.services.keys()];
    for (const [table, column] of [
      ['service_target_group', 'target_group_id'],
      ['service_intervention_type', 'intervention_type_id'],
    ] as const) {
      const rows: Array<{ id: string; service_id: string; term_id: string }> = await this.tx.query(
        `SELECT id, service_id, "${column}" AS term_id FROM "${table}" WHERE service_id = ANY($1::uuid[]) OR id = ANY($2::uuid[])`,
        [linkedServiceIds, attributeIds],
      );
      for (const row of rows) {
        this.linkIds[table].add(row.id);
        if (!this.services.has(row.service_id)) continue;
        this.linksOf(table, row.service_id).set(row.term_id, row.id);
      }
    }
    const atLocations: Array<{ id: string; service_id: string; location_id: string; description: string | null }> = await this.tx.query(
      `SELECT id, service_id, location_id, description FROM service_location WHERE id = ANY($1::uuid[]) OR service_id = ANY($2::uuid[])`,
      [atLocationIds, linkedServiceIds],
    );
    for (const row of atLocations) {
      this.serviceLocations.set(row.id, { id: row.id, serviceId: row.service_id, locationId: row.location_id, description: row.description });
    }
  }

  private linksOf(table: TermLinkTable, serviceId: string): Map<string, string> {
    let links = this.termLinks[table].get(serviceId);
    if (!links) {
      links = new Map();
      this.termLinks[table].set(serviceId, links);
    }
    return links;
  }

  private uniqueSlug(table: 'organisation' | 'location' | 'service', name: string, fallback: string): string {
    const base = slugify(name) || fallback;
    let slug = base;
    for (let n = 2; this.slugs[table].has(slug); n++) slug = `${base}-${n}`;
    this.slugs[table].add(slug);
    return slug;
  }

  /** Writes a created or changed record with its history entry; compares column by column. */
  private async persist<T extends ObjectLiteral & { id: string }>(
    target: EntityTarget<T>,
    entityType: CuratedEntityType,
    existing: T | null,
    next: T,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    const repo = this.tx.getRepository(target);
    const after = snapshot(this.tx, target, next);
    if (!existing) {
      await repo.insert(next as QueryDeepPartialEntity<T>);
      await recordChange(this.tx, this.ctx, { entityType, entityId: next.id, action: ChangeAction.CREATE, before: null, after, via: IMPORT_VIA });
      return 'created';
    }
    const before = snapshot(this.tx, target, existing);
    const changed = Object.keys(diff(before, after));
    if (changed.length === 0) return 'unchanged';
    const set: Record<string, unknown> = {};
    for (const name of changed) set[name] = (next as Record<string, unknown>)[name];
    // The version and updated_at move on with the update (TypeORM adds them).
    await repo.update(next.id, set as QueryDeepPartialEntity<T>);
    await recordChange(this.tx, this.ctx, { entityType, entityId: next.id, action: ChangeAction.UPDATE, before, after, via: IMPORT_VIA });
    return 'updated';
  }

  // -- Taxonomies and terms -------------------------------------------------------------------

  private importTaxonomies(): void {
    for (const item of this.ofType('taxonomy')) {
      const ours = TAXONOMIES.find((taxonomy) => taxonomy.id === item.id);
      if (!ours) {
        this.settle(item, 'skipped', `Not one of this server's taxonomies (${TAXONOMIES.map((taxonomy) => taxonomy.name).join(', ')}); its terms are not imported`);
        continue;
      }
      if (text(item.data.name) !== ours.name) item.notes.push(`This server's taxonomies are fixed: the name "${ours.name}" is kept`);
      this.settle(item, 'unchanged');
    }
  }

  private taxonomyOfTerm(item: Item): 'targetGroup' | 'intervention' | undefined {
    const taxonomyId = normalizeId(item.data.taxonomy_id) ?? (isObject(item.data.taxonomy_detail) ? normalizeId(item.data.taxonomy_detail.id) : undefined);
    if (taxonomyId === TARGET_GROUP_TAXONOMY_ID) return 'targetGroup';
    if (taxonomyId === INTERVENTION_TAXONOMY_ID) return 'intervention';
    if (taxonomyId) return undefined;
    if (this.targetGroups.has(item.id)) return 'targetGroup';
    if (this.interventionTypes.has(item.id) || this.basicFunctions.has(item.id)) return 'intervention';
    return undefined;
  }

  private resolveTerm(id: string): string {
    return this.termAlias.get(id) ?? id;
  }

  private async importTerms(): Promise<void> {
    const targetGroups: Item[] = [];
    const interventions: Item[] = [];
    for (const item of this.ofType('taxonomy_term')) {
      const taxonomy = this.taxonomyOfTerm(item);
      if (taxonomy === 'targetGroup') targetGroups.push(item);
      else if (taxonomy === 'intervention') interventions.push(item);
      else {
        const taxonomyId = normalizeId(item.data.taxonomy_id) ?? (isObject(item.data.taxonomy_detail) ? normalizeId(item.data.taxonomy_detail.id) : undefined);
        const named = text(item.data.taxonomy) ?? (isObject(item.data.taxonomy_detail) ? text(item.data.taxonomy_detail.name) : undefined);
        this.settle(
          item,
          'skipped',
          `${taxonomyId ? `A term of taxonomy ${named ? `"${named}" ` : ''}(${taxonomyId})` : 'A term without taxonomy_id'}: only the terms of this server's taxonomies ` +
            `(${TAXONOMIES.map((taxonomy) => taxonomy.name).join(', ')}) are imported`,
        );
      }
    }
    const termIdsInFile = new Set(this.items.filter((item) => item.type === 'taxonomy_term').map((item) => item.id));
    for (const item of targetGroups) await this.importTargetGroup(item, termIdsInFile);
    for (const item of parentsFirst(interventions, (item) => normalizeId(item.data.parent_id))) await this.importInterventionTerm(item, termIdsInFile);
  }

  /** A unique code for a catalogue row (varchar 100). */
  private uniqueCode(rows: Map<string, { code: string }>, base: string): string {
    const taken = new Set([...rows.values()].map((row) => row.code));
    const stem = (base || 'term').slice(0, 90);
    let code = stem;
    for (let n = 2; taken.has(code); n++) code = `${stem}-${n}`;
    return code;
  }

  /** Code and description of a target group or intervention type, the way the export reads them. */
  private applyTermText(item: Item, next: TargetGroup | InterventionType, existing: TargetGroup | InterventionType | null, rows: Map<string, { id: string; code: string }>): void {
    const code = text(item.data.code);
    if (code !== undefined && code !== existing?.code) {
      const holder = [...rows.values()].find((row) => row.code === code && row.id !== next.id);
      if (code.length > 100) item.notes.push('code longer than 100 characters: not kept');
      else if (holder) item.notes.push(`code "${code}" belongs to another term (${holder.id})${existing ? `: "${existing.code}" kept` : ''}`);
      else next.code = code;
    }
    if (!next.code) next.code = this.uniqueCode(rows, code && code.length <= 100 ? code : slugify(next.nameNl));
    const description = text(item.data.description);
    if (description !== undefined && item.data.description !== (existing?.description ?? '')) next.description = description;
  }

  private termName(item: Item, existing: { nameNl: string } | null): string | undefined {
    const name = text(item.data.name);
    if (!name) return undefined;
    return existing && item.data.name === existing.nameNl ? existing.nameNl : name;
  }

  private async importTargetGroup(item: Item, termIdsInFile: Set<string>): Promise<void> {
    if (this.interventionTypes.has(item.id) || this.basicFunctions.has(item.id)) {
      return this.settle(item, 'rejected', `${item.id} is an intervention type or basic function here, not a target group`);
    }
    let existing = this.targetGroups.get(item.id) ?? null;
    const code = text(item.data.code);
    if (!existing && code) {
      const byCode = [...this.targetGroups.values()].find((group) => group.code === code);
      if (byCode && !termIdsInFile.has(byCode.id)) {
        existing = byCode;
        this.termAlias.set(item.id, byCode.id);
        item.notes.push(`Matched target group ${byCode.id} by its code "${code}"`);
      }
    }
    const name = this.termName(item, existing);
    if (!name) return this.settle(item, 'rejected', 'A target group needs a name');
    if (name.length > 300) return this.settle(item, 'rejected', 'name is longer than 300 characters');
    const next = existing
      ? clone(this.tx, TargetGroup, existing)
      : this.tx.getRepository(TargetGroup).create({
          id: item.id,
          code: '',
          nameNl: name,
          nameEn: null,
          description: null,
          minAge: null,
          maxAge: null,
          needIndicatorId: null,
          source: SOURCE,
          archivedAt: null,
        });
    next.nameNl = name;
    this.applyTermText(item, next, existing, this.targetGroups);
    if (normalizeId(item.data.parent_id)) item.notes.push('Target groups have no hierarchy: parent_id not kept');
    if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
    this.settle(item, await this.persist(TargetGroup, CuratedEntityType.TARGET_GROUP, existing, next));
    this.targetGroups.set(next.id, next);
  }

  /** The parent the export shows: the parent type while it is current, else the basic function. */
  private exportedParent(type: InterventionType): string | undefined {
    const parent = type.parentId ? this.interventionTypes.get(type.parentId) : undefined;
    return parent && !parent.archivedAt ? parent.id : (type.basicFunctionId ?? undefined);
  }

  private interventionCycle(id: string, parentId: string): boolean {
    const seen = new Set<string>();
    for (let current: string | null | undefined = parentId; current; current = this.interventionTypes.get(current)?.parentId) {
      if (current === id) return true;
      if (seen.has(current)) return true;
      seen.add(current);
    }
    return false;
  }

  private async importInterventionTerm(item: Item, termIdsInFile: Set<string>): Promise<void> {
    const code = text(item.data.code);
    const rawParent = normalizeId(item.data.parent_id);
    let basicFunction = this.basicFunctions.get(item.id);
    if (!basicFunction && !this.interventionTypes.has(item.id) && !rawParent && code) {
      basicFunction = [...this.basicFunctions.values()].find((fn) => fn.code === code);
      if (basicFunction) {
        this.termAlias.set(item.id, basicFunction.id);
        item.notes.push(`Matched basic function ${basicFunction.id} by its code "${code}"`);
      }
    }
    if (basicFunction) {
      const same =
        (code === undefined || code === basicFunction.code) &&
        text(item.data.name) === text(basicFunction.nameNl) &&
        (text(item.data.description) ?? null) === (text(basicFunction.description) ?? null);
      if (same) return this.settle(item, 'unchanged');
      return this.settle(item, 'skipped', `"${basicFunction.nameNl}" is one of the fixed basic functions of a switch team: an import does not change them`);
    }
    if (this.targetGroups.has(item.id)) return this.settle(item, 'rejected', `${item.id} is a target group here, not an intervention type`);

    let existing = this.interventionTypes.get(item.id) ?? null;
    if (!existing && code) {
      const byCode = [...this.interventionTypes.values()].find((type) => type.code === code);
      if (byCode && !termIdsInFile.has(byCode.id)) {
        existing = byCode;
        this.termAlias.set(item.id, byCode.id);
        item.notes.push(`Matched intervention type ${byCode.id} by its code "${code}"`);
      }
    }
    const name = this.termName(item, existing);
    if (!name) return this.settle(item, 'rejected', 'An intervention type needs a name');
    if (name.length > 300) return this.settle(item, 'rejected', 'name is longer than 300 characters');
    const next = existing
      ? clone(this.tx, InterventionType, existing)
      : this.tx.getRepository(InterventionType).create({
          id: item.id,
          code: '',
          nameNl: name,
          nameEn: null,
          description: null,
          basicFunctionId: null,
          secondaryBasicFunctionId: null,
          category: null,
          parentId: null,
          listedInBookExamples: false,
          source: SOURCE,
          archivedAt: null,
        });
    next.nameNl = name;
    this.applyTermText(item, next, existing, this.interventionTypes);
    if (rawParent) {
      const parentId = this.resolveTerm(rawParent);
      if (parentId !== (existing ? this.exportedParent(existing) : undefined)) {
        if (this.basicFunctions.has(parentId)) {
          next.basicFunctionId = parentId;
          next.parentId = null;
        } else if (this.interventionTypes.has(parentId)) {
          if (this.interventionCycle(next.id, parentId)) item.notes.push(`parent term ${rawParent} would make a cycle: not kept`);
          else {
            next.parentId = parentId;
            if (!existing) next.basicFunctionId = this.interventionTypes.get(parentId)!.basicFunctionId;
          }
        } else {
          item.notes.push(`parent term ${rawParent} is neither in the publication nor in the database: not kept`);
        }
      }
    }
    if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
    this.settle(item, await this.persist(InterventionType, CuratedEntityType.INTERVENTION_TYPE, existing, next));
    this.interventionTypes.set(next.id, next);
  }

  // -- Organisations --------------------------------------------------------------------------

  private organisationCycle(id: string, parentId: string): boolean {
    const seen = new Set<string>();
    for (let current: string | null | undefined = parentId; current; current = this.organisationParents.get(current)) {
      if (current === id || seen.has(current)) return true;
      seen.add(current);
    }
    return false;
  }

  private async importOrganisation(item: Item): Promise<void> {
    const d = item.data;
    const existing = this.organisations.get(item.id) ?? null;
    const name = text(d.name);
    if (!name) return this.settle(item, 'rejected', 'An organisation needs a name');
    if (name.length > 300) return this.settle(item, 'rejected', 'name is longer than 300 characters');
    const current = existing ? toOrganizationWithOwnDetails(existing) : null;
    const next = existing
      ? clone(this.tx, Organisation, existing)
      : this.tx.getRepository(Organisation).create({
          id: item.id,
          slug: '',
          name,
          abbreviation: null,
          aliases: [],
          description: null,
          sector: Sector.OTHER,
          secondarySector: null,
          subsector: null,
          fundingStreams: [],
          scope: null,
          worksWithoutIndication: null,
          generic: false,
          website: null,
          email: null,
          phone: null,
          parentId: null,
          status: OrganisationStatus.ACTIVE,
          lastVerifiedAt: null,
          source: SOURCE,
          note: null,
          archivedAt: null,
        });
    if (d.name !== current?.name) next.name = name;

    const alternate = text(d.alternate_name);
    if (alternate !== undefined && d.alternate_name !== current?.alternate_name) applyAlternateName(next, alternate);
    const description = text(d.description);
    if (description !== undefined && d.description !== current?.description) next.description = description;
    const email = text(d.email);
    if (email !== undefined && d.email !== current?.email) {
      if (email.length > 254) item.notes.push('email longer than 254 characters: not kept');
      else next.email = email.toLowerCase();
    }
    const website = text(d.website);
    if (website !== undefined && d.website !== current?.website) {
      if (website.length > 500) item.notes.push('website longer than 500 characters: not kept');
      else next.website = website;
    }

    const parentId = normalizeId(d.parent_organization_id);
    if (parentId !== undefined && parentId !== current?.parent_organization_id) {
      const available = parentId === item.id ? 'self' : this.availability('organization', this.organisations, parentId);
      if (available === 'self') item.notes.push('An organisation cannot be its own parent: parent_organization_id not kept');
      else if (available === 'missing') item.notes.push(`Parent organization ${parentId} is neither in the publication nor in the database: not kept`);
      else if (available === 'rejected') item.notes.push(`Parent organization ${parentId} was rejected: not kept`);
      else if (this.organisationCycle(item.id, parentId)) item.notes.push(`Parent organization ${parentId} would make a cycle: not kept`);
      else next.parentId = parentId;
    }

    if (Array.isArray(d.phones)) {
      const numbers = uniqueTexts(d.phones.map((phone) => (isObject(phone) ? phone.number : undefined)));
      const first = numbers[0] ?? null;
      if (first !== (current?.phones?.[0]?.number ?? null)) {
        if (first && first.length > 50) item.notes.push('phone number longer than 50 characters: not kept');
        else next.phone = first;
      }
      if (numbers.length > 1) item.notes.push(`Only the first phone number is kept (${numbers.length - 1} more given)`);
    }
    if (Array.isArray(d.funding)) {
      const sources = uniqueTexts(d.funding.map((funding) => (isObject(funding) ? funding.source : undefined)));
      if (!sameList(sources, current?.funding?.map((funding) => funding.source) ?? [])) next.fundingStreams = sources;
    }
    if (Array.isArray(d.attributes)) {
      for (const attribute of d.attributes) {
        if (!isObject(attribute)) continue;
        const termId = normalizeId(attribute.taxonomy_term_id);
        const term = isObject(attribute.taxonomy_term) ? attribute.taxonomy_term : termId ? this.byKey.get(`taxonomy_term:${termId}`)?.data : undefined;
        const sector = sectorOf(term?.code);
        if (sector) {
          next.sector = sector;
          item.notes.push(`Sector ${sector} from the taxonomy term "${text(term?.name) ?? sector}"`);
          break;
        }
      }
    }
    if (!existing) {
      next.slug = this.uniqueSlug('organisation', name, 'organisatie');
      if (next.sector === Sector.OTHER) item.notes.push('Sector OTHER: HSDS has no sector (an attribute whose term code is a sector sets it)');
    }
    if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
    noteNotKept(item);
    this.settle(item, await this.persist(Organisation, CuratedEntityType.ORGANISATION, existing, next));
    this.organisations.set(next.id, next);
    this.organisationParents.set(next.id, next.parentId);
  }

  // -- Locations ------------------------------------------------------------------------------

  private async importLocation(item: Item): Promise<void> {
    const d = item.data;
    if (d.location_type === 'virtual') {
      return this.settle(item, 'rejected', 'A virtual location is no place on the map: Schakel keeps physical locations only');
    }
    const existing = this.locations.get(item.id) ?? null;
    const current = existing ? toLocationFull(existing) : null;
    const addresses = Array.isArray(d.addresses) ? d.addresses.filter(isObject) : undefined;
    const address = addresses?.find((candidate) => candidate.address_type === 'physical') ?? addresses?.find((candidate) => candidate.address_type !== 'virtual');
    const name = text(d.name) ?? (existing ? undefined : (text(d.alternate_name) ?? text(address?.address_1)));
    if (!existing && !name) return this.settle(item, 'rejected', 'A location needs a name (or an alternate name or address to name it by)');
    if (name && name.length > 300) return this.settle(item, 'rejected', 'name is longer than 300 characters');
    const next = existing
      ? clone(this.tx, Location, existing)
      : this.tx.getRepository(Location).create({
          id: item.id,
          slug: '',
          name: name!,
          aliases: [],
          kind: null,
          description: null,
          organisationId: null,
          address: null,
          postcode: null,
          city: null,
          latitude: null,
          longitude: null,
          areaId: null,
          accessibility: null,
          locationDescription: null,
          status: LocationStatus.ACTIVE,
          lastVerifiedAt: null,
          source: SOURCE,
          note: null,
          archivedAt: null,
        });
    if (name && d.name !== current?.name) next.name = name;
    if (!text(d.name) && !existing) item.notes.push(`No name given: named "${name}"`);
    if (d.location_type === 'postal') item.notes.push('A postal location: kept as a place');

    const alternate = text(d.alternate_name);
    if (alternate !== undefined && d.alternate_name !== current?.alternate_name) next.aliases = [alternate, ...next.aliases.filter((alias) => alias !== alternate)];
    const description = text(d.description);
    if (description !== undefined && d.description !== current?.description) next.description = description;

    const organisationId = normalizeId(d.organization_id) ?? item.context.organizationId;
    if (organisationId !== undefined && organisationId !== current?.organization_id) {
      const available = this.availability('organization', this.organisations, organisationId);
      if (available === 'ok') next.organisationId = organisationId;
      else item.notes.push(`Organization ${organisationId} ${available === 'rejected' ? 'was rejected' : 'is neither in the publication nor in the database'}: the location is kept without it`);
    }

    if (d.latitude !== undefined || d.longitude !== undefined) {
      const { latitude, longitude } = d;
      if (typeof latitude !== 'number' || typeof longitude !== 'number') item.notes.push('Coordinates come in pairs: latitude and longitude not kept');
      else if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
        item.notes.push(`Coordinates out of range (latitude ${latitude}, longitude ${longitude}): not kept`);
      } else {
        next.latitude = latitude;
        next.longitude = longitude;
      }
    }

    if (addresses !== undefined) this.applyAddress(item, next, current?.addresses ?? [], address);

    if (Array.isArray(d.accessibility)) {
      const descriptions = d.accessibility
        .filter(isObject)
        .map((entry) => [text(entry.description), text(entry.details)].filter(Boolean).join(' — '))
        .filter((entry) => entry.length > 0);
      const accessibility = descriptions.length > 0 ? descriptions.join('\n') : null;
      if (accessibility !== (current?.accessibility?.[0]?.description ?? null)) next.accessibility = accessibility;
    }
    if (!existing) next.slug = this.uniqueSlug('location', next.name, 'locatie');
    if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
    noteNotKept(item);
    this.settle(item, await this.persist(Location, CuratedEntityType.LOCATION, existing, next));
    this.locations.set(next.id, next);
  }

  /** The physical address: into address/postcode/city when Dutch, else into location_description. */
  private applyAddress(item: Item, next: Location, exported: Array<{ address_1: string; postal_code: string; city: string }>, address: Json | undefined): void {
    if (!address) {
      // The publication says the location has no (usable) address.
      if (exported.length > 0) {
        next.address = null;
        next.postcode = null;
        next.city = null;
      }
      return;
    }
    const street = [text(address.address_1), text(address.address_2)].filter(Boolean).join(', ');
    const city = text(address.city);
    const postcode = dutchPostcode(address.postal_code);
    const already = exported[0];
    if (already && address.address_1 === already.address_1 && address.postal_code === already.postal_code && address.city === already.city && !text(address.address_2)) {
      return;
    }
    if (postcode && city && street && dutchCountry(address.country) && street.length <= 300 && city.length <= 100) {
      next.address = street;
      next.postcode = postcode;
      next.city = city;
      return;
    }
    const whole = [street, [text(address.postal_code), city].filter(Boolean).join(' '), text(address.region), text(address.state_province), text(address.country)]
      .filter((part) => part)
      .join(', ');
    if (whole) next.locationDescription = whole;
    // The publication's address replaces ours: no Dutch address fields left behind.
    if (exported.length > 0) {
      next.address = null;
      next.postcode = null;
      next.city = null;
    }
    const reason = !dutchCountry(address.country)
      ? `An address in ${text(address.country)}`
      : postcode
        ? 'The address is incomplete or too long for the address fields'
        : `"${text(address.postal_code) ?? ''}" is no Dutch postcode`;
    item.notes.push(`${reason}: the address is kept in location_description`);
  }

  // -- Services -------------------------------------------------------------------------------

  private linkSnapshot(serviceId: string): Snapshot {
    const atLocations = [...this.serviceLocations.values()]
      .filter((row) => row.serviceId === serviceId)
      .sort((a, b) => a.locationId.localeCompare(b.locationId) || a.id.localeCompare(b.id));
    return {
      targetGroupIds: [...(this.termLinks.service_target_group.get(serviceId)?.keys() ?? [])].sort(),
      interventionTypeIds: [...(this.termLinks.service_intervention_type.get(serviceId)?.keys() ?? [])].sort(),
      locationIds: atLocations.map((row) => row.locationId),
      serviceLocations: atLocations.map((row) => ({ id: row.id, locationId: row.locationId, description: row.description })),
    };
  }

  private serviceSnapshot(service: Service): Snapshot {
    return { ...snapshot(this.tx, Service, service), ...this.linkSnapshot(service.id) };
  }

  /** Remembers how a service looked before this import first touched it (null: created now). */
  private touchService(serviceId: string, created = false): void {
    if (this.serviceHistory.has(serviceId)) return;
    const service = this.services.get(serviceId);
    this.serviceHistory.set(serviceId, created || !service ? null : this.serviceSnapshot(service));
  }

  private async recordServiceHistory(): Promise<void> {
    for (const [serviceId, before] of this.serviceHistory) {
      const service = this.services.get(serviceId);
      if (!service) continue;
      const after = this.serviceSnapshot(service);
      if (before !== null && Object.keys(diff(before, after)).length === 0) continue;
      await recordChange(this.tx, this.ctx, {
        entityType: CuratedEntityType.SERVICE,
        entityId: serviceId,
        action: before === null ? ChangeAction.CREATE : ChangeAction.UPDATE,
        before,
        after,
        via: IMPORT_VIA,
      });
    }
  }

  private async importService(item: Item): Promise<void> {
    const d = item.data;
    const existing = this.services.get(item.id) ?? null;
    const name = text(d.name);
    if (!name) return this.settle(item, 'rejected', 'A service needs a name');
    if (name.length > 300) return this.settle(item, 'rejected', 'name is longer than 300 characters');

    const providerId = normalizeId(d.organization_id) ?? item.nested.organizationId ?? item.context.organizationId;
    if (providerId !== undefined) {
      const available = this.availability('organization', this.organisations, providerId);
      if (available === 'rejected') return this.settle(item, 'rejected', `Its organization ${providerId} was rejected`);
      if (available === 'missing') return this.settle(item, 'rejected', `Its organization ${providerId} is neither in the publication nor in the database`);
    } else if (!existing) {
      item.notes.push('No organization: imported without a provider');
    }

    const current = existing ? { ...toServiceBasic(existing), ...serviceOwnDetails(existing) } : null;
    const next = existing
      ? clone(this.tx, Service, existing)
      : this.tx.getRepository(Service).create({
          id: item.id,
          slug: '',
          organisationId: null,
          name,
          abbreviation: null,
          aliases: [],
          description: null,
          eligibility: null,
          minAge: null,
          maxAge: null,
          requiresIndication: null,
          worksWithoutIndication: null,
          cost: null,
          languages: [],
          status: ServiceStatus.ACTIVE,
          validFrom: null,
          validTo: null,
          periodDescription: null,
          funding: null,
          frequency: null,
          results: [],
          lastVerifiedAt: null,
          source: SOURCE,
          note: null,
          archivedAt: null,
        });
    if (providerId !== undefined) next.organisationId = providerId;
    if (d.name !== current?.name) next.name = name;
    if (typeof d.status === 'string' && STATUS[d.status]) next.status = STATUS[d.status];

    const alternate = text(d.alternate_name);
    if (alternate !== undefined && d.alternate_name !== current?.alternate_name) applyAlternateName(next, alternate);
    const fields: Array<[keyof HsdsTextFields, 'description' | 'eligibility' | 'cost']> = [
      ['description', 'description'],
      ['eligibility_description', 'eligibility'],
      ['fees_description', 'cost'],
    ];
    for (const [hsds, column] of fields) {
      const value = text(d[hsds]);
      if (value !== undefined && value !== current?.[hsds]) next[column] = value;
    }

    const minAge = age(d.minimum_age);
    const maxAge = age(d.maximum_age);
    if (minAge === null || maxAge === null) item.notes.push('Ages must be whole years from 0 to 130: not kept');
    if (typeof minAge === 'number') next.minAge = minAge;
    if (typeof maxAge === 'number') next.maxAge = maxAge;
    if (next.minAge !== null && next.maxAge !== null && next.minAge > next.maxAge) {
      item.notes.push('minimum_age is above maximum_age: ages not kept');
      next.minAge = existing?.minAge ?? null;
      next.maxAge = existing?.maxAge ?? null;
    }

    const application = text(d.application_process);
    if (application !== undefined && application !== current?.application_process) {
      if (application === REQUIRES_INDICATION) next.requiresIndication = true;
      else if (application === WITHOUT_INDICATION) next.requiresIndication = false;
      else item.notes.push('application_process not kept (Schakel records only whether an indication is needed)');
    }

    if (d.assured_date !== undefined && d.assured_date !== current?.assured_date) {
      const date = typeof d.assured_date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.assured_date.trim()) : null;
      const instant = date ? new Date(`${date[0]}T12:00:00Z`) : null;
      if (instant && !Number.isNaN(instant.getTime()) && dutchDate(instant) === date![0]) next.lastVerifiedAt = instant;
      else item.notes.push('assured_date is no date (YYYY-MM-DD): not kept');
    }

    if (Array.isArray(d.languages)) {
      const languages = uniqueTexts(d.languages.map((language) => (isObject(language) ? (text(language.name) ?? language.code) : undefined)));
      if (!sameList(languages, current?.languages?.map((language) => language.name) ?? [])) next.languages = languages;
    }
    if (Array.isArray(d.funding)) {
      const sources = uniqueTexts(d.funding.map((funding) => (isObject(funding) ? funding.source : undefined)));
      const funding = sources.length > 0 ? sources.join('; ') : null;
      if (funding !== (current?.funding?.[0]?.source ?? null)) next.funding = funding;
    }
    if (Array.isArray(d.service_areas) && d.service_areas.length > 0) {
      const known = new Set((await this.serviceAreaIds(item.id)) ?? []);
      if (!d.service_areas.every((area) => isObject(area) && normalizeId(area.id) && known.has(normalizeId(area.id)!))) {
        item.notes.push('service_areas not imported: Schakel links services to its own areas (CBS neighbourhoods and districts)');
      }
    }

    if (!existing) next.slug = this.uniqueSlug('service', name, 'dienst');
    if (existing?.archivedAt) item.notes.push('Archived: it stays archived');
    noteNotKept(item);

    // Attributes: the whole set of target groups and intervention types, when given.
    const wanted = Array.isArray(d.attributes) ? this.wantedTerms(item, d.attributes) : null;
    const linksChanged =
      wanted !== null &&
      (['service_target_group', 'service_intervention_type'] as const).some((table) => {
        const have = this.termLinks[table].get(item.id) ?? new Map<string, string>();
        return have.size !== wanted[table].size || [...wanted[table].keys()].some((termId) => !have.has(termId));
      });

    const repo = this.tx.getRepository(Service);
    let outcome: 'created' | 'updated' | 'unchanged';
    if (!existing) {
      this.touchService(item.id, true);
      await repo.insert(next);
      outcome = 'created';
    } else {
      this.touchService(item.id);
      const changed = Object.keys(diff(snapshot(this.tx, Service, existing), snapshot(this.tx, Service, next)));
      if (changed.length > 0 || linksChanged) {
        const set: Record<string, unknown> = {};
        for (const column of changed) set[column] = (next as unknown as Record<string, unknown>)[column];
        // Links alone move the version and updated_at on too, as GraphQL edits do.
        if (changed.length === 0) set.updatedAt = new Date();
        await repo.update(item.id, set as QueryDeepPartialEntity<Service>);
        outcome = 'updated';
      } else {
        outcome = 'unchanged';
      }
    }
    this.services.set(next.id, next);
    if (wanted && linksChanged) {
      await this.replaceTermLinks('service_target_group', 'target_group_id', item.id, wanted.service_target_group);
      await this.replaceTermLinks('service_intervention_type', 'intervention_type_id', item.id, wanted.service_intervention_type);
    }
    this.settle(item, outcome);
  }

  private async serviceAreaIds(serviceId: string): Promise<string[] | undefined> {
    if (!this.services.has(serviceId)) return undefined;
    const rows: Array<{ id: string }> = await this.tx.query(`SELECT id FROM service_area WHERE service_id = $1`, [serviceId]);
    return rows.map((row) => row.id);
  }

  /** Term id → preferred link row id (the attribute's), per link table. */
  private wantedTerms(item: Item, attributes: unknown[]): Record<TermLinkTable, Map<string, string | undefined>> {
    const wanted: Record<TermLinkTable, Map<string, string | undefined>> = { service_target_group: new Map(), service_intervention_type: new Map() };
    let foreign = 0;
    const basic: string[] = [];
    for (const attribute of attributes) {
      if (!isObject(attribute)) continue;
      const rawTermId = normalizeId(attribute.taxonomy_term_id) ?? (isObject(attribute.taxonomy_term) ? normalizeId(attribute.taxonomy_term.id) : undefined);
      if (!rawTermId) continue;
      const termId = this.resolveTerm(rawTermId);
      const linkId = normalizeId(attribute.id);
      if (this.targetGroups.has(termId)) wanted.service_target_group.set(termId, linkId);
      else if (this.interventionTypes.has(termId)) wanted.service_intervention_type.set(termId, linkId);
      else if (this.basicFunctions.has(termId)) basic.push(this.basicFunctions.get(termId)!.nameNl);
      else foreign++;
    }
    if (foreign > 0) item.notes.push(`${foreign} attribute(s) with terms of other taxonomies (or unknown terms) not imported`);
    if (basic.length > 0) item.notes.push(`Services are linked to intervention types, not to basic functions (${basic.join(', ')}): not linked`);
    return wanted;
  }

  private async replaceTermLinks(table: TermLinkTable, column: string, serviceId: string, wanted: Map<string, string | undefined>): Promise<void> {
    const have = this.linksOf(table, serviceId);
    const remove = [...have.keys()].filter((termId) => !wanted.has(termId));
    if (remove.length > 0) {
      await this.tx.query(`DELETE FROM "${table}" WHERE service_id = $1 AND "${column}" = ANY($2::uuid[])`, [serviceId, remove]);
      for (const termId of remove) have.delete(termId);
    }
    for (const [termId, preferred] of wanted) {
      if (have.has(termId)) continue;
      const id = preferred && !this.linkIds[table].has(preferred) ? preferred : randomUUID();
      await this.tx.query(`INSERT INTO "${table}" (id, service_id, "${column}") VALUES ($1, $2, $3)`, [id, serviceId, termId]);
      this.linkIds[table].add(id);
      have.set(termId, id);
    }
  }

  // -- service_at_location --------------------------------------------------------------------

  private async importServiceAtLocation(item: Item): Promise<void> {
    const d = item.data;
    const serviceId = normalizeId(d.service_id) ?? item.context.serviceId ?? item.nested.serviceId;
    const locationId = normalizeId(d.location_id) ?? item.nested.locationId;
    if (!serviceId) return this.settle(item, 'rejected', 'No service: service_id is missing and it is not nested in a service');
    if (!locationId) return this.settle(item, 'rejected', 'No location: location_id is missing and no location is nested');
    const service = this.availability('service', this.services, serviceId);
    if (service !== 'ok') return this.settle(item, 'rejected', `Its service ${serviceId} ${service === 'rejected' ? 'was rejected' : 'is neither in the publication nor in the database'}`);
    const location = this.availability('location', this.locations, locationId);
    if (location !== 'ok') return this.settle(item, 'rejected', `Its location ${locationId} ${location === 'rejected' ? 'was rejected' : 'is neither in the publication nor in the database'}`);

    const description = text(d.description);
    const byId = this.serviceLocations.get(item.id);
    const pair = [...this.serviceLocations.values()].find((row) => row.serviceId === serviceId && row.locationId === locationId && row.id !== item.id);
    noteNotKept(item);
    if (byId && pair) {
      return this.settle(item, 'rejected', `Service ${serviceId} is already at location ${locationId} as service_at_location ${pair.id}`);
    }
    if (!byId && !pair) {
      this.touchService(serviceId);
      await this.tx.query(`INSERT INTO service_location (id, service_id, location_id, description) VALUES ($1, $2, $3, $4)`, [
        item.id,
        serviceId,
        locationId,
        description ?? null,
      ]);
      this.serviceLocations.set(item.id, { id: item.id, serviceId, locationId, description: description ?? null });
      return this.settle(item, 'created');
    }
    const row = byId ?? pair!;
    if (pair) item.notes.push(`The service is already at this location as service_at_location ${pair.id}: that link is used`);
    const next: ServiceLocationRow = {
      ...row,
      serviceId,
      locationId,
      description: description !== undefined && description !== text(row.description) ? description : row.description,
    };
    if (next.serviceId === row.serviceId && next.locationId === row.locationId && next.description === row.description) return this.settle(item, 'unchanged');
    this.touchService(row.serviceId);
    this.touchService(serviceId);
    await this.tx.query(`UPDATE service_location SET service_id = $2, location_id = $3, description = $4, updated_at = now() WHERE id = $1`, [
      row.id,
      next.serviceId,
      next.locationId,
      next.description,
    ]);
    this.serviceLocations.set(row.id, next);
    this.settle(item, 'updated');
  }
}

interface HsdsTextFields {
  description?: string;
  eligibility_description?: string;
  fees_description?: string;
}

// ---------------------------------------------------------------------------------------------
// Report and entry points

function recordName(item: Item, items: Map<string, Item>): string {
  const name = text(item.data.name);
  if (name) return name;
  if (item.type === 'service_at_location') {
    const serviceId = normalizeId(item.data.service_id) ?? item.context.serviceId ?? item.nested.serviceId;
    const locationId = normalizeId(item.data.location_id) ?? item.nested.locationId;
    const service = serviceId ? text(items.get(`service:${serviceId}`)?.data.name) : undefined;
    const location = locationId ? text(items.get(`location:${locationId}`)?.data.name) : undefined;
    if (service || location) return `${service ?? serviceId ?? '?'} — ${location ?? locationId ?? '?'}`;
    return text(item.data.description) ?? '';
  }
  return '';
}

function buildReport(items: Item[], warnings: string[], options: { format: 'json' | 'csv'; dryRun: boolean }): ImportReport {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const zero = () => Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<ImportOutcome, number>;
  const totals = { ...zero(), records: 0 };
  const byType = Object.fromEntries(RECORD_TYPES.map((type) => [type, zero()])) as ImportReport['byType'];
  const records = [...items]
    .sort((a, b) => a.order - b.order)
    .map((item): ImportRecordResult => {
      const outcome = item.outcome ?? 'rejected';
      totals[outcome]++;
      totals.records++;
      byType[item.type][outcome]++;
      return {
        type: item.type,
        id: item.id,
        name: recordName(item, byKey),
        outcome,
        ...(item.reason ? { reason: item.reason } : {}),
        path: item.path,
        ...(item.line !== undefined ? { line: item.line } : {}),
        ...(item.notes.length > 0 ? { notes: item.notes } : {}),
        ...(item.errors.length > 0 ? { errors: item.errors } : {}),
      };
    });
  return { format: options.format, dryRun: options.dryRun, committed: !options.dryRun, totals, byType, records, warnings };
}

class DryRunRollback extends Error {}

async function runImport(ctx: RequestContext, collector: Collector, options: { format: 'json' | 'csv'; dryRun: boolean }): Promise<ImportReport> {
  // Validation first: nothing touches the database before every record has been checked.
  const items = prepare(collector);
  let report: ImportReport | undefined;
  try {
    await withTransaction(ctx, async (txCtx) => {
      await new ImportRun(txCtx.manager, txCtx, items).execute();
      report = buildReport(items, collector.warnings, options);
      if (options.dryRun) throw new DryRunRollback('dry run');
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw translateDatabaseError(error);
  }
  return report!;
}

/** POST /hsds/import: an HSDS 3.0 JSON publication (or one record, a page, a tabular package in JSON). Admins only. */
export async function importHsdsJson(ctx: RequestContext, body: unknown, options: { dryRun: boolean }): Promise<ImportReport> {
  assertAdmin(ctx, 'Only admins import HSDS publications');
  return runImport(ctx, collectJsonDocument(body), { format: 'json', dryRun: options.dryRun });
}

/** POST /hsds/import/csv: the HSDS tabular data package as `{ "file.csv": "content", … }`. Admins only. */
export async function importHsdsCsvPackage(ctx: RequestContext, body: unknown, options: { dryRun: boolean }): Promise<ImportReport> {
  assertAdmin(ctx, 'Only admins import HSDS publications');
  return runImport(ctx, collectCsvPackage(body), { format: 'csv', dryRun: options.dryRun });
}
