import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { precomputed } from '../../common/compiled-read';
import { assertUuid } from '../../common/references';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { current, loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { Area } from '../area/area.entity';
import { Location } from '../location/location.entity';
import { Service } from '../service/service.entity';
import { compiledOrganisation, compiledOrganisationPage } from './organisation.compiled';
import { Organisation } from './organisation.entity';
import { CreateOrganisationArgs, MergeOrganisationsArgs, OrganisationMergePreviewArgs, OrganisationsArgs, UpdateOrganisationArgs } from './organisation.inputs';
import { mergeOrganisations, organisationMergePreview } from './organisation.merge';
import { OrganisationMergeCounts } from './organisation.merge.types';
import { createOrganisation, getOrganisation, listOrganisations, setOrganisationArchived, updateOrganisation } from './organisation.service';

export const OrganisationConnection = ConnectionType(Organisation, 'Organisation');

@PublicMap()
@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => OrganisationConnection, { description: 'Organisations on the social map, ordered by name.' })
  async organisations(@Args() args: OrganisationsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return (await compiledOrganisationPage(ctx, args, info)) ?? listOrganisations(ctx, args);
  }

  @Query(() => Organisation, { nullable: true, description: 'One organisation by id or slug.' })
  async organisation(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('slug', () => String, { nullable: true }) slug?: string | null,
  ) {
    if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "slug"');
    if (id) {
      const compiled = await compiledOrganisation(ctx, assertUuid(id, 'id'), info);
      if (compiled !== undefined) return compiled;
    }
    return getOrganisation(ctx, id, slug);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Organisation, { description: 'Add an organisation to the map. Admins.' })
  createOrganisation(@Args() { input }: CreateOrganisationArgs, @Ctx() ctx: RequestContext) {
    return createOrganisation(ctx, input);
  }

  @Allow(Rule.ADMIN, Rule.ORGANISATION, Rule.SCOPE_WRITE_OWN_ORGANISATION)
  @Mutation(() => Organisation, { description: "Change an organisation. Admins, and the organisation's own users and API keys." })
  updateOrganisation(@Args() { id, version, input }: UpdateOrganisationArgs, @Ctx() ctx: RequestContext) {
    return updateOrganisation(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Organisation, { description: 'Archive an organisation: it leaves lists and the public map, its history stays. Admins.' })
  archiveOrganisation(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setOrganisationArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Organisation, { description: 'Bring an archived organisation back. Admins.' })
  restoreOrganisation(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setOrganisationArchived(ctx, id, version, false);
  }

  @Allow(Rule.ADMIN)
  @Query(() => OrganisationMergeCounts, { description: 'What mergeOrganisations would move from the source to the target, counted (referrals are not counted). Admins.' })
  organisationMergePreview(@Args() args: OrganisationMergePreviewArgs, @Ctx() ctx: RequestContext) {
    return organisationMergePreview(ctx, args);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Organisation, {
    description:
      'Merge the source organisation into the target, in one transaction: its services, locations, key persons, network memberships and coordination, partnerships, users, API keys, webhooks and referrals move to the target; the source is archived with mergedIntoId set; both histories record it. Answers the target. Admins.',
  })
  mergeOrganisations(@Args() { input }: MergeOrganisationsArgs, @Ctx() ctx: RequestContext) {
    return mergeOrganisations(ctx, input);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Umbrella organisation.' })
  parent(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return organisation.parentId ? ctx.loaders.organisationById.load(organisation.parentId) : null;
  }

  @FieldResolver(() => [Organisation], { description: 'Organisations under this umbrella.' })
  async children(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return current(await ctx.loaders.organisationChildren.load(organisation.id));
  }

  @FieldResolver(() => [Service], { description: 'Services this organisation provides.' })
  async services(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return precomputed<Service[]>(organisation, 'services') ?? current(await ctx.loaders.servicesByOrganisation.load(organisation.id));
  }

  @FieldResolver(() => [Service], { description: 'Services of others in which this organisation is a partner.' })
  async partnerServices(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return current(await loadAll(ctx.loaders.serviceById, await ctx.loaders.serviceIdsByPartner.load(organisation.id)));
  }

  @FieldResolver(() => [Location], { description: 'Locations this organisation operates.' })
  async locations(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return precomputed<Location[]>(organisation, 'locations') ?? current(await ctx.loaders.locationsByOrganisation.load(organisation.id));
  }

  @FieldResolver(() => [Area], { description: 'Areas the organisation is active in (werkgebied).' })
  async areas(@Root() organisation: Organisation, @Ctx() ctx: RequestContext) {
    return precomputed<Area[]>(organisation, 'areas') ?? current(await loadAll(ctx.loaders.areaById, await ctx.loaders.areaIdsByOrganisation.load(organisation.id)));
  }
}
