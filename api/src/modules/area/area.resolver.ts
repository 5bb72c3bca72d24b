import { Args, Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import { loadAll } from '../../common/loaders';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { VersionedIdArgs } from '../curation';
import { KeyFigure } from '../key-figure/key-figure.entity';
import { keyFiguresOfArea } from '../key-figure';
import { Area } from './area.entity';
import { AreaLookupArgs, AreasArgs, CreateAreaArgs, UpdateAreaArgs } from './area.inputs';
import { createArea, getArea, listAreas, setAreaArchived, updateArea } from './area.service';

export const AreaConnection = ConnectionType(Area, 'Area');

@PublicMap()
@Resolver(() => Area)
export class AreaResolver {
  @Query(() => AreaConnection, { description: 'Areas (municipalities, districts, neighbourhoods), ordered by name.' })
  areas(@Args() args: AreasArgs, @Ctx() ctx: RequestContext) {
    return listAreas(ctx, args);
  }

  @Query(() => Area, { nullable: true, description: 'One area by id, CBS code or slug.' })
  area(@Args() args: AreaLookupArgs, @Ctx() ctx: RequestContext) {
    return getArea(ctx, args);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Area, { description: 'Add an area (municipality, district or neighbourhood). Admins.' })
  createArea(@Args() { input }: CreateAreaArgs, @Ctx() ctx: RequestContext) {
    return createArea(ctx, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Area, { description: 'Change an area, including its level, CBS code and parent (no cycles, levels must fit). Admins.' })
  updateArea(@Args() { id, version, input }: UpdateAreaArgs, @Ctx() ctx: RequestContext) {
    return updateArea(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Area, { description: 'Archive an area without current areas below it: it leaves lists, its history stays. Admins.' })
  archiveArea(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setAreaArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Area, { description: 'Bring an archived area back (its parent must be current). Admins.' })
  restoreArea(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setAreaArchived(ctx, id, version, false);
  }

  @FieldResolver(() => Area, { nullable: true })
  parent(@Root() area: Area, @Ctx() ctx: RequestContext) {
    return area.parentId ? ctx.loaders.areaById.load(area.parentId) : null;
  }

  @FieldResolver(() => [Area], { description: 'Direct children, ordered by name.' })
  children(@Root() area: Area, @Ctx() ctx: RequestContext) {
    return ctx.loaders.areaChildren.load(area.id);
  }

  @FieldResolver(() => [Area], { description: 'Areas above this one, nearest first.' })
  async ancestors(@Root() area: Area, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, await ctx.loaders.areaAncestorIds.load(area.id));
  }

  @FieldResolver(() => [Area], { description: 'Every area below this one, at any depth, in tree order.' })
  async descendants(@Root() area: Area, @Ctx() ctx: RequestContext) {
    return loadAll(ctx.loaders.areaById, await ctx.loaders.areaDescendantIds.load(area.id));
  }

  @FieldResolver(() => [KeyFigure], { description: 'Key figures of this area, optionally for one year and/or indicator code.' })
  keyFigures(
    @Root() area: Area,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('indicator', () => String, { nullable: true, description: 'Indicator code.' }) indicator?: string | null,
  ) {
    return keyFiguresOfArea(ctx, area.id, year ?? null, indicator ?? null);
  }
}
