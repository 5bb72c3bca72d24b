import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { Indicator } from '../indicator/indicator.entity';
import { TargetGroup } from './target-group.entity';
import { CreateTargetGroupArgs, TargetGroupsArgs, UpdateTargetGroupArgs } from './target-group.inputs';
import { createTargetGroup, getTargetGroup, listTargetGroups, setTargetGroupArchived, updateTargetGroup } from './target-group.service';

export const TargetGroupConnection = ConnectionType(TargetGroup, 'TargetGroup');

@PublicMap()
@Resolver(() => TargetGroup)
export class TargetGroupResolver {
  @Query(() => TargetGroupConnection, { description: 'Target groups (doelgroepen), ordered by code.' })
  targetGroups(@Args() args: TargetGroupsArgs, @Ctx() ctx: RequestContext) {
    return listTargetGroups(ctx, args);
  }

  @Query(() => TargetGroup, { nullable: true, description: 'One target group by id or code.' })
  targetGroup(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { nullable: true }) id?: string | null,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ) {
    if ((id ? 1 : 0) + (code ? 1 : 0) !== 1) throw new BadUserInputError('id', 'Give exactly one of "id" or "code"');
    return getTargetGroup(ctx, id, code);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => TargetGroup, { description: 'Add a target group. Admins.' })
  createTargetGroup(@Args() { input }: CreateTargetGroupArgs, @Ctx() ctx: RequestContext) {
    return createTargetGroup(ctx, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => TargetGroup, { description: 'Change a target group (needIndicator by indicator code). Admins.' })
  updateTargetGroup(@Args() { id, version, input }: UpdateTargetGroupArgs, @Ctx() ctx: RequestContext) {
    return updateTargetGroup(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => TargetGroup, { description: 'Archive a target group: it leaves lists, its history stays. Admins.' })
  archiveTargetGroup(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setTargetGroupArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => TargetGroup, { description: 'Bring an archived target group back. Admins.' })
  restoreTargetGroup(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setTargetGroupArchived(ctx, id, version, false);
  }

  @FieldResolver(() => TargetGroup, { nullable: true, description: 'The broader group: a service for it counts for this one in coverage.' })
  parent(@Root() tg: TargetGroup, @Ctx() ctx: RequestContext) {
    return tg.parentId ? ctx.loaders.targetGroupById.load(tg.parentId) : null;
  }

  @FieldResolver(() => [TargetGroup], { description: 'The groups a service for this one also counts for in coverage, as the curator linked them (one way).' })
  async countsAs(@Root() tg: TargetGroup, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.targetGroupById, await ctx.loaders.countsAsIdsByTargetGroup.load(tg.id));
  }

  @FieldResolver(() => Indicator, { nullable: true, description: 'The key figure that measures the size of this group (e.g. % 65+ for the elderly).' })
  needIndicator(@Root() tg: TargetGroup, @Ctx() ctx: RequestContext) {
    return tg.needIndicatorId ? ctx.loaders.indicatorById.load(tg.needIndicatorId) : null;
  }
}
