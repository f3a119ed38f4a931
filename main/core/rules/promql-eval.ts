import type { Expr, Matcher } from './promql-ast';
import { goRegExp, reReplaceAll } from './template/go-regexp';

/**
 * A small PromQL evaluator over in-memory series, for `oncall rules test` (promtool's unit-test
 * format): selectors, range selectors, offset, arithmetic, comparisons, set operators with vector
 * matching, the common aggregations and functions, with Prometheus 2.x semantics (5 m lookback,
 * closed range windows, extrapolated rate). Anything else is refused with a clear error.
 */
export interface Point {
  t: number;
  v: number;
  /** A staleness marker (`stale` in input_series): the series ends here. */
  stale?: boolean;
}
export interface Series {
  labels: Record<string, string>;
  points: Point[];
}
export interface Sample {
  labels: Record<string, string>;
  value: number;
}
export type Value = { t: 'scalar'; v: number } | { t: 'string'; v: string } | { t: 'vector'; samples: Sample[] } | { t: 'matrix'; series: Series[] };

const lookbackMs = 5 * 60_000;

export class UnsupportedPromql extends Error {}

export function evaluate(expr: Expr, ts: number, db: readonly Series[]): Value {
  switch (expr.t) {
    case 'number':
      return { t: 'scalar', v: expr.value };
    case 'string':
      return { t: 'string', v: expr.value };
    case 'selector':
      return select(expr, ts, db);
    case 'negate': {
      const v = evaluate(expr.expr, ts, db);
      if (v.t === 'scalar') return { t: 'scalar', v: -v.v };
      return { t: 'vector', samples: vec(v).map((s) => ({ labels: dropName(s.labels), value: -s.value })) };
    }
    case 'call':
      return call(expr.fn, expr.args, ts, db);
    case 'aggregate':
      return { t: 'vector', samples: aggregate(expr, ts, db) };
    case 'binary':
      return binary(expr, ts, db);
    case 'subquery':
      throw new UnsupportedPromql('subqueries are not supported by oncall rules test');
  }
}

function vec(v: Value): Sample[] {
  if (v.t !== 'vector') throw new Error(`expected an instant vector, got ${v.t}`);
  return v.samples;
}

const scalarOf = (v: Value): number => (v.t === 'scalar' ? v.v : NaN);

function matches(m: Matcher, value: string): boolean {
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  const hit = goRegExp(`^(?:${m.value})$`, false).test(value);
  return m.op === '=~' ? hit : !hit;
}

function select(expr: Extract<Expr, { t: 'selector' }>, ts: number, db: readonly Series[]): Value {
  const matchers = expr.name === null ? expr.matchers : [{ name: '__name__', op: '=' as const, value: expr.name }, ...expr.matchers];
  const end = ts - expr.offset;
  const chosen = db.filter((s) => matchers.every((m) => matches(m, s.labels[m.name] ?? '')));
  if (expr.range !== null) {
    const start = end - expr.range;
    return { t: 'matrix', series: chosen.map((s) => ({ labels: s.labels, points: s.points.filter((p) => !p.stale && p.t >= start && p.t <= end) })).filter((s) => s.points.length > 0) };
  }
  const samples: Sample[] = [];
  for (const s of chosen) {
    const last = s.points.filter((p) => p.t <= end && p.t >= end - lookbackMs).at(-1);
    if (last && !last.stale) samples.push({ labels: s.labels, value: last.v });
  }
  return { t: 'vector', samples };
}

function dropName(labels: Record<string, string>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

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

const overTime: Record<string, (values: number[]) => number> = {
  sum_over_time: (v) => v.reduce((a, b) => a + b, 0),
  avg_over_time: (v) => v.reduce((a, b) => a + b, 0) / v.length,
  min_over_time: (v) => Math.min(...v),
  max_over_time: (v) => Math.max(...v),
  count_over_time: (v) => v.length,
  last_over_time: (v) => v.at(-1) as number,
  present_over_time: () => 1,
};

const simple: Record<string, (v: number) => number> = { abs: Math.abs, ceil: Math.ceil, floor: Math.floor, exp: Math.exp, ln: Math.log, log2: Math.log2, log10: Math.log10, sqrt: Math.sqrt, sgn: Math.sign };

function call(fn: string, args: Expr[], ts: number, db: readonly Series[]): Value {
  const arg = (i: number) => evaluate(args[i] as Expr, ts, db);
  const mapVector = (f: (v: number) => number): Value => ({ t: 'vector', samples: vec(arg(0)).map((s) => ({ labels: dropName(s.labels), value: f(s.value) })) });
  const overRange = (f: (s: Series, start: number, end: number) => number | null): Value => {
    const sel = args[0] as Expr;
    if (sel.t !== 'selector' || sel.range === null) throw new UnsupportedPromql(`${fn}() over a subquery is not supported by oncall rules test`);
    const end = ts - sel.offset;
    const samples: Sample[] = [];
    for (const s of (arg(0) as Extract<Value, { t: 'matrix' }>).series) {
      const value = f(s, end - (sel.range ?? 0), end);
      if (value !== null) samples.push({ labels: dropName(s.labels), value });
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

function groupKey(labels: Record<string, string>, names: string[], on: boolean): Record<string, string> {
  if (on) return Object.fromEntries(names.filter((n) => labels[n] !== undefined).map((n) => [n, labels[n] as string]));
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== '__name__' && !names.includes(k)));
}

const keyOf = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

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

function aggregate(expr: Extract<Expr, { t: 'aggregate' }>, ts: number, db: readonly Series[]): Sample[] {
  const samples = vec(evaluate(expr.expr, ts, db));
  const groups = new Map<string, { labels: Record<string, string>; members: Sample[] }>();
  for (const s of samples) {
    const labels = expr.by ? groupKey(s.labels, expr.by, true) : groupKey(s.labels, expr.without ?? [], false);
    const key = expr.by || expr.without ? keyOf(labels) : '{}';
    const g = groups.get(key) ?? { labels: expr.by || expr.without ? labels : {}, members: [] };
    g.members.push(s);
    groups.set(key, g);
  }
  const param = expr.param ? scalarOf(evaluate(expr.param, ts, db)) : NaN;
  const out: Sample[] = [];
  for (const { labels, members } of groups.values()) {
    const values = members.map((m) => m.value);
    const sum = values.reduce((a, b) => a + b, 0);
    const mean = sum / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    switch (expr.op) {
      case 'topk':
      case 'bottomk': {
        const sorted = [...members].sort((a, b) => (expr.op === 'topk' ? b.value - a.value : a.value - b.value));
        out.push(...sorted.slice(0, Math.max(0, Math.trunc(param))));
        continue;
      }
      case 'quantile': {
        const sorted = [...values].sort((a, b) => a - b);
        const rank = param * (sorted.length - 1);
        const lo = Math.max(0, Math.floor(rank));
        const hi = Math.min(sorted.length - 1, lo + 1);
        const weight = rank - Math.floor(rank);
        out.push({ labels, value: param < 0 ? -Infinity : param > 1 ? Infinity : (sorted[lo] as number) * (1 - weight) + (sorted[hi] as number) * weight });
        continue;
      }
    }
    const reduce: Record<string, () => number> = { sum: () => sum, avg: () => mean, min: () => Math.min(...values), max: () => Math.max(...values), count: () => values.length, group: () => 1, stddev: () => Math.sqrt(variance), stdvar: () => variance };
    const f = reduce[expr.op];
    if (!f) throw new UnsupportedPromql(`aggregation ${expr.op} is not supported by oncall rules test`);
    out.push({ labels, value: f() });
  }
  return out;
}

const comparisonOps = new Set(['==', '!=', '<', '>', '<=', '>=']);

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
    case 'atan2':
      return Math.atan2(a, b);
    case '==':
      return Number(a === b);
    case '!=':
      return Number(a !== b);
    case '<':
      return Number(a < b);
    case '>':
      return Number(a > b);
    case '<=':
      return Number(a <= b);
    default:
      return Number(a >= b);
  }
}

function binary(expr: Extract<Expr, { t: 'binary' }>, ts: number, db: readonly Series[]): Value {
  const lhs = evaluate(expr.lhs, ts, db);
  const rhs = evaluate(expr.rhs, ts, db);
  const { op } = expr;
  const comparison = comparisonOps.has(op);
  const keepName = comparison && !expr.returnBool;
  if (lhs.t === 'scalar' && rhs.t === 'scalar') return { t: 'scalar', v: arith(op, lhs.v, rhs.v) };
  if (lhs.t === 'scalar' || rhs.t === 'scalar') {
    const scalar = scalarOf(lhs.t === 'scalar' ? lhs : rhs);
    const samples: Sample[] = [];
    for (const s of vec(lhs.t === 'scalar' ? rhs : lhs)) {
      const value = lhs.t === 'scalar' ? arith(op, scalar, s.value) : arith(op, s.value, scalar);
      if (comparison && !expr.returnBool) {
        // A filter keeps the vector's own value, whichever side it is on.
        if (value === 1) samples.push({ labels: s.labels, value: s.value });
      } else samples.push({ labels: keepName ? s.labels : dropName(s.labels), value });
    }
    return { t: 'vector', samples };
  }
  const matching = expr.matching ?? { on: false, labels: [], card: 'one' as const, include: [] };
  const sig = (labels: Record<string, string>) => keyOf(groupKey(labels, matching.labels, matching.on));
  const left = vec(lhs);
  const right = vec(rhs);
  if (op === 'and' || op === 'unless') {
    const keys = new Set(right.map((s) => sig(s.labels)));
    return { t: 'vector', samples: left.filter((s) => keys.has(sig(s.labels)) === (op === 'and')) };
  }
  if (op === 'or') {
    const keys = new Set(left.map((s) => sig(s.labels)));
    return { t: 'vector', samples: [...left, ...right.filter((s) => !keys.has(sig(s.labels)))] };
  }
  // group_right is group_left with the sides swapped.
  const [many, one] = matching.card === 'right' ? [right, left] : [left, right];
  const index = new Map<string, Sample>();
  for (const s of one) {
    if (index.has(sig(s.labels))) throw new Error(`found duplicate series for the match group on the ${matching.card === 'right' ? 'left' : 'right'} hand-side of the operation`);
    index.set(sig(s.labels), s);
  }
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const s of many) {
    const other = index.get(sig(s.labels));
    if (!other) continue;
    if (matching.card === 'one') {
      if (seen.has(sig(s.labels))) throw new Error('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      seen.add(sig(s.labels));
    }
    const [a, b] = matching.card === 'right' ? [other.value, s.value] : [s.value, other.value];
    const value = arith(op, a, b);
    if (comparison && !expr.returnBool && value !== 1) continue;
    let labels = keepName ? s.labels : dropName(s.labels);
    if (matching.card === 'one') labels = matching.on ? groupKey(labels, matching.labels, true) : groupKey(labels, matching.labels, false);
    else for (const name of matching.include) labels = other.labels[name] === undefined ? labels : { ...labels, [name]: other.labels[name] as string };
    if (matching.card === 'one' && keepName && s.labels.__name__ !== undefined && !matching.on) labels = { ...labels, __name__: s.labels.__name__ };
    samples.push({ labels, value: comparison && !expr.returnBool ? a : value });
  }
  return { t: 'vector', samples };
}
