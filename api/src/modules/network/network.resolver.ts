import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { Area } from '../area/area.entity';
import { Location } from '../location/location.entity';
import { Organisation } from '../organisation/organisation.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { NetworkMember } from './network-member.entity';
import { Network } from './network.entity';
import { AddNetworkMemberArgs, CreateNetworkArgs, NetworksArgs, UpdateNetworkArgs, UpdateNetworkMemberArgs } from './network.inputs';
import {
  addNetworkMember,
  createNetwork,
  getNetwork,
  listNetworks,
  removeNetworkMember,
  setNetworkArchived,
  updateNetwork,
  updateNetworkMember,
} from './network.service';

/** Admins, and the coordinating organisation's users and API keys with WRITE_OWN_ORGANISATION (checked in the service). */
const COORDINATORS = [Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION] as const;

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

  @Allow(...COORDINATORS)
  @Mutation(() => Network, { description: 'Add a network. Admins, and organisations for networks they coordinate themselves (the coordinator defaults to their own).' })
  createNetwork(@Args() { input }: CreateNetworkArgs, @Ctx() ctx: RequestContext) {
    return createNetwork(ctx, input);
  }

  @Allow(...COORDINATORS)
  @Mutation(() => Network, { description: "Change a network. Admins, and the coordinating organisation's users and API keys." })
  updateNetwork(@Args() { id, version, input }: UpdateNetworkArgs, @Ctx() ctx: RequestContext) {
    return updateNetwork(ctx, id, version, input);
  }

  @Allow(...COORDINATORS)
  @Mutation(() => Network, { description: 'Archive a network: it leaves lists, its history stays. Admins and the coordinating organisation.' })
  archiveNetwork(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setNetworkArchived(ctx, id, version, true);
  }

  @Allow(...COORDINATORS)
  @Mutation(() => Network, { description: 'Bring an archived network back. Admins and the coordinating organisation.' })
  restoreNetwork(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setNetworkArchived(ctx, id, version, false);
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
  @Allow(...COORDINATORS)
  @Mutation(() => NetworkMember, { description: "Add a member to a network. Admins and the coordinating organisation's users and API keys." })
  addNetworkMember(@Args() { networkId, input }: AddNetworkMemberArgs, @Ctx() ctx: RequestContext) {
    return addNetworkMember(ctx, networkId, input);
  }

  @Allow(...COORDINATORS)
  @Mutation(() => NetworkMember, { description: 'Change a member (tier, contribution, role, fte, hours, joinedOn/leftOn). Set leftOn when a member leaves.' })
  updateNetworkMember(@Args() { id, version, input }: UpdateNetworkMemberArgs, @Ctx() ctx: RequestContext) {
    return updateNetworkMember(ctx, id, version, input);
  }

  @Allow(...COORDINATORS)
  @Mutation(() => NetworkMember, { description: 'Remove a member recorded by mistake: deleted, with a DELETE history entry. Returns the member as it was.' })
  removeNetworkMember(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return removeNetworkMember(ctx, id, version);
  }

  @FieldResolver(() => Network, { description: 'The network this member takes part in.' })
  network(@Root() member: NetworkMember, @Ctx() ctx: RequestContext) {
    return ctx.loaders.networkById.load(member.networkId);
  }

  @FieldResolver(() => Organisation, { nullable: true })
  organisation(@Root() member: NetworkMember, @Ctx() ctx: RequestContext) {
    return member.organisationId ? ctx.loaders.organisationById.load(member.organisationId) : null;
  }
}
