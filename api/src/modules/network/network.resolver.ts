import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { PublicMap } from '../auth/auth.rules';
import { Area } from '../area/area.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { NetworkMember } from './network-member.entity';
import { Network } from './network.entity';
import { NetworksArgs } from './network.inputs';
import { getNetwork, listNetworks } from './network.service';

export const NetworkConnection = ConnectionType(Network, 'Network');

@PublicMap()
@Resolver(() => Network)
export class NetworkResolver {
  @Query(() => NetworkConnection, { description: 'Networks, switch teams and consultation bodies, ordered by name.' })
  networks(@Args() args: NetworksArgs, @Ctx() ctx: RequestContext) {
    return listNetworks(ctx, args);
  }

  @Query(() => Network, { nullable: true, description: 'One network by id or slug.' })
  network(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('slug', () => String, { nullable: true }) slug?: string | null,
  ) {
    if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "slug"');
    return getNetwork(ctx, id, slug);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  coordinatorOrganisation(@Root() network: Network, @Ctx() ctx: RequestContext) {
    return network.coordinatorOrganisationId ? ctx.loaders.organisationById.load(network.coordinatorOrganisationId) : null;
  }

  @FieldResolver(() => Location, { nullable: true })
  homeBaseLocation(@Root() network: Network, @Ctx() ctx: RequestContext) {
    return network.homeBaseLocationId ? ctx.loaders.locationById.load(network.homeBaseLocationId) : null;
  }

  @FieldResolver(() => [Area])
  async areas(@Root() network: Network, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, await ctx.loaders.areaIdsByNetwork.load(network.id));
  }

  @FieldResolver(() => [TargetGroup])
  async targetGroups(@Root() network: Network, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.targetGroupById, await ctx.loaders.targetGroupIdsByNetwork.load(network.id));
  }

  @FieldResolver(() => [NetworkMember], { description: 'Member organisations with tier, contribution and role (no personal details).' })
  members(@Root() network: Network, @Ctx() ctx: RequestContext) {
    return ctx.loaders.membersByNetwork.load(network.id);
  }
}

@PublicMap()
@Resolver(() => NetworkMember)
export class NetworkMemberResolver {
  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() member: NetworkMember, @Ctx() ctx: RequestContext) {
    return member.organisationId ? ctx.loaders.organisationById.load(member.organisationId) : null;
  }
}
