/**
 * Latency histogram with fixed upper bounds (ms). Fixed bounds let minute buckets add up to hour
 * and day buckets, and percentiles still come out of a 30-day window. The seed SLO limits
 * (200 ms for p50, 2000 ms for p99) are bounds, so "below the limit" is counted exactly.
 */
export const latencyBounds = [5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10_000, Infinity] as const;

export function emptyHistogram(): number[] {
  return latencyBounds.map(() => 0);
}

export function observe(hist: number[], ms: number): void {
  const i = latencyBounds.findIndex((b) => ms <= b);
  hist[i] = (hist[i] ?? 0) + 1;
}

export function mergeInto(target: number[], add: readonly number[]): void {
  add.forEach((n, i) => (target[i] = (target[i] ?? 0) + n));
}

/** Estimated q-quantile (0..1), interpolating linearly inside the bucket; null when empty. */
export function quantile(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i] ?? 0;
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : (latencyBounds[i - 1] ?? 0);
      const upper = latencyBounds[i] ?? Infinity;
      // The open last bucket has no upper edge: report its lower edge rather than invent a number.
      if (!Number.isFinite(upper)) return lower;
      return lower + ((upper - lower) * (rank - seen)) / n;
    }
    seen += n;
  }
  return latencyBounds[latencyBounds.length - 2] ?? null;
}
