import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { Rule } from '../../auth/auth.rules';
import { type CompiledPage, type CompiledSelection, type CompiledType, byForeignKeyRelation, compileConnection, compileSelection, compiledPageSql, compiledSql, hydrate, hydratedConnection, linkRelation, plainConnection, runCompiled, runCompiledPage } from '../../common/compiled-read';
import { type Connection, pageRequest } from '../../common/connection';
import { assertUuid } from '../../common/references';
import { type DirectRead, NOT_DIRECT } from '../../graphql/direct-execution';
import { currentSql } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Area } from '../area/area.entity';
import { locationCompiledType, serviceCompiledType } from '../service';
import { ORGANISATION_COMPILED_SCALARS, Organisation } from './organisation.entity';
import { OrganisationsArgs } from './organisation.inputs';

/**
 * The compiled read of `organisation(id)` (common/compiled-read.ts): the organisation with its
 * areas, locations and services (with their target groups and locations) in one named prepared
 * statement. Each relation says what its field resolver says: the same table, the same order as
 * its loader, the archive rule `currentSql` beside `current`. Every type here is @PublicMap, like
 * the root field. Date fields, JSON fields and every other relation are not described: a query
 * that selects them takes the resolver path.
 */
const areaType: CompiledType = {
  entity: Area,
  scalars: ['id', 'code', 'slug', 'name', 'level', 'alternativeNames', 'description', 'history', 'futurePlans', 'validFromYear', 'validToYear', 'source'],
  relations: {},
};

export const organisationType: CompiledType = {
  entity: Organisation,
  scalars: ORGANISATION_COMPILED_SCALARS,
  relations: {
    services: byForeignKeyRelation(() => serviceCompiledType, 'service', 'organisation_id', 'name'),
    locations: byForeignKeyRelation(() => locationCompiledType, 'location', 'organisation_id', 'name'),
    areas: linkRelation(() => areaType, 'organisation_area', 'organisation_id', 'area', 'area_id'),
  },
};

/** The JSON row of `organisation(id)` (null when there is none), or undefined when the selection is not compilable. */
async function organisationRow(ctx: RequestContext, id: string, fieldNodes: readonly FieldNode[]): Promise<{ selection: CompiledSelection; row: Record<string, unknown> | null } | undefined> {
  const selection = compileSelection(fieldNodes, organisationType);
  if (!selection) return undefined;
  const text = compiledSql(ctx.manager, selection, 'organisation r', 'r.id = $1', 'r.id');
  const [row] = (await runCompiled(ctx.manager, text, [id])) as Record<string, unknown>[];
  return { selection, row: row ?? null };
}

/**
 * `organisation(id)` in one statement, or undefined when the selection is not compilable (the
 * caller takes the resolver path). Like `organisationById`, an archived organisation is found by id.
 */
export async function compiledOrganisation(ctx: RequestContext, id: string, info: GraphQLResolveInfo): Promise<Record<string, unknown> | null | undefined> {
  const answer = await organisationRow(ctx, id, info.fieldNodes);
  if (!answer) return undefined;
  return answer.row ? hydrate(answer.selection, answer.row) : null;
}

/** The arguments the compiled page takes; any other one set (search, area, service criteria) takes the resolver path. */
const PAGE_ARGUMENTS = new Set(['first', 'after', 'sector', 'status', 'includeArchived']);

/**
 * The rows (and, when selected, the count) of `organisations(sector, status, first, after)` in one
 * statement, or undefined when the arguments or the selection are not compilable. The filters are
 * `listOrganisations`'s: archived left out unless asked for, sector and status equal; keyset
 * order (name, id) as `paginate`'s.
 */
async function organisationPage(ctx: RequestContext, args: OrganisationsArgs, fieldNodes: readonly FieldNode[]): Promise<CompiledPage | undefined> {
  const given = Object.entries(args).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0));
  if (!given.every(([name]) => PAGE_ARGUMENTS.has(name))) return undefined;
  const connection = compileConnection(fieldNodes, organisationType);
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
  const text = compiledPageSql(ctx.manager, connection, {
    table: 'organisation',
    where: where.join(' AND ') || 'true',
    sortColumn: 'name',
    limitParam: values.length - (page.after ? 2 : 0),
    after: page.after !== null,
  });
  return runCompiledPage(ctx.manager, connection, page, text, values);
}

/** `organisations(…)` as a connection of hydrated rows (the resolver path), or undefined when not compilable. */
export async function compiledOrganisationPage(ctx: RequestContext, args: OrganisationsArgs, info: GraphQLResolveInfo): Promise<Connection<Record<string, unknown>> | undefined> {
  const answer = await organisationPage(ctx, args, info.fieldNodes);
  return answer && hydratedConnection(answer);
}

/**
 * The same two reads for direct execution (graphql/direct-execution.ts): the statement's JSON as
 * it is, the connection's edges and page info built as `toConnection` builds them.
 */
export const organisationDirectReads: DirectRead[] = [
  {
    field: 'organisation',
    rule: Rule.PUBLIC_MAP,
    async read(ctx, args, fieldNodes) {
      if (typeof args.id !== 'string' || args.slug != null) return NOT_DIRECT;
      const answer = await organisationRow(ctx, assertUuid(args.id, 'id'), fieldNodes);
      return answer ? answer.row : NOT_DIRECT;
    },
  },
  {
    field: 'organisations',
    rule: Rule.PUBLIC_MAP,
    args: OrganisationsArgs,
    async read(ctx, args, fieldNodes) {
      const answer = await organisationPage(ctx, args as OrganisationsArgs, fieldNodes);
      return answer ? plainConnection(answer) : NOT_DIRECT;
    },
  },
];
