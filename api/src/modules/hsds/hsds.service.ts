import { searchVectorOf } from '@schakel/db';
import { type DetailOwnerType, hsdsDetailsOf, loadDetails } from './hsds.details';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { InterventionType } from '../intervention-type/intervention-type.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service, ServiceArea, ServiceInterventionType, ServiceLocation, ServiceTargetGroup } from '../service/service.entity';
import { searchCondition, searchTextCondition } from '../search';
import {
  type HsdsAttribute,
  type HsdsLocation,
  type HsdsOrganization,
  type HsdsPage,
  type HsdsService,
  type HsdsServiceArea,
  type HsdsServiceAtLocation,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
  INTERVENTION_TAXONOMY_ID,
  LINK_TYPE_INTERVENTION,
  LINK_TYPE_TARGET_GROUP,
  TAXONOMIES,
  TARGET_GROUP_TAXONOMY_ID,
  type TermRow,
  interventionTypeTerm,
  serviceOwnDetails,
  targetGroupTerm,
  taxonomyById,
  toAttribute,
  toLocationBasic,
  toLocationFull,
  toOrganizationBasic,
  toOrganizationWithOwnDetails,
  toPage,
  toServiceArea,
  toServiceAtLocationBasic,
  toServiceBasic,
  toTaxonomyTerm,
} from './hsds.mapping';

/**
 * Reads for the HSDS 3.0 REST endpoints. Every function runs a fixed number of SQL
 * statements: one COUNT and one page query, then one `= ANY(:ids)` statement per nested
 * relation for the whole page — never one per row.
 *
 * Only current records are published: archived organisations, locations, services, target
 * groups, intervention types and areas are left out of every list and nested relation, their
 * single endpoints answer 404, and a published record never refers to an archived one (its
 * organization_id, parent_organization_id or parent_id is left out instead, or — for an
 * intervention type under an archived parent type — points at its basic function).
 */

export interface PageParams {
  /** 1-based. */
  page: number;
  perPage: number;
}

/** Filters of /services and /service_at_locations (the reference's parameters). */
export interface ServiceFilters {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
}

export interface TaxonomyTermFilters {
  search?: string;
  taxonomyId?: string;
  topOnly?: boolean;
  parentId?: string;
}

/** `minimal`: the reference's "just id and modified date" variant of /services. */
export interface MinimalService {
  id: string;
  last_modified: string;
}

interface Conditions {
  where: string[];
  params: Record<string, unknown>;
}

function applyConditions<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, conditions: Conditions): SelectQueryBuilder<T> {
  for (const condition of conditions.where) qb.andWhere(condition);
  return qb.setParameters(conditions.params);
}

/** Raw SQL with TypeORM's `:name` parameters (arrays stay one parameter, for `= ANY(:ids)`). */
async function namedQuery<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, params, {});
  return manager.query(query, values);
}

/**
 * Conditions on services aliased `s`. A taxonomy term matches the services carrying it and,
 * for hierarchical terms (a basic function, a parent intervention type), those carrying a
 * narrower term of it.
 */
async function serviceConditions(manager: EntityManager, filters: ServiceFilters): Promise<Conditions> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.search) {
    const search = await searchCondition(manager, 'service', 's', filters.search);
    where.push(search.where);
    Object.assign(params, search.params);
  }
  if (filters.taxonomyTermId) {
    where.push(`(s.id IN (SELECT stg.service_id FROM service_target_group stg WHERE stg.target_group_id = CAST(:termId AS uuid))
      OR s.id IN (SELECT sit.service_id FROM service_intervention_type sit WHERE sit.intervention_type_id IN (
        WITH RECURSIVE narrower(id) AS (
          SELECT CAST(:termId AS uuid)
          UNION
          SELECT it.id FROM intervention_type it JOIN narrower n
              ON it.parent_id = n.id OR (it.parent_id IS NULL AND it.basic_function_id = n.id))
        SELECT id FROM narrower)))`);
    params.termId = filters.taxonomyTermId;
  }
  if (filters.taxonomyId) {
    // Terms that are published: not archived.
    if (filters.taxonomyId === TARGET_GROUP_TAXONOMY_ID) {
      where.push('s.id IN (SELECT stg.service_id FROM service_target_group stg JOIN target_group tg ON tg.id = stg.target_group_id WHERE tg.archived_at IS NULL)');
    } else if (filters.taxonomyId === INTERVENTION_TAXONOMY_ID) {
      where.push('s.id IN (SELECT sit.service_id FROM service_intervention_type sit JOIN intervention_type it ON it.id = sit.intervention_type_id WHERE it.archived_at IS NULL)');
    } else {
      where.push('FALSE');
    }
  }
  if (filters.organizationId) {
    where.push('s.organisation_id = :organizationId');
    params.organizationId = filters.organizationId;
  }
  return { where, params };
}

const offsetOf = (page: PageParams) => (page.page - 1) * page.perPage;

// ---------------------------------------------------------------------------------------------
// Batched reads (one statement each, for a whole page)

/** Current organisations, each with its parent's id when that parent is current too (see `publishedOrganisation`). */
function organisationQuery(manager: EntityManager): SelectQueryBuilder<Organisation> {
  return manager
    .getRepository(Organisation)
    .createQueryBuilder('o')
    .leftJoin('o.parent', 'op', 'op.archived_at IS NULL')
    .addSelect('op.id')
    .where('o.archived_at IS NULL');
}

/** The organisation as published: without parent_organization_id when the parent is archived. */
function publishedOrganisation(organisation: Organisation): Organisation {
  return organisation.parentId && !organisation.parent ? ({ ...organisation, parentId: null } as Organisation) : organisation;
}

/** The location as published: without organization_id when its organisation is archived. */
function publishedLocation(location: Location): Location {
  return location.organisationId && !location.organisation ? ({ ...location, organisationId: null } as Location) : location;
}

/** The intervention type as published: under its basic function when its parent type is archived. */
function publishedInterventionType(type: InterventionType): InterventionType {
  return type.parentId && !type.parent ? ({ ...type, parentId: null } as InterventionType) : type;
}

/** Current providers by id (archived ones are missing from the map, so services leave them out). */
async function organisationsByIds(manager: EntityManager, ids: string[]): Promise<Map<string, Organisation>> {
  const rows = await organisationQuery(manager).andWhere('o.id = ANY(:ids)', { ids }).getMany();
  return new Map(rows.map((row) => [row.id, publishedOrganisation(row)]));
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Attributes, service areas and service_at_locations of a set of services: four statements. */
interface ServiceRelations {
  attributes: Map<string, HsdsAttribute[]>;
  areas: Map<string, HsdsServiceArea[]>;
  atLocations: Map<string, HsdsServiceAtLocation[]>;
}

async function serviceRelations(manager: EntityManager, serviceIds: string[], withLocations: boolean): Promise<ServiceRelations> {
  const [targetGroups, interventionTypes, areas, locations] = await Promise.all([
    manager
      .getRepository(ServiceTargetGroup)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.targetGroup', 't', 't.archived_at IS NULL')
      .where('l.service_id = ANY(:ids)', { ids: serviceIds })
      .orderBy('t.nameNl', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany(),
    manager
      .getRepository(ServiceInterventionType)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.interventionType', 't', 't.archived_at IS NULL')
      .leftJoin('t.parent', 'tp', 'tp.archived_at IS NULL')
      .addSelect('tp.id')
      .where('l.service_id = ANY(:ids)', { ids: serviceIds })
      .orderBy('t.nameNl', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany(),
    manager
      .getRepository(ServiceArea)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.area', 'a', 'a.archived_at IS NULL')
      .where('l.service_id = ANY(:ids)', { ids: serviceIds })
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany(),
    withLocations
      ? manager
          .getRepository(ServiceLocation)
          .createQueryBuilder('l')
          .innerJoinAndSelect('l.location', 'loc', 'loc.archived_at IS NULL')
          .leftJoin('loc.organisation', 'lo', 'lo.archived_at IS NULL')
          .addSelect('lo.id')
          .where('l.service_id = ANY(:ids)', { ids: serviceIds })
          .orderBy('loc.name', 'ASC')
          .addOrderBy('l.id', 'ASC')
          .getMany()
      : Promise.resolve([] as ServiceLocation[]),
  ]);

  const attributes = new Map<string, HsdsAttribute[]>();
  const addAttribute = (serviceId: string, attribute: HsdsAttribute) => {
    const list = attributes.get(serviceId);
    if (list) list.push(attribute);
    else attributes.set(serviceId, [attribute]);
  };
  for (const link of targetGroups) {
    addAttribute(link.serviceId, toAttribute(link.id, link.serviceId, LINK_TYPE_TARGET_GROUP, targetGroupTerm(link.targetGroup!)));
  }
  for (const link of interventionTypes) {
    addAttribute(link.serviceId, toAttribute(link.id, link.serviceId, LINK_TYPE_INTERVENTION, interventionTypeTerm(publishedInterventionType(link.interventionType!))));
  }

  const areaMap = new Map<string, HsdsServiceArea[]>();
  for (const [serviceId, links] of groupBy(areas, (link) => link.serviceId)) {
    areaMap.set(
      serviceId,
      links.map((link) => toServiceArea(link.id, link.serviceId, link.area!)),
    );
  }

  const atLocations = new Map<string, HsdsServiceAtLocation[]>();
  for (const [serviceId, links] of groupBy(locations, (link) => link.serviceId)) {
    atLocations.set(
      serviceId,
      links.map((link) => ({ ...toServiceAtLocationBasic(link), location: toLocationFull(publishedLocation(link.location!)) })),
    );
  }
  return { attributes, areas: areaMap, atLocations };
}

/** One-to-one service fields with the nested organization (the `service_list` shape); no organization_id for an archived provider. */
function serviceListItem(service: Service, organisations: Map<string, Organisation>): HsdsService {
  const organisation = service.organisationId ? organisations.get(service.organisationId) : undefined;
  return { ...toServiceBasic(service), organization_id: organisation?.id, organization: organisation ? toOrganizationBasic(organisation) : undefined };
}

/**
 * Fully nested services. `organisations` null leaves the nested organization out (services
 * nested in their own organization); `withLocations` false leaves out service_at_locations
 * (services nested in a service_at_location).
 */
async function fullServices(
  manager: EntityManager,
  services: Service[],
  options: { organisations: Map<string, Organisation> | null; withLocations: boolean },
): Promise<HsdsService[]> {
  // No shortcut for an empty list: the statement count depends on the request's shape only.
  const relations = await serviceRelations(
    manager,
    services.map((service) => service.id),
    options.withLocations,
  );
  return services.map((service) => {
    const organisation = service.organisationId ? options.organisations?.get(service.organisationId) : undefined;
    const basic = toServiceBasic(service);
    return {
      ...basic,
      // Nested in its own organization (no map) the provider is published; otherwise only a current one is.
      organization_id: options.organisations ? organisation?.id : basic.organization_id,
      ...serviceOwnDetails(service),
      organization: organisation ? toOrganizationWithOwnDetails(organisation) : undefined,
      service_areas: relations.areas.get(service.id) ?? [],
      service_at_locations: options.withLocations ? (relations.atLocations.get(service.id) ?? []) : undefined,
      attributes: relations.attributes.get(service.id) ?? [],
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Schedules and phones (hsds.details.ts), added to the full shapes in one statement per request

interface DetailOwners {
  service: HsdsService[];
  location: HsdsLocation[];
  service_at_location: HsdsServiceAtLocation[];
}

function collectOwners(owners: DetailOwners, kind: DetailOwnerType | 'organization', value: any, fullServices: boolean): void {
  if (!value) return;
  if (kind === 'organization') {
    for (const location of value.locations ?? []) collectOwners(owners, 'location', location, fullServices);
    if (fullServices) for (const service of value.services ?? []) collectOwners(owners, 'service', service, fullServices);
    return;
  }
  owners[kind].push(value);
  if (kind === 'service') for (const link of value.service_at_locations ?? []) collectOwners(owners, 'service_at_location', link, fullServices);
  if (kind === 'service_at_location') {
    collectOwners(owners, 'location', value.location, fullServices);
    collectOwners(owners, 'service', value.service, fullServices);
  }
}

/** The items with the schedules and phones of every service, location and service_at_location in them. */
async function withDetails<T>(manager: EntityManager, kind: DetailOwnerType | 'organization', items: T[], fullServices = true): Promise<T[]> {
  const owners: DetailOwners = { service: [], location: [], service_at_location: [] };
  for (const item of items) collectOwners(owners, kind, item, fullServices);
  const ids = (list: Array<{ id: string }>) => [...new Set(list.map((owner) => owner.id))];
  const details = await loadDetails(manager, { service: ids(owners.service), location: ids(owners.location), service_at_location: ids(owners.service_at_location) });
  for (const type of ['service', 'location', 'service_at_location'] as const) {
    for (const owner of owners[type]) Object.assign(owner, hsdsDetailsOf(details, type, owner.id));
  }
  return items;
}

const providerIds = (services: Service[]) => [...new Set(services.flatMap((service) => (service.organisationId ? [service.organisationId] : [])))];

// ---------------------------------------------------------------------------------------------
// /services

async function servicesQuery(manager: EntityManager, filters: ServiceFilters): Promise<SelectQueryBuilder<Service>> {
  const qb = applyConditions(manager.getRepository(Service).createQueryBuilder('s'), await serviceConditions(manager, filters));
  qb.andWhere('s.archived_at IS NULL');
  if (filters.modifiedAfter) qb.andWhere('s.updated_at >= :modifiedAfter', { modifiedAfter: filters.modifiedAfter });
  return qb;
}

async function pageOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: PageParams, orderBy: Array<[string, 'ASC']>): Promise<{ total: number; rows: T[] }> {
  const total = await qb.clone().getCount();
  if (offsetOf(page) >= total) return { total, rows: [] };
  for (const [index, [sort]] of orderBy.entries()) {
    if (index === 0) qb.orderBy(sort, 'ASC');
    else qb.addOrderBy(sort, 'ASC');
  }
  const rows = await qb.offset(offsetOf(page)).limit(page.perPage).getMany();
  return { total, rows };
}

export async function listServices(
  manager: EntityManager,
  filters: ServiceFilters,
  page: PageParams,
  variant: { full: boolean; minimal: boolean },
): Promise<HsdsPage<HsdsService | MinimalService>> {
  const { total, rows } = await pageOf(await servicesQuery(manager, filters), page, [
    ['s.name', 'ASC'],
    ['s.id', 'ASC'],
  ]);
  if (variant.minimal) {
    return toPage(
      rows.map((service) => ({ id: service.id, last_modified: service.updatedAt.toISOString() })),
      total,
      page.page,
      page.perPage,
    );
  }
  if (rows.length === 0) return toPage([], total, page.page, page.perPage);
  const organisations = await organisationsByIds(manager, providerIds(rows));
  const contents = variant.full
    ? await withDetails(manager, 'service', await fullServices(manager, rows, { organisations, withLocations: true }))
    : rows.map((service) => serviceListItem(service, organisations));
  return toPage(contents, total, page.page, page.perPage);
}

export async function getService(manager: EntityManager, id: string): Promise<HsdsService | null> {
  const service = await manager.getRepository(Service).createQueryBuilder('s').where('s.id = :id', { id }).andWhere('s.archived_at IS NULL').getOne();
  if (!service) return null;
  const organisations = await organisationsByIds(manager, providerIds([service]));
  const [full] = await withDetails(manager, 'service', await fullServices(manager, [service], { organisations, withLocations: true }));
  return full;
}

// ---------------------------------------------------------------------------------------------
// /organizations

async function fullOrganizations(manager: EntityManager, organisations: Organisation[], fullService: boolean): Promise<HsdsOrganization[]> {
  if (organisations.length === 0) return [];
  const ids = organisations.map((organisation) => organisation.id);
  const [locations, services] = await Promise.all([
    manager
      .getRepository(Location)
      .createQueryBuilder('l')
      .where('l.organisation_id = ANY(:ids)', { ids })
      .andWhere('l.archived_at IS NULL')
      .orderBy('l.name', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getMany(),
    manager
      .getRepository(Service)
      .createQueryBuilder('s')
      .where('s.organisation_id = ANY(:ids)', { ids })
      .andWhere('s.archived_at IS NULL')
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany(),
  ]);
  const nestedServices: HsdsService[] = fullService
    ? await fullServices(manager, services, { organisations: null, withLocations: true })
    : services.map((service) => toServiceBasic(service));
  const servicesByOrganisation = groupBy(nestedServices, (service) => service.organization_id!);
  const locationsByOrganisation = groupBy(locations, (location) => location.organisationId!);
  return organisations.map((organisation) => ({
    ...toOrganizationWithOwnDetails(organisation),
    locations: (locationsByOrganisation.get(organisation.id) ?? []).map((location): HsdsLocation => toLocationFull(location)),
    services: servicesByOrganisation.get(organisation.id) ?? [],
  }));
}

export async function listOrganizations(
  manager: EntityManager,
  filters: { search?: string },
  page: PageParams,
  variant: { full: boolean; fullService: boolean },
): Promise<HsdsPage<HsdsOrganization>> {
  const qb = organisationQuery(manager);
  if (filters.search) {
    const search = await searchCondition(manager, 'organisation', 'o', filters.search);
    qb.andWhere(search.where, search.params);
  }
  const { total, rows } = await pageOf(qb, page, [
    ['o.name', 'ASC'],
    ['o.id', 'ASC'],
  ]);
  // full_service asks for the services nested in full, which only the full organization has.
  const published = rows.map(publishedOrganisation);
  const contents =
    variant.full || variant.fullService
      ? await withDetails(manager, 'organization', await fullOrganizations(manager, published, variant.fullService), variant.fullService)
      : published.map(toOrganizationBasic);
  return toPage(contents, total, page.page, page.perPage);
}

export async function getOrganization(manager: EntityManager, id: string, variant: { fullService: boolean }): Promise<HsdsOrganization | null> {
  const organisation = await organisationQuery(manager).andWhere('o.id = :id', { id }).getOne();
  if (!organisation) return null;
  const [full] = await withDetails(manager, 'organization', await fullOrganizations(manager, [publishedOrganisation(organisation)], variant.fullService), variant.fullService);
  return full;
}

// ---------------------------------------------------------------------------------------------
// /service_at_locations

async function serviceAtLocationItems(manager: EntityManager, links: ServiceLocation[], full: boolean): Promise<HsdsServiceAtLocation[]> {
  if (links.length === 0) return [];
  const serviceIds = [...new Set(links.map((link) => link.serviceId))];
  const locationIds = [...new Set(links.map((link) => link.locationId))];
  const [services, locations] = await Promise.all([
    manager.getRepository(Service).createQueryBuilder('s').where('s.id = ANY(:ids)', { ids: serviceIds }).getMany(),
    manager
      .getRepository(Location)
      .createQueryBuilder('l')
      .leftJoin('l.organisation', 'lo', 'lo.archived_at IS NULL')
      .addSelect('lo.id')
      .where('l.id = ANY(:ids)', { ids: locationIds })
      .getMany(),
  ]);
  const organisations = await organisationsByIds(manager, providerIds(services));
  const serviceObjects = full
    ? await fullServices(manager, services, { organisations, withLocations: false })
    : services.map((service) => serviceListItem(service, organisations));
  const serviceById = new Map(serviceObjects.map((service) => [service.id, service]));
  const locationById = new Map(locations.map((location) => [location.id, publishedLocation(location)]));
  return links.map((link) => {
    const location = locationById.get(link.locationId);
    return {
      ...toServiceAtLocationBasic(link),
      location: location ? (full ? toLocationFull(location) : toLocationBasic(location)) : undefined,
      service: serviceById.get(link.serviceId),
    };
  });
}

export async function listServiceAtLocations(
  manager: EntityManager,
  filters: ServiceFilters,
  page: PageParams,
  variant: { full: boolean },
): Promise<HsdsPage<HsdsServiceAtLocation>> {
  const qb = applyConditions(
    manager
      .getRepository(ServiceLocation)
      .createQueryBuilder('sl')
      .innerJoin(Service, 's', 's.id = sl.service_id')
      .innerJoin(Location, 'l', 'l.id = sl.location_id'),
    await serviceConditions(manager, filters),
  );
  qb.andWhere('s.archived_at IS NULL AND l.archived_at IS NULL');
  // A service_at_location changes when the link, its service or its location does.
  if (filters.modifiedAfter) {
    qb.andWhere('(sl.updated_at >= :modifiedAfter OR s.updated_at >= :modifiedAfter OR l.updated_at >= :modifiedAfter)', {
      modifiedAfter: filters.modifiedAfter,
    });
  }
  const { total, rows } = await pageOf(qb, page, [
    ['s.name', 'ASC'],
    ['l.name', 'ASC'],
    ['sl.id', 'ASC'],
  ]);
  const items = await serviceAtLocationItems(manager, rows, variant.full);
  return toPage(variant.full ? await withDetails(manager, 'service_at_location', items) : items, total, page.page, page.perPage);
}

export async function getServiceAtLocation(manager: EntityManager, id: string): Promise<HsdsServiceAtLocation | null> {
  const link = await manager
    .getRepository(ServiceLocation)
    .createQueryBuilder('sl')
    .innerJoin(Service, 's', 's.id = sl.service_id AND s.archived_at IS NULL')
    .innerJoin(Location, 'l', 'l.id = sl.location_id AND l.archived_at IS NULL')
    .where('sl.id = :id', { id })
    .getOne();
  if (!link) return null;
  const [item] = await withDetails(manager, 'service_at_location', await serviceAtLocationItems(manager, [link], true));
  return item;
}

// ---------------------------------------------------------------------------------------------
// /taxonomies and /taxonomy_terms

export async function listTaxonomies(manager: EntityManager, filters: { search?: string }, page: PageParams): Promise<HsdsPage<HsdsTaxonomy>> {
  let taxonomies = [...TAXONOMIES];
  if (filters.search) {
    // The same Dutch full-text search as elsewhere, over the two fixed taxonomies' name and description.
    const search = await searchTextCondition(manager, searchVectorOf('t.doc'), filters.search);
    const params: Record<string, unknown> = { ...search.params };
    const values = taxonomies.map((taxonomy, index) => {
      params[`id${index}`] = taxonomy.id;
      params[`doc${index}`] = `${taxonomy.name} ${taxonomy.description}`;
      return `(CAST(:id${index} AS uuid), CAST(:doc${index} AS text))`;
    });
    const rows = await namedQuery<{ id: string }>(
      manager,
      `SELECT t.id FROM (VALUES ${values.join(', ')}) AS t(id, doc)
        WHERE ${search.where}`,
      params,
    );
    const matching = new Set(rows.map((row) => row.id));
    taxonomies = taxonomies.filter((taxonomy) => matching.has(taxonomy.id));
  }
  const contents = taxonomies.slice(offsetOf(page), offsetOf(page) + page.perPage).map((taxonomy) => ({ ...taxonomy }));
  return toPage(contents, taxonomies.length, page.page, page.perPage);
}

export function getTaxonomy(id: string): HsdsTaxonomy | null {
  const taxonomy = taxonomyById(id);
  return taxonomy ? { ...taxonomy } : null;
}

/**
 * Every current taxonomy term: target groups, basic functions and intervention types (not
 * archived; under an archived parent type an intervention type hangs from its basic function).
 */
const TERMS_SQL = `
  SELECT tg.id, tg.code, tg.name_nl AS name, tg.description, CAST(NULL AS uuid) AS parent_id,
         CAST(:targetGroupTaxonomyId AS uuid) AS taxonomy_id, 1 AS sort_group
    FROM target_group tg
   WHERE tg.archived_at IS NULL
  UNION ALL
  SELECT bf.id, bf.code, bf.name_nl, bf.description, CAST(NULL AS uuid), CAST(:interventionTaxonomyId AS uuid), 2
    FROM basic_function bf
  UNION ALL
  SELECT it.id, it.code, it.name_nl, it.description, COALESCE(p.id, it.basic_function_id), CAST(:interventionTaxonomyId AS uuid), 3
    FROM intervention_type it
    LEFT JOIN intervention_type p ON p.id = it.parent_id AND p.archived_at IS NULL
   WHERE it.archived_at IS NULL`;

const TERM_TAXONOMY_PARAMS = { targetGroupTaxonomyId: TARGET_GROUP_TAXONOMY_ID, interventionTaxonomyId: INTERVENTION_TAXONOMY_ID };

interface TermSqlRow {
  id: string;
  code: string;
  name: string;
  description: string | null;
  parent_id: string | null;
  taxonomy_id: string;
}

const termOf = (row: TermSqlRow): TermRow => ({
  id: row.id,
  code: row.code,
  name: row.name,
  description: row.description,
  parentId: row.parent_id,
  taxonomyId: row.taxonomy_id,
});

export async function listTaxonomyTerms(manager: EntityManager, filters: TaxonomyTermFilters, page: PageParams): Promise<HsdsPage<HsdsTaxonomyTerm>> {
  const where: string[] = [];
  const params: Record<string, unknown> = { ...TERM_TAXONOMY_PARAMS };
  if (filters.search) {
    const search = await searchTextCondition(manager, searchVectorOf(`t.name || ' ' || t.code || ' ' || coalesce(t.description, '')`), filters.search);
    where.push(search.where);
    Object.assign(params, search.params);
  }
  if (filters.taxonomyId) {
    where.push('t.taxonomy_id = CAST(:taxonomyId AS uuid)');
    params.taxonomyId = filters.taxonomyId;
  }
  if (filters.topOnly) where.push('t.parent_id IS NULL');
  if (filters.parentId) {
    where.push('t.parent_id = CAST(:parentId AS uuid)');
    params.parentId = filters.parentId;
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await namedQuery<{ total: number }>(manager, `SELECT count(*)::int AS total FROM (${TERMS_SQL}) t ${whereSql}`, params);
  if (offsetOf(page) >= total) return toPage([], total, page.page, page.perPage);
  const rows = await namedQuery<TermSqlRow>(
    manager,
    `SELECT t.* FROM (${TERMS_SQL}) t ${whereSql} ORDER BY t.sort_group, t.name, t.id LIMIT :limit OFFSET :offset`,
    { ...params, limit: page.perPage, offset: offsetOf(page) },
  );
  return toPage(
    rows.map((row) => toTaxonomyTerm(termOf(row))),
    total,
    page.page,
    page.perPage,
  );
}

export async function getTaxonomyTerm(manager: EntityManager, id: string): Promise<HsdsTaxonomyTerm | null> {
  const [row] = await namedQuery<TermSqlRow>(manager, `SELECT t.* FROM (${TERMS_SQL}) t WHERE t.id = CAST(:id AS uuid)`, { ...TERM_TAXONOMY_PARAMS, id });
  return row ? toTaxonomyTerm(termOf(row)) : null;
}
