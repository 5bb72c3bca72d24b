/**
 * Deterministic randomness for the data generator. Every entity (the i-th organisation, the
 * i-th referral, …) gets its own small generator seeded from (seed, kind, i), so any table can
 * re-plan any entity in any order and get the same answer: ids, links and content follow from
 * the seed alone, without keeping millions of rows in memory.
 */

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit integers with good avalanche. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string, finalised: a 32-bit seed for a named stream. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** mulberry32: a small, fast 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(word: number): string {
  return HEX[(word >>> 24) & 0xff] + HEX[(word >>> 16) & 0xff] + HEX[(word >>> 8) & 0xff] + HEX[word & 0xff];
}

/**
 * Ids of one kind of entity: `id(i)` is a version-4-shaped UUID that depends only on (seed,
 * kind, i). The first 32 bits are a bijection of i, so ids of one kind never collide.
 */
export class IdSpace {
  private readonly keys: [number, number, number, number];

  constructor(seed: number, kind: string) {
    const base = hashString(`${seed}:${kind}`);
    this.keys = [base, fmix32(base ^ 0x9e3779b9), fmix32(base ^ 0x7f4a7c15), fmix32(base ^ 0x94d049bb)];
  }

  id(index: number): string {
    const [k0, k1, k2, k3] = this.keys;
    const w0 = fmix32((index ^ k0) >>> 0);
    const w1 = (fmix32((index + k1) >>> 0) & 0xffff0fff) | 0x00004000;
    const w2 = (fmix32((index ^ k2) >>> 0) & 0x3fffffff) | 0x80000000;
    const w3 = fmix32((index + k3) >>> 0);
    const a = hex32(w0);
    const b = hex32(w1);
    const c = hex32(w2);
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${hex32(w3)}`;
  }
}

/** A generator of random choices. */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** The generator of entity `index` of a stream: the same every time it is asked for. */
  static of(streamSeed: number, index: number): Random {
    return new Random(fmix32((index ^ streamSeed) >>> 0) ^ fmix32((index + 0x632be5ab) >>> 0));
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An item drawn with the weights of a cumulative table (see `cumulative`). */
  pickWeighted<T>(items: readonly T[], cumulativeWeights: Float64Array): T {
    return items[this.weightedIndex(cumulativeWeights)];
  }

  weightedIndex(cumulativeWeights: Float64Array): number {
    const target = this.next() * cumulativeWeights[cumulativeWeights.length - 1];
    let low = 0;
    let high = cumulativeWeights.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulativeWeights[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** `count` distinct items (fewer when there are not that many), in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    const wanted = Math.min(count, items.length);
    if (wanted === 0) return [];
    if (wanted * 4 < items.length) {
      const chosen = new Set<number>();
      while (chosen.size < wanted) chosen.add(Math.floor(this.next() * items.length));
      return [...chosen].map((i) => items[i]);
    }
    const copy = items.slice();
    for (let i = 0; i < wanted; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, wanted);
  }

  /** Normally distributed (Box–Muller). */
  normal(mean: number, deviation: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** Cumulative sums of weights, for `Random.pickWeighted`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    sums[i] = total;
  });
  return sums;
}

/** Zipf-like weights 1/(rank+1)^exponent: a few large, many small. */
export function zipfWeights(count: number, exponent: number): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / (rank + 1) ** exponent);
}

/**
 * Splits `total` over shares proportional to `weights` (largest remainder), each at least
 * `minimum` and at most `maximum`; the result adds up to `total` whenever the bounds allow it.
 */
export function apportion(total: number, weights: readonly number[], minimum = 0, maximum = Number.POSITIVE_INFINITY): number[] {
  const counts = weights.map(() => minimum);
  let remaining = total - minimum * weights.length;
  while (remaining > 0) {
    const open = weights.map((weight, i) => (counts[i] < maximum ? weight : 0));
    const openWeight = open.reduce((sum, weight) => sum + weight, 0);
    if (openWeight === 0) break;
    const exact = open.map((weight) => (remaining * weight) / openWeight);
    let handed = 0;
    const remainders: Array<{ i: number; fraction: number }> = [];
    exact.forEach((share, i) => {
      const whole = Math.min(Math.floor(share), maximum - counts[i]);
      counts[i] += whole;
      handed += whole;
      if (counts[i] < maximum) remainders.push({ i, fraction: share - Math.floor(share) });
    });
    remainders.sort((a, b) => b.fraction - a.fraction || a.i - b.i);
    for (const { i } of remainders) {
      if (handed >= remaining) break;
      counts[i] += 1;
      handed += 1;
    }
    if (handed === 0) break;
    remaining -= handed;
  }
  return counts;
}
