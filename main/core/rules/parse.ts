import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { indentQuotedContinuations, resolveGoYaml } from '../shared/go-yaml';
import { checkPromql } from './promql';
import { checkAlertTemplate } from './template';
import { parsePromDuration } from './promql';
import type { ParsedRuleFile, RuleDef, RuleFileProblem, RuleGroupDef } from './types';

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const groupKeys = new Set(['name', 'interval', 'query_offset', 'limit', 'rules']);
const ruleKeys = new Set(['record', 'alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

class Problem extends Error {
  constructor(
    message: string,
    readonly node: YamlNode | null | undefined,
  ) {
    super(message);
  }
}

/**
 * Parses a Prometheus rule file unchanged (rulefmt) and validates it the way `promtool check rules`
 * does: unknown fields, durations, names, PromQL syntax and label/annotation templates. Every
 * problem carries file:line:column; any problem rejects this file only.
 */
export function parseRuleFile(text: string, file: string): ParsedRuleFile {
  let lines = new LineCounter();
  const parse = (source: string) => parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  let doc = parse(text);
  // What go-yaml accepts and the spec does not (see indentQuotedContinuations) gets a second try.
  if (doc.errors.length) {
    const retry = new LineCounter();
    const second = parseDocument(indentQuotedContinuations(text), { lineCounter: retry, uniqueKeys: true, prettyErrors: false });
    if (second.errors.length === 0) [doc, lines] = [second, retry];
  }
  const errors: RuleFileProblem[] = [];
  const at = (node: YamlNode | null | undefined) => {
    const pos = lines.linePos(node?.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const report = (message: string, node: YamlNode | null | undefined) => errors.push({ file, ...at(node), message });

  for (const err of doc.errors) {
    // With prettyErrors off the yaml library leaves linePos unset; the offset is always there.
    const pos = lines.linePos(err.pos[0]);
    errors.push({ file, line: pos.line, column: pos.col, message: `yaml: ${err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.code}` });
  }
  if (errors.length) return { file, groups: [], errors };
  resolveGoYaml(doc);
  const root = doc.contents;
  // An empty file is a valid file with no groups, as in Prometheus.
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { file, groups: [], errors };

  const groups: RuleGroupDef[] = [];
  try {
    const top = asMap(root, 'the file');
    for (const pair of top.items) {
      const key = keyOf(pair);
      if (key !== 'groups') throw new Problem(`field ${key} not found in type rulefmt.RuleGroups`, pair.key as YamlNode);
    }
    const groupsNode = top.get('groups', true) as YamlNode | undefined;
    const seen = new Set<string>();
    const items = groupsNode === undefined || isNullish(groupsNode) ? [] : asSeq(groupsNode, 'groups').items;
    for (const item of items) {
      const g = asMap(item as YamlNode, 'a group');
      for (const pair of g.items) {
        const key = keyOf(pair);
        if (!groupKeys.has(key)) throw new Problem(`field ${key} not found in type rulefmt.RuleGroup`, pair.key as YamlNode);
      }
      const name = str(g, 'name');
      const group: RuleGroupDef = {
        name,
        file,
        interval: optDuration(g, 'interval'),
        limit: int(g, 'limit'),
        queryOffset: optDuration(g, 'query_offset') ?? 0,
        rules: [],
        line: at(item as YamlNode).line,
      };
      if (name === '') report('Groupname must not be empty', item as YamlNode);
      else if (seen.has(name)) report(`groupname: "${name}" is repeated in the same file`, item as YamlNode);
      seen.add(name);
      const rulesNode = g.get('rules', true) as YamlNode | undefined;
      const ruleItems = rulesNode === undefined || isNullish(rulesNode) ? [] : asSeq(rulesNode, 'rules').items;
      ruleItems.forEach((ruleItem, i) => {
        const ruleMap = asMap(ruleItem as YamlNode, 'a rule');
        const rule = parseRule(ruleMap);
        // Like promtool, a bad expression or record name points at its value; the rest at the rule.
        for (const [p, field] of validateRule(rule)) report(`group "${name}", rule ${i + 1}, ${JSON.stringify(rule.name)}: ${p}`, (field ? ruleMap.get(field, true) : undefined) ?? (ruleItem as YamlNode));
        const { both: _both, recordName: _record, alertName: _alert, ...def } = rule;
        group.rules.push({ ...def, line: at(ruleItem as YamlNode).line });
      });
      groups.push(group);
    }
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    report(err.message, err.node);
  }
  return errors.length ? { file, groups: [], errors } : { file, groups, errors };
}

function parseRule(m: YAMLMap): Omit<RuleDef, 'line'> & { both: boolean; recordName: string; alertName: string } {
  for (const pair of m.items) {
    const key = keyOf(pair);
    if (!ruleKeys.has(key)) throw new Problem(`field ${key} not found in type rulefmt.RuleNode`, pair.key as YamlNode);
  }
  const recordName = str(m, 'record');
  const alertName = str(m, 'alert');
  return {
    kind: recordName ? 'recording' : 'alerting',
    // rulefmt names a rule by its alert when both are (wrongly) set.
    name: alertName || recordName,
    recordName,
    alertName,
    both: recordName !== '' && alertName !== '',
    expr: str(m, 'expr'),
    for: optDuration(m, 'for') ?? 0,
    keepFiringFor: optDuration(m, 'keep_firing_for') ?? 0,
    labels: strMap(m, 'labels'),
    annotations: strMap(m, 'annotations'),
  };
}

/** Each problem with the rule field whose value it is about (null: the rule as a whole). */
function validateRule(r: ReturnType<typeof parseRule>): [string, 'expr' | 'record' | null][] {
  const problems: [string, 'expr' | 'record' | null][] = [];
  const push = (message: string) => problems.push([message, null]);
  if (r.both) push("only one of 'record' and 'alert' must be set");
  if (!r.recordName && !r.alertName) push("one of 'record' or 'alert' must be set");
  if (r.expr === '') push("field 'expr' must be set in rule");
  else {
    const err = checkPromql(r.expr);
    if (err) problems.push([`could not parse expression: ${err}`, 'expr']);
  }
  if (r.recordName) {
    if (Object.keys(r.annotations).length) push("invalid field 'annotations' in recording rule");
    if (r.for) push("invalid field 'for' in recording rule");
    if (r.keepFiringFor) push("invalid field 'keep_firing_for' in recording rule");
    if (!metricName.test(r.recordName)) problems.push([`invalid recording rule name: ${r.recordName}`, 'record']);
  }
  for (const k of Object.keys(r.labels)) if (!labelName.test(k) || k === '__name__') push(`invalid label name: ${k}`);
  for (const k of Object.keys(r.annotations)) if (!labelName.test(k)) push(`invalid annotation name: ${k}`);
  if (r.alertName) {
    // Worded like promtool: `label "severity": template: __alert_X:1: ...`.
    const templates = [...Object.entries(r.labels).map(([k, v]) => [`label ${JSON.stringify(k)}`, v]), ...Object.entries(r.annotations).map(([k, v]) => [`annotation ${JSON.stringify(k)}`, v])];
    for (const [what, text] of templates) {
      const err = checkAlertTemplate(r.alertName, text as string);
      if (err) push(`${what}: ${err}`);
    }
  }
  return problems;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function isNullish(node: YamlNode): boolean {
  return isScalar(node) && node.value === null;
}

function asMap(node: YamlNode | null | undefined, what: string): YAMLMap {
  if (!isMap(node)) throw new Problem(`cannot unmarshal ${tagOf(node)} into ${what} (expected a mapping)`, node);
  return node;
}

function asSeq(node: YamlNode, what: string) {
  if (!isSeq(node)) throw new Problem(`cannot unmarshal ${tagOf(node)} into ${what} (expected a list)`, node);
  return node;
}

function tagOf(node: YamlNode | null | undefined): string {
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (isScalar(node)) return `!!${typeof node.value === 'number' ? (Number.isInteger(node.value) ? 'int' : 'float') : typeof node.value === 'boolean' ? 'bool' : node.value === null ? 'null' : 'str'} \`${String(node.source ?? node.value)}\``;
  return 'nothing';
}

/** A scalar read as Go's yaml.v3 does into a string field: any scalar's source text; null is "". */
function str(m: YAMLMap, key: string): string {
  const node = m.get(key, true) as YamlNode | undefined;
  if (node === undefined || isNullish(node)) return '';
  if (!isScalar(node)) throw new Problem(`cannot unmarshal ${tagOf(node)} into string (field ${key})`, node);
  return typeof node.value === 'string' ? node.value : scalarText(node);
}

function int(m: YAMLMap, key: string): number {
  const node = m.get(key, true) as YamlNode | undefined;
  if (node === undefined || isNullish(node)) return 0;
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) throw new Problem(`cannot unmarshal ${tagOf(node)} into int (field ${key})`, node);
  return node.value;
}

function optDuration(m: YAMLMap, key: string): number | null {
  const node = m.get(key, true) as YamlNode | undefined;
  if (node === undefined || isNullish(node)) return null;
  if (!isScalar(node)) throw new Problem(`cannot unmarshal ${tagOf(node)} into model.Duration (field ${key})`, node);
  try {
    return parsePromDuration(typeof node.value === 'string' ? node.value : scalarText(node));
  } catch (err) {
    throw new Problem((err as Error).message, node);
  }
}

function strMap(m: YAMLMap, key: string): Record<string, string> {
  const node = m.get(key, true) as YamlNode | undefined;
  if (node === undefined || isNullish(node)) return {};
  const map = asMap(node, `map[string]string (field ${key})`);
  const out: Record<string, string> = {};
  for (const pair of map.items) {
    const value = pair.value as YamlNode | null;
    if (value !== null && !isScalar(value)) throw new Problem(`cannot unmarshal ${tagOf(value)} into string (${key}.${keyOf(pair)})`, value);
    out[keyOf(pair)] = value === null || value.value === null ? '' : typeof value.value === 'string' ? value.value : scalarText(value);
  }
  return out;
}

/** Go's yaml.v3 gives a string field the scalar's text as written (`1e3`, not `1000`). */
function scalarText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value);
}
