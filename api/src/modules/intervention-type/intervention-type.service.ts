import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { escapeLike } from '../area/area.service';
import { BasicFunction } from './basic-function.entity';
import { InterventionType } from './intervention-type.entity';
import type { InterventionTypesArgs } from './intervention-type.inputs';

export async function listInterventionTypes(ctx: RequestContext, args: InterventionTypesArgs): Promise<Connection<InterventionType>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(InterventionType).createQueryBuilder('it');
  if (!args.includeArchived) qb.andWhere('it.archivedAt IS NULL');
  if (args.basicFunction) {
    const basicFunctionId = await idByCode(ctx.manager, BasicFunction, args.basicFunction, 'basicFunction', 'basic function');
    qb.andWhere('(it.basicFunctionId = :basicFunctionId OR it.secondaryBasicFunctionId = :basicFunctionId)', { basicFunctionId });
  }
  if (args.category) qb.andWhere('it.category = :category', { category: args.category });
  if (args.search) qb.andWhere('(it.nameNl ILIKE :search OR it.nameEn ILIKE :search)', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'code');
}

export async function getInterventionType(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined) {
  if (id) return ctx.loaders.interventionTypeById.load(assertUuid(id, 'id'));
  if (code) return ctx.manager.getRepository(InterventionType).findOneBy({ code });
  return null;
}

/** The ten basic functions of a switch team, in the book's order. */
export function listBasicFunctions(ctx: RequestContext): Promise<BasicFunction[]> {
  return ctx.manager.getRepository(BasicFunction).find({ order: { number: 'ASC' } });
}
