import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AlertingRule } from './alerting-rule';
import { parsePromDuration, formatPromDuration } from './promql';
import { formatProblem, loadRuleFiles } from './loader';
import { parsePromql } from './promql';
import { evaluate, type Sample, type Series } from './promql';
import type { RuleDef, RuleGroupDef } from './types';

/**
 * Runs rule unit tests written in promtool's format (`promtool test rules`): input_series expanded
 * into in-memory series, every group evaluated on the evaluation grid from time 0 with the same
 * alert state machine the console uses, and the firing alerts (labels and rendered annotations)
 * compared with exp_alerts at each eval_time. promql_expr_test cases are compared likewise.
 */
interface TestFile {
  rule_files?: string[];
  evaluation_interval?: string;
  tests?: TestGroup[];
}
interface TestGroup {
  name?: string;
  interval?: string;
  input_series?: { series: string; values: string }[];
  external_labels?: Record<string, string>;
  alert_rule_test?: { eval_time: string; alertname: string; exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[] }[];
  promql_expr_test?: { expr: string; eval_time: string; exp_samples?: { labels: string; value: number | string }[] }[];
}

export interface UnitTestResult {
  file: string;
  ok: boolean;
  /** Human-readable failures, one block each. */
  failures: string[];
}

export async function runRuleTests(file: string): Promise<UnitTestResult> {
  const failures: string[] = [];
  try {
    const doc = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as TestFile;
    const ruleFiles = loadRuleFiles((doc.rule_files ?? []).map((f) => resolve(dirname(file), f)));
    const broken = ruleFiles.flatMap((f) => f.errors.map(formatProblem));
    if (broken.length) return { file, ok: false, failures: broken };
    const evalInterval = parsePromDuration(doc.evaluation_interval ?? '1m');
    const groups = ruleFiles.flatMap((f) => f.groups);
    for (const [i, group] of (doc.tests ?? []).entries()) failures.push(...(await runGroup(group, groups, evalInterval)).map((f) => `${group.name ? `${group.name}: ` : i > 0 || (doc.tests?.length ?? 0) > 1 ? `test ${i + 1}: ` : ''}${f}`));
  } catch (err) {
    failures.push((err as Error).message);
  }
  return { file, ok: failures.length === 0, failures };
}

async function runGroup(test: TestGroup, groups: RuleGroupDef[], evalInterval: number): Promise<string[]> {
  const interval = parsePromDuration(test.interval ?? '1m');
  const db: Series[] = (test.input_series ?? []).map((s) => ({ labels: seriesLabels(s.series), points: expandValues(s.values, interval) }));
  const ctx = {
    externalLabels: test.external_labels ?? {},
    externalUrl: '',
    query: (expr: string, time: number) => Promise.resolve(toSamples(expr, time, db, evalInterval)),
  };
  const live = groups.map((g) => ({ def: g, every: g.interval ?? evalInterval, alerting: g.rules.filter((r) => r.kind === 'alerting').map((r) => new AlertingRule(r)), recording: g.rules.filter((r) => r.kind === 'recording') }));
  const alertTests = [...(test.alert_rule_test ?? [])].map((t) => ({ ...t, at: parsePromDuration(t.eval_time) })).sort((a, b) => a.at - b.at);
  const end = Math.max(0, ...alertTests.map((t) => t.at));
  const failures: string[] = [];
  // A rule that fails fails at every evaluation: report each distinct error once.
  const ruleErrors = new Map<string, string>();
  let next = 0;
  for (let ts = 0; ts <= end; ts += evalInterval) {
    for (const g of live) {
      if (ts % g.every !== 0) continue;
      for (const rule of g.def.rules) {
        if (rule.kind === 'recording') record(rule, ts, db, evalInterval);
        else await g.alerting.find((a) => a.def === rule)?.eval(ts, ctx, { queryOffset: g.def.queryOffset, limit: g.def.limit }).catch((err: Error) => {
            const key = `${rule.name}\u0000${err.message}`;
            if (!ruleErrors.has(key)) ruleErrors.set(key, `rule ${rule.name} failed from ${formatPromDuration(ts)}: ${err.message}`);
          });
      }
    }
    // An eval_time between two evaluations sees the state of the earlier one, as in promtool.
    while (next < alertTests.length && (alertTests[next]?.at ?? 0) < ts + evalInterval) {
      const t = alertTests[next++];
      if (!t) break;
      const got = live.flatMap((g) => g.alerting.filter((r) => r.name === t.alertname).flatMap((r) => r.activeAlerts().filter((a) => a.state === 'firing'))).map((a) => ({ labels: a.labels, annotations: a.annotations }));
      const exp = (t.exp_alerts ?? []).map((e) => ({ labels: { ...stringify(e.exp_labels), alertname: t.alertname }, annotations: stringify(e.exp_annotations) }));
      if (canonical(got) !== canonical(exp)) failures.push(`alertname: ${t.alertname}, time: ${formatPromDuration(t.at)},\n        exp: ${show(exp)}\n        got: ${show(got)}`);
    }
  }
  failures.unshift(...ruleErrors.values());
  for (const t of test.promql_expr_test ?? []) {
    const at = parsePromDuration(t.eval_time);
    const got = toSamples(t.expr, at, db, evalInterval).map((s) => ({ labels: s.labels, value: s.value }));
    const exp = (t.exp_samples ?? []).map((e) => ({ labels: seriesLabels(e.labels), value: Number(e.value) }));
    if (canonical(got) !== canonical(exp)) failures.push(`expr: ${JSON.stringify(t.expr)}, time: ${formatPromDuration(at)},\n        exp: ${show(exp)}\n        got: ${show(got)}`);
  }
  return failures;
}

/** `expr` at `time`; a subquery without a step steps by the evaluation interval, as in promtool. */
function toSamples(expr: string, time: number, db: Series[], evalInterval: number): (Sample & { time: number })[] {
  const value = evaluate(parsePromql(expr), time, db, { subqueryStep: evalInterval });
  if (value.t === 'scalar') return [{ labels: {}, value: value.v, time }];
  if (value.t !== 'vector') throw new Error(`${expr}: rule result is not a vector or scalar but a ${value.t}`);
  return value.samples.map((s) => ({ ...s, time }));
}

/** A recording rule writes its result back as a new series, which later rules can read. */
function record(rule: RuleDef, ts: number, db: Series[], evalInterval: number): void {
  for (const s of toSamples(rule.expr, ts, db, evalInterval)) {
    const labels = { ...s.labels, ...rule.labels, __name__: rule.name };
    const key = JSON.stringify(Object.entries(labels).sort());
    let series = db.find((x) => JSON.stringify(Object.entries(x.labels).sort()) === key);
    if (!series) db.push((series = { labels, points: [] }));
    series.points.push({ t: ts, v: s.value });
  }
}

function seriesLabels(text: string): Record<string, string> {
  // `{}` (a sample without labels) is no valid selector, but is how exp_samples writes one.
  if (/^\s*\{\s*\}\s*$/.test(text)) return {};
  const ast = parsePromql(text);
  if (ast.t !== 'selector' || ast.matchers.some((m) => m.op !== '=')) throw new Error(`input series must look like name{label="value"}: ${text}`);
  return { ...(ast.name ? { __name__: ast.name } : {}), ...Object.fromEntries(ast.matchers.map((m) => [m.name, m.value])) };
}

const numberPattern = '[+-]?(?:Inf|NaN|\\d*\\.?\\d+(?:[eE][+-]?\\d+)?)';
const expanding = new RegExp(`^(${numberPattern})(?:([+-])(${numberPattern.replace('[+-]?', '')}))?x(\\d+)$`, 'i');

/** promtool's series notation: `1 2 3`, `0+10x5` (6 values), `5x3`, `_`, `_x3`, `stale`. */
export function expandValues(text: string, interval: number): Series['points'] {
  const points: Series['points'] = [];
  let step = 0;
  for (const item of String(text).trim().split(/\s+/).filter(Boolean)) {
    if (item === '_') {
      step++;
      continue;
    }
    if (/^_x\d+$/.test(item)) {
      step += Number(item.slice(2));
      continue;
    }
    if (item === 'stale') {
      points.push({ t: step++ * interval, v: NaN, stale: true });
      continue;
    }
    const m = expanding.exec(item);
    if (m) {
      const start = Number(m[1]?.replace(/^\+/, '').replace(/inf/i, 'Infinity'));
      const delta = m[3] === undefined ? 0 : Number(m[3]) * (m[2] === '-' ? -1 : 1);
      // Repeated addition, as promtool expands it (start + k * delta differs in the last digits).
      let v = start;
      for (let k = 0; k <= Number(m[4]); k++, v += delta) points.push({ t: step++ * interval, v });
      continue;
    }
    if (!new RegExp(`^${numberPattern}$`, 'i').test(item)) throw new Error(`bad value "${item}" in input series "${text}"`);
    points.push({ t: step++ * interval, v: Number(item.replace(/^\+/, '').replace(/inf/i, 'Infinity')) });
  }
  return points;
}

function stringify(map: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}

const sortObject = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
function canonical(list: { labels: Record<string, string> }[]): string {
  return JSON.stringify(list.map((x) => ({ ...x, labels: sortObject(x.labels) })).map((x) => JSON.stringify(x)).sort());
}
function show(list: { labels: Record<string, string> }[]): string {
  return `[${list.map((x) => JSON.stringify({ ...x, labels: sortObject(x.labels) })).join(', ')}]`;
}
