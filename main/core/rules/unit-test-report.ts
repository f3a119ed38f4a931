import { formatFloat } from '../shared/go-float';
import { formatPromDuration } from './promql';

/**
 * promtool 2.42's failure texts, character for character where it matters for reading them side
 * by side: the test group's name, the alert or expression, the eval time, then exp and got in
 * its own layout (labels.String(), strconv.FormatFloat(v, 'E', -1, 64)).
 */
export interface AlertSet {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const sortedEntries = (l: Record<string, string>) => Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** Go's strconv.Quote for the printable text label values usually hold. */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u00([0-9a-f]{2})/g, '\\x$1');
}

/** Prometheus's labels.Labels.String(): `{a="1", b="2"}`. */
export function labelsString(labels: Record<string, string>): string {
  return `{${sortedEntries(labels).map(([k, v]) => `${k}=${goQuote(v)}`).join(', ')}}`;
}

function indentLines(text: string, indent: string): string {
  return text.split('\n').join(`\n${indent}`);
}

function alertSetString(list: AlertSet[]): string {
  if (list.length === 0) return '[]';
  const one = (a: AlertSet) => `Labels:${labelsString(a.labels)}\nAnnotations:${labelsString(a.annotations)}`;
  return `[\n${list.map((a, i) => `${i}:${indentLines(`\n${one(a)}`, '  ')}`).join(',\n')}\n]`;
}

export function alertMismatch(group: string, alertname: string, evalTime: number, exp: AlertSet[], got: AlertSet[]): string {
  const name = group ? `    name: ${group},\n` : '';
  const indent = ' '.repeat(12);
  return `${name}    alertname: ${alertname}, time: ${formatPromDuration(evalTime)}, \n        exp:${indentLines(alertSetString(exp), indent)}, \n        got:${indentLines(alertSetString(got), indent)}`;
}

export interface SampleSet {
  labels: Record<string, string>;
  value: number;
}

function samplesString(list: SampleSet[]): string {
  if (list.length === 0) return 'nil';
  return list.map((s) => `${labelsString(s.labels)} ${formatFloat(s.value, 'E', -1)}`).join(', ');
}

export function sampleMismatch(expr: string, evalTime: number, exp: SampleSet[], got: SampleSet[]): string {
  return `    expr: ${goQuote(expr)}, time: ${formatPromDuration(evalTime)},\n        exp: ${samplesString(exp)}\n        got: ${samplesString(got)}`;
}

export function exprError(expr: string, evalTime: number, message: string): string {
  return `    expr: ${goQuote(expr)}, time: ${formatPromDuration(evalTime)}, err: ${message}`;
}

/** Go's time.Duration String() (`1m0s`, `1h30m0s`), which promtool prints for rule errors. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}

export function ruleError(rule: string, ts: number, message: string): string {
  return `    rule: ${rule}, time: ${goDuration(ts)}, err: ${message}`;
}
