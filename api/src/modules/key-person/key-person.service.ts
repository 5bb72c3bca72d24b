import { type Connection, pageRequest } from '../../common/connection';
import { current, loadAll } from '../../common/loaders';
import { paginate } from '../../common/paging';
import { assertUuid, idByCode } from '../../common/references';
import type { RequestContext } from '../../context';
import { areaIdsWithin, escapeLike, resolveAreaArgument } from '../area/area.service';
import { KeyPerson, KeyPersonRole } from './key-person.entity';
import type { KeyPersonsArgs } from './key-person.inputs';

export async function listKeyPersons(ctx: RequestContext, args: KeyPersonsArgs): Promise<Connection<KeyPerson>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(KeyPerson).createQueryBuilder('kp');
  if (!args.includeArchived) qb.andWhere('kp.archivedAt IS NULL');
  if (args.area) {
    const area = await resolveAreaArgument(ctx, args.area, 'area');
    qb.andWhere('kp.id IN (SELECT kpa.key_person_id FROM key_person_area kpa WHERE kpa.area_id = ANY(:areaIds))', { areaIds: await areaIdsWithin(ctx, area) });
  }
  if (args.organisation) qb.andWhere('kp.organisationId = :organisationId', { organisationId: assertUuid(args.organisation, 'organisation') });
  if (args.role) qb.andWhere('kp.roleId = :roleId', { roleId: await idByCode(ctx.manager, KeyPersonRole, args.role, 'role', 'key person role') });
  if (args.search) qb.andWhere('kp.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'name');
}

/** Current key persons known in an area (directly). */
export async function keyPersonsOfArea(ctx: RequestContext, areaId: string): Promise<KeyPerson[]> {
  const people = await loadAll(ctx.loaders.keyPersonById, await ctx.loaders.keyPersonIdsByArea.load(areaId));
  return current(people).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export function listKeyPersonRoles(ctx: RequestContext): Promise<KeyPersonRole[]> {
  return ctx.manager.getRepository(KeyPersonRole).find({ order: { nameNl: 'ASC' } });
}
