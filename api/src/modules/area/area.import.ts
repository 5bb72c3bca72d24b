import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { type ChangeVia, CuratedWrite, type CuratedWriteOutcome, lockCuratedBy, slugify } from '../curation';
import { Area, AreaLevel } from './area.entity';
import type { CreateAreaInput, UpdateAreaInput } from './area.inputs';
import { type AreaValidity, AREA_CODE_FORMAT, validityAfterFile } from './area.rules';
import { applyAreaInput, areaCuration } from './area.service';

/*
 * Areas written by imports of published files (the CBS key figures, the wijk- en buurtkaart),
 * found by their CBS code, through the same write path and the same checks as createArea and
 * updateArea (applyAreaInput: level, parent, code against its parent, validity, boundary).
 */

/** One area as a published file names it. */
export interface AreaImportRow {
  code: string;
  /** The name in the file; null keeps a known area's name (a new one is named by its code). */
  name: string | null;
  /** Only replace a name that is still the code (a file whose names are a fallback). */
  nameOnlyIfUnnamed?: boolean;
  /** The CBS code of the area it lies in; null for a municipality; left out keeps a known area's parent. */
  parentCode?: string | null;
  /** The file's year: a new area is valid from it, a known one's validity is widened to it. */
  year?: number | null;
  /** WGS 84 GeoJSON Polygon or MultiPolygon; left out keeps the boundary. */
  boundary?: Record<string, unknown>;
}

export interface AreaImportOptions {
  via: ChangeVia;
  /** Slugs given to new areas earlier in the same import (a dry run rolls them back). */
  takenSlugs?: Set<string>;
}

async function freeSlug(ctx: RequestContext, name: string, code: string, taken: Set<string>): Promise<string> {
  const candidates = [slugify(name), slugify(`${name} ${code}`), code.toLowerCase()].map((slug) => slug.slice(0, 100).replace(/-+$/, '')).filter(Boolean);
  for (const slug of candidates) {
    if (taken.has(slug)) continue;
    const [row] = await ctx.manager.query(`SELECT 1 FROM area WHERE slug = $1`, [slug]);
    if (!row) {
      taken.add(slug);
      return slug;
    }
  }
  throw new Error(`No free slug for area ${code}`);
}

function levelOf(code: string): AreaLevel {
  const level = Object.values(AreaLevel).find((l) => AREA_CODE_FORMAT[l].pattern.test(code));
  if (!level) throw new Error(`${code} is no CBS area code`);
  return level;
}

/**
 * Creates or changes the area with `row.code` so that it is as the file says, in the caller's
 * transaction (`ctx` is the transaction's context). Admins. Bad input throws the BadUserInputError
 * a form would get (`input.code`, `input.parent`, …); an unchanged area is left alone.
 */
export async function importAreaByCode(ctx: RequestContext, row: AreaImportRow, options: AreaImportOptions): Promise<{ outcome: CuratedWriteOutcome; area: Area }> {
  assertAdmin(ctx, 'Only admins import areas');
  const tx = ctx.manager;
  const level = levelOf(row.code);
  const existing = await lockCuratedBy(tx, areaCuration, 'code', row.code);
  const write = await CuratedWrite.begin(tx, ctx, areaCuration, existing, { via: options.via, whenUnchanged: 'skip' });
  let record: Area;
  let input: CreateAreaInput | UpdateAreaInput;
  if (!existing) {
    const name = row.name ?? row.code;
    record = tx.getRepository(Area).create({ alternativeNames: [], code: null, parentId: null, description: null, history: null, futurePlans: null, boundary: null, source: null, validFromYear: null, validToYear: null });
    input = { name, level, code: row.code, parent: row.parentCode ?? null, validFromYear: row.year ?? null, validToYear: null, ...(row.boundary ? { boundary: row.boundary } : {}) };
    await applyAreaInput(ctx, tx, record, input);
    record.slug = await freeSlug(ctx, name, row.code, options.takenSlugs ?? new Set());
  } else {
    record = existing;
    const update: UpdateAreaInput = {};
    if (row.name && row.name !== existing.name && (!row.nameOnlyIfUnnamed || existing.name === existing.code)) update.name = row.name;
    if (existing.level !== level) update.level = level;
    if (row.parentCode !== undefined) {
      const parentCode = existing.parentId ? ((await tx.getRepository(Area).findOneBy({ id: existing.parentId }))?.code ?? null) : null;
      if (row.parentCode !== parentCode && (row.parentCode !== null || level === AreaLevel.MUNICIPALITY)) update.parent = row.parentCode;
    }
    if (row.year !== undefined && row.year !== null) {
      const after = validityAfterFile(existing, row.year, true);
      if (after.validFromYear !== existing.validFromYear) update.validFromYear = after.validFromYear;
      if (after.validToYear !== existing.validToYear) update.validToYear = after.validToYear;
    }
    if (row.boundary) update.boundary = row.boundary;
    await applyAreaInput(ctx, tx, record, update);
  }
  const { record: saved, outcome } = await write.save(record);
  return { outcome, area: saved };
}

/**
 * After a file of `year` that lists the whole municipality `municipalityCode`: its coded areas
 * the file does not list, and that were valid in `year`, end the year before (area.rules.ts,
 * `validityAfterFile`). Returns the areas whose validity changed.
 */
export async function endAreasMissingFromFile(
  ctx: RequestContext,
  municipalityCode: string,
  listedCodes: ReadonlySet<string>,
  year: number,
  options: AreaImportOptions,
): Promise<Array<{ code: string; validity: AreaValidity }>> {
  assertAdmin(ctx, 'Only admins import areas');
  const tx = ctx.manager;
  const digits = municipalityCode.slice(2);
  const candidates = await tx
    .getRepository(Area)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where(`(a.code LIKE :wk OR a.code LIKE :bu)`, { wk: `WK${digits}%`, bu: `BU${digits}%` })
    .andWhere('a.archivedAt IS NULL')
    .orderBy('a.code')
    .getMany();
  const ended: Array<{ code: string; validity: AreaValidity }> = [];
  for (const area of candidates) {
    if (!area.code || listedCodes.has(area.code)) continue;
    const after = validityAfterFile(area, year, false);
    if (after.validToYear === area.validToYear && after.validFromYear === area.validFromYear) continue;
    const write = await CuratedWrite.begin(tx, ctx, areaCuration, area, { via: options.via, whenUnchanged: 'skip' });
    await applyAreaInput(ctx, tx, area, { validToYear: after.validToYear });
    await write.save(area);
    ended.push({ code: area.code, validity: after });
  }
  return ended;
}
