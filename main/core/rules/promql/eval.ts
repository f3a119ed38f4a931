import type { At, Expr, Matcher } from './ast';
import { aggregate } from './aggregate';
import { callFunction } from './functions';
import * as go from './gomath';
import { compareLabels, dropName, groupKey, keyOf, scalarOf, vec, type Matrix, type Point, type Sample, type Series, type Value } from './values';
import { goMatchAnchored } from '../../shared/go-regexp';
import { SeriesStore } from './storage';

export type { Point, Sample, Series, Value } from './values';

const lookbackMs = 5 * 60_000;

export interface EvalOptions {
  /** The step of a subquery written without one (`x[1h:]`); promtool uses the evaluation interval. */
  subqueryStep?: number;
  /**
   * Subquery steps kept between calls. Valid only while nothing at or before
   * `stableUntil` can change: promtool's storage only ever grows at the evaluation time, so a
   * subquery step at or before it reads the same data at every later evaluation.
   */
  memo?: SubqueryMemo;
}

export interface SubqueryMemo {
  /** Per subquery, the steps from `from` to `to` that are final. */
  windows: WeakMap<Expr, { step: number; from: number; to: number; series: Map<string, Series> }>;
  stableUntil: number;
}

interface Ctx {
  memo?: SubqueryMemo;
  db: readonly Series[] | SeriesStore;
  /** The query's own time, which `@ start()` and `@ end()` name (an instant query: one time). */
  queryTime: number;
  subqueryStep: number;
}

/**
 * A PromQL evaluator over in-memory series, for `oncall rules test` (promtool's unit-test format):
 * everything Prometheus 2.42 evaluates on float samples (selectors with offset and @, subqueries,
 * arithmetic, comparisons, set operators with vector matching, every aggregation and function),
 * with its semantics (closed 5 m lookback, closed range windows, extrapolated rate) and its
 * arithmetic, so results equal promtool's to the last digit.
 */
export function evaluate(expr: Expr, ts: number, db: readonly Series[] | SeriesStore, options: EvalOptions = {}): Value {
  return evalAt(expr, ts, { db, queryTime: ts, subqueryStep: options.subqueryStep ?? 60_000, memo: options.memo });
}

function evalAt(expr: Expr, ts: number, ctx: Ctx): Value {
  const value = evalNode(expr, ts, ctx);
  // Functions, operators and unary minus may map two series onto one label set (dropping the
  // metric name, label_replace): Prometheus fails the query then, and so does the console.
  if (value.t === 'vector' && (expr.t === 'call' || expr.t === 'binary' || expr.t === 'negate')) {
    const seen = new Set<string>();
    for (const s of value.samples) {
      const key = keyOf(s.labels);
      if (seen.has(key)) throw new Error('vector cannot contain metrics with the same labelset');
      seen.add(key);
    }
  }
  return value;
}

function evalNode(expr: Expr, ts: number, ctx: Ctx): Value {
  switch (expr.t) {
    case 'number':
      return { t: 'scalar', v: expr.value };
    case 'string':
      return { t: 'string', v: expr.value };
    case 'selector':
      if (expr.range !== null) return selectRange(expr, ts, ctx);
      return { t: 'vector', samples: selectInstant(expr, ts, ctx).map(({ labels, value }) => ({ labels, value })) };
    case 'subquery':
      return subquery(expr, ts, ctx);
    case 'negate': {
      const v = evalAt(expr.expr, ts, ctx);
      if (v.t === 'scalar') return { t: 'scalar', v: -v.v };
      return { t: 'vector', samples: vec(v).map((s) => ({ labels: dropName(s.labels), value: -s.value })) };
    }
    case 'call':
      // timestamp() of a selector reads the samples' own times, not the evaluation time.
      if (expr.fn === 'timestamp') {
        const [arg] = expr.args as [Expr];
        const samples = arg.t === 'selector' ? selectInstant(arg, ts, ctx) : vec(evalAt(arg, ts, ctx)).map((s) => ({ ...s, t: ts }));
        return { t: 'vector', samples: samples.map((s) => ({ labels: dropName(s.labels), value: s.t / 1000 })) };
      }
      return callFunction(expr.fn, expr.args, ts, (e, at) => evalAt(e, at, ctx));
    case 'aggregate': {
      const param = expr.param ? evalAt(expr.param, ts, ctx) : null;
      return { t: 'vector', samples: aggregate(expr, vec(evalAt(expr.expr, ts, ctx)), param === null ? null : param.t === 'string' ? param.v : scalarOf(param)) };
    }
    case 'binary':
      return binary(expr, ts, ctx);
  }
}

/** The time a selector or subquery reads at: its `@` time (or the evaluation time) minus its offset. */
function readTime(at: At, offset: number, ts: number, ctx: Ctx): number {
  return (at === null ? ts : typeof at === 'number' ? at : ctx.queryTime) - offset;
}

/** Each matcher remembers its verdict per label value: the same few values come back at every step. */
const verdicts = new WeakMap<Matcher, Map<string, boolean>>();

function matches(m: Matcher, value: string): boolean {
  if (m.op === '=') return value === m.value;
  if (m.op === '!=') return value !== m.value;
  let memo = verdicts.get(m);
  if (!memo) verdicts.set(m, (memo = new Map<string, boolean>()));
  let hit = memo.get(value);
  if (hit === undefined) memo.set(value, (hit = goMatchAnchored(m.value, value)));
  return m.op === '=~' ? hit : !hit;
}

/** A selector's matching series in a store, valid while the store has no new series. */
const selections = new WeakMap<Extract<Expr, { t: 'selector' }>, { store: SeriesStore; version: number; series: readonly Series[] }>();

/** Matching series in the order Prometheus's storage returns them (sorted by labels). */
function chosen(expr: Extract<Expr, { t: 'selector' }>, db: readonly Series[] | SeriesStore): readonly Series[] {
  const matchers = expr.name === null ? expr.matchers : [{ name: '__name__', op: '=' as const, value: expr.name }, ...expr.matchers];
  const pick = (s: Series) => matchers.every((m) => matches(m, s.labels[m.name] ?? ''));
  if (!(db instanceof SeriesStore)) return db.filter(pick).sort((a, b) => compareLabels(a.labels, b.labels));
  const cached = selections.get(expr);
  if (cached && cached.store === db && cached.version === db.version) return cached.series;
  const series = db.candidates(expr.name, expr.matchers).filter((s) => expr.matchers.every((m) => matches(m, s.labels[m.name] ?? '')) && (expr.name === null || s.labels.__name__ === expr.name));
  selections.set(expr, { store: db, version: db.version, series });
  return series;
}

/** An instant selector's samples with the time of the point each one comes from. */
function selectInstant(expr: Extract<Expr, { t: 'selector' }>, ts: number, ctx: Ctx): (Sample & { t: number })[] {
  const end = readTime(expr.at, expr.offset, ts, ctx);
  const samples: (Sample & { t: number })[] = [];
  for (const s of chosen(expr, ctx.db)) {
    const last = s.points[upTo(s.points, end) - 1];
    if (last && last.t >= end - lookbackMs && !last.stale) samples.push({ labels: s.labels, value: last.v, t: last.t });
  }
  return samples;
}

/** How many points lie at or before `t` (points are in time order): a binary search, as subqueries select often. */
function upTo(points: readonly Point[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((points[mid] as Point).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function selectRange(expr: Extract<Expr, { t: 'selector' }>, ts: number, ctx: Ctx): Matrix {
  const end = readTime(expr.at, expr.offset, ts, ctx);
  const start = end - (expr.range ?? 0);
  const series = chosen(expr, ctx.db).map((s) => ({ labels: s.labels, points: s.points.slice(upTo(s.points, start - 1), upTo(s.points, end)).filter((p) => !p.stale) }));
  return { t: 'matrix', series: series.filter((s) => s.points.length > 0), start, end };
}

/**
 * `expr[range:step]`: the inner expression evaluated at every multiple of the step inside the
 * closed window, each result series collecting its points (as Prometheus's evalSubquery). With a
 * memo, the steps that can no longer change are kept in a sliding window per subquery, so an
 * evaluation one interval later adds one step instead of redoing the whole range.
 */
function subquery(expr: Extract<Expr, { t: 'subquery' }>, ts: number, ctx: Ctx): Matrix {
  const end = readTime(expr.at, expr.offset, ts, ctx);
  const start = end - expr.range;
  const step = expr.step ?? ctx.subqueryStep;
  const first = Math.ceil(start / step) * step;
  const memo = ctx.memo && timeFixed(expr.expr) ? ctx.memo : undefined;
  const fresh = new Map<string, Series>();
  if (!memo) {
    for (let t = first; t <= end; t += step) addStep(fresh, t, evalAt(expr.expr, t, ctx));
    return { t: 'matrix', series: [...fresh.values()], start, end };
  }
  let w = memo.windows.get(expr);
  if (!w || w.step !== step || first < w.from || w.to > end || w.to < first - step) {
    w = { step, from: first, to: first - step, series: new Map() };
    memo.windows.set(expr, w);
  }
  if (w.from < first) {
    for (const [key, s] of w.series) {
      let drop = 0;
      while (drop < s.points.length && (s.points[drop] as Point).t < first) drop++;
      if (drop) s.points.splice(0, drop);
      if (s.points.length === 0) w.series.delete(key);
    }
    w.from = first;
  }
  for (let t = w.to + step; t <= Math.min(end, memo.stableUntil); t += step) {
    addStep(w.series, t, evalAt(expr.expr, t, ctx));
    w.to = t;
  }
  for (let t = w.to + step; t <= end; t += step) addStep(fresh, t, evalAt(expr.expr, t, ctx));
  const series: Series[] = [];
  for (const [key, s] of w.series) {
    const tail = fresh.get(key);
    fresh.delete(key);
    series.push({ labels: s.labels, points: tail ? s.points.concat(tail.points) : s.points.slice() });
  }
  series.push(...fresh.values());
  return { t: 'matrix', series, start, end };
}

function addStep(series: Map<string, Series>, t: number, v: Value): void {
  const samples = v.t === 'scalar' ? [{ labels: {}, value: v.v }] : vec(v);
  for (const s of samples) {
    const key = keyOf(s.labels);
    const found = series.get(key);
    if (found) found.points.push({ t, v: s.value });
    else series.set(key, { labels: s.labels, points: [{ t, v: s.value }] });
  }
}

const fixedness = new WeakMap<Expr, boolean>();

/** Whether `e` at time t depends on t alone: no `@` and no negative offset reads past t. */
function timeFixed(e: Expr): boolean {
  let known = fixedness.get(e);
  if (known !== undefined) return known;
  switch (e.t) {
    case 'selector':
      known = e.at === null && e.offset >= 0;
      break;
    case 'subquery':
      known = e.at === null && e.offset >= 0 && timeFixed(e.expr);
      break;
    case 'negate':
      known = timeFixed(e.expr);
      break;
    case 'call':
      known = e.args.every(timeFixed);
      break;
    case 'aggregate':
      known = timeFixed(e.expr) && (e.param === null || timeFixed(e.param));
      break;
    case 'binary':
      known = timeFixed(e.lhs) && timeFixed(e.rhs);
      break;
    default:
      known = true;
  }
  fixedness.set(e, known);
  return known;
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
      return go.pow(a, b);
    case 'atan2':
      return go.atan2(a, b);
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

function binary(expr: Extract<Expr, { t: 'binary' }>, ts: number, ctx: Ctx): Value {
  const lhs = evalAt(expr.lhs, ts, ctx);
  const rhs = evalAt(expr.rhs, ts, ctx);
  const { op } = expr;
  const comparison = comparisonOps.has(op);
  // Prometheus 2.42 drops the metric name for arithmetic and `bool` comparisons, not for atan2.
  const keepName = comparison ? !expr.returnBool : op === 'atan2';
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
