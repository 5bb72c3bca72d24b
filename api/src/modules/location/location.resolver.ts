import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { current, loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { Area } from '../area/area.entity';
import { Phone, Schedule } from '../hsds/hsds-detail.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Service } from '../service/service.entity';
import { Location } from './location.entity';
import { GeocodeCandidateObject, lookUpAddress } from './location.geocode.graphql';
import { CreateLocationArgs, GeocodeAddressArgs, LocationsArgs, UpdateLocationArgs } from './location.inputs';
import { createLocation, getLocation, listLocations, setLocationArchived, updateLocation } from './location.service';

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

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Query(() => [GeocodeCandidateObject], {
    description:
      'The positions the geocoder (GEOCODER_URL, PDOK Locatieserver) gives for a Dutch address, those with the addition asked first; nothing is written. For those who may edit locations; SERVICE_UNAVAILABLE when the geocoder is off or does not answer.',
  })
  geocodeAddress(@Args() args: GeocodeAddressArgs, @Ctx() ctx: RequestContext) {
    return lookUpAddress(ctx, args);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Location, {
    description: "Add a location. Admins (any organisation or none), and an organisation's own users and API keys (their own organisation, the default).",
  })
  createLocation(@Args() { input }: CreateLocationArgs, @Ctx() ctx: RequestContext) {
    return createLocation(ctx, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Location, { description: "Change a location. Admins, and the operating organisation's own users and API keys." })
  updateLocation(@Args() { id, version, input }: UpdateLocationArgs, @Ctx() ctx: RequestContext) {
    return updateLocation(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Location, { description: "Archive a location: it leaves lists and the public map, its history stays. Admins, and the operating organisation's own users and API keys." })
  archiveLocation(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setLocationArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Location, { description: "Bring an archived location back. Admins, and the operating organisation's own users and API keys." })
  restoreLocation(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setLocationArchived(ctx, id, version, false);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Operating organisation.' })
  organisation(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return location.organisationId ? ctx.loaders.organisationById.load(location.organisationId) : null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return location.areaId ? ctx.loaders.areaById.load(location.areaId) : null;
  }

  @FieldResolver(() => [Schedule], { description: 'Opening hours, in the order given.' })
  schedules(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return ctx.loaders.schedulesByLocation.load(location.id);
  }

  @FieldResolver(() => [Phone], { description: 'Phone numbers, in the order given.' })
  phones(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return ctx.loaders.phonesByLocation.load(location.id);
  }

  @FieldResolver(() => [Service], { description: 'Services delivered here.' })
  async services(@Root() location: Location, @Ctx() ctx: RequestContext) {
    return current(await loadAll(ctx.loaders.serviceById, await ctx.loaders.serviceIdsByLocation.load(location.id)));
  }
}
