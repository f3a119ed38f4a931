import type { Expr } from './promql-ast';
import { goRegExp, reReplaceAll } from './template/go-regexp';
import { dropName, groupKey, keyOf, scalarOf, UnsupportedPromql, vec, type Point, type Sample, type Series, type Value } from './promql-values';

// PromQL functions for the evaluator of `oncall rules test`, with Prometheus 2.x semantics.

/** Prometheus's extrapolatedRate (rate, increase, delta) over a closed window [start, end]. */
function extrapolated(points: Point[], start: number, end: number, counter: boolean, perSecond: boolean): number | null {
  if (points.length < 2) return null;
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  let result = last.v - first.v;
  if (counter) for (let i = 1; i < points.length; i++) if ((points[i] as Point).v < (points[i - 1] as Point).v) result += (points[i - 1] as Point).v;
  let toStart = (first.t - start) / 1000;
  const toEnd = (end - last.t) / 1000;
  const sampled = (last.t - first.t) / 1000;
  const average = sampled / (points.length - 1);
  if (counter && result > 0 && first.v >= 0) toStart = Math.min(toStart, sampled * (first.v / result));
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  result *= interval / sampled;
  return perSecond ? result / ((end - start) / 1000) : result;
}

/**
 * Prometheus's avg_over_time: an incremental mean with Kahan-Neumaier compensation, so the last
 * digit matches what Prometheus prints (a plain sum/count differs in it).
 */
function incrementalMean(values: number[]): number {
  let mean = 0;
  let c = 0;
  values.forEach((v, i) => {
    const inc = v / (i + 1) - mean / (i + 1);
    const t = mean + inc;
    c += Math.abs(mean) >= Math.abs(inc) ? mean - t + inc : inc - t + mean;
    mean = t;
  });
  return Number.isFinite(mean) ? mean + c : mean;
}

const overTime: Record<string, (values: number[]) => number> = {
  sum_over_time: (v) => v.reduce((a, b) => a + b, 0),
  avg_over_time: incrementalMean,
  min_over_time: (v) => Math.min(...v),
  max_over_time: (v) => Math.max(...v),
  count_over_time: (v) => v.length,
  last_over_time: (v) => v.at(-1) as number,
  present_over_time: () => 1,
};

const simple: Record<string, (v: number) => number> = { abs: Math.abs, ceil: Math.ceil, floor: Math.floor, exp: Math.exp, ln: Math.log, log2: Math.log2, log10: Math.log10, sqrt: Math.sqrt, sgn: Math.sign };

/** A function call; `evaluate` evaluates its arguments (passed in to keep the modules acyclic). */
export function callFunction(fn: string, args: Expr[], ts: number, db: readonly Series[], evaluate: (e: Expr, ts: number, db: readonly Series[]) => Value): Value {
  const arg = (i: number) => evaluate(args[i] as Expr, ts, db);
  const mapVector = (f: (v: number) => number): Value => ({ t: 'vector', samples: vec(arg(0)).map((s) => ({ labels: dropName(s.labels), value: f(s.value) })) });
  const overRange = (f: (s: Series, start: number, end: number) => number | null): Value => {
    const sel = args[0] as Expr;
    if (sel.t !== 'selector' || sel.range === null) throw new UnsupportedPromql(`${fn}() over a subquery is not supported by oncall rules test`);
    const end = ts - sel.offset;
    const samples: Sample[] = [];
    for (const s of (arg(0) as Extract<Value, { t: 'matrix' }>).series) {
      const value = f(s, end - (sel.range ?? 0), end);
      // last_over_time returns the samples themselves, metric name included.
      if (value !== null) samples.push({ labels: fn === 'last_over_time' ? s.labels : dropName(s.labels), value });
    }
    return { t: 'vector', samples };
  };
  if (fn in simple) return mapVector(simple[fn] as (v: number) => number);
  if (fn in overTime) return overRange((s) => (overTime[fn] as (v: number[]) => number)(s.points.map((p) => p.v)));
  switch (fn) {
    case 'rate':
    case 'increase':
    case 'delta':
      return overRange((s, start, end) => extrapolated(s.points, start, end, fn !== 'delta', fn === 'rate'));
    case 'irate':
    case 'idelta':
      return overRange((s) => {
        const [a, b] = s.points.slice(-2);
        if (!a || !b) return null;
        const diff = fn === 'irate' && b.v < a.v ? b.v : b.v - a.v;
        return fn === 'irate' ? diff / ((b.t - a.t) / 1000) : diff;
      });
    case 'changes':
    case 'resets':
      return overRange((s) => s.points.slice(1).filter((p, i) => (fn === 'changes' ? p.v !== (s.points[i] as Point).v : p.v < (s.points[i] as Point).v)).length);
    case 'deriv':
    case 'predict_linear':
      return overRange((s) => {
        if (s.points.length < 2) return null;
        const [slope, intercept] = regression(s.points, ts);
        return fn === 'deriv' ? slope : slope * scalarOf(arg(1)) + intercept;
      });
    case 'absent':
    case 'absent_over_time': {
      const v = arg(0);
      const empty = v.t === 'matrix' ? v.series.length === 0 : vec(v).length === 0;
      const sel = args[0] as Expr;
      const labels = sel.t === 'selector' ? Object.fromEntries(sel.matchers.filter((m) => m.op === '=' && m.name !== '__name__').map((m) => [m.name, m.value])) : {};
      return { t: 'vector', samples: empty ? [{ labels, value: 1 }] : [] };
    }
    case 'clamp_min':
      return mapVector((v) => Math.max(v, scalarOf(arg(1))));
    case 'clamp_max':
      return mapVector((v) => Math.min(v, scalarOf(arg(1))));
    case 'clamp':
      return mapVector((v) => Math.max(scalarOf(arg(1)), Math.min(scalarOf(arg(2)), v)));
    case 'round': {
      const inverse = 1 / (args[1] ? scalarOf(arg(1)) : 1);
      return mapVector((v) => Math.floor(v * inverse + 0.5) / inverse);
    }
    case 'sort':
    case 'sort_desc':
      return { t: 'vector', samples: [...vec(arg(0))].sort((a, b) => (fn === 'sort' ? a.value - b.value : b.value - a.value)) };
    case 'vector':
      return { t: 'vector', samples: [{ labels: {}, value: scalarOf(arg(0)) }] };
    case 'scalar': {
      const samples = vec(arg(0));
      return { t: 'scalar', v: samples.length === 1 ? (samples[0] as Sample).value : NaN };
    }
    case 'time':
      return { t: 'scalar', v: ts / 1000 };
    case 'histogram_quantile':
      return { t: 'vector', samples: histogramQuantile(scalarOf(arg(0)), vec(arg(1))) };
    case 'label_replace': {
      const [dst, replacement, src, regex] = [1, 2, 3, 4].map((i) => (arg(i) as { v: string }).v) as [string, string, string, string];
      return {
        t: 'vector',
        samples: vec(arg(0)).map((s) => {
          const from = s.labels[src] ?? '';
          if (!goRegExp(`^(?:${regex})$`, false).test(from)) return s;
          const value = reReplaceAll(`^(?:${regex})$`, replacement, from);
          const labels = { ...s.labels };
          if (value === '') delete labels[dst];
          else labels[dst] = value;
          return { labels, value: s.value };
        }),
      };
    }
    default:
      throw new UnsupportedPromql(`function ${fn}() is not supported by oncall rules test`);
  }
}

/** Least squares with x in seconds relative to `at` (Prometheus's linearRegression). */
function regression(points: Point[], at: number): [number, number] {
  const n = points.length;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sx2 = 0;
  for (const p of points) {
    const x = (p.t - at) / 1000;
    sx += x;
    sy += p.v;
    sxy += x * p.v;
    sx2 += x * x;
  }
  const slope = (n * sxy - sx * sy) / (n * sx2 - sx * sx);
  return [slope, sy / n - (slope * sx) / n];
}

/** Prometheus's bucketQuantile: linear interpolation inside the bucket holding the rank. */
function histogramQuantile(q: number, samples: Sample[]): Sample[] {
  const groups = new Map<string, { labels: Record<string, string>; buckets: { le: number; count: number }[] }>();
  for (const s of samples) {
    const le = s.labels.le;
    if (le === undefined) continue;
    const labels = dropName(groupKey(s.labels, ['le'], false));
    const g = groups.get(keyOf(labels)) ?? { labels, buckets: [] };
    g.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: s.value });
    groups.set(keyOf(labels), g);
  }
  return [...groups.values()].map(({ labels, buckets }) => ({ labels, value: bucketQuantile(q, buckets.sort((a, b) => a.le - b.le)) }));
}

function bucketQuantile(q: number, buckets: { le: number; count: number }[]): number {
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const top = buckets.at(-1);
  if (!top || buckets.length < 2 || top.le !== Infinity) return NaN;
  const total = top.count;
  if (total === 0) return NaN;
  const rank = q * total;
  const b = buckets.findIndex((x) => x.count >= rank);
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as { le: number }).le;
  if (b === 0 && (buckets[0] as { le: number }).le <= 0) return (buckets[0] as { le: number }).le;
  const upper = (buckets[b] as { le: number; count: number });
  const lowerLe = b === 0 ? 0 : (buckets[b - 1] as { le: number }).le;
  const lowerCount = b === 0 ? 0 : (buckets[b - 1] as { count: number }).count;
  return lowerLe + (upper.le - lowerLe) * ((rank - lowerCount) / (upper.count - lowerCount));
}

