import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { AlertingRule } from './alerting-rule';
import { formatPromDuration } from './promql';
import { expandGlobs } from './glob';
import { formatProblem, loadRuleFiles } from './loader';
import { evaluate, labelKey, parsePromql, SeriesStore, type Expr, type Sample, type Series, type SubqueryMemo } from './promql';
import type { RuleDef, RuleGroupDef } from './types';
import { decodeTestFile, type TestGroup } from './unit-test-file';
import { alertMismatch, exprError, ruleError, sampleMismatch, type AlertSet, type SampleSet } from './unit-test-report';
import { parseMetric, parseSeriesValues, seriesPoints } from './unit-test-series';

export { expandValues } from './unit-test-series';

/**
 * Runs rule unit tests as `promtool test rules` of Prometheus 2.42 does (cmd/promtool/unittest.go):
 * the input series are loaded lazily up to each evaluation time, every rule group is evaluated at
 * every evaluation interval from 0 up to the largest eval_time of the test group, recording rules
 * and the ALERTS series are written back (with staleness markers when a series vanishes), the
 * firing alerts are compared at each alert eval_time with the state of the evaluation at or just
 * before it, and after the last evaluation each promql_expr_test is queried. A rule that fails
 * ends its test group, as in promtool. Failure texts are promtool's.
 */
export interface UnitTestResult {
  file: string;
  ok: boolean;
  /** promtool's error texts, one per failure (several lines each). */
  failures: string[];
  /** Printed before the verdict, as promtool does for rule_files patterns that match nothing. */
  warnings: string[];
}

export async function runRuleTests(file: string): Promise<UnitTestResult> {
  const warnings: string[] = [];
  const failures: string[] = [];
  try {
    const doc = decodeTestFile(readFileSync(file, 'utf8'));
    const ruleFiles = doc.ruleFiles.flatMap((pattern) => {
      const path = pattern !== '' && !isAbsolute(pattern) ? join(dirname(file), pattern) : pattern;
      const found = /[*?[]/.test(path) ? expandGlobs([path], dirname(file)) : existsSync(path) ? [path] : [];
      if (found.length === 0) warnings.push(`  WARNING: no file match pattern ${path}`);
      return found;
    });
    const order = new Map<string, number>();
    for (const [i, name] of doc.groupEvalOrder.entries()) {
      if (order.has(name)) throw new Error(`group name repeated in evaluation order: ${name}`);
      order.set(name, i);
    }
    const evalInterval = doc.evaluationInterval || 60_000;
    for (const group of doc.tests) failures.push(...(await runGroup(group, ruleFiles, order, evalInterval)));
  } catch (err) {
    failures.push((err as Error).message);
  }
  return { file, ok: failures.length === 0, failures, warnings };
}

interface LiveGroup {
  def: RuleGroupDef;
  rules: { def: RuleDef; alerting: AlertingRule | null; previous: Map<string, Record<string, string>>; error: string | null }[];
}

async function runGroup(tg: TestGroup, ruleFiles: string[], order: Map<string, number>, evalInterval: number): Promise<string[]> {
  const store = new SeriesStore();
  const maxt = Math.max(0, ...tg.alertRuleTests.map((t) => t.evalTime), ...tg.promqlExprTests.map((t) => t.evalTime));
  let inputs: { series: Series; points: Series['points']; next: number }[];
  try {
    inputs = loadInputs(tg, store, maxt);
  } catch (err) {
    return [(err as Error).message];
  }
  const parsed = loadRuleFiles(ruleFiles);
  const broken = parsed.flatMap((f) => f.errors.map(formatProblem));
  if (broken.length) return broken;
  // promtool sorts the groups by group_eval_order (unlisted groups first); the rest keep file order.
  const groups: LiveGroup[] = parsed
    .flatMap((f) => f.groups)
    .map((def, i) => ({ def, i }))
    .sort((a, b) => (order.get(a.def.name) ?? 0) - (order.get(b.def.name) ?? 0) || a.i - b.i)
    .map(({ def }) => ({ def, rules: def.rules.map((r) => ({ def: r, alerting: r.kind === 'alerting' ? new AlertingRule(r) : null, previous: new Map(), error: null })) }));

  // Rules query their expression as Prometheus prints it back, with each selector's matchers sorted.
  const asts = new Map<string, Expr>(groups.flatMap((g) => g.rules.map((r) => [r.def.expr, sortedMatchers(parsePromql(r.def.expr))] as const)));
  const memo: SubqueryMemo = { windows: new WeakMap(), stableUntil: -1 };
  const query = (expr: string, time: number): Sample[] => {
    let ast = asts.get(expr);
    if (!ast) asts.set(expr, (ast = parsePromql(expr)));
    const value = evaluate(ast, time, store, { subqueryStep: evalInterval, memo });
    if (value.t === 'scalar') return [{ labels: {}, value: value.v }];
    if (value.t !== 'vector') throw new Error('rule result is not a vector or scalar');
    return value.samples;
  };
  const ctx = { externalLabels: tg.externalLabels, externalUrl: tg.externalUrl, query: (expr: string, time: number) => Promise.resolve(query(expr, time).map((s) => ({ ...s, time }))) };

  for (const t of tg.alertRuleTests) {
    if (t.alertname === '') return [`an item under alert_rule_test misses required attribute alertname at eval_time ${formatPromDuration(t.evalTime)}${tg.name ? ` (in TestGroup ${tg.name})` : ''}`];
  }
  const alertTimes = [...new Set(tg.alertRuleTests.map((t) => t.evalTime))].sort((a, b) => a - b);
  const errs: string[] = [];
  let curr = 0;
  for (let ts = 0; ts <= maxt; ts += evalInterval) {
    const loadError = loadUntil(inputs, ts);
    // Rules write at ts itself, so only steps before it are final.
    memo.stableUntil = ts - 1;
    const evalErrs: string[] = [];
    if (loadError) errs.push(loadError);
    else {
      for (const g of groups) {
        for (const rule of g.rules) await evalRule(rule, g.def, ts, store, query, ctx);
        for (const rule of g.rules) if (rule.error !== null) evalErrs.push(ruleError(rule.def.name, ts, rule.error));
      }
    }
    errs.push(...evalErrs);
    if (evalErrs.length) return errs;
    for (; curr < alertTimes.length && (alertTimes[curr] as number) >= ts && (alertTimes[curr] as number) < ts + evalInterval; curr++) {
      const at = alertTimes[curr] as number;
      for (const test of tg.alertRuleTests.filter((x) => x.evalTime === at)) {
        const got: AlertSet[] = groups.flatMap((g) => g.rules.flatMap((r) => (r.alerting?.name === test.alertname ? r.alerting.activeAlerts().filter((a) => a.state === 'firing') : []))).map((a) => ({ labels: a.labels, annotations: a.annotations }));
        const exp: AlertSet[] = test.expAlerts.map((e) => ({ labels: { ...e.labels, alertname: test.alertname }, annotations: e.annotations }));
        if (!sameAlerts(exp, got)) errs.push(alertMismatch(tg.name, test.alertname, test.evalTime, sortAlerts(exp), sortAlerts(got)));
      }
    }
  }

  outer: for (const test of tg.promqlExprTests) {
    let got: SampleSet[];
    try {
      got = query(test.expr, test.evalTime);
    } catch (err) {
      errs.push(exprError(test.expr, test.evalTime, (err as Error).message));
      continue;
    }
    const exp: SampleSet[] = [];
    for (const s of test.expSamples) {
      try {
        exp.push({ labels: parseMetric(s.labels), value: s.value });
      } catch (err) {
        errs.push(exprError(test.expr, test.evalTime, `labels ${JSON.stringify(s.labels)}: ${(err as Error).message}`));
        continue outer;
      }
    }
    const sortedExp = sortSamples(exp);
    const sortedGot = sortSamples(got);
    // reflect.DeepEqual: exact values, so NaN never equals NaN.
    const same = sortedExp.length === sortedGot.length && sortedExp.every((e, i) => labelKey(e.labels) === labelKey((sortedGot[i] as SampleSet).labels) && e.value === (sortedGot[i] as SampleSet).value);
    if (!same) errs.push(sampleMismatch(test.expr, test.evalTime, sortedExp, sortedGot));
  }
  return errs;
}

/** The input series as promtool's `load <interval>` defines them: a repeated series replaces the earlier one. */
function loadInputs(tg: TestGroup, store: SeriesStore, maxt: number) {
  const maxSteps = tg.interval > 0 ? Math.floor(maxt / tg.interval) : Infinity;
  const defs = new Map<string, { labels: Record<string, string>; points: Series['points'] }>();
  for (const s of tg.inputSeries) {
    const labels = parseMetric(s.series);
    defs.set(labelKey(labels), { labels, points: seriesPoints(parseSeriesValues(s.values, maxSteps), tg.interval) });
  }
  // The storage drops labels with empty values (they are the same series as without them).
  return [...defs.values()].map((d) => ({ series: store.series(withoutEmpty(d.labels)), points: d.points, next: 0 }));
}

/** Appends every input sample up to `ts` (promtool's WithSamplesTill); a sample out of order is an error. */
function loadUntil(inputs: { series: Series; points: Series['points']; next: number }[], ts: number): string | null {
  for (const input of inputs) {
    for (; input.next < input.points.length && (input.points[input.next] as Series['points'][number]).t <= ts; input.next++) {
      const point = input.points[input.next] as Series['points'][number];
      const last = input.series.points[input.series.points.length - 1];
      // A second sample at the same time in one load is dropped when the batch commits (this is
      // what a test group without `interval` does: every sample at 0s, the first one kept).
      if (last && point.t === last.t) continue;
      const error = append(input.series, point);
      if (error) return error;
    }
  }
  return null;
}

/** The TSDB head's rules for one sample: later than the last one, or the very same one again. */
function append(series: Series, point: Series['points'][number]): string | null {
  const last = series.points[series.points.length - 1];
  if (last && point.t < last.t) return 'out of order sample';
  if (last && point.t === last.t) return Object.is(last.v, point.v) || (last.stale && point.stale) ? null : 'duplicate sample for timestamp';
  series.points.push(point);
  return null;
}

type Ctx = Parameters<AlertingRule['eval']>[1];

/** One rule of a group at `ts`, with its output written to storage as Prometheus's Group.Eval does. */
async function evalRule(rule: LiveGroup['rules'][number], group: RuleGroupDef, ts: number, store: SeriesStore, query: (expr: string, t: number) => Sample[], ctx: Ctx): Promise<void> {
  let out: Record<string, string>[] = [];
  let values: number[] = [];
  try {
    if (rule.alerting) {
      await rule.alerting.eval(ts, ctx, { limit: group.limit });
      for (const a of rule.alerting.activeAlerts()) {
        out.push({ ...a.labels, __name__: 'ALERTS', alertstate: a.state }, { ...a.labels, __name__: 'ALERTS_FOR_STATE' });
        values.push(1, Math.floor(a.activeAt / 1000));
      }
    } else {
      const seen = new Set<string>();
      for (const s of query(rule.def.expr, ts)) {
        const labels: Record<string, string> = { ...s.labels, __name__: rule.def.name };
        for (const [k, v] of Object.entries(rule.def.labels)) if (v === '') delete labels[k];
        else labels[k] = v;
        const key = labelKey(labels);
        if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
        seen.add(key);
        out.push(labels);
        values.push(s.value);
      }
    }
  } catch (err) {
    rule.error = (err as Error).message;
    out = [];
    values = [];
    return;
  }
  rule.error = null;
  const returned = new Map<string, Record<string, string>>();
  out.forEach((labels, i) => {
    const error = append(store.series(labels), { t: ts, v: values[i] as number });
    if (error) rule.error = error;
    else returned.set(labelKey(labels), labels);
  });
  for (const [key, labels] of rule.previous) if (!returned.has(key)) append(store.series(labels), { t: ts, v: NaN, stale: true });
  rule.previous = returned;
}

/** The expression as VectorSelector.String() writes it back: matchers sorted by their text (`a!~"x"` before `a="y"`). */
function sortedMatchers(e: Expr): Expr {
  switch (e.t) {
    case 'selector': {
      const text = (m: (typeof e.matchers)[number]) => `${m.name}${m.op}${JSON.stringify(m.value)}`;
      return { ...e, matchers: [...e.matchers].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0)) };
    }
    case 'subquery':
    case 'negate':
      return { ...e, expr: sortedMatchers(e.expr) };
    case 'call':
      return { ...e, args: e.args.map(sortedMatchers) };
    case 'aggregate':
      return { ...e, expr: sortedMatchers(e.expr), param: e.param && sortedMatchers(e.param) };
    case 'binary':
      return { ...e, lhs: sortedMatchers(e.lhs), rhs: sortedMatchers(e.rhs) };
    default:
      return e;
  }
}

function withoutEmpty(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== ''));
}

const alertKey = (a: AlertSet) => `${labelKey(a.labels)}\u0001${labelKey(a.annotations)}`;
const sortAlerts = (list: AlertSet[]) => [...list].sort((a, b) => (alertKey(a) < alertKey(b) ? -1 : alertKey(a) > alertKey(b) ? 1 : 0));
const sortSamples = (list: SampleSet[]) => [...list].sort((a, b) => (labelKey(a.labels) < labelKey(b.labels) ? -1 : labelKey(a.labels) > labelKey(b.labels) ? 1 : 0));

function sameAlerts(exp: AlertSet[], got: AlertSet[]): boolean {
  const a = sortAlerts(exp).map(alertKey);
  const b = sortAlerts(got).map(alertKey);
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
