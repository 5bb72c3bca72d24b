import { simplify } from '@turf/simplify';
import proj4 from 'proj4';

/*
 * Boundaries from the CBS/PDOK wijk- en buurtkaart (pure, no database): which area a feature is
 * (its most specific code: buurtcode, else wijkcode, else gemeentecode, else statcode), which
 * coordinate system it is in (the `crs` member, else the coordinate ranges: RD New's metres or
 * WGS 84's degrees), the geometry in WGS 84 (proj4) and simplified for display (@turf/simplify),
 * rounded to six decimals (about 0.1 m).
 */

/** EPSG:28992, Amersfoort / RD New, with the datum shift to WGS 84 (EPSG's 7-parameter transformation, as PDOK documents it). */
export const RD_NEW = '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const toWgs84 = proj4(RD_NEW, 'EPSG:4326');

export type Crs = 'EPSG:28992' | 'EPSG:4326';

/** Display tolerance in degrees: about 5 m in the Netherlands, invisible at neighbourhood zoom. */
export const DEFAULT_TOLERANCE = 0.00005;

type Position = number[];
type Ring = Position[];
type Polygon = Ring[];

export interface BoundaryGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Polygon | Polygon[];
}

/** The crs member's name (GeoJSON 2008, as PDOK's WFS writes it), or null when absent. */
export function crsOfMember(collection: Record<string, unknown>): Crs | 'unknown' | null {
  const crs = collection.crs as { properties?: { name?: unknown } } | undefined;
  const name = crs?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/(EPSG:{1,2}|EPSG\/0\/)28992$/i.test(name)) return 'EPSG:28992';
  if (/(EPSG:{1,2}|EPSG\/0\/)4326$/i.test(name) || /CRS84$/i.test(name)) return 'EPSG:4326';
  return 'unknown';
}

/** RD New's extent (EPSG: x −7,000…300,000 m, y 289,000…629,000 m) or WGS 84 degrees; null when neither. */
export function crsOfPosition(position: Position): Crs | null {
  const [x, y] = position;
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return 'EPSG:4326';
  if (x >= -7000 && x <= 300000 && y >= 289000 && y <= 629000) return 'EPSG:28992';
  return null;
}

/** The first position of a geometry, for detection. */
export function firstPosition(geometry: BoundaryGeometry): Position | null {
  let node: unknown = geometry.coordinates;
  while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
  return Array.isArray(node) && node.every((n) => typeof n === 'number') ? (node as Position) : null;
}

/** A Polygon or MultiPolygon with numeric positions, or why not. */
export function geometryProblem(geometry: unknown): string | null {
  if (!geometry || typeof geometry !== 'object') return 'the feature has no geometry';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  const isPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((n) => typeof n === 'number' && Number.isFinite(n));
  const isPolygon = (p: unknown) => Array.isArray(p) && p.length > 0 && p.every((ring) => Array.isArray(ring) && ring.length >= 4 && ring.every(isPosition));
  if (type === 'Polygon' && isPolygon(coordinates)) return null;
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon)) return null;
  return `the geometry must be a Polygon or MultiPolygon (got ${typeof type === 'string' ? type : 'none'})`;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function mapPositions(geometry: BoundaryGeometry, map: (p: Position) => Position): BoundaryGeometry {
  const polygon = (p: Polygon) => p.map((ring) => ring.map(map));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(geometry.coordinates as Polygon) }
    : { type: 'MultiPolygon', coordinates: (geometry.coordinates as Polygon[]).map(polygon) };
}

/** Drops repeated positions (rounding can make them) and re-closes each ring; rings of fewer than four positions go. */
function cleanRings(geometry: BoundaryGeometry): BoundaryGeometry | null {
  const ring = (r: Ring): Ring | null => {
    const out: Ring = [];
    for (const p of r) if (out.length === 0 || out[out.length - 1][0] !== p[0] || out[out.length - 1][1] !== p[1]) out.push([p[0], p[1]]);
    if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push([out[0][0], out[0][1]]);
    return out.length >= 4 ? out : null;
  };
  // A polygon whose outer ring collapses goes; a collapsed hole is simply dropped.
  const polygon = (p: Polygon): Polygon | null => {
    const outer = ring(p[0]);
    if (!outer) return null;
    return [outer, ...p.slice(1).map(ring).filter((r): r is Ring => r !== null)];
  };
  if (geometry.type === 'Polygon') {
    const p = polygon(geometry.coordinates as Polygon);
    return p ? { type: 'Polygon', coordinates: p } : null;
  }
  const polygons = (geometry.coordinates as Polygon[]).map(polygon).filter((p): p is Polygon => p !== null);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
}

/** The geometry in WGS 84 [longitude, latitude], simplified with `tolerance` degrees and rounded; null when nothing is left. */
export function displayGeometry(geometry: BoundaryGeometry, crs: Crs, tolerance = DEFAULT_TOLERANCE): BoundaryGeometry | null {
  const wgs84 = crs === 'EPSG:28992' ? mapPositions(geometry, (p) => toWgs84.forward([p[0], p[1]])) : mapPositions(geometry, (p) => [p[0], p[1]]);
  const simplified = tolerance > 0 ? (simplify(wgs84 as never, { tolerance, highQuality: true }) as unknown as BoundaryGeometry) : wgs84;
  return cleanRings(mapPositions(simplified, (p) => [round6(p[0]), round6(p[1])]));
}

/** Number of positions, for reports. */
export function positionCount(geometry: BoundaryGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates as Polygon] : (geometry.coordinates as Polygon[]);
  return polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
}

/**
 * The area a feature is: the most specific CBS code among its properties, with its name
 * (`buurtcode`/`buurtnaam` … of the current kaart, `BU_CODE`/`BU_NAAM` … of the older shapefiles
 * converted to GeoJSON; keys in any case).
 */
export function featureArea(properties: Record<string, unknown> | null | undefined): { code: string; name: string | null } | null {
  const p = new Map(Object.entries(properties ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
  const text = (key: string) => {
    const value = p.get(key);
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  };
  for (const [codeKey, nameKey] of [
    ['buurtcode', 'buurtnaam'],
    ['bu_code', 'bu_naam'],
    ['wijkcode', 'wijknaam'],
    ['wk_code', 'wk_naam'],
    ['gemeentecode', 'gemeentenaam'],
    ['gm_code', 'gm_naam'],
    ['statcode', 'statnaam'],
  ] as const) {
    const code = text(codeKey);
    if (code) return { code: code.toUpperCase(), name: text(nameKey) };
  }
  return null;
}
