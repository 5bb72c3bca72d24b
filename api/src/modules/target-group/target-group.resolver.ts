import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../common/errors';
import { ConnectionType } from '../../common/connection';
import type { RequestContext } from '../../context';
import { PublicMap } from '../auth/auth.rules';
import { Indicator } from '../indicator/indicator.entity';
import { TargetGroup } from './target-group.entity';
import { TargetGroupsArgs } from './target-group.inputs';
import { getTargetGroup, listTargetGroups } from './target-group.service';

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

  @FieldResolver(() => Indicator, { nullable: true, description: 'The key figure that measures the size of this group (e.g. % 65+ for the elderly).' })
  needIndicator(@Root() tg: TargetGroup, @Ctx() ctx: RequestContext) {
    return tg.needIndicatorId ? ctx.loaders.indicatorById.load(tg.needIndicatorId) : null;
  }
}
