/** Latency summaries in milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the recorded latencies. */
export function summarise(latencies: readonly number[]): LatencySummary {
  if (latencies.length === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(latencies).sort();
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { count: sorted.length, mean: round(total / sorted.length), p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]) };
}

export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Samples a value (the app's RSS) every `intervalMs` until stopped. */
export class Sampler {
  private readonly values: number[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(read: () => number | null, intervalMs = 250) {
    const sample = () => {
      const value = read();
      if (value !== null) this.values.push(value);
    };
    sample();
    this.timer = setInterval(sample, intervalMs);
  }

  stop(): { peak: number; mean: number } {
    clearInterval(this.timer);
    if (this.values.length === 0) return { peak: 0, mean: 0 };
    return { peak: Math.max(...this.values), mean: Math.round(this.values.reduce((a, b) => a + b, 0) / this.values.length) };
  }
}
