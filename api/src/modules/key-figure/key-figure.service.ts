import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { resolveAreaArgument } from '../area/area.service';
import { Indicator } from '../indicator/indicator.entity';
import { KeyFigure } from './key-figure.entity';
import type { IndicatorsArgs, KeyFiguresArgs } from './key-figure.inputs';

export function keyFiguresOfArea(ctx: RequestContext, areaId: string, year: number | null, indicatorCode: string | null): Promise<KeyFigure[]> {
  return ctx.loaders.keyFiguresByArea(year, indicatorCode).load(areaId);
}

export async function listKeyFigures(ctx: RequestContext, args: KeyFiguresArgs): Promise<Connection<KeyFigure>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(KeyFigure).createQueryBuilder('kf');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('kf.areaId = :areaId', { areaId: area.id });
  }
  if (args.indicator) {
    const indicatorId = await idByCode(ctx.manager, Indicator, args.indicator, 'indicator', 'indicator');
    qb.andWhere('kf.indicatorId = :indicatorId', { indicatorId });
  }
  if (args.year !== undefined && args.year !== null) qb.andWhere('kf.year = :year', { year: args.year });
  return paginate(qb, page, null);
}

export async function listIndicators(ctx: RequestContext, args: IndicatorsArgs): Promise<Connection<Indicator>> {
  const qb = ctx.manager.getRepository(Indicator).createQueryBuilder('indicator');
  if (!args.includeArchived) qb.andWhere('indicator.archivedAt IS NULL');
  return paginate(qb, pageRequest(args), 'code');
}
