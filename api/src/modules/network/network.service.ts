import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsServing, resolveAreaArgument } from '../area/area.service';
import { TargetGroup } from '../target-group/target-group.entity';
import { Network } from './network.entity';
import type { NetworksArgs } from './network.inputs';

export async function listNetworks(ctx: RequestContext, args: NetworksArgs): Promise<Connection<Network>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Network).createQueryBuilder('n');
  if (!args.includeArchived) qb.andWhere('n.archivedAt IS NULL');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('n.id IN (SELECT na.network_id FROM network_area na WHERE na.area_id = ANY(:areaIds))', { areaIds: await areaIdsServing(ctx, area) });
  }
  if (args.targetGroup) {
    const targetGroupId = await idByCode(ctx.manager, TargetGroup, args.targetGroup, 'targetGroup', 'target group');
    qb.andWhere('n.id IN (SELECT ntg.network_id FROM network_target_group ntg WHERE ntg.target_group_id = :targetGroupId)', { targetGroupId });
  }
  if (args.kind) qb.andWhere('n.kind = :kind', { kind: args.kind });
  if (args.status) qb.andWhere('n.status = :status', { status: args.status });
  return paginate(qb, page, 'name');
}

export async function getNetwork(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Network | null> {
  if (id) return ctx.loaders.networkById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Network).findOneBy({ slug });
  return null;
}
