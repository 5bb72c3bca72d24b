/**
 * Data set sizes. `national` is the Netherlands (CBS 2024: 342 municipalities, about 3,300
 * districts and 14,000 neighbourhoods); `city` a large municipality; `small` about Amersfoort
 * in the book (one municipality, a handful of districts, a few dozen neighbourhoods).
 */

/** Bump when the generated content changes: databases of another version are regenerated. */
export const GENERATOR_VERSION = 3; // 3: area boundaries (boundaries.ts)

/** Default seed (any 32-bit integer gives another, equally valid data set). */
export const DEFAULT_SEED = 20091130;

/**
 * The day the data set is "generated on": dates (referrals, verification, key figure years) are
 * relative to it, so a seed gives the same rows whatever day it runs.
 */
export const REFERENCE_DATE = new Date('2026-07-01T00:00:00Z');

/** The `source` of every generated record (areas, organisations, locations, services, networks). */
export const GENERATED_SOURCE = 'schakel-bench generator';

export const SIZE_NAMES = ['small', 'city', 'national'] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

export interface SizePreset {
  name: SizeName;
  municipalities: number;
  districts: number;
  neighbourhoods: number;
  organisations: number;
  services: number;
  referrals: number;
  /** Key figures: this many indicators per area … */
  indicators: number;
  /** … for this many years (the last ones before REFERENCE_DATE). */
  years: number;
  /** Zipf exponent of municipality sizes (0: all alike). */
  municipalitySkew: number;
}

export const PRESETS: Record<SizeName, SizePreset> = {
  small: { name: 'small', municipalities: 1, districts: 8, neighbourhoods: 32, organisations: 400, services: 1_200, referrals: 2_000, indicators: 20, years: 10, municipalitySkew: 0 },
  city: { name: 'city', municipalities: 1, districts: 30, neighbourhoods: 120, organisations: 2_000, services: 8_000, referrals: 20_000, indicators: 20, years: 10, municipalitySkew: 0 },
  national: {
    name: 'national',
    municipalities: 340,
    districts: 3_300,
    neighbourhoods: 14_000,
    organisations: 60_000,
    services: 200_000,
    referrals: 500_000,
    indicators: 20,
    years: 10,
    municipalitySkew: 0.75,
  },
};

export function isSizeName(value: string): value is SizeName {
  return (SIZE_NAMES as readonly string[]).includes(value);
}

export function presetOf(name: string): SizePreset {
  if (!isSizeName(name)) throw new Error(`--size must be one of ${SIZE_NAMES.join(', ')} (got "${name}")`);
  return PRESETS[name];
}
