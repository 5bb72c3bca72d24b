import { BadUserInputError } from '../../common/errors';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { UUID_PATTERN, assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { Area } from './area.entity';
import type { AreaLookupArgs, AreasArgs } from './area.inputs';

const CBS_CODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;

/** Finds an area by CBS code, slug or id; null when none matches. */
export async function findAreaByReference(ctx: RequestContext, reference: string): Promise<Area | null> {
  const repo = ctx.manager.getRepository(Area);
  const ref = reference.trim();
  if (CBS_CODE.test(ref.toUpperCase())) return repo.findOneBy({ code: ref.toUpperCase() });
  if (UUID_PATTERN.test(ref)) return ctx.loaders.areaById.load(ref.toLowerCase());
  return repo.findOneBy({ slug: ref.toLowerCase() });
}

/** Like `findAreaByReference`, but an unknown area is bad input naming the argument. */
export async function resolveAreaArgument(ctx: RequestContext, reference: string, field: string): Promise<Area> {
  const area = await findAreaByReference(ctx, reference);
  if (!area) throw new BadUserInputError(field, `Unknown area "${reference}" (expected a CBS code, slug or id)`);
  return area;
}

/**
 * The areas whose services also serve `area`: the area itself, everything above it (a
 * city-wide service serves every neighbourhood) and everything below it (a neighbourhood
 * service serves part of its district). One recursive statement.
 */
export async function areaIdsServing(ctx: RequestContext, area: Area): Promise<string[]> {
  const [ancestors, descendants] = await Promise.all([
    ctx.loaders.areaAncestorIds.load(area.id),
    ctx.loaders.areaDescendantIds.load(area.id),
  ]);
  return [area.id, ...ancestors, ...descendants];
}

/** The area and everything below it: where a location inside `area` can be. */
export async function areaIdsWithin(ctx: RequestContext, area: Area): Promise<string[]> {
  return [area.id, ...(await ctx.loaders.areaDescendantIds.load(area.id))];
}

export async function listAreas(ctx: RequestContext, args: AreasArgs): Promise<Connection<Area>> {
  const page = pageRequest(args);
  const qb = ctx.manager.getRepository(Area).createQueryBuilder('area');
  if (!args.includeArchived) qb.andWhere('area.archivedAt IS NULL');
  if (args.level) qb.andWhere('area.level = :level', { level: args.level });
  if (args.rootsOnly) qb.andWhere('area.parentId IS NULL');
  if (args.parent) {
    const parent = await resolveAreaArgument(ctx, args.parent, 'parent');
    qb.andWhere('area.parentId = :parentId', { parentId: parent.id });
  }
  if (args.search) qb.andWhere('area.name ILIKE :search', { search: `%${escapeLike(args.search)}%` });
  return paginate(qb, page, 'name');
}

export async function getArea(ctx: RequestContext, args: AreaLookupArgs): Promise<Area | null> {
  const given = [args.id, args.code, args.slug].filter((v) => v !== undefined && v !== null);
  if (given.length !== 1) throw new BadUserInputError('id', 'Give exactly one of "id", "code" or "slug"');
  if (args.id) return ctx.loaders.areaById.load(assertUuid(args.id, 'id'));
  if (args.code) {
    if (!CBS_CODE.test(args.code)) throw new BadUserInputError('code', `"${args.code}" is not a CBS area code (GM0000, WK000000 or BU00000000)`);
    return ctx.manager.getRepository(Area).findOneBy({ code: args.code });
  }
  return ctx.manager.getRepository(Area).findOneBy({ slug: String(args.slug) });
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
