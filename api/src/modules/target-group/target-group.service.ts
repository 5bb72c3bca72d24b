import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { escapeLike } from '../area/area.service';
import { TargetGroup } from './target-group.entity';
import type { TargetGroupsArgs } from './target-group.inputs';

export async function listTargetGroups(ctx: RequestContext, args: TargetGroupsArgs): Promise<Connection<TargetGroup>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(TargetGroup).createQueryBuilder('tg');
  if (!args.includeArchived) qb.andWhere('tg.archivedAt IS NULL');
  if (args.search) qb.andWhere('(tg.nameNl ILIKE :search OR tg.nameEn ILIKE :search)', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'code');
}

export async function getTargetGroup(ctx: RequestContext, id: string | null | undefined, code: string | null | undefined) {
  if (id) return ctx.loaders.targetGroupById.load(assertUuid(id, 'id'));
  if (code) return ctx.manager.getRepository(TargetGroup).findOneBy({ code });
  return null;
}
