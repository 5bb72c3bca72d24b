import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { PublicMap } from '../auth/auth.rules';
import { Area } from '../area/area.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service } from '../service/service.entity';
import { Location } from './location.entity';
import { LocationsArgs } from './location.inputs';
import { getLocation, listLocations } from './location.service';

export const LocationConnection = ConnectionType(Location, 'Location');

@PublicMap()
@Resolver(() => Location)
export class LocationResolver {
  @Query(() => LocationConnection, { description: 'Locations and facilities (voorzieningen), ordered by name.' })
  locations(@Args() args: LocationsArgs, @Ctx() ctx: RequestContext) {
    return listLocations(ctx, args);
  }

  @Query(() => Location, { nullable: true, description: 'One location by id or slug.' })
  location(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('slug', () => String, { nullable: true }) slug?: string | null,
  ) {
    if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "slug"');
    return getLocation(ctx, id, slug);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Operating organisation.' })
  organisation(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return location.organisationId ? ctx.loaders.organisationById.load(location.organisationId) : null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return location.areaId ? ctx.loaders.areaById.load(location.areaId) : null;
  }

  @FieldResolver(() => [Service], { description: 'Services delivered here.' })
  async services(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.serviceById, await ctx.loaders.serviceIdsByLocation.load(location.id));
  }
}
