import { quantile } from './aggregate';
import type { Point } from './values';

// Functions of one series' points in a range window, with Prometheus 2.42's arithmetic (the
// order of operations matters: promtool is compared with to the last digit).

/** Go's math.Max/Min as Prometheus's *_over_time use them: a NaN so far is replaced. */
const maxOf = (v: number[]) => v.reduce((m, x) => (x > m || Number.isNaN(m) ? x : m));
const minOf = (v: number[]) => v.reduce((m, x) => (x < m || Number.isNaN(m) ? x : m));

/** One Kahan-Babuska-Neumaier step: [sum, compensation]. */
function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

function avgOverTime(values: number[]): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (const v of values) {
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      // An infinite mean stays as it is unless a NaN or the opposite infinity arrives.
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    [mean, c] = kahanInc(v / count - mean / count, mean, c);
  }
  return !Number.isFinite(mean) && !Number.isNaN(mean) ? mean : mean + c;
}

/** Welford's online variance with compensated sums, as stddev_over_time/stdvar_over_time. */
function varianceOverTime(values: number[]): number {
  let count = 0;
  let mean = 0;
  let cMean = 0;
  let aux = 0;
  let cAux = 0;
  for (const v of values) {
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanInc(delta / count, mean, cMean);
    [aux, cAux] = kahanInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

function sumOverTime(values: number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of values) [sum, c] = kahanInc(v, sum, c);
  // Infinities make the compensation NaN; the plain sum is then the answer.
  return !Number.isFinite(sum) && !Number.isNaN(sum) ? sum : sum + c;
}

export const overTime: Record<string, (values: number[]) => number> = {
  sum_over_time: sumOverTime,
  avg_over_time: avgOverTime,
  min_over_time: minOf,
  max_over_time: maxOf,
  count_over_time: (v) => v.length,
  last_over_time: (v) => v.at(-1) as number,
  present_over_time: () => 1,
  stdvar_over_time: varianceOverTime,
  stddev_over_time: (v) => Math.sqrt(varianceOverTime(v)),
};

export const quantileOverTime = (q: number, values: number[]) => quantile(q, values);

/** Prometheus's extrapolatedRate (rate, increase, delta) over a closed window [start, end]. */
export function extrapolated(points: Point[], start: number, end: number, counter: boolean, perSecond: boolean): number | null {
  if (points.length < 2) return null;
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  let result = last.v - first.v;
  if (counter) {
    let previous = 0;
    for (const p of points) {
      if (p.v < previous) result += previous;
      previous = p.v;
    }
  }
  let toStart = (first.t - start) / 1000;
  const toEnd = (end - last.t) / 1000;
  const sampled = (last.t - first.t) / 1000;
  const average = sampled / (points.length - 1);
  if (counter && result > 0 && first.v >= 0) toStart = Math.min(toStart, sampled * (first.v / result));
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  // One factor, divided by the range for rate(), then one multiplication: Prometheus's order.
  let factor = interval / sampled;
  if (perSecond) factor /= (end - start) / 1000;
  return result * factor;
}

/** irate and idelta: the last two points only. */
export function instant(points: Point[], perSecond: boolean): number | null {
  const [a, b] = points.slice(-2);
  if (!a || !b || b.t === a.t) return null;
  const diff = perSecond && b.v < a.v ? b.v : b.v - a.v;
  return perSecond ? diff / ((b.t - a.t) / 1000) : diff;
}

export function changes(points: Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [(points[i - 1] as Point).v, (points[i] as Point).v];
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) n++;
  }
  return n;
}

export function resets(points: Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) if ((points[i] as Point).v < (points[i - 1] as Point).v) n++;
  return n;
}

/** Least squares with x in seconds relative to `at`, compensated sums (Prometheus's linearRegression). */
export function regression(points: Point[], at: number): [number, number] {
  const first = (points[0] as Point).v;
  if (points.every((p) => p.v === first)) return Number.isFinite(first) || Number.isNaN(first) ? [0, first] : [NaN, NaN];
  let n = 0;
  let [sx, cx, sy, cy, sxy, cxy, sx2, cx2] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const p of points) {
    n++;
    const x = (p.t - at) / 1000;
    [sx, cx] = kahanInc(x, sx, cx);
    [sy, cy] = kahanInc(p.v, sy, cy);
    [sxy, cxy] = kahanInc(x * p.v, sxy, cxy);
    [sx2, cx2] = kahanInc(x * x, sx2, cx2);
  }
  sx += cx;
  sy += cy;
  sxy += cxy;
  sx2 += cx2;
  const slope = (sxy - (sx * sy) / n) / (sx2 - (sx * sx) / n);
  return [slope, sy / n - (slope * sx) / n];
}

/** Double exponential smoothing (holt_winters in Prometheus 2.x). */
export function holtWinters(points: Point[], sf: number, tf: number): number | null {
  if (sf <= 0 || sf >= 1) throw new Error(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${sf.toFixed(6)}`);
  if (tf <= 0 || tf >= 1) throw new Error(`invalid trend factor. Expected: 0 < tf < 1, got: ${tf.toFixed(6)}`);
  if (points.length < 2) return null;
  let s0 = 0;
  let s1 = (points[0] as Point).v;
  let b = (points[1] as Point).v - s1;
  for (let i = 1; i < points.length; i++) {
    const x = sf * (points[i] as Point).v;
    if (i > 1) b = tf * (s1 - s0) + (1 - tf) * b;
    const y = (1 - sf) * (s1 + b);
    [s0, s1] = [s1, x + y];
  }
  return s1;
}
