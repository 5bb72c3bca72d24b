import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { Rule } from '../../auth/auth.rules';
import { type CompiledPage, type CompiledType, byIdRelation, compileConnection, compiledPageOf, hydratedConnection, linkRelation, plainConnection, runCompiledPage } from '../../common/compiled-read';
import { type Connection, pageRequest } from '../../common/connection';
import type { RequestContext } from '../../context';
import { type DirectRead, NOT_DIRECT } from '../../graphql/direct-execution';
import { Location } from '../location/location.entity';
import { ORGANISATION_COMPILED_SCALARS, Organisation } from '../organisation/organisation.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { Service } from './service.entity';
import { ServicesArgs } from './service.inputs';
import { serviceListConditions } from './service.service';

/**
 * The compiled reads of services (common/compiled-read.ts): the service with its target groups,
 * locations and providing organisation, and `services(…)` pages in one named prepared statement
 * with the checks that the codes and area its filters name exist (`serviceListConditions`, the
 * same conditions the resolver path pages with; only a search of a word not seen before needs its
 * expansion looked up first). Each
 * relation says what its field resolver says: the same table, the order of its loader, the archive
 * rule `currentSql` beside `current` (a provider is found by id, archived or not, as
 * `organisationById` finds it). Every type here is @PublicMap, like the root fields.
 */
export const targetGroupCompiledType: CompiledType = {
  entity: TargetGroup,
  scalars: ['id', 'code', 'nameNl', 'nameEn', 'description', 'minAge', 'maxAge', 'source'],
  relations: {},
};

export const locationCompiledType: CompiledType = {
  entity: Location,
  scalars: ['id', 'slug', 'name', 'aliases', 'kind', 'description', 'address', 'postcode', 'city', 'latitude', 'longitude', 'accessibility', 'locationDescription', 'status', 'source', 'note', 'version'],
  relations: {},
};

/** The providing organisation as a service's field: its columns (its own relations take the resolver path). */
const providerType: CompiledType = { entity: Organisation, scalars: ORGANISATION_COMPILED_SCALARS, relations: {} };

export const serviceCompiledType: CompiledType = {
  entity: Service,
  scalars: ['id', 'slug', 'name', 'abbreviation', 'aliases', 'description', 'eligibility', 'minAge', 'maxAge', 'requiresIndication', 'worksWithoutIndication', 'cost', 'languages', 'status', 'funding', 'frequency', 'results', 'source', 'note', 'version'],
  relations: {
    targetGroups: linkRelation(() => targetGroupCompiledType, 'service_target_group', 'service_id', 'target_group', 'target_group_id'),
    locations: linkRelation(() => locationCompiledType, 'service_location', 'service_id', 'location', 'location_id'),
    organisation: byIdRelation(() => providerType, 'organisation', 'organisation_id'),
  },
};

/** A page of `services(…)` (any of its arguments), or undefined when the selection is not compilable. */
async function servicePage(ctx: RequestContext, args: ServicesArgs, fieldNodes: readonly FieldNode[]): Promise<CompiledPage | undefined> {
  const connection = compileConnection(fieldNodes, serviceCompiledType);
  if (!connection) return undefined;
  const page = pageRequest(args);
  if (!connection.node.scalars.includes('id')) connection.node.scalars.push('id');
  const conditions = await serviceListConditions(ctx, args);
  const { text, values } = compiledPageOf(ctx.manager, connection, 'service', conditions, 'name', page, 's');
  return runCompiledPage(ctx.manager, connection, page, text, values, conditions.checks);
}

/** `services(…)` as a connection of hydrated rows (the resolver path), or undefined when not compilable. */
export async function compiledServicePage(ctx: RequestContext, args: ServicesArgs, info: GraphQLResolveInfo): Promise<Connection<Record<string, unknown>> | undefined> {
  const answer = await servicePage(ctx, args, info.fieldNodes);
  return answer && hydratedConnection(answer);
}

/** The same page for direct execution (graphql/direct-execution.ts): the statement's JSON as it is. */
export const serviceDirectReads: DirectRead[] = [
  {
    field: 'services',
    rule: Rule.PUBLIC_MAP,
    args: ServicesArgs,
    async read(ctx, args, fieldNodes) {
      const answer = await servicePage(ctx, args as ServicesArgs, fieldNodes);
      return answer ? plainConnection(answer) : NOT_DIRECT;
    },
  },
];
