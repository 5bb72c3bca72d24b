import { searchVectorSql } from '@schakel/db';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsServing, resolveAreaArgument } from '../area/area.service';
import { BasicFunction } from '../intervention-type/basic-function.entity';
import { InterventionType } from '../intervention-type/intervention-type.entity';
import { TargetGroup } from '../target-group/target-group.entity';
import { Service } from './service.entity';
import type { ServiceCriteriaArgs, ServicesArgs } from './service.inputs';

/** SQL conditions on a `service` row aliased `s`, with their named parameters. */
export interface SqlConditions {
  where: string[];
  params: Record<string, unknown>;
}

/** Dutch websearch query; the expression must match the GIN index (see @schakel/db searchVectorSql). */
export function fullTextCondition(vector: string, param: string): string {
  return `${vector} @@ websearch_to_tsquery('dutch'::regconfig, :${param})`;
}

/**
 * Resolves the criteria's codes and area (each unknown one is BAD_USER_INPUT naming its
 * argument) into conditions on services aliased `s`.
 */
export async function serviceCriteria(ctx: RequestContext, args: ServiceCriteriaArgs): Promise<SqlConditions> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    params.servingAreaIds = await areaIdsServing(ctx, area);
    where.push('s.id IN (SELECT sa.service_id FROM service_area sa WHERE sa.area_id = ANY(:servingAreaIds))');
  }
  if (args.targetGroup) {
    params.targetGroupId = await idByCode(ctx.manager, TargetGroup, args.targetGroup, 'targetGroup', 'target group');
    where.push('s.id IN (SELECT stg.service_id FROM service_target_group stg WHERE stg.target_group_id = :targetGroupId)');
  }
  if (args.interventionType) {
    params.interventionTypeId = await idByCode(ctx.manager, InterventionType, args.interventionType, 'interventionType', 'intervention type');
    where.push('s.id IN (SELECT sit.service_id FROM service_intervention_type sit WHERE sit.intervention_type_id = :interventionTypeId)');
  }
  if (args.basicFunction) {
    params.basicFunctionId = await idByCode(ctx.manager, BasicFunction, args.basicFunction, 'basicFunction', 'basic function');
    where.push(
      `s.id IN (SELECT sit.service_id FROM service_intervention_type sit JOIN intervention_type it ON it.id = sit.intervention_type_id
                WHERE it.basic_function_id = :basicFunctionId OR it.secondary_basic_function_id = :basicFunctionId)`,
    );
  }
  return { where, params };
}

export async function listServices(ctx: RequestContext, args: ServicesArgs): Promise<Connection<Service>> {
  const page = pageRequest(args);
  const criteria = await serviceCriteria(ctx, args);
  const qb = ctx.manager.getRepository(Service).createQueryBuilder('s');
  if (!args.includeArchived) qb.andWhere('s.archivedAt IS NULL');
  for (const condition of criteria.where) qb.andWhere(condition);
  qb.setParameters(criteria.params);
  if (args.search) qb.andWhere(fullTextCondition(qualify(searchVectorSql.service, 's'), 'search'), { search: args.search });
  if (args.status) qb.andWhere('s.status = :status', { status: args.status });
  if (args.sector) qb.andWhere('s.organisation_id IN (SELECT o.id FROM organisation o WHERE o.sector = :sector)', { sector: args.sector });
  if (args.organisation) {
    const organisationId = assertUuid(args.organisation, 'organisation');
    qb.andWhere('(s.organisation_id = :organisationId OR s.id IN (SELECT sp.service_id FROM service_partner sp WHERE sp.organisation_id = :organisationId))', {
      organisationId,
    });
  }
  return paginate(qb, page, 'name');
}

export async function getService(ctx: RequestContext, id: string | null | undefined, slug: string | null | undefined): Promise<Service | null> {
  if (id) return ctx.loaders.serviceById.load(assertUuid(id, 'id'));
  if (slug) return ctx.manager.getRepository(Service).findOneBy({ slug });
  return null;
}

/** Prefixes the bare column names of a search-vector expression with a table alias. */
export function qualify(vectorSql: string, alias: string): string {
  return vectorSql.replace(/coalesce\((\w+),/g, `coalesce(${alias}.$1,`);
}
