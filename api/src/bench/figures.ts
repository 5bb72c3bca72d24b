import { REFERENCE_DATE } from './presets';
import type { Random } from './random';
import type { World } from './world';

/**
 * Key figure values: every neighbourhood gets a profile (inhabitants, age groups, housing,
 * income, …) that drifts a little each year; districts and municipalities are computed from
 * their neighbourhoods (counts add up, shares and amounts are weighted by inhabitants), so the
 * figures of a generated city are consistent the way CBS figures are.
 */

/** The years key figures are generated for: the `count` years before the reference date's year. */
export function figureYears(count: number): number[] {
  const last = REFERENCE_DATE.getUTCFullYear() - 1;
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** Values indexed ((area × indicators) + indicator) × years + year. */
export interface FigureValues {
  values: Float64Array;
  indicators: number;
  years: number;
}

export function valueAt(figures: FigureValues, area: number, indicator: number, year: number): number {
  return figures.values[(area * figures.indicators + indicator) * figures.years + year];
}

interface Profile {
  population: number;
  growth: number;
  young: number;
  old: number;
  migrants: number;
  owners: number;
  unemployment: number;
  income: number;
  rating: number;
  householdSize: number;
  /** Drift per year, shared by the shares. */
  drift: number;
}

function profileOf(rng: Random): Profile {
  const migrantsRoll = rng.float();
  return {
    population: rng.int(400, 9000),
    growth: rng.between(-0.01, 0.02),
    young: rng.between(12, 28),
    old: rng.between(8, 30),
    migrants: 2 + 40 * migrantsRoll * migrantsRoll,
    owners: rng.between(15, 85),
    unemployment: rng.between(2, 12),
    income: rng.between(24_000, 62_000),
    rating: rng.between(5.5, 8.6),
    householdSize: rng.between(1.9, 2.5),
    drift: rng.between(-0.3, 0.3),
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** A neighbourhood's value of one indicator in year number `y` (0: the first year). */
function neighbourhoodValue(profile: Profile, code: string, unit: string, y: number, noise: number): number {
  const population = Math.round(profile.population * (1 + profile.growth) ** y);
  const share = (base: number) => clamp(oneDecimal(base + profile.drift * y + noise), 0, 100);
  switch (code) {
    case 'population':
      return population;
    case 'dwellings':
      return Math.round(population / profile.householdSize);
    case 'pct_age_0_to_19':
      return share(profile.young);
    case 'pct_age_65_plus':
    case 'bewoners-ouder-dan-65-jaar':
      return share(profile.old);
    case 'aandeel-75-plus':
      return share(profile.old * 0.45);
    case 'pct_age_20_to_64':
      return clamp(oneDecimal(100 - profile.young - profile.old - 2 * profile.drift * y), 0, 100);
    case 'pct_non_western_migrants':
      return share(profile.migrants);
    case 'inwoners-van-niet-nederlandse-afkomst':
      return share(profile.migrants * 1.4);
    case 'pct_owner_occupied':
      return share(profile.owners);
    case 'pct_rented':
      return clamp(oneDecimal(100 - profile.owners - profile.drift * y), 0, 100);
    case 'unemployment_pct':
      return clamp(oneDecimal(profile.unemployment + noise / 4), 0, 100);
    case 'avg_disposable_income_per_household_eur':
      return Math.round(profile.income * 1.02 ** y);
    case 'social_quality_rating':
      return clamp(oneDecimal(profile.rating + noise / 10), 1, 10);
    default:
      return genericValue(profile, unit, y, noise);
  }
}

function genericValue(profile: Profile, unit: string, y: number, noise: number): number {
  switch (unit) {
    case 'PERCENT':
      return clamp(oneDecimal(profile.old / 2 + profile.drift * y + noise), 0, 100);
    case 'COUNT':
      return Math.max(0, Math.round(profile.population / 40 + noise * 3));
    case 'EUR':
      return Math.max(0, Math.round(profile.income / 20 + noise * 10));
    case 'RATING_10':
      return clamp(oneDecimal(profile.rating + noise / 10), 1, 10);
    default:
      return oneDecimal(profile.population / 100 + noise);
  }
}

/** Rounds an aggregated value like its unit's figures are rounded. */
function roundLike(unit: string, value: number): number {
  return unit === 'COUNT' || unit === 'EUR' ? Math.round(value) : oneDecimal(value);
}

export function computeFigureValues(world: World): FigureValues {
  const indicators = world.catalogue.indicators;
  const years = world.preset.years;
  const figures: FigureValues = { values: new Float64Array(world.areas.length * indicators.length * years), indicators: indicators.length, years };
  const set = (area: number, indicator: number, year: number, value: number) => {
    figures.values[(area * indicators.length + indicator) * years + year] = value;
  };
  const populationIndex = indicators.findIndex((indicator) => indicator.code === 'population');

  world.areas.forEach((area, a) => {
    if (area.level !== 'NEIGHBOURHOOD') return;
    const rng = world.random('figures', a);
    const profile = profileOf(rng);
    indicators.forEach((indicator, i) => {
      for (let y = 0; y < years; y += 1) set(a, i, y, neighbourhoodValue(profile, indicator.code, indicator.unit, y, rng.normal(0, 0.8)));
    });
  });

  // Districts from their neighbourhoods, then municipalities from their districts.
  for (const level of ['DISTRICT', 'MUNICIPALITY'] as const) {
    world.areas.forEach((area, a) => {
      if (area.level !== level) return;
      const children = world.childrenOf(a);
      indicators.forEach((indicator, i) => {
        for (let y = 0; y < years; y += 1) {
          let total = 0;
          let weights = 0;
          for (const child of children) {
            const weight = populationIndex >= 0 ? valueAt(figures, child, populationIndex, y) : 1;
            total += indicator.unit === 'COUNT' ? valueAt(figures, child, i, y) : valueAt(figures, child, i, y) * weight;
            weights += weight;
          }
          set(a, i, y, roundLike(indicator.unit, indicator.unit === 'COUNT' ? total : weights > 0 ? total / weights : 0));
        }
      });
    });
  }
  return figures;
}
