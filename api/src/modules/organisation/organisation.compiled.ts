import type { GraphQLResolveInfo } from 'graphql';
import { type CompiledType, byForeignKeyRelation, compileSelection, compiledSql, hydrate, linkRelation, runCompiled } from '../../common/compiled-read';
import type { RequestContext } from '../../context';
import { Area } from '../area/area.entity';
import { Location } from '../location/location.entity';
import { Service } from '../service/service.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { Organisation } from './organisation.entity';

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
