import type { Expr } from './ast';
import { quantile, sortSamples } from './aggregate';
import * as go from './gomath';
import { changes, extrapolated, holtWinters, instant, overTime, regression, resets } from './range';
import { anchoredReplace, checkGoRegexp } from '../../shared/go-regexp';
import { dropName, groupKey, keyOf, scalarOf, vec, type Matrix, type Point, type Sample, type Value } from './values';

// The PromQL functions of Prometheus 2.42 for the evaluator of `oncall rules test`.

const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

const simple: Record<string, (v: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: go.exp,
  ln: go.log,
  log2: go.log2,
  log10: go.log10,
  sqrt: Math.sqrt,
  sgn: (v) => (v < 0 ? -1 : v > 0 ? 1 : v),
  acos: go.acos,
  acosh: go.acosh,
  asin: go.asin,
  asinh: go.asinh,
  atan: go.atan,
  atanh: Math.atanh,
  cos: go.cos,
  cosh: go.cosh,
  sin: go.sin,
  sinh: go.sinh,
  tan: go.tan,
  tanh: go.tanh,
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
};

/** Calendar functions read a sample's value as seconds since the epoch, in UTC. */
const calendar: Record<string, (d: Date) => number> = {
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

export type Evaluate = (e: Expr, ts: number) => Value;

/** A function call at `ts`; `evaluate` evaluates its arguments (passed in to keep the modules acyclic). */
export function callFunction(fn: string, args: Expr[], ts: number, evaluate: Evaluate): Value {
  const arg = (i: number) => evaluate(args[i] as Expr, ts);
  const str = (i: number) => (arg(i) as { v: string }).v;
  const vector = (samples: Sample[]): Value => ({ t: 'vector', samples });
  const mapVector = (f: (v: number) => number, input = vec(arg(0))): Value => vector(input.map((s) => ({ labels: dropName(s.labels), value: f(s.value) })));
  /** A range-vector function: called per series that has points in the window, as Prometheus does. */
  const overRange = (f: (points: Point[], m: Matrix) => number | null, index = 0): Value => {
    const m = arg(index) as Matrix;
    const samples: Sample[] = [];
    for (const s of m.series) {
      if (s.points.length === 0) continue;
      const value = f(s.points, m);
      // last_over_time returns the samples themselves, metric name included.
      if (value !== null) samples.push({ labels: fn === 'last_over_time' ? s.labels : dropName(s.labels), value });
    }
    return vector(samples);
  };
  const over = overTime[fn];
  if (over) return overRange((points) => over(points.map((p) => p.v)));
  const math = simple[fn];
  if (math) return mapVector(math);
  const date = calendar[fn];
  if (date) return mapVector((v) => date(new Date(Math.trunc(v) * 1000)), args.length ? vec(arg(0)) : [{ labels: {}, value: ts / 1000 }]);
  switch (fn) {
    case 'rate':
    case 'increase':
    case 'delta':
      return overRange((points, m) => extrapolated(points, m.start, m.end, fn !== 'delta', fn === 'rate'));
    case 'irate':
    case 'idelta':
      return overRange((points) => instant(points, fn === 'irate'));
    case 'changes':
      return overRange(changes);
    case 'resets':
      return overRange(resets);
    case 'deriv':
      // Relative to the first point, as Prometheus does to keep the sums small.
      return overRange((points) => (points.length < 2 ? null : regression(points, (points[0] as Point).t)[0]));
    case 'predict_linear': {
      const horizon = scalarOf(arg(1));
      return overRange((points) => {
        if (points.length < 2) return null;
        const [slope, intercept] = regression(points, ts);
        return slope * horizon + intercept;
      });
    }
    case 'holt_winters': {
      const [sf, tf] = [scalarOf(arg(1)), scalarOf(arg(2))];
      return overRange((points) => holtWinters(points, sf, tf));
    }
    case 'quantile_over_time': {
      const q = scalarOf(arg(0));
      return overRange((points) => quantile(q, points.map((p) => p.v)), 1);
    }
    case 'absent':
      return vector(vec(arg(0)).length ? [] : [{ labels: absentLabels(args[0] as Expr), value: 1 }]);
    case 'absent_over_time':
      return vector((arg(0) as Matrix).series.some((s) => s.points.length) ? [] : [{ labels: absentLabels(args[0] as Expr), value: 1 }]);
    case 'clamp': {
      const [lo, hi] = [scalarOf(arg(1)), scalarOf(arg(2))];
      return hi < lo ? vector([]) : mapVector((v) => Math.max(lo, Math.min(hi, v)));
    }
    case 'clamp_min': {
      const lo = scalarOf(arg(1));
      return mapVector((v) => Math.max(lo, v));
    }
    case 'clamp_max': {
      const hi = scalarOf(arg(1));
      return mapVector((v) => Math.min(hi, v));
    }
    case 'round': {
      // Prometheus multiplies by the inverse: it gives fewer floating point surprises.
      const inverse = 1 / (args[1] ? scalarOf(arg(1)) : 1);
      return mapVector((v) => Math.floor(v * inverse + 0.5) / inverse);
    }
    case 'sort':
    case 'sort_desc':
      return vector(sortSamples(vec(arg(0)), fn === 'sort_desc'));
    case 'vector':
      return vector([{ labels: {}, value: scalarOf(arg(0)) }]);
    case 'scalar': {
      const samples = vec(arg(0));
      return { t: 'scalar', v: samples.length === 1 ? (samples[0] as Sample).value : NaN };
    }
    case 'time':
      return { t: 'scalar', v: ts / 1000 };
    case 'pi':
      return { t: 'scalar', v: Math.PI };
    case 'histogram_quantile':
      return vector(histogramQuantile(scalarOf(arg(0)), vec(arg(1))));
    case 'histogram_count':
    case 'histogram_sum':
    case 'histogram_fraction':
      // These read native histogram samples only; promtool 2.42's test input holds floats.
      return vector([]);
    case 'label_replace':
      return vector(labelReplace(vec(arg(0)), str(1), str(2), str(3), str(4)));
    case 'label_join': {
      const [dst, sep] = [str(1), str(2)];
      const sources = args.slice(3).map((_, i) => str(i + 3));
      for (const src of sources) if (!labelNameRe.test(src)) throw new Error(`invalid source label name in label_join(): ${src}`);
      if (!labelNameRe.test(dst)) throw new Error(`invalid destination label name in label_join(): ${dst}`);
      return vector(vec(arg(0)).map((s) => ({ labels: withLabel(s.labels, dst, sources.map((n) => s.labels[n] ?? '').join(sep)), value: s.value })));
    }
    default:
      throw new Error(`unknown function ${fn}()`);
  }
}

/** A label set with `name` set to `value`, or removed when `value` is empty (as Prometheus's builder). */
function withLabel(labels: Record<string, string>, name: string, value: string): Record<string, string> {
  const out = { ...labels };
  if (value === '') delete out[name];
  else out[name] = value;
  return out;
}

function labelReplace(samples: Sample[], dst: string, replacement: string, src: string, regex: string): Sample[] {
  if (!labelNameRe.test(dst)) throw new Error(`invalid destination label name in label_replace(): ${dst}`);
  checkGoRegexp(regex);
  return samples.map((s) => {
    const to = anchoredReplace(regex, replacement, s.labels[src] ?? '');
    return to === null ? s : { labels: withLabel(s.labels, dst, to), value: s.value };
  });
}

/**
 * The labels absent() and absent_over_time() give their one sample: each `=` matcher of a plain
 * selector, except a label matched twice or also by another operator (Prometheus drops those).
 */
function absentLabels(e: Expr): Record<string, string> {
  if (e.t !== 'selector') return {};
  // Checked against promtool 2.42, matcher by matcher in written order: the first `=` matcher of
  // a label sets it, any later matcher of that label (or a non-`=` one) removes it again, and a
  // `=` after only non-`=` matchers sets it anew.
  const labels: Record<string, string> = {};
  const equalSeen = new Set<string>();
  for (const m of e.matchers) {
    if (m.name === '__name__') continue;
    if (m.op === '=' && !equalSeen.has(m.name)) {
      equalSeen.add(m.name);
      if (m.value !== '') labels[m.name] = m.value;
      else delete labels[m.name];
    } else delete labels[m.name];
  }
  return labels;
}

interface Bucket {
  le: number;
  count: number;
}

/** histogram_quantile over classic buckets (an `le` label per series). */
function histogramQuantile(q: number, samples: Sample[]): Sample[] {
  const groups = new Map<string, { labels: Record<string, string>; buckets: Bucket[] }>();
  for (const s of samples) {
    const le = s.labels.le === undefined ? NaN : parseGoFloat(s.labels.le);
    if (Number.isNaN(le)) continue;
    const labels = dropName(groupKey(s.labels, ['le'], false));
    const g = groups.get(keyOf(labels)) ?? { labels, buckets: [] };
    g.buckets.push({ le, count: s.value });
    groups.set(keyOf(labels), g);
  }
  return [...groups.values()].map(({ labels, buckets }) => ({ labels, value: bucketQuantile(q, buckets) }));
}

const parseGoFloat = (text: string) => (/^[+-]?inf(inity)?$/i.test(text) ? (text.startsWith('-') ? -Infinity : Infinity) : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN);

/** Prometheus's bucketQuantile: merged duplicate bounds, counts forced monotonic, linear interpolation. */
function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.le - b.le);
  if ((sorted.at(-1) as Bucket).le !== Infinity) return NaN;
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const last = buckets.at(-1);
    if (last && last.le === b.le) last.count += b.count;
    else buckets.push({ ...b });
  }
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
  if (buckets.length < 2) return NaN;
  const total = (buckets.at(-1) as Bucket).count;
  if (total === 0) return NaN;
  let rank = q * total;
  let b = buckets.slice(0, -1).findIndex((x) => x.count >= rank);
  if (b === -1) b = buckets.length - 1;
  if (b === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).le;
  if (b === 0 && (buckets[0] as Bucket).le <= 0) return (buckets[0] as Bucket).le;
  const end = (buckets[b] as Bucket).le;
  let count = (buckets[b] as Bucket).count;
  let start = 0;
  if (b > 0) {
    const prev = buckets[b - 1] as Bucket;
    start = prev.le;
    count -= prev.count;
    rank -= prev.count;
  }
  return start + (end - start) * (rank / count);
}
