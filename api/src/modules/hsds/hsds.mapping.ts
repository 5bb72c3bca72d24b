import { createHash } from 'node:crypto';
import { fullFormats } from 'ajv-formats/dist/formats';
import { dutchDate } from '../../common/dates';
import type { BasicFunction } from '../intervention-type/basic-function.entity';
import type { InterventionType } from '../intervention-type/intervention-type.entity';
import type { Location } from '../location/location.entity';
import type { Organisation } from '../organisation/organisation.entity';
import type { Area } from '../area/area.entity';
import { type Service, ServiceStatus, type ServiceLocation } from '../service/service.entity';
import type { TargetGroup } from '../target-group/target-group.entity';

/*
 * Schakel → Open Referral HSDS 3.0 (the JSON schemas in fixtures/hsds-3.0/schema, CC BY-SA 4.0).
 *
 * General rules
 * - Ids: our row ids (UUIDs) are the HSDS ids. HSDS objects we build from a column rather
 *   than a row (an organisation's phone, a location's address, funding, languages) get a
 *   stable name-based UUID (v5, `derivedId`) from the owning row's id, so they never change
 *   between requests.
 * - Nothing is invented. A field we do not hold is left out. Where the JSON schema REQUIRES a
 *   string we may not hold, we send the empty string "" (valid, and it says "unknown" without
 *   pretending): organization.description, taxonomy_term.description, address.state_province.
 * - Values the schema constrains with a format (email, uri) are sent only when they satisfy it
 *   (the same ajv-formats check the tests validate with); otherwise they are left out.
 * - Never exported: key persons (key_person, key_person_area, key_person_role…), networks,
 *   referrals, users, internal curator fields (`note`, `source`, `version`, `slug`).
 *
 * | Schakel                                   | HSDS 3.0                                                     |
 * |-------------------------------------------|--------------------------------------------------------------|
 * | organisation.id                           | organization.id                                              |
 * | organisation.name                         | organization.name                                            |
 * | organisation.abbreviation (else aliases[0])| organization.alternate_name                                 |
 * | organisation.description                  | organization.description (REQUIRED; "" when we have none)    |
 * | organisation.email / website              | organization.email / website (only when format-valid)        |
 * | organisation.parent_id                    | organization.parent_organization_id                          |
 * | organisation.phone                        | organization.phones[] {id: derived, number}                  |
 * | organisation.funding_streams[]            | organization.funding[] {id: derived, source}                 |
 * | location rows with organisation_id        | organization.locations[] (full endpoint / full=true)         |
 * | service rows with organisation_id         | organization.services[] (list shape; full_service=true: full)|
 * | organisation sector, scope, status, areas | not exported (no HSDS field)                                 |
 * | service.id, name, description             | service.id, name, description                                 |
 * | service.organisation_id (provider)        | service.organization_id + nested organization. Not required  |
 * |                                           | by the JSON schema (only `tabular_required` for the CSV      |
 * |                                           | package): services without a provider are exported without  |
 * |                                           | organization_id/organization, never under a guessed one.     |
 * | service_partner                           | not exported (HSDS 3.0 has one organization per service)     |
 * | service.abbreviation (else aliases[0])    | service.alternate_name                                       |
 * | service.status ACTIVE/INACTIVE/DEFUNCT/   | service.status active/inactive/defunct/temporarily closed    |
 * |   TEMPORARILY_CLOSED                      |                                                              |
 * | service.eligibility                       | service.eligibility_description                              |
 * | service.min_age / max_age                 | service.minimum_age / maximum_age                            |
 * | service.requires_indication /             | service.application_process: one fixed Dutch sentence,       |
 * |   works_without_indication                |   "Alleen toegankelijk met een indicatie." or "Toegankelijk  |
 * |                                           |   zonder indicatie."; left out when both are unknown         |
 * | service.cost                              | service.fees_description                                     |
 * | service.funding                           | service.funding[] {id: derived, source}                      |
 * | service.languages[]                       | service.languages[] {id: derived, name; code when ISO-like}  |
 * | service.last_verified_at                  | service.assured_date (date in Europe/Amsterdam)              |
 * | service.updated_at                        | service.last_modified (and the modified_after filter)        |
 * | service.url / email                       | service.url / email (only when format-valid)                 |
 * | schedule, phone rows (hsds.details.ts)    | schedules[] / phones[] of the service, location and          |
 * |                                           |   service_at_location that owns them (full shapes)           |
 * | service valid_from/to, period, frequency, | not exported (no HSDS 3.0 field)                             |
 * |   results                                 |                                                              |
 * | service_area (+ area)                     | service.service_areas[] {id: row id, name: area name,        |
 * |                                           |   extent: boundary GeoJSON, extent_type "geojson"}           |
 * | service_location (+ location)             | service.service_at_locations[] / service_at_location         |
 * |   .description                            |   .description                                               |
 * | location.id, name, description,          | location.id, name, description, latitude, longitude,         |
 * |   latitude, longitude, organisation_id    |   organization_id; location_type "physical"                  |
 * | location.aliases[0]                       | location.alternate_name                                      |
 * | location.address + postcode + city        | location.addresses[] {id: derived, address_1, postal_code,   |
 * |   (only when all three are known)         |   city, country "NL", state_province "" (REQUIRED, we hold   |
 * |                                           |   no province), address_type "physical"}. country: the       |
 * |                                           |   database only admits Dutch postcodes.                      |
 * | location.accessibility                    | location.accessibility[] {id: derived, description}          |
 * | location kind, status, location_description| not exported                                                |
 * | target_group                              | taxonomy_term in taxonomy "Schakel doelgroepen"              |
 * | basic_function                            | top-level taxonomy_term in "Schakel interventietypen"        |
 * | intervention_type                         | taxonomy_term in "Schakel interventietypen"; parent_id =     |
 * |                                           |   its parent type, else its (primary) basic function         |
 * | *.code / name_nl / description            | taxonomy_term.code / name / description (REQUIRED; "")       |
 * | service_target_group row                  | service.attributes[] {id: row id, link_type "audience",      |
 * |                                           |   link_entity "service", link_id: service id, term}          |
 * | service_intervention_type row             | service.attributes[] {id: row id, link_type "intervention",  |
 * |                                           |   link_entity "service", link_id: service id, term}          |
 *
 * Filters (hsds.service.ts)
 * - search: Dutch full text with curated synonyms and compound prefixes (search feature,
 *   search.rules.ts: websearch syntax) over the same indexed expressions as GraphQL
 *   (@schakel/db searchVectorSql): organisations for /organizations, services for /services and
 *   /service_at_locations; over name, code and description for taxonomy terms.
 * - taxonomy_term_id: services carrying the term or a narrower one (a basic function matches
 *   the services of its intervention types); taxonomy_id: services carrying any of its terms.
 * - organization_id: services the organisation provides (service.organisation_id), as
 *   organization_id says; partnerships are not part of HSDS.
 * - modified_after: updated_at >= the instant; for service_at_location the link's, its
 *   service's or its location's updated_at.
 */

/** Stable ids of the two taxonomies this server publishes (never change them). */
export const TARGET_GROUP_TAXONOMY_ID = '74362b3c-886e-4f32-b644-f6d8d112750e';
export const INTERVENTION_TAXONOMY_ID = '085179d0-b3fe-459a-a0e9-190c6fe78255';

/** Namespace of the name-based (v5) UUIDs of objects built from a column rather than a row. */
const DERIVED_ID_NAMESPACE = '3ad2a5a8-243c-4ada-b2d7-0be3e2860620';

export const HSDS_VERSION = '3.0';
/** This server publishes base HSDS 3.0 without a profile. */
export const HSDS_PROFILE_URL = 'https://github.com/openreferral/specification/tree/3.0';

export type LinkType = 'audience' | 'intervention';
export const LINK_TYPE_TARGET_GROUP: LinkType = 'audience';
export const LINK_TYPE_INTERVENTION: LinkType = 'intervention';

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
}

export const TAXONOMIES: readonly HsdsTaxonomy[] = [
  {
    id: TARGET_GROUP_TAXONOMY_ID,
    name: 'Schakel doelgroepen',
    description: 'Doelgroepen (target groups) van de sociale kaart Schakel: voor wie een dienst bedoeld is, bijvoorbeeld kwetsbare ouderen in sociaal isolement.',
  },
  {
    id: INTERVENTION_TAXONOMY_ID,
    name: 'Schakel interventietypen',
    description:
      'Interventietypen (intervention types) van de sociale kaart Schakel, met de tien basisfuncties van een schakelteam als bovenliggende termen.',
  },
];

export function taxonomyById(id: string): HsdsTaxonomy | undefined {
  return TAXONOMIES.find((taxonomy) => taxonomy.id === id);
}

/** A taxonomy term as read from target_group, basic_function or intervention_type. */
export interface TermRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  parentId: string | null;
  taxonomyId: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_detail: HsdsTaxonomy;
  taxonomy_id: string;
  language: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: LinkType;
  link_entity: 'service';
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
}

export interface HsdsPhone {
  id: string;
  organization_id?: string;
  number: string;
}

export interface HsdsFunding {
  id: string;
  organization_id?: string;
  service_id?: string;
  source: string;
}

export interface HsdsLanguage {
  id: string;
  service_id: string;
  name: string;
  code?: string;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical';
}

export interface HsdsAccessibility {
  id: string;
  location_id: string;
  description: string;
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical';
  organization_id?: string;
  name: string;
  alternate_name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  addresses?: HsdsAddress[];
  accessibility?: HsdsAccessibility[];
  schedules?: Array<Record<string, unknown>>;
  phones?: Array<Record<string, unknown>>;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
  parent_organization_id?: string;
  phones?: HsdsPhone[];
  funding?: HsdsFunding[];
  locations?: HsdsLocation[];
  services?: HsdsService[];
}

export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  extent?: string;
  extent_type?: 'geojson';
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  description?: string;
  location?: HsdsLocation;
  service?: HsdsService;
  schedules?: Array<Record<string, unknown>>;
  phones?: Array<Record<string, unknown>>;
}

export type HsdsStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface HsdsService {
  id: string;
  organization_id?: string;
  name: string;
  alternate_name?: string;
  description?: string;
  url?: string;
  email?: string;
  status: HsdsStatus;
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  last_modified: string;
  organization?: HsdsOrganization;
  service_areas?: HsdsServiceArea[];
  service_at_locations?: HsdsServiceAtLocation[];
  languages?: HsdsLanguage[];
  funding?: HsdsFunding[];
  attributes?: HsdsAttribute[];
  schedules?: Array<Record<string, unknown>>;
  phones?: Array<Record<string, unknown>>;
}

/** The paging envelope of the HSDS API reference (`components.schemas.Page` + contents). */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** `size` is the number of entities on this page and `empty` says this page has none (reference's Page). */
export function toPage<T>(contents: T[], totalItems: number, pageNumber: number, perPage: number): HsdsPage<T> {
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Name-based UUID (version 5) of `parts` in this server's namespace: stable across requests. */
export function derivedId(...parts: string[]): string {
  const namespace = Buffer.from(DERIVED_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(namespace).update(parts.join(':'), 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const emailFormat = fullFormats.email as RegExp;
const uriFormat = fullFormats.uri as (value: string) => boolean;

/** An email address the schema's `format: email` accepts, else undefined. */
function validEmail(value: string | null): string | undefined {
  const email = value?.trim();
  return email && emailFormat.test(email) ? email : undefined;
}

/** An absolute http(s) URL the schema's `format: uri` accepts (normalised by WHATWG URL), else undefined. */
function validWebUri(value: string | null): string | undefined {
  const raw = value?.trim();
  if (!raw || !/^https?:\/\//i.test(raw)) return undefined;
  try {
    const href = new URL(raw).href;
    return uriFormat(href) ? href : undefined;
  } catch {
    return undefined;
  }
}

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function alternateName(abbreviation: string | null, aliases: string[] | null | undefined): string | undefined {
  return text(abbreviation) ?? text(aliases?.[0]);
}

const STATUS: Record<ServiceStatus, HsdsStatus> = {
  [ServiceStatus.ACTIVE]: 'active',
  [ServiceStatus.INACTIVE]: 'inactive',
  [ServiceStatus.DEFUNCT]: 'defunct',
  [ServiceStatus.TEMPORARILY_CLOSED]: 'temporarily closed',
};

export function hsdsStatus(status: ServiceStatus): HsdsStatus {
  return STATUS[status];
}

// ---------------------------------------------------------------------------------------------
// Taxonomy terms

export function targetGroupTerm(group: TargetGroup): TermRow {
  return { id: group.id, code: group.code, name: group.nameNl, description: group.description, parentId: null, taxonomyId: TARGET_GROUP_TAXONOMY_ID };
}

export function basicFunctionTerm(fn: BasicFunction): TermRow {
  return { id: fn.id, code: fn.code, name: fn.nameNl, description: fn.description, parentId: null, taxonomyId: INTERVENTION_TAXONOMY_ID };
}

export function interventionTypeTerm(type: InterventionType): TermRow {
  return {
    id: type.id,
    code: type.code,
    name: type.nameNl,
    description: type.description,
    parentId: type.parentId ?? type.basicFunctionId,
    taxonomyId: INTERVENTION_TAXONOMY_ID,
  };
}

export function toTaxonomyTerm(term: TermRow): HsdsTaxonomyTerm {
  const taxonomy = taxonomyById(term.taxonomyId);
  if (!taxonomy) throw new Error(`Unknown taxonomy ${term.taxonomyId}`);
  return {
    id: term.id,
    code: term.code,
    name: term.name,
    description: term.description ?? '',
    parent_id: term.parentId ?? undefined,
    taxonomy: taxonomy.name,
    taxonomy_detail: { ...taxonomy },
    taxonomy_id: taxonomy.id,
    // Our names are the Dutch ones (name_nl): ISO 639-1 "nl".
    language: 'nl',
  };
}

export function toAttribute(linkRowId: string, serviceId: string, linkType: LinkType, term: TermRow): HsdsAttribute {
  return {
    id: linkRowId,
    link_id: serviceId,
    link_type: linkType,
    link_entity: 'service',
    taxonomy_term_id: term.id,
    taxonomy_term: toTaxonomyTerm(term),
  };
}

// ---------------------------------------------------------------------------------------------
// Organizations, locations, services

/** One-to-one fields of an organization (the `organization_list` shape). */
export function toOrganizationBasic(organisation: Organisation): HsdsOrganization {
  return {
    id: organisation.id,
    name: organisation.name,
    alternate_name: alternateName(organisation.abbreviation, organisation.aliases),
    description: organisation.description ?? '',
    email: validEmail(organisation.email),
    website: validWebUri(organisation.website),
    parent_organization_id: organisation.parentId ?? undefined,
  };
}

/** One-to-one fields plus what we derive from the organisation's own columns (phones, funding). */
export function toOrganizationWithOwnDetails(organisation: Organisation): HsdsOrganization {
  const phone = text(organisation.phone);
  return {
    ...toOrganizationBasic(organisation),
    phones: phone ? [{ id: derivedId('organisation-phone', organisation.id), organization_id: organisation.id, number: phone }] : [],
    funding: uniqueTexts(organisation.fundingStreams).map((source) => ({
      id: derivedId('organisation-funding', organisation.id, source),
      organization_id: organisation.id,
      source,
    })),
  };
}

/** One-to-one fields of a location (the shape inside `service_at_location_list`). */
export function toLocationBasic(location: Location): HsdsLocation {
  return {
    id: location.id,
    location_type: 'physical',
    organization_id: location.organisationId ?? undefined,
    name: location.name,
    alternate_name: text(location.aliases?.[0]),
    description: text(location.description),
    latitude: location.latitude ?? undefined,
    longitude: location.longitude ?? undefined,
  };
}

/** A location with its address and accessibility, derived from its own columns. */
export function toLocationFull(location: Location): HsdsLocation {
  const street = text(location.address);
  const postcode = text(location.postcode);
  const city = text(location.city);
  const accessibility = text(location.accessibility);
  return {
    ...toLocationBasic(location),
    addresses:
      street && postcode && city
        ? [
            {
              id: derivedId('location-address', location.id),
              location_id: location.id,
              address_1: street,
              city,
              state_province: '',
              postal_code: postcode,
              country: 'NL',
              address_type: 'physical',
            },
          ]
        : [],
    accessibility: accessibility ? [{ id: derivedId('location-accessibility', location.id), location_id: location.id, description: accessibility }] : [],
  };
}

/** Whether a needs assessment (indicatie) is needed, as a fixed Dutch sentence. */
function applicationProcess(service: Service): string | undefined {
  if (service.requiresIndication === true) return 'Alleen toegankelijk met een indicatie.';
  if (service.requiresIndication === false || service.worksWithoutIndication === true) return 'Toegankelijk zonder indicatie.';
  return undefined;
}

/** One-to-one fields of a service (the `service_list` shape, without the nested organization). */
export function toServiceBasic(service: Service): HsdsService {
  return {
    id: service.id,
    organization_id: service.organisationId ?? undefined,
    name: service.name,
    alternate_name: alternateName(service.abbreviation, service.aliases),
    description: text(service.description),
    url: validWebUri(service.url),
    email: validEmail(service.email),
    status: hsdsStatus(service.status),
    application_process: applicationProcess(service),
    fees_description: text(service.cost),
    eligibility_description: text(service.eligibility),
    minimum_age: service.minAge ?? undefined,
    maximum_age: service.maxAge ?? undefined,
    assured_date: service.lastVerifiedAt ? dutchDate(service.lastVerifiedAt) : undefined,
    last_modified: service.updatedAt.toISOString(),
  };
}

/** Funding and languages, derived from the service's own columns. */
export function serviceOwnDetails(service: Service): Pick<HsdsService, 'funding' | 'languages'> {
  const funding = text(service.funding);
  return {
    funding: funding ? [{ id: derivedId('service-funding', service.id), service_id: service.id, source: funding }] : [],
    languages: uniqueTexts(service.languages).map((language) => ({
      id: derivedId('service-language', service.id, language),
      service_id: service.id,
      name: language,
      code: /^[a-z]{2,3}$/.test(language) ? language : undefined,
    })),
  };
}

export function toServiceArea(rowId: string, serviceId: string, area: Area): HsdsServiceArea {
  return {
    id: rowId,
    service_id: serviceId,
    name: area.name,
    extent: area.boundary ? JSON.stringify(area.boundary) : undefined,
    extent_type: area.boundary ? 'geojson' : undefined,
  };
}

export function toServiceAtLocationBasic(link: ServiceLocation): HsdsServiceAtLocation {
  return {
    id: link.id,
    service_id: link.serviceId,
    location_id: link.locationId,
    description: text(link.description),
  };
}

function uniqueTexts(values: string[] | null | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value.length > 0))];
}
