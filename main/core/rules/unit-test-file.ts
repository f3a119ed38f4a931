import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type Scalar } from 'yaml';
import { indentQuotedContinuations, resolveGoYaml } from '../shared/go-yaml';
import { parsePromDuration } from './promql';

/**
 * A promtool unit-test file decoded as promtool 2.42 decodes it: gopkg.in/yaml.v2's
 * UnmarshalStrict into its Go structs. So a missing field is its zero value (`eval_time` 0s,
 * `values: null` ""), any scalar reads as its text into a string, unknown fields and wrong types
 * are collected into one "yaml: unmarshal errors" message with line numbers, and anchors,
 * aliases and merge keys work.
 */
export interface TestFile {
  ruleFiles: string[];
  /** 0 when not given (promtool then uses 1m). */
  evaluationInterval: number;
  groupEvalOrder: string[];
  tests: TestGroup[];
}
export interface TestGroup {
  interval: number;
  inputSeries: { series: string; values: string }[];
  alertRuleTests: AlertTest[];
  promqlExprTests: ExprTest[];
  externalLabels: Record<string, string>;
  externalUrl: string;
  name: string;
}
export interface AlertTest {
  evalTime: number;
  alertname: string;
  expAlerts: { labels: Record<string, string> | null; annotations: Record<string, string> }[];
}
export interface ExprTest {
  expr: string;
  evalTime: number;
  expSamples: { labels: string; value: number }[];
}

/** A decoding error worded as yaml.v2 words it (the whole message, for promtool's output). */
export class TestFileError extends Error {}

type Fields = Record<string, (node: YamlNode | null) => void>;

export function decodeTestFile(text: string): TestFile {
  let lines = new LineCounter();
  const parse = (source: string) => parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, version: '1.1', merge: false });
  let doc = parse(text);
  if (doc.errors.length) {
    lines = new LineCounter();
    doc = parse(indentQuotedContinuations(text));
  }
  const first = doc.errors[0];
  if (first) throw new TestFileError(`yaml: line ${lines.linePos(first.pos[0]).line}: ${first.message.split('\n')[0] ?? first.code}`);
  resolveGoYaml(doc);
  const problems: string[] = [];
  const lineOf = (node: YamlNode | null | undefined) => lines.linePos(node?.range?.[0] ?? 0).line;
  const typeError = (node: YamlNode, into: string) => problems.push(`line ${lineOf(node)}: cannot unmarshal ${tagOf(node)} into ${into}`);

  const struct = (node: YamlNode | null, type: string, fields: Fields): void => {
    if (node === null || isNull(node)) return;
    if (!isMap(node)) return void typeError(node, `main.${type}`);
    for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const field = fields[key];
      if (field) field(pair.value);
      else problems.push(`line ${lineOf(pair.key)}: field ${key} not found in type main.${type}`);
    }
  };
  const list = <T>(node: YamlNode | null, type: string, item: (n: YamlNode | null) => T): T[] => {
    if (node === null || isNull(node)) return [];
    if (!isSeq(node)) return typeError(node, `[]${type}`), [];
    return (node.items as (YamlNode | null)[]).map(item);
  };
  const str = (node: YamlNode | null): string => {
    if (node === null || isNull(node)) return '';
    if (!isScalar(node)) return typeError(node, 'string'), '';
    return scalarText(node);
  };
  const float = (node: YamlNode | null): number => {
    if (node === null || isNull(node)) return 0;
    if (isScalar(node) && typeof node.value === 'number') return node.value;
    return typeError(node, 'float64'), 0;
  };
  const duration = (node: YamlNode | null): number => {
    if (node === null || isNull(node)) return 0;
    const value = str(node);
    try {
      return parsePromDuration(value);
    } catch (err) {
      // model.Duration's own UnmarshalYAML error ends decoding at once, unwrapped.
      throw new TestFileError((err as Error).message);
    }
  };
  const stringMap = (node: YamlNode | null): Record<string, string> | null => {
    if (node === null || isNull(node)) return null;
    if (!isMap(node)) return typeError(node, 'map[string]string'), null;
    const out: Record<string, string> = {};
    for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) out[isScalar(pair.key) ? scalarText(pair.key) : ''] = str(pair.value);
    return out;
  };

  const file: TestFile = { ruleFiles: [], evaluationInterval: 0, groupEvalOrder: [], tests: [] };
  struct(doc.contents, 'unitTestFile', {
    rule_files: (n) => (file.ruleFiles = list(n, 'string', str)),
    evaluation_interval: (n) => (file.evaluationInterval = duration(n)),
    group_eval_order: (n) => (file.groupEvalOrder = list(n, 'string', str)),
    tests: (n) =>
      (file.tests = list(n, 'main.testGroup', (g) => {
        const group: TestGroup = { interval: 0, inputSeries: [], alertRuleTests: [], promqlExprTests: [], externalLabels: {}, externalUrl: '', name: '' };
        struct(g, 'testGroup', {
          interval: (v) => (group.interval = duration(v)),
          input_series: (v) =>
            (group.inputSeries = list(v, 'main.series', (s) => {
              const series = { series: '', values: '' };
              struct(s, 'series', { series: (x) => (series.series = str(x)), values: (x) => (series.values = str(x)) });
              return series;
            })),
          alert_rule_test: (v) =>
            (group.alertRuleTests = list(v, 'main.alertTestCase', (a) => {
              const test: AlertTest = { evalTime: 0, alertname: '', expAlerts: [] };
              struct(a, 'alertTestCase', {
                eval_time: (x) => (test.evalTime = duration(x)),
                alertname: (x) => (test.alertname = str(x)),
                exp_alerts: (x) =>
                  (test.expAlerts = list(x, 'main.alert', (e) => {
                    const alert = { labels: null as Record<string, string> | null, annotations: {} as Record<string, string> };
                    struct(e, 'alert', { exp_labels: (y) => (alert.labels = stringMap(y)), exp_annotations: (y) => (alert.annotations = stringMap(y) ?? {}) });
                    return alert;
                  })),
              });
              return test;
            })),
          promql_expr_test: (v) =>
            (group.promqlExprTests = list(v, 'main.promqlTestCase', (p) => {
              const test: ExprTest = { expr: '', evalTime: 0, expSamples: [] };
              struct(p, 'promqlTestCase', {
                expr: (x) => (test.expr = str(x)),
                eval_time: (x) => (test.evalTime = duration(x)),
                exp_samples: (x) =>
                  (test.expSamples = list(x, 'main.sample', (s) => {
                    const sample = { labels: '', value: 0 };
                    struct(s, 'sample', { labels: (y) => (sample.labels = str(y)), value: (y) => (sample.value = float(y)) });
                    return sample;
                  })),
              });
              return test;
            })),
          external_labels: (v) => (group.externalLabels = stringMap(v) ?? {}),
          external_url: (v) => (group.externalUrl = str(v)),
          name: (v) => (group.name = str(v)),
        });
        return group;
      })),
  });
  if (problems.length) throw new TestFileError(`yaml: unmarshal errors:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return file;
}

function isNull(node: YamlNode): boolean {
  return isScalar(node) && node.value === null;
}

/** yaml.v2 gives a string the scalar's text as written (`1e3`, `0x10`, `yes`), not its resolved value. */
function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  return typeof node.source === 'string' ? node.source : String(node.value);
}

function tagOf(node: YamlNode): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (isScalar(node)) {
    const v = node.value;
    const tag = typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : 'str';
    return `!!${tag} \`${scalarText(node)}\``;
  }
  return '!!null';
}
