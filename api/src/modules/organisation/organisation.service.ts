import { searchVectorSql } from '@schakel/db';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsWithin, resolveAreaArgument } from '../area/area.service';
import { fullTextCondition, qualify, serviceCriteria } from '../service/service.service';
import { Organisation } from './organisation.entity';
import type { OrganisationsArgs } from './organisation.inputs';

export async function listOrganisations(ctx: RequestContext, args: OrganisationsArgs): Promise<Connection<Organisation>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Organisation).createQueryBuilder('o');

  // Service-based criteria: the organisation provides or partners a matching service.
  const criteria = await serviceCriteria(ctx, { ...args, area: null });
  if (criteria.where.length > 0) {
    const matching = `SELECT s.id FROM service s WHERE ${criteria.where.join(' AND ')}`;
    qb.andWhere(
      `(o.id IN (SELECT s.organisation_id FROM service s WHERE s.id IN (${matching}))
        OR o.id IN (SELECT sp.organisation_id FROM service_partner sp WHERE sp.service_id IN (${matching})))`,
      criteria.params,
    );
  }
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    const [ancestors, within] = await Promise.all([ctx.loaders.areaAncestorIds.load(area.id), areaIdsWithin(ctx, area)]);
    qb.andWhere(
      `(o.id IN (SELECT oa.organisation_id FROM organisation_area oa WHERE oa.area_id = ANY(:servingAreaIds))
        OR o.id IN (SELECT l.organisation_id FROM location l WHERE l.area_id = ANY(:withinAreaIds))
        OR o.id IN (SELECT s.organisation_id FROM service s JOIN service_area sa ON sa.service_id = s.id WHERE sa.area_id = ANY(:servingAreaIds))
        OR o.id IN (SELECT sp.organisation_id FROM service_partner sp JOIN service_area sa ON sa.service_id = sp.service_id WHERE sa.area_id = ANY(:servingAreaIds)))`,
      { servingAreaIds: [...within, ...ancestors], withinAreaIds: within },
    );
  }
  if (args.search) qb.andWhere(fullTextCondition(qualify(searchVectorSql.organisation, 'o'), 'search'), { search: args.search });
  if (args.sector) qb.andWhere('o.sector = :sector', { sector: args.sector });
  if (args.status) qb.andWhere('o.status = :status', { status: args.status });
  return paginate(qb, page, 'name');
}

export async function getOrganisation(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Organisation | null> {
  if (id) return ctx.loaders.organisationById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Organisation).findOneBy({ slug });
  return null;
}
