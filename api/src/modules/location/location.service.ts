import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsWithin, escapeLike, resolveAreaArgument } from '../area/area.service';
import { Location } from './location.entity';
import type { LocationsArgs } from './location.inputs';

export async function listLocations(ctx: RequestContext, args: LocationsArgs): Promise<Connection<Location>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Location).createQueryBuilder('l');
  if (!args.includeArchived) qb.andWhere('l.archivedAt IS NULL');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('l.areaId = ANY(:areaIds)', { areaIds: await areaIdsWithin(ctx, area) });
  }
  if (args.organisation) qb.andWhere('l.organisationId = :organisationId', { organisationId: assertUuid(args.organisation, 'organisation') });
  if (args.kind) qb.andWhere('l.kind = :kind', { kind: args.kind });
  if (args.status) qb.andWhere('l.status = :status', { status: args.status });
  if (args.search) qb.andWhere('l.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'name');
}

export async function getLocation(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Location | null> {
  if (id) return ctx.loaders.locationById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Location).findOneBy({ slug });
  return null;
}
