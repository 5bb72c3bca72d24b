import { slugify } from '../modules/curation';
import type { SizePreset } from './presets';
import { IdSpace, Random, apportion, cumulative, hashString, zipfWeights } from './random';
import { districtName, neighbourhoodName, placeNames } from './vocabulary';

/**
 * The skeleton of a generated data set: the area tree, which municipality every organisation,
 * service, network and referral belongs to, and the id of every entity. Entities are numbered
 * per kind and laid out in one block per municipality, so "the organisations of municipality
 * m" is a range of numbers, not a list in memory.
 */

/** Reference data the generated rows point at (loaded by the Amersfoort seed before generating). */
export interface Catalogue {
  /** The indicators key figures are generated for, in the order they are generated. */
  indicators: Array<{ id: string; code: string; unit: string }>;
  targetGroups: Array<{ id: string; code: string }>;
  interventionTypes: Array<{ id: string }>;
}

export type AreaLevelCode = 'MUNICIPALITY' | 'DISTRICT' | 'NEIGHBOURHOOD';

export interface AreaNode {
  id: string;
  code: string;
  level: AreaLevelCode;
  name: string;
  slug: string;
  /** Area number of the parent; -1 for a municipality. */
  parent: number;
  /** Ordinal of the municipality the area lies in. */
  municipality: number;
  latitude: number;
  longitude: number;
}

export interface Range {
  start: number;
  count: number;
}

export interface Municipality {
  ordinal: number;
  /** Area number of the municipality itself. */
  area: number;
  name: string;
  districts: number[];
  neighbourhoods: number[];
  organisations: Range;
  services: Range;
  referrals: Range;
  networks: Range;
  /** Cumulative Zipf weights over the municipality's organisations, by rank (see `rankWeights`). */
  weights: RankWeights;
}

/** How often an organisation of a given rank in its municipality is chosen, per role. */
export interface RankWeights {
  /** Receiving referrals: a few hubs (the social team, the welfare organisation) get most. */
  receiver: Float64Array;
  /** Sending referrals: spread more evenly. */
  referrer: Float64Array;
  /** Providing services. */
  provider: Float64Array;
}

/** Every kind of generated row, each with its own id space and random stream. */
export const ENTITY_KINDS = [
  'area', 'key_figure', 'organisation', 'organisation_area', 'location', 'location_count', 'service', 'service_target_group', 'service_intervention_type',
  'service_area', 'service_location', 'service_partner', 'network', 'network_area', 'network_target_group', 'network_member', 'referral',
  'referral_target_group', 'referral_intervention_type', 'referral_event', 'referral_action', 'figures', 'names',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export class World {
  readonly areas: AreaNode[] = [];
  private readonly children = new Map<number, number[]>();
  readonly municipalities: Municipality[] = [];
  /** Municipality ordinal of every organisation, service and referral (by number). */
  readonly organisationMunicipality: Int32Array;
  readonly serviceMunicipality: Int32Array;
  readonly referralMunicipality: Int32Array;
  readonly networkMunicipality: Int32Array;
  /** The switch team (network number) of every district (by area number); -1 elsewhere. */
  readonly switchTeamOfArea: Int32Array;
  private readonly idSpaces = new Map<EntityKind, IdSpace>();
  private readonly streams = new Map<EntityKind, number>();

  constructor(
    readonly preset: SizePreset,
    readonly seed: number,
    readonly catalogue: Catalogue,
  ) {
    for (const kind of ENTITY_KINDS) {
      this.idSpaces.set(kind, new IdSpace(seed, kind));
      this.streams.set(kind, hashString(`${seed}/${kind}/stream`));
    }
    this.buildAreas();
    this.areas.forEach((area, i) => {
      if (area.parent < 0) return;
      const siblings = this.children.get(area.parent);
      if (siblings) siblings.push(i);
      else this.children.set(area.parent, [i]);
    });
    this.organisationMunicipality = this.assignBlocks('organisations', preset.organisations, 2);
    this.serviceMunicipality = this.assignBlocks('services', preset.services, 1);
    this.referralMunicipality = this.assignBlocks('referrals', preset.referrals, 1);
    this.networkMunicipality = this.assignNetworks();
    this.switchTeamOfArea = new Int32Array(this.areas.length).fill(-1);
    for (const municipality of this.municipalities) {
      municipality.districts.forEach((district, i) => {
        this.switchTeamOfArea[district] = municipality.networks.start + i;
      });
      municipality.weights = rankWeights(municipality.organisations.count);
    }
  }

  id(kind: EntityKind, index: number): string {
    return this.idSpaces.get(kind)!.id(index);
  }

  /** The random choices of entity `index` of `kind`: the same every time. */
  random(kind: EntityKind, index: number): Random {
    return Random.of(this.streams.get(kind)!, index);
  }

  /** Area numbers of the areas directly below `area`. */
  childrenOf(area: number): number[] {
    return this.children.get(area) ?? [];
  }

  get networkCount(): number {
    return this.networkMunicipality.length;
  }

  /** A random organisation of a municipality, drawn by rank with the given weights. */
  organisationOf(municipality: Municipality, rng: Random, weights: Float64Array): number {
    return municipality.organisations.start + rng.weightedIndex(weights);
  }

  private buildAreas(): void {
    const { preset } = this;
    const rng = this.random('names', 0);
    const weights = zipfWeights(preset.municipalities, preset.municipalitySkew);
    // CBS codes have two digits for the district within its municipality and for the neighbourhood within its district.
    const districtCounts = apportion(preset.districts, weights, 1, 99);
    const districtWeights = districtCounts.flatMap((count, m) => Array.from({ length: count }, () => (weights[m] / count) * rng.between(0.5, 1.5)));
    const neighbourhoodCounts = apportion(preset.neighbourhoods, districtWeights, 1, 99);
    const names = placeNames(rng, preset.municipalities);

    for (let m = 0; m < preset.municipalities; m += 1) {
      const latitude = rng.between(51.3, 53.2);
      const longitude = rng.between(4.0, 6.9);
      const code = `GM${String(m + 1).padStart(4, '0')}`;
      this.areas.push(this.area(code, 'MUNICIPALITY', names[m], -1, m, latitude, longitude));
      this.municipalities.push({
        ordinal: m,
        area: m,
        name: names[m],
        districts: [],
        neighbourhoods: [],
        organisations: { start: 0, count: 0 },
        services: { start: 0, count: 0 },
        referrals: { start: 0, count: 0 },
        networks: { start: 0, count: 0 },
        weights: rankWeights(0),
      });
    }
    for (const municipality of this.municipalities) {
      const center = this.areas[municipality.area];
      for (let k = 0; k < districtCounts[municipality.ordinal]; k += 1) {
        const code = `WK${center.code.slice(2)}${String(k).padStart(2, '0')}`;
        const area = this.area(code, 'DISTRICT', districtName(rng, municipality.name, k), municipality.area, municipality.ordinal, center.latitude + rng.normal(0, 0.02), center.longitude + rng.normal(0, 0.03));
        municipality.districts.push(this.areas.push(area) - 1);
      }
    }
    let d = 0;
    for (const municipality of this.municipalities) {
      for (const district of municipality.districts) {
        const parent = this.areas[district];
        for (let j = 0; j < neighbourhoodCounts[d]; j += 1) {
          const code = `BU${parent.code.slice(2)}${String(j).padStart(2, '0')}`;
          const area = this.area(code, 'NEIGHBOURHOOD', neighbourhoodName(rng), district, municipality.ordinal, parent.latitude + rng.normal(0, 0.008), parent.longitude + rng.normal(0, 0.012));
          municipality.neighbourhoods.push(this.areas.push(area) - 1);
        }
        d += 1;
      }
    }
  }

  private area(code: string, level: AreaLevelCode, name: string, parent: number, municipality: number, latitude: number, longitude: number): AreaNode {
    const index = this.areas.length;
    return { id: this.id('area', index), code, level, name, slug: `${slugify(name)}-${code.toLowerCase()}`, parent, municipality, latitude, longitude };
  }

  /** Splits `total` entities over the municipalities by size (number of neighbourhoods), in blocks. */
  private assignBlocks(field: 'organisations' | 'services' | 'referrals', total: number, minimum: number): Int32Array {
    const counts = apportion(
      total,
      this.municipalities.map((m) => m.neighbourhoods.length),
      minimum,
    );
    const owner = new Int32Array(total);
    let start = 0;
    this.municipalities.forEach((municipality, m) => {
      municipality[field] = { start, count: counts[m] };
      owner.fill(m, start, start + counts[m]);
      start += counts[m];
    });
    return owner;
  }

  /** One switch team per district, then a signalling and a broad network and a case consultation per ten districts. */
  private assignNetworks(): Int32Array {
    const counts = this.municipalities.map((m) => m.districts.length + 2 + Math.floor(m.districts.length / 10));
    const owner = new Int32Array(counts.reduce((sum, n) => sum + n, 0));
    let start = 0;
    this.municipalities.forEach((municipality, m) => {
      municipality.networks = { start, count: counts[m] };
      owner.fill(m, start, start + counts[m]);
      start += counts[m];
    });
    return owner;
  }
}

const weightCache = new Map<number, RankWeights>();

function rankWeights(count: number): RankWeights {
  let weights = weightCache.get(count);
  if (!weights) {
    weights = { receiver: cumulative(zipfWeights(count, 1.1)), referrer: cumulative(zipfWeights(count, 0.5)), provider: cumulative(zipfWeights(count, 0.6)) };
    weightCache.set(count, weights);
  }
  return weights;
}
