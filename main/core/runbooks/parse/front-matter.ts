import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { ParamType, RunbookParam, RunbookSeverity } from '../model';

/** What the front matter may say; everything optional. */
export interface FrontMatter {
  id?: string;
  title?: string;
  hosts: string[];
  severity?: RunbookSeverity;
  tags: string[];
  alerts: string[];
  params: RunbookParam[];
  /** Runme's document settings: the shell every shell block runs with, and its working directory. */
  shell?: string;
  cwd?: string;
  /** Runme's `skipPrompts: true`: no `export NAME=…` line is asked for. */
  skipPrompts?: boolean;
}

export interface FrontMatterIssue {
  line: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface SplitFrontMatter {
  /** The YAML between the `---` fences, or undefined when the file has none. */
  yaml?: string;
  /** Line (1-based) of the first YAML line in the file. */
  yamlLine: number;
  /** Number of lines the front matter block occupies (fences included). */
  lineCount: number;
  body: string;
}

export function splitFrontMatter(text: string): SplitFrontMatter {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { yamlLine: 1, lineCount: 0, body: text };
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end === -1) return { yamlLine: 2, lineCount: 0, body: text };
  return { yaml: lines.slice(1, end).join('\n'), yamlLine: 2, lineCount: end + 1, body: lines.slice(end + 1).join('\n') };
}

const severities = new Set(['P1', 'P2', 'P3', 'P4']);
const paramTypes = new Set<ParamType>(['string', 'integer', 'number', 'boolean', 'enum', 'duration', 'host']);
const knownKeys = new Set(['id', 'title', 'hosts', 'severity', 'tags', 'alerts', 'params', 'description', 'owner', 'service', 'category']);
/** Runme's own document keys that change nothing here (`runme: {id, version}`, display settings). */
const runmeKeys = new Set(['runme', 'terminalRows', 'category', 'tag']);
/** `from: labels.NAME` or `from: annotations.NAME`. */
export const fromPattern = /^(labels|annotations)\.[A-Za-z_][A-Za-z0-9_]*$/;
export const paramNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const idPattern = /^[a-z0-9][a-z0-9_.-]*$/;

export function parseFrontMatter(yamlText: string, firstLine: number): { value: FrontMatter; issues: FrontMatterIssue[] } {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const issues: FrontMatterIssue[] = [];
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined): number =>
    firstLine - 1 + (node?.range ? counter.linePos(node.range[0]).line : 1);
  const value: FrontMatter = { hosts: [], tags: [], alerts: [], params: [] };
  for (const err of doc.errors) {
    issues.push({ line: firstLine - 1 + counter.linePos(err.pos[0]).line, message: `front matter: ${err.message.split('\n')[0] ?? ''}`, severity: 'error' });
  }
  if (doc.errors.length > 0) return { value, issues };
  const root = doc.contents;
  if (root === null) return { value, issues };
  if (!isMap(root)) {
    issues.push({ line: lineOf(root), message: 'front matter must be a mapping (key: value lines)', severity: 'error' });
    return { value, issues };
  }
  const error = (node: YamlNode | null | undefined, field: string, message: string) => issues.push({ line: lineOf(node), field, message, severity: 'error' });
  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const node = pair.value;
    const plain: unknown = node && 'toJSON' in node ? node.toJSON() : null;
    switch (key) {
      case 'id':
        if (typeof plain === 'string' && idPattern.test(plain)) value.id = plain;
        else error(node ?? pair.key, 'id', 'use lower-case letters, digits, "-", "_" or "." (it is matched against runbook_url)');
        break;
      case 'title':
        if (typeof plain === 'string' && plain.trim()) value.title = plain.trim();
        else error(node ?? pair.key, 'title', 'expected text');
        break;
      case 'severity':
        if (typeof plain === 'string' && severities.has(plain.toUpperCase())) value.severity = plain.toUpperCase() as RunbookSeverity;
        else error(node ?? pair.key, 'severity', 'expected P1, P2, P3 or P4');
        break;
      case 'hosts':
      case 'tags':
      case 'alerts': {
        const list = stringList(plain);
        if (list) value[key] = list;
        else error(node ?? pair.key, key, 'expected a list of names (or one name)');
        break;
      }
      case 'params':
        value.params = parseParams(node, lineOf, issues);
        break;
      case 'shell':
        // One program (a name on PATH or a path), run as `SHELL -c SCRIPT` like Runme does.
        if (typeof plain === 'string' && /^[A-Za-z0-9_./+-]+$/.test(plain.trim())) value.shell = plain.trim();
        else error(node ?? pair.key, 'shell', 'expected a shell program such as bash, zsh or /bin/ksh');
        break;
      case 'cwd':
        if (typeof plain === 'string' && plain.trim()) value.cwd = plain.trim();
        else error(node ?? pair.key, 'cwd', 'expected a directory');
        break;
      case 'skipPrompts':
        if (typeof plain === 'boolean') value.skipPrompts = plain;
        else error(node ?? pair.key, 'skipPrompts', 'expected true or false');
        break;
      default:
        if (runmeKeys.has(key)) break;
        if (!knownKeys.has(key)) issues.push({ line: lineOf(pair.key), field: key, message: 'unknown front matter key (ignored)', severity: 'warning' });
    }
  }
  return { value, issues };
}

function stringList(plain: unknown): string[] | undefined {
  if (typeof plain === 'string') return [plain];
  if (Array.isArray(plain) && plain.every((item) => typeof item === 'string' || typeof item === 'number')) return plain.map(String);
  return undefined;
}

type LineOf = (node: YamlNode | null | undefined) => number;

/** `params:` as a mapping (name -> spec) or a list of specs with `name:`. A bare string spec is a description. */
function parseParams(node: YamlNode | null | undefined, lineOf: LineOf, issues: FrontMatterIssue[]): RunbookParam[] {
  const entries: { name: string; spec: YamlNode | null; line: number }[] = [];
  if (isMap(node)) {
    for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
      entries.push({ name: isScalar(pair.key) ? String(pair.key.value) : '', spec: pair.value, line: lineOf(pair.key) });
    }
  } else if (isSeq(node)) {
    for (const item of node.items as YamlNode[]) {
      const name = isMap(item) ? item.get('name') : undefined;
      entries.push({ name: typeof name === 'string' ? name : '', spec: item, line: lineOf(item) });
    }
  } else if (node) {
    issues.push({ line: lineOf(node), field: 'params', message: 'expected a mapping of param name to its spec', severity: 'error' });
    return [];
  }
  const params: RunbookParam[] = [];
  for (const entry of entries) {
    const param = parseParam(entry, lineOf, issues);
    if (param) params.push(param);
  }
  return params;
}

function parseParam(entry: { name: string; spec: YamlNode | null; line: number }, lineOf: LineOf, issues: FrontMatterIssue[]): RunbookParam | undefined {
  const field = `params.${entry.name || '?'}`;
  // A problem with one key points at that key's line, not at the param's name.
  const lineOfKey = (key: string): number => {
    const pair = isMap(entry.spec) ? (entry.spec.items as Pair<YamlNode, YamlNode>[]).find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    return pair ? lineOf(pair.key) : entry.line;
  };
  const fail = (message: string, sub?: string) => {
    issues.push({ line: sub ? lineOfKey(sub) : entry.line, field: sub ? `${field}.${sub}` : field, message, severity: 'error' });
    return undefined;
  };
  if (!paramNamePattern.test(entry.name)) return fail('a param name uses letters, digits and "_" and does not start with a digit');
  const raw: unknown = entry.spec && 'toJSON' in entry.spec ? entry.spec.toJSON() : null;
  const spec: Record<string, unknown> = typeof raw === 'string' ? { description: raw } : raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const type = (spec.type ?? (Array.isArray(spec.values) ? 'enum' : 'string')) as ParamType;
  if (!paramTypes.has(type)) return fail(`unknown type "${String(spec.type)}" (use ${[...paramTypes].join(', ')})`, 'type');
  const param: RunbookParam = { name: entry.name, type, required: true, secret: spec.secret === true, line: entry.line };
  if (typeof spec.description === 'string') param.description = spec.description;
  const def = spec.default;
  if (def !== undefined && def !== null) {
    if (typeof def !== 'string' && typeof def !== 'number' && typeof def !== 'boolean') return fail('the default must be a single value', 'default');
    param.default = String(def);
  }
  if (spec.pattern !== undefined) {
    if (typeof spec.pattern !== 'string') return fail('expected a regular expression as text', 'pattern');
    try {
      new RegExp(spec.pattern);
    } catch (err) {
      return fail(`not a valid regular expression: ${(err as Error).message}`, 'pattern');
    }
    param.pattern = spec.pattern;
  }
  if (type === 'enum') {
    if (!Array.isArray(spec.values) || spec.values.length === 0) return fail('an enum param lists its allowed values', 'values');
    param.values = spec.values.map(String);
  }
  param.required = spec.required === undefined ? param.default === undefined : spec.required === true;
  if (spec.from !== undefined) {
    const from = typeof spec.from === 'string' ? [spec.from] : Array.isArray(spec.from) ? spec.from : [];
    if (from.length === 0 || !from.every((f): f is string => typeof f === 'string' && fromPattern.test(f.trim()))) {
      return fail('expected labels.NAME or annotations.NAME (or a list of them, the first the alert has wins)', 'from');
    }
    param.from = from.map((f) => f.trim());
  }
  for (const key of Object.keys(spec)) {
    if (!['name', 'type', 'description', 'default', 'pattern', 'values', 'required', 'secret', 'from'].includes(key)) {
      issues.push({ line: lineOfKey(key), field: `${field}.${key}`, message: 'unknown param key (ignored)', severity: 'warning' });
    }
  }
  return param;
}
