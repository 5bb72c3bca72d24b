import { assertRequiredKept } from '../../common/required-fields.rules';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../common/errors';
import { type Connection, pageRequest } from '../../common/connection';
import { paginate } from '../../common/paging';
import { type ReferenceCheck, UUID_PATTERN, assertUuid } from '../../common/references';
import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { CuratedEntityType } from '../curation/change-record.entity';
import { applyFields, assertNoCycle, createCurated, type CurationSpec, registerConstraintFields, setArchived, slugify, updateCurated } from '../curation';
import { Area, AreaLevel } from './area.entity';
import type { AreaLookupArgs, AreasArgs, CreateAreaInput, UpdateAreaInput } from './area.inputs';
import { AREA_CODE_FORMAT, areaValidityProblem, codeParentProblem } from './area.rules';

const CBS_CODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;

/** Finds an area by CBS code, slug or id; null when none matches. */
export async function findAreaByReference(ctx: RequestContext, reference: string): Promise<Area | null> {
  const { by, value } = areaReferenceKey(reference);
  if (by === 'id') return ctx.loaders.areaById.load(value);
  return ctx.manager.getRepository(Area).findOneBy({ [by]: value });
}

/** How a reference names an area: a CBS code, an id or a slug (normalised). */
export function areaReferenceKey(reference: string): { by: 'code' | 'id' | 'slug'; value: string } {
  const ref = reference.trim();
  if (CBS_CODE.test(ref.toUpperCase())) return { by: 'code', value: ref.toUpperCase() };
  if (UUID_PATTERN.test(ref)) return { by: 'id', value: ref.toLowerCase() };
  return { by: 'slug', value: ref.toLowerCase() };
}

/** Many references at once (imports): one statement; the map is keyed by `areaReferenceKey`'s `by:value`. */
export async function findAreasByReferences(manager: EntityManager, references: Iterable<string>): Promise<Map<string, Area>> {
  const wanted = { code: new Set<string>(), id: new Set<string>(), slug: new Set<string>() };
  for (const reference of references) {
    const key = areaReferenceKey(reference);
    wanted[key.by].add(key.value);
  }
  const found = new Map<string, Area>();
  if (wanted.code.size + wanted.id.size + wanted.slug.size === 0) return found;
  const areas = await manager
    .getRepository(Area)
    .createQueryBuilder('a')
    .where('a.code = ANY(:codes) OR a.id = ANY(:ids) OR a.slug = ANY(:slugs)', { codes: [...wanted.code], ids: [...wanted.id], slugs: [...wanted.slug] })
    .getMany();
  for (const area of areas) {
    if (area.code && wanted.code.has(area.code)) found.set(`code:${area.code}`, area);
    if (wanted.id.has(area.id)) found.set(`id:${area.id}`, area);
    if (wanted.slug.has(area.slug)) found.set(`slug:${area.slug}`, area);
  }
  return found;
}

/** Like `findAreaByReference`, but an unknown area is bad input naming the argument. */
export async function resolveAreaArgument(ctx: RequestContext, reference: string, field: string): Promise<Area> {
  const area = await findAreaByReference(ctx, reference);
  if (!area) throw unknownAreaError(reference, field);
  return area;
}

function unknownAreaError(reference: string, field: string): BadUserInputError {
  return new BadUserInputError(field, `Unknown area "${reference}" (expected a CBS code, slug or id)`);
}

/**
 * `resolveAreaArgument` as SQL for a statement that pages with it (service.service.ts): the id of
 * the area the reference names as a scalar subquery over the named parameter `param` (NULL when
 * none), its value, and the check that it exists with `resolveAreaArgument`'s error.
 */
export function areaReferenceSql(reference: string, field: string, param: string): { idSql: string; params: Record<string, unknown>; check: ReferenceCheck } {
  const { by, value } = areaReferenceKey(reference);
  return {
    idSql: `(SELECT id FROM area WHERE ${by} = :${param})`,
    params: { [param]: value },
    check: { sql: `EXISTS (SELECT 1 FROM area WHERE ${by} = :${param})`, error: () => unknownAreaError(reference, field) },
  };
}

/** Resolves area references (CBS code, slug or id) for an input list field. */
export async function resolveAreaIds(ctx: RequestContext, refs: string[], field: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, ref] of refs.entries()) ids.push((await resolveAreaArgument(ctx, ref, `${field}.${i}`)).id);
  return ids;
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

/**
 * `areaIdsServing` as SQL: the same areas as an array expression for `= ANY(…)`, of the area
 * whose id `areaIdSql` gives (a scalar expression). An array rather than a join, so the planner
 * looks the areas up by index (neighbourhood.loaders.ts, SERVING_AREA_IDS, says why).
 */
export function areaIdsServingSql(areaIdSql: string): string {
  return `ARRAY(WITH RECURSIVE target(id) AS (SELECT ${areaIdSql}),
    up(id) AS (SELECT a.parent_id FROM area a JOIN target t ON a.id = t.id WHERE a.parent_id IS NOT NULL
               UNION SELECT a.parent_id FROM area a JOIN up u ON a.id = u.id WHERE a.parent_id IS NOT NULL),
    down(id) AS (SELECT a.id FROM area a JOIN target t ON a.parent_id = t.id
                 UNION ALL SELECT a.id FROM area a JOIN down d ON a.parent_id = d.id)
    SELECT id FROM target WHERE id IS NOT NULL UNION ALL SELECT id FROM up UNION ALL SELECT id FROM down)`;
}

/**
 * The municipality each area lies in, in input order: the area itself for a municipality, else
 * the municipality above it; null for an area under none. One statement for all the areas' ancestors.
 */
export async function municipalityIdsOf(ctx: RequestContext, areas: readonly Area[]): Promise<Array<string | null>> {
  const ancestorLists = await ctx.loaders.areaAncestorIds.loadMany(areas.map((area) => area.id));
  const ids = [...new Set(ancestorLists.flatMap((list) => (list instanceof Error ? [] : list)))];
  const above = new Map((await ctx.loaders.areaById.loadMany(ids)).filter((a): a is Area => !!a && !(a instanceof Error)).map((a) => [a.id, a]));
  return areas.map((area, i) => {
    if (area.level === AreaLevel.MUNICIPALITY) return area.id;
    const list = ancestorLists[i];
    if (list instanceof Error) throw list;
    return list.find((id) => above.get(id)?.level === AreaLevel.MUNICIPALITY) ?? null;
  });
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

// ---------------------------------------------------------------------------------------------
// Curation (admins)

export const areaCuration: CurationSpec<Area> = {
  target: Area,
  entityType: CuratedEntityType.AREA,
  label: 'Area',
  authorize: (ctx) => assertAdmin(ctx, 'Only admins change areas'),
};

registerConstraintFields({
  UQ_area_slug: 'input.slug',
  UQ_area_code: 'input.code',
  FK_area_parent: 'input.parent',
  CHK_area_not_own_parent: 'input.parent',
  CHK_area_code_format: 'input.code',
  CHK_area_level: 'input.level',
  CHK_area_valid_years: 'input.validToYear',
});

/** The levels an area of each level may lie in (CBS: gemeente > wijk > buurt). */
const PARENT_LEVELS: Record<AreaLevel, AreaLevel[]> = {
  [AreaLevel.MUNICIPALITY]: [],
  [AreaLevel.DISTRICT]: [AreaLevel.MUNICIPALITY],
  [AreaLevel.NEIGHBOURHOOD]: [AreaLevel.DISTRICT, AreaLevel.MUNICIPALITY],
};

const AREA_FIELDS = ['name', 'slug', 'level', 'description', 'history', 'futurePlans', 'source', 'validFromYear', 'validToYear'] as const;

/** A WGS 84 position: [longitude, latitude] (an altitude may follow), finite and in range. */
function isPosition(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) return false;
  const [longitude, latitude] = value as number[];
  return Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90;
}

/** A closed linear ring: at least four positions, the last equal to the first (RFC 7946 §3.1.6). */
function isLinearRing(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 4 || !value.every(isPosition)) return false;
  const first = value[0] as number[];
  const last = value[value.length - 1] as number[];
  return first.length === last.length && first.every((n, i) => n === last[i]);
}

function isPolygon(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(isLinearRing);
}

/** The boundary is published (HSDS extent) and drawn on maps: only well-formed geometry is stored. */
function assertGeoJsonBoundary(boundary: Record<string, unknown>): void {
  const { type, coordinates } = boundary;
  const valid =
    (type === 'Polygon' && isPolygon(coordinates)) ||
    (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon));
  if (!valid) {
    throw new BadUserInputError(
      'input.boundary',
      'boundary must be a GeoJSON Polygon or MultiPolygon: closed rings of at least four [longitude, latitude] positions within −180…180 and −90…90',
    );
  }
}

export async function applyAreaInput(ctx: RequestContext, tx: EntityManager, record: Area, input: CreateAreaInput | UpdateAreaInput): Promise<void> {
  assertRequiredKept(input, ['name', 'level', 'slug']);
  if (input.boundary) assertGeoJsonBoundary(input.boundary);
  const previousLevel = record.level;
  applyFields(record, input, AREA_FIELDS);
  if (input.code !== undefined) record.code = input.code ? input.code.trim().toUpperCase() : null;
  if (input.boundary !== undefined) record.boundary = input.boundary ?? null;
  if (input.alternativeNames !== undefined) record.alternativeNames = (input.alternativeNames ?? []).map((a) => a.trim()).filter(Boolean);

  // The parent: it must exist, not be archived, not lie below this area, and fit the level.
  let parent: Area | null | undefined;
  if (input.parent !== undefined) {
    parent = input.parent ? await resolveAreaArgument(ctx, input.parent, 'input.parent') : null;
    if (parent?.archivedAt) throw new BadUserInputError('input.parent', `Area "${parent.slug}" is archived`);
    if (record.id) await assertNoCycle(tx, 'area', record.id, parent?.id ?? null, 'input.parent');
    record.parentId = parent?.id ?? null;
  } else if (record.parentId) {
    parent = await tx.getRepository(Area).findOneBy({ id: record.parentId });
  }
  if (input.parent !== undefined || input.level !== undefined) {
    const allowed = PARENT_LEVELS[record.level];
    const field = input.parent !== undefined || !record.id ? 'input.parent' : 'input.level';
    if (allowed.length === 0 && parent) throw new BadUserInputError(field, 'A municipality has no parent area');
    if (allowed.length > 0 && !parent) throw new BadUserInputError(field, `A ${record.level.toLowerCase()} lies in a ${allowed.map((l) => l.toLowerCase()).join(' or ')}: give its parent`);
    if (parent && !allowed.includes(parent.level)) {
      throw new BadUserInputError(field, `A ${record.level.toLowerCase()} cannot lie in a ${parent.level.toLowerCase()} (allowed: ${allowed.map((l) => l.toLowerCase()).join(', ')})`);
    }
  }
  // A changed level must still fit the areas below it.
  if (record.id && previousLevel && record.level !== previousLevel) {
    const children: { level: AreaLevel }[] = await tx.query(`SELECT DISTINCT level FROM area WHERE parent_id = $1`, [record.id]);
    const misfit = children.find((child) => !PARENT_LEVELS[child.level].includes(record.level));
    if (misfit) throw new BadUserInputError('input.level', `This area has ${misfit.level.toLowerCase()} areas below it, which cannot lie in a ${record.level.toLowerCase()}`);
  }
  if (record.code && !AREA_CODE_FORMAT[record.level].pattern.test(record.code)) {
    throw new BadUserInputError(input.code !== undefined ? 'input.code' : 'input.level', `The CBS code of a ${record.level.toLowerCase()} is ${AREA_CODE_FORMAT[record.level].example}`);
  }
  // The code continues its parent's (area.rules.ts): WK030701 lies in GM0307, not in Utrecht's GM0344.
  if (input.code !== undefined || input.parent !== undefined) {
    const problem = codeParentProblem(record.code, parent?.code ?? null);
    if (problem) throw new BadUserInputError(input.code !== undefined ? 'input.code' : 'input.parent', problem);
  }
  // A changed code must still be continued by the codes of the areas below it.
  if (record.id && input.code !== undefined) {
    const children: { code: string }[] = await tx.query(`SELECT code FROM area WHERE parent_id = $1 AND code IS NOT NULL ORDER BY code`, [record.id]);
    const misfit = children.map((child) => codeParentProblem(child.code, record.code)).find(Boolean);
    if (misfit) throw new BadUserInputError('input.code', `An area below this one does not fit the new code: ${misfit}`);
  }
  const validity = areaValidityProblem({ validFromYear: record.validFromYear ?? null, validToYear: record.validToYear ?? null });
  if (validity) throw new BadUserInputError(`input.${validity.field}`, validity.message);
}

/** Areas are curated by admins. */
export async function createArea(ctx: RequestContext, input: CreateAreaInput): Promise<Area> {
  assertAdmin(ctx, 'Only admins add areas');
  return createCurated(ctx, areaCuration, async (tx, ctx) => {
    const draft = tx.getRepository(Area).create({ alternativeNames: [], code: null, parentId: null, description: null, history: null, futurePlans: null, boundary: null, source: null, validFromYear: null, validToYear: null });
    await applyAreaInput(ctx, tx, draft, input);
    draft.slug = input.slug ?? slugify(input.name).slice(0, 100).replace(/-+$/, '');
    if (!draft.slug) throw new BadUserInputError('input.name', 'name must contain letters or digits (for the slug)');
    return draft;
  });
}

export async function updateArea(ctx: RequestContext, id: string, version: number, input: UpdateAreaInput): Promise<Area> {
  assertAdmin(ctx, 'Only admins change areas');
  return updateCurated(ctx, areaCuration, id, version, (record, tx, ctx) => applyAreaInput(ctx, tx, record, input));
}

/**
 * Archive or restore an area. An area with current areas below it cannot be archived (archive
 * those first), and an area cannot come back while the area above it is archived.
 */
export function setAreaArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<Area> {
  return setArchived(ctx, areaCuration, id, version, archived, async (record, ctx) => {
    assertAdmin(ctx, 'Only admins archive areas');
    const conflict = (message: string) => new ConflictError(message, 'id');
    if (archived && !record.archivedAt) {
      const [row]: { n: string }[] = await ctx.manager.query(`SELECT count(*) AS n FROM area WHERE parent_id = $1 AND archived_at IS NULL`, [record.id]);
      if (Number(row.n) > 0) throw conflict(`Area "${record.slug}" has ${row.n} current areas below it; archive those first`);
    }
    if (!archived && record.parentId) {
      const parent = await ctx.manager.getRepository(Area).findOneBy({ id: record.parentId });
      if (parent?.archivedAt) throw conflict(`The area above it ("${parent.slug}") is archived; restore that first`);
    }
  });
}
