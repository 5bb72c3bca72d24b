import type { GraphQLResolveInfo } from 'graphql';
import { type CompiledType, byForeignKeyRelation, compileConnection, compileSelection, compiledPageSql, compiledSql, hydrate, linkRelation, runCompiled } from '../../common/compiled-read';
import { type Connection, pageRequest, toConnection } from '../../common/connection';
import { currentSql } from '../../common/loaders';
import { sortKeyText } from '../../common/paging';
import type { RequestContext } from '../../context';
import { Area } from '../area/area.entity';
import { Location } from '../location/location.entity';
import { Service } from '../service/service.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { Organisation } from './organisation.entity';
import type { OrganisationsArgs } from './organisation.inputs';

/**
 * The compiled read of `organisation(id)` (common/compiled-read.ts): the organisation with its
 * areas, locations and services (with their target groups and locations) in one named prepared
 * statement. Each relation says what its field resolver says: the same table, the same order as
 * its loader, the archive rule `currentSql` beside `current`. Every type here is @PublicMap, like
 * the root field. Date fields, JSON fields and every other relation are not described: a query
 * that selects them takes the resolver path.
 */
const targetGroupType: CompiledType = {
  entity: TargetGroup,
  scalars: ['id', 'code', 'nameNl', 'nameEn', 'description', 'minAge', 'maxAge', 'source'],
  relations: {},
};

const areaType: CompiledType = {
  entity: Area,
  scalars: ['id', 'code', 'slug', 'name', 'level', 'alternativeNames', 'description', 'history', 'futurePlans', 'validFromYear', 'validToYear', 'source'],
  relations: {},
};

const locationType: CompiledType = {
  entity: Location,
  scalars: ['id', 'slug', 'name', 'aliases', 'kind', 'description', 'address', 'postcode', 'city', 'latitude', 'longitude', 'accessibility', 'locationDescription', 'status', 'source', 'note', 'version'],
  relations: {},
};

const serviceType: CompiledType = {
  entity: Service,
  scalars: ['id', 'slug', 'name', 'abbreviation', 'aliases', 'description', 'eligibility', 'minAge', 'maxAge', 'requiresIndication', 'worksWithoutIndication', 'cost', 'languages', 'status', 'funding', 'frequency', 'results', 'source', 'note', 'version'],
  relations: {
    targetGroups: linkRelation(() => targetGroupType, 'service_target_group', 'service_id', 'target_group', 'target_group_id'),
    locations: linkRelation(() => locationType, 'service_location', 'service_id', 'location', 'location_id'),
  },
};

export const organisationType: CompiledType = {
  entity: Organisation,
  scalars: ['id', 'slug', 'name', 'abbreviation', 'aliases', 'description', 'sector', 'secondarySector', 'subsector', 'fundingStreams', 'scope', 'worksWithoutIndication', 'generic', 'website', 'email', 'phone', 'status', 'source', 'note', 'version'],
  relations: {
    services: byForeignKeyRelation(() => serviceType, 'service', 'organisation_id', 'name'),
    locations: byForeignKeyRelation(() => locationType, 'location', 'organisation_id', 'name'),
    areas: linkRelation(() => areaType, 'organisation_area', 'organisation_id', 'area', 'area_id'),
  },
};

/**
 * `organisation(id)` in one statement, or undefined when the selection is not compilable (the
 * caller takes the resolver path). Like `organisationById`, an archived organisation is found by id.
 */
export async function compiledOrganisation(ctx: RequestContext, id: string, info: GraphQLResolveInfo): Promise<Record<string, unknown> | null | undefined> {
  const selection = compileSelection(info, organisationType);
  if (!selection) return undefined;
  const text = compiledSql(ctx.manager, selection, 'organisation r', 'r.id = $1', 'r.id');
  const [row] = (await runCompiled(ctx.manager, text, [id])) as Record<string, unknown>[];
  return row ? hydrate(selection, row) : null;
}

/** The arguments the compiled page takes; any other one set (search, area, service criteria) takes the resolver path. */
const PAGE_ARGUMENTS = new Set(['first', 'after', 'sector', 'status', 'includeArchived']);

/**
 * `organisations(sector, status, first, after)` in one statement (nodes and, when selected, the
 * count), or undefined when the arguments or the selection are not compilable. The filters are
 * `listOrganisations`'s: archived left out unless asked for, sector and status equal; keyset
 * order (name, id) as `paginate`'s.
 */
export async function compiledOrganisationPage(ctx: RequestContext, args: OrganisationsArgs, info: GraphQLResolveInfo): Promise<Connection<Record<string, unknown>> | undefined> {
  const given = Object.entries(args).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
  if (!given.every(([name]) => PAGE_ARGUMENTS.has(name))) return undefined;
  const connection = compileConnection(info, organisationType);
  if (!connection) return undefined;
  const page = pageRequest(args);
  if (!connection.node.scalars.includes('id')) connection.node.scalars.push('id');
  const where: string[] = [];
  const values: unknown[] = [];
  if (!args.includeArchived) where.push(currentSql('r'));
  if (args.sector) where.push(`r.sector = $${values.push(args.sector)}`);
  if (args.status) where.push(`r.status = $${values.push(args.status)}`);
  values.push(page.limit + 1);
  if (page.after) values.push(page.after.sortKey, page.after.id);
  const text = compiledPageSql(ctx.manager, connection, 'organisation', where.join(' AND ') || 'true', 'name', values.length - (page.after ? 2 : 0), page.after !== null);
  const [answer] = (await runCompiled(ctx.manager, text, values)) as Array<{ rows: Array<{ node: Record<string, unknown>; sort: unknown }>; totalCount: number | null }>;
  const rows = answer.rows.map((row) => ({ ...hydrate(connection.node, row.node), id: row.node.id as string, [SORT]: row.sort }));
  return toConnection(rows, page, (row) => sortKeyText(row[SORT]), async () => Number(answer.totalCount));
}

const SORT = Symbol('sort key');
