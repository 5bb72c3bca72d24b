import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '../../common/connection';
import type { RequestContext } from '../../context';
import { PublicMap } from '../auth/auth.rules';
import { Area } from '../area/area.entity';
import { Indicator } from '../indicator/indicator.entity';
import { KeyFigure } from './key-figure.entity';
import { IndicatorsArgs, KeyFiguresArgs } from './key-figure.inputs';
import { listIndicators, listKeyFigures } from './key-figure.service';

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

  @FieldResolver(() => Area)
  async area(@Root() keyFigure: KeyFigure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.areaById.load(keyFigure.areaId);
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() keyFigure: KeyFigure, @Ctx() ctx: RequestContext) {
    return ctx.loaders.indicatorById.load(keyFigure.indicatorId);
  }
}
