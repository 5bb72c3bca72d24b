import { Args, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import type { RequestContext } from '../../context';
import { Allow, PublicMap, Rule } from '../../auth/auth.rules';
import { Area } from '../area/area.entity';
import { VersionedIdArgs } from '../curation';
import { Indicator } from '../indicator/indicator.entity';
import { KeyFigure } from './key-figure.entity';
import { KeyFigureMissing } from './key-figure-missing.entity';
import {
  CreateIndicatorArgs,
  CreateKeyFigureArgs,
  IndicatorsArgs,
  KeyFiguresArgs,
  UpdateIndicatorArgs,
  UpdateKeyFigureArgs,
  UpsertKeyFiguresArgs,
} from './key-figure.inputs';
import {
  createIndicator,
  createKeyFigure,
  deleteKeyFigure,
  listIndicators,
  listKeyFigures,
  setIndicatorArchived,
  updateIndicator,
  updateKeyFigure,
  upsertKeyFigures,
} from './key-figure.service';

@ObjectType({ description: 'What a bulk upsert of key figures did.' })
export class KeyFigureUpsertResult {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int, { description: 'Figures that were already exactly so (no new version, no history entry).' })
  unchanged: number;

  @Field(() => [KeyFigure], { description: 'The figures, in the order given.' })
  keyFigures: KeyFigure[];
}

export const KeyFigureConnection = ConnectionType(KeyFigure, 'KeyFigure');
export const IndicatorConnection = ConnectionType(Indicator, 'Indicator');

@PublicMap()
@Resolver(() => KeyFigure)
export class KeyFigureResolver {
  @Query(() => KeyFigureConnection, { description: 'Key figures (kerncijfers), filtered by area, year and indicator.' })
  keyFigures(@Args() args: KeyFiguresArgs, @Ctx() ctx: RequestContext) {
    return listKeyFigures(ctx, args);
  }

  @Query(() => IndicatorConnection, { description: 'Indicators that key figures measure, ordered by code.' })
  indicators(@Args() args: IndicatorsArgs, @Ctx() ctx: RequestContext) {
    return listIndicators(ctx, args);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Indicator, { description: 'Add an indicator. Admins.' })
  createIndicator(@Args() { input }: CreateIndicatorArgs, @Ctx() ctx: RequestContext) {
    return createIndicator(ctx, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Indicator, { description: "Change an indicator. A new unit must fit every existing figure's value. Admins." })
  updateIndicator(@Args() { id, version, input }: UpdateIndicatorArgs, @Ctx() ctx: RequestContext) {
    return updateIndicator(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Indicator, { description: 'Archive an indicator: it leaves lists, its figures stay, no new figures can be added. Admins.' })
  archiveIndicator(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setIndicatorArchived(ctx, id, version, true);
  }

  @Allow(Rule.ADMIN)
  @Mutation(() => Indicator, { description: 'Bring an archived indicator back. Admins.' })
  restoreIndicator(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return setIndicatorArchived(ctx, id, version, false);
  }

  @Allow(Rule.ADMIN, Rule.MUNICIPALITY)
  @Mutation(() => KeyFigure, { description: 'Add a key figure. Admins, and municipalities for their areas and the areas below them.' })
  createKeyFigure(@Args() { input }: CreateKeyFigureArgs, @Ctx() ctx: RequestContext) {
    return createKeyFigure(ctx, input);
  }

  @Allow(Rule.ADMIN, Rule.MUNICIPALITY)
  @Mutation(() => KeyFigure, { description: 'Change a key figure. Admins, and municipalities for their areas.' })
  updateKeyFigure(@Args() { id, version, input }: UpdateKeyFigureArgs, @Ctx() ctx: RequestContext) {
    return updateKeyFigure(ctx, id, version, input);
  }

  @Allow(Rule.ADMIN, Rule.MUNICIPALITY)
  @Mutation(() => KeyFigure, { description: 'Delete a key figure (nothing refers to figures); the history keeps its values. Returns the figure as it was.' })
  deleteKeyFigure(@Args() { id, version }: VersionedIdArgs, @Ctx() ctx: RequestContext) {
    return deleteKeyFigure(ctx, id, version);
  }

  @Allow(Rule.ADMIN, Rule.MUNICIPALITY)
  @Mutation(() => KeyFigureUpsertResult, {
    description:
      'Insert or update many figures by (area, indicator, year, source) in one transaction. The first bad item aborts everything (BAD_USER_INPUT naming input.<index>.<field>). Admins, and municipalities for their areas.',
  })
  upsertKeyFigures(@Args() { input }: UpsertKeyFiguresArgs, @Ctx() ctx: RequestContext) {
    return upsertKeyFigures(ctx, input);
  }

  @FieldResolver(() => Area)
  async area(@Root() keyFigure: KeyFigure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.areaById.load(keyFigure.areaId);
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() keyFigure: KeyFigure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.indicatorById.load(keyFigure.indicatorId);
  }
}

@PublicMap()
@Resolver(() => KeyFigureMissing)
export class KeyFigureMissingResolver {
  @FieldResolver(() => Indicator)
  async indicator(@Root() missing: KeyFigureMissing, @Ctx() ctx: RequestContext) {
    return ctx.loaders.indicatorById.load(missing.indicatorId);
  }
}

@PublicMap()
@Resolver(() => Area)
export class AreaMissingKeyFiguresResolver {
  @FieldResolver(() => [KeyFigureMissing], {
    description: "Figures the sources published without a value (CBS's '.' unknown, 'x' secret, '-' nil), latest year first.",
  })
  missingKeyFigures(@Root() area: Area, @Ctx() ctx: RequestContext) {
    return ctx.loaders.missingKeyFiguresByArea.load(area.id);
  }
}
