import { BadUserInputError, CodedError } from '../../common/errors';
import { withTransaction } from '../../common/transaction';
import type { RequestContext } from '../../context';
import { assertAdmin } from '../../auth/policy';
import { importAreaByCode, levelOfCode } from '../area';
import { inTransaction } from '../curation';
import type { BadRowPolicy } from './cbs-import.service';
import { type BoundaryGeometry, type Crs, DEFAULT_TOLERANCE, crsOfMember, crsOfPosition, displayGeometry, featureArea, firstPosition, geometryProblem, positionCount } from './boundaries.rules';

/*
 * The import of boundaries from the CBS/PDOK wijk- en buurtkaart as GeoJSON (docs/adopting.md):
 * each feature's geometry, in WGS 84 and simplified for display, becomes the boundary of the
 * known area with its code (the area's write path, `via: cbs-import`; an area still named by its
 * code gets the kaart's name). Features of areas Schakel does not know (water, other
 * municipalities of a national file) are counted, not imported. One transaction; a dry run rolls
 * it back.
 */

export interface BoundaryImportOptions {
  dryRun: boolean;
  onBadRow: BadRowPolicy;
  /** Simplification tolerance in degrees (default DEFAULT_TOLERANCE); 0 keeps every position. */
  tolerance?: number;
  /** Only the features of this municipality (GM0307). */
  municipality?: string;
}

export interface BoundaryFeatureReport {
  feature: number;
  code: string | null;
  name: string | null;
  outcome: 'updated' | 'unchanged' | 'skipped';
  positions: { published: number; stored: number } | null;
  problem: string | null;
}

export interface BoundaryImportReport {
  dryRun: boolean;
  onBadRow: BadRowPolicy;
  refused: boolean;
  crs: Crs;
  /** Where the coordinate system was read: the `crs` member or the coordinates' range. */
  crsFrom: 'crs member' | 'coordinates';
  tolerance: number;
  features: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Features whose code names no area Schakel knows (the first 50 codes, and how many). */
  unknownAreas: { count: number; codes: string[] };
  report: BoundaryFeatureReport[];
}

class Rollback extends Error {}

/** Imports a FeatureCollection (see the module comment). Admins. */
export async function importBoundaries(ctx: RequestContext, collection: unknown, options: BoundaryImportOptions): Promise<BoundaryImportReport> {
  assertAdmin(ctx, 'Only admins import boundaries');
  if (!collection || typeof collection !== 'object' || (collection as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray((collection as { features?: unknown }).features)) {
    throw new BadUserInputError('file', 'The file must be a GeoJSON FeatureCollection (the wijk- en buurtkaart as GeoJSON)');
  }
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!(tolerance >= 0 && tolerance <= 0.01)) throw new BadUserInputError('tolerance', 'tolerance must be from 0 to 0.01 degrees');
  if (options.municipality !== undefined && !/^GM\d{4}$/.test(options.municipality)) throw new BadUserInputError('municipality', 'municipality must be a CBS code such as GM0307');
  const features = (collection as { features: unknown[] }).features;

  // The coordinate system: the crs member (PDOK's WFS writes one), else the first position's range.
  const member = crsOfMember(collection as Record<string, unknown>);
  if (member === 'unknown') throw new BadUserInputError('file', 'The crs member names a coordinate system other than EPSG:28992 (RD New) or EPSG:4326 (WGS 84)');
  let crs: Crs | null = member;
  const crsFrom: BoundaryImportReport['crsFrom'] = member ? 'crs member' : 'coordinates';
  if (!crs) {
    const first = features.map((f) => (f as { geometry?: unknown })?.geometry).find((g) => geometryProblem(g) === null) as BoundaryGeometry | undefined;
    const position = first ? firstPosition(first) : null;
    crs = position ? crsOfPosition(position) : null;
    if (!crs) throw new BadUserInputError('file', 'The coordinates are neither RD New (EPSG:28992, metres) nor WGS 84 (degrees); give a crs member');
  }

  const report: BoundaryImportReport = { dryRun: options.dryRun, onBadRow: options.onBadRow, refused: false, crs, crsFrom, tolerance, features: features.length, updated: 0, unchanged: 0, skipped: 0, unknownAreas: { count: 0, codes: [] }, report: [] };
  const rows: Array<{ report: BoundaryFeatureReport; geometry: BoundaryGeometry | null }> = [];
  for (const [i, feature] of features.entries()) {
    const f = (feature ?? {}) as { type?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    const area = featureArea(f.properties);
    const row: BoundaryFeatureReport = { feature: i + 1, code: area?.code ?? null, name: area?.name ?? null, outcome: 'skipped', positions: null, problem: null };
    if (options.municipality && area && area.code.slice(2, 6) !== options.municipality.slice(2)) continue;
    if (f.type !== 'Feature') row.problem = 'not a GeoJSON Feature';
    else if (!area) row.problem = 'the feature has no buurtcode, wijkcode, gemeentecode or statcode';
    else if (!levelOfCode(area.code)) row.problem = `"${area.code}" is not a CBS area code`;
    else {
      const problem = geometryProblem(f.geometry);
      if (problem) row.problem = problem;
      else {
        const firstPos = firstPosition(f.geometry as BoundaryGeometry);
        if (!firstPos || crsOfPosition(firstPos) !== crs) row.problem = `the coordinates are not in ${crs} like the rest of the file`;
      }
    }
    rows.push({ report: row, geometry: row.problem ? null : (f.geometry as BoundaryGeometry) });
  }
  report.report = rows.map((r) => r.report);
  const bad = () => rows.some((r) => r.report.problem !== null);
  const refuse = () => {
    report.refused = true;
    report.updated = 0;
    report.unchanged = 0;
    for (const row of report.report) row.outcome = 'skipped';
    report.skipped = report.report.length;
    return report;
  };
  if (options.onBadRow === 'refuse' && bad()) return refuse();

  try {
    await inTransaction(ctx, async (tx, txCtx) => {
      const codes = rows.map((r) => r.report.code).filter((c): c is string => c !== null);
      const known = new Set<string>((await tx.query(`SELECT code FROM area WHERE code = ANY($1)`, [codes])).map((r: { code: string }) => r.code));
      for (const row of rows) {
        if (!row.geometry || !row.report.code) continue;
        if (!known.has(row.report.code)) {
          report.unknownAreas.count += 1;
          if (report.unknownAreas.codes.length < 50) report.unknownAreas.codes.push(row.report.code);
          continue;
        }
        const boundary = displayGeometry(row.geometry, crs!, tolerance);
        if (!boundary) {
          row.report.problem = 'nothing is left of the geometry after simplification; give a smaller tolerance';
          continue;
        }
        row.report.positions = { published: positionCount(row.geometry), stored: positionCount(boundary) };
        try {
          const { outcome } = await withTransaction(txCtx, (rowCtx) =>
            importAreaByCode(rowCtx, { code: row.report.code!, name: row.report.name, nameOnlyIfUnnamed: true, boundary: boundary as unknown as Record<string, unknown> }, { via: 'cbs-import' }),
          );
          row.report.outcome = outcome === 'unchanged' ? 'unchanged' : 'updated';
          report[row.report.outcome] += 1;
        } catch (error) {
          if (!(error instanceof CodedError)) throw error;
          row.report.problem = error.message;
        }
      }
      if ((options.onBadRow === 'refuse' && bad()) || options.dryRun) throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (options.onBadRow === 'refuse' && bad()) return refuse();
  }
  report.skipped = report.report.filter((r) => r.outcome === 'skipped').length;
  return report;
}
