import { REFERENCE_DATE } from './presets';
import { type Random, cumulative, zipfWeights } from './random';

/** What the plans of every entity share (plans.ts): dates, draws and the layout of earlier entities. */

export const DAY_MS = 86_400_000;

export function daysBefore(days: number, from: Date = REFERENCE_DATE): Date {
  return new Date(from.getTime() - days * DAY_MS);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function sometimes<T>(rng: Random, probability: number, value: () => T): T | null {
  return rng.chance(probability) ? value() : null;
}

/** Distinct draws of `draw()` (at most `count`, giving up after a few repeats). */
export function distinct(count: number, draw: () => number, exclude = -1): number[] {
  const chosen = new Set<number>();
  for (let attempt = 0; chosen.size < count && attempt < count * 4; attempt += 1) {
    const value = draw();
    if (value !== exclude) chosen.add(value);
  }
  return [...chosen];
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Target groups drawn Zipf-like (a few common, many rare), for services and referrals alike. */
const targetGroupCumulative = new Map<number, Float64Array>();

export function targetGroupWeights(count: number): Float64Array {
  let weights = targetGroupCumulative.get(count);
  if (!weights) {
    weights = cumulative(zipfWeights(count, 0.7));
    targetGroupCumulative.set(count, weights);
  }
  return weights;
}

// ---------------------------------------------------------------------------------------------
// Layout: what later entities need to know about earlier ones (plans.ts planLayout)

/** Where every location, service and network coordinator is, computed once before emitting rows. */
export interface Layout {
  /** Locations of organisation o are numbers locationStart[o] … locationStart[o+1]-1. */
  locationStart: Int32Array;
  locationOrganisation: Int32Array;
  /** The providing organisation of every service. */
  serviceOrganisation: Int32Array;
  /** Services of organisation o: organisationServices[organisationServiceStart[o] …]. */
  organisationServiceStart: Int32Array;
  organisationServices: Int32Array;
  networkCoordinator: Int32Array;
}
