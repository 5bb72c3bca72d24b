import type { World } from './world';

/**
 * Area boundaries of a generated world, as GeoJSON Polygons (longitude, latitude; the exterior
 * ring counter-clockwise and closed, RFC 7946): a neighbourhood is a hexagon around its centre
 * (about 450 m across north–south), a district the convex hull of its neighbourhoods, a
 * municipality the convex hull of its districts. Hulls of neighbouring districts may overlap a
 * little; the shapes are made up, as the rest of the world is, and follow from its centres alone.
 */

type Point = readonly [number, number];

/** Half-widths of a neighbourhood's hexagon in degrees (longitude wider: the Netherlands lies at about 52° N). */
const HEX_LAT = 0.004;
const HEX_LON = 0.0065;

function hexagon(longitude: number, latitude: number, scale = 1): Point[] {
  return Array.from({ length: 6 }, (_, k) => {
    const angle = (Math.PI / 3) * k;
    return [longitude + HEX_LON * scale * Math.cos(angle), latitude + HEX_LAT * scale * Math.sin(angle)] as const;
  });
}

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** The convex hull, counter-clockwise (Andrew's monotone chain). */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length <= 2) return sorted;
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

function polygon(ring: readonly Point[]): string {
  const coordinates = ring.map(([lon, lat]) => [round6(lon), round6(lat)]);
  coordinates.push(coordinates[0]);
  return JSON.stringify({ type: 'Polygon', coordinates: [coordinates] });
}

/** The boundary of every area of the world (by area number), as GeoJSON text. */
export function areaBoundaries(world: World): string[] {
  const rings: Point[][] = new Array(world.areas.length);
  const ringOf = (index: number): Point[] => {
    if (rings[index]) return rings[index];
    const area = world.areas[index];
    const children = world.childrenOf(index);
    rings[index] =
      children.length === 0
        ? hexagon(area.longitude, area.latitude, area.level === 'NEIGHBOURHOOD' ? 1 : area.level === 'DISTRICT' ? 2.5 : 6)
        : convexHull(children.flatMap(ringOf));
    return rings[index];
  };
  return world.areas.map((_, index) => polygon(ringOf(index)));
}
