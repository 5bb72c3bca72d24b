import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { precomputed } from '../../common/compiled-read';
import { current, loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { Area } from '../area/area.entity';
import { Phone, Schedule } from '../hsds/hsds-detail.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { compiledServicePage } from './service.compiled';
import { Service } from './service.entity';
import { CreateServiceArgs, ServicesArgs, UpdateServiceArgs } from './service.inputs';
import { createService, getService, listServices, setServiceArchived, updateService } from './service.service';

export const ServiceConnection = ConnectionType(Service, 'Service');

@PublicMap()
@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => ServiceConnection, { description: 'Services, projects and activities, ordered by name.' })
  async services(@Args() args: ServicesArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return (await compiledServicePage(ctx, args, info)) ?? listServices(ctx, args);
  }

  @Query(() => Service, { nullable: true, description: 'One service by id or slug.' })
  service(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('slug', () => String, { nullable: true }) slug?: string | null,
  ) {
    if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "slug"');
    return getService(ctx, id, slug);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Service, {
    description: "Add a service. Admins (any provider or none), and an organisation's own users and API keys (their own organisation, the default).",
  })
  createService(@Args() { input }: CreateServiceArgs, @Ctx() ctx: RequestContext) {
    return createService(ctx, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Service, { description: "Change a service and its links. Admins, and the providing organisation's own users and API keys." })
  updateService(@Args() { id, version, input }: UpdateServiceArgs, @Ctx() ctx: RequestContext) {
    return updateService(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Service, { description: "Archive a service: it leaves lists and the public map, its history stays. Admins, and the providing organisation's own users and API keys." })
  archiveService(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setServiceArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Service, { description: "Bring an archived service back. Admins, and the providing organisation's own users and API keys." })
  restoreService(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setServiceArchived(ctx, id, version, false);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The providing organisation.' })
  organisation(@Root() service: Service, @Ctx() ctx: RequestContext) {
    const compiled = precomputed<Organisation | null>(service, 'organisation');
    if (compiled !== undefined) return compiled;
    return service.organisationId ? ctx.loaders.organisationById.load(service.organisationId) : null;
  }

  @FieldResolver(() => [Organisation], { description: 'Partner organisations.' })
  async partners(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return current(await loadAll(ctx.loaders.organisationById, await ctx.loaders.partnerIdsByService.load(service.id)));
  }

  @FieldResolver(() => [TargetGroup])
  async targetGroups(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return precomputed<TargetGroup[]>(service, 'targetGroups') ?? current(await loadAll(ctx.loaders.targetGroupById, await ctx.loaders.targetGroupIdsByService.load(service.id)));
  }

  @FieldResolver(() => [InterventionType])
  async interventionTypes(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return current(await loadAll(ctx.loaders.interventionTypeById, await ctx.loaders.interventionTypeIdsByService.load(service.id)));
  }

  @FieldResolver(() => [Area], { description: 'Areas served directly; a district served includes its neighbourhoods.' })
  async areasServed(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return current(await loadAll(ctx.loaders.areaById, await ctx.loaders.areaIdsByService.load(service.id)));
  }

  @FieldResolver(() => [Schedule], { description: 'Opening hours, in the order given.' })
  schedules(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return ctx.loaders.schedulesByService.load(service.id);
  }

  @FieldResolver(() => [Phone], { description: 'Phone numbers, in the order given.' })
  phones(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return ctx.loaders.phonesByService.load(service.id);
  }

  @FieldResolver(() => [Location])
  async locations(@Root() service: Service, @Ctx() ctx: RequestContext) {
    return precomputed<Location[]>(service, 'locations') ?? current(await loadAll(ctx.loaders.locationById, await ctx.loaders.locationIdsByService.load(service.id)));
  }
}
