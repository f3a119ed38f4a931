import type { Expr, Matcher } from './promql-ast';
import { callFunction } from './promql-functions';
import { dropName, groupKey, keyOf, scalarOf, UnsupportedPromql, vec, type Sample, type Series, type Value } from './promql-values';
import { goRegExp } from './template/go-regexp';

export { UnsupportedPromql, type Point, type Sample, type Series, type Value } from './promql-values';

const lookbackMs = 5 * 60_000;

/**
 * A small PromQL evaluator over in-memory series, for `oncall rules test` (promtool's unit-test
 * format): selectors, range selectors, offset, arithmetic, comparisons, set operators with vector
 * matching, the common aggregations and functions, with Prometheus 2.x semantics (closed 5 m
 * lookback, closed range windows, extrapolated rate). Anything else is refused with a clear error.
 */
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
      return callFunction(expr.fn, expr.args, ts, db, evaluate);
    case 'aggregate':
      return { t: 'vector', samples: aggregate(expr, ts, db) };
    case 'binary':
      return binary(expr, ts, db);
    case 'subquery':
      throw new UnsupportedPromql('subqueries are not supported by oncall rules test');
  }
}

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
    else for (const name of matching.include) labels = other.labels[name] === undefined ? labels : { ...labels, [name]: other.labels[name] };
    if (matching.card === 'one' && keepName && s.labels.__name__ !== undefined && !matching.on) labels = { ...labels, __name__: s.labels.__name__ };
    samples.push({ labels, value: comparison && !expr.returnBool ? a : value });
  }
  return { t: 'vector', samples };
}
