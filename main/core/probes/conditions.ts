import { parseDuration } from '../shared/duration';

/**
 * Gatus-style conditions (`[STATUS] == 200`, `[BODY].checks.database == true`,
 * `[RESPONSE_TIME] < 500`, `[CERTIFICATE_EXPIRATION] > 168h`, `[BODY] == pat(*ok*)`,
 * `len([BODY].items) > 0`, `[STATUS] == any(200, 204)`), because users already write them.
 * Parsed once when the config loads, so a typo is reported with its column, not at 3 a.m.
 */

export type Operator = '==' | '!=' | '>=' | '<=' | '>' | '<';
export type Placeholder = 'STATUS' | 'RESPONSE_TIME' | 'BODY' | 'CERTIFICATE_EXPIRATION' | 'CONNECTED' | 'IP';

export type Term =
  | { kind: 'placeholder'; name: Placeholder; path: (string | number)[] }
  | { kind: 'literal'; text: string }
  | { kind: 'len' | 'has'; arg: Term }
  | { kind: 'pat'; pattern: string }
  | { kind: 'any'; options: string[] };

export interface Condition {
  source: string;
  left: Term;
  op: Operator;
  right: Term;
}

export class ConditionError extends Error {
  constructor(
    readonly source: string,
    /** 1-based column of the problem. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`condition "${source}": ${reason} (column ${column})`);
    this.name = 'ConditionError';
  }
}

const placeholders: readonly Placeholder[] = ['STATUS', 'RESPONSE_TIME', 'BODY', 'CERTIFICATE_EXPIRATION', 'CONNECTED', 'IP'];
const operators: readonly Operator[] = ['==', '!=', '>=', '<=', '>', '<'];

export function parseCondition(source: string): Condition {
  const at = findOperator(source);
  if (!at) throw new ConditionError(source, source.length + 1, 'expected an operator: ==, !=, <, <=, > or >=');
  const left = parseTerm(source, 0, at.index);
  const right = parseTerm(source, at.index + at.op.length, source.length);
  if ((right.kind === 'pat' || right.kind === 'any') && at.op !== '==' && at.op !== '!=') {
    throw new ConditionError(source, at.index + 1, `${right.kind}() only works with == or !=`);
  }
  if (left.kind === 'literal' && right.kind === 'literal') {
    throw new ConditionError(source, 1, 'one side must be a placeholder such as [STATUS], [BODY] or [RESPONSE_TIME]');
  }
  return { source, left, op: at.op, right };
}

/** The first operator outside brackets, parentheses and quotes. */
function findOperator(source: string): { index: number; op: Operator } | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] ?? '';
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0) {
      const op = operators.find((o) => source.startsWith(o, i));
      if (op) return { index: i, op };
    }
  }
  return null;
}

function parseTerm(source: string, start: number, end: number): Term {
  const raw = source.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const col = start + lead + 1;
  if (text === '') throw new ConditionError(source, col, 'missing value on this side of the operator');
  const call = /^(len|has|pat|any)\((.*)\)$/s.exec(text);
  if (call) {
    const name = call[1] as 'len' | 'has' | 'pat' | 'any';
    const inner = call[2] ?? '';
    const innerStart = start + lead + name.length + 1;
    if (name === 'pat') return { kind: 'pat', pattern: unquote(inner.trim()) };
    if (name === 'any') {
      const options = splitArgs(inner).map((o) => unquote(o.trim()));
      if (options.length === 0 || options.some((o) => o === '')) throw new ConditionError(source, innerStart + 1, 'any() needs values separated by commas');
      return { kind: 'any', options };
    }
    const arg = parseTerm(source, innerStart, innerStart + inner.length);
    if (arg.kind !== 'placeholder') throw new ConditionError(source, innerStart + 1, `${name}() takes a placeholder such as [BODY].items`);
    return { kind: name, arg };
  }
  if (/^[a-z]+\(/i.test(text)) throw new ConditionError(source, col, `unknown function "${text.slice(0, text.indexOf('('))}" (use len, has, pat or any)`);
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const name = text.slice(1, close < 0 ? undefined : close);
    if (close < 0 || !placeholders.includes(name as Placeholder)) {
      throw new ConditionError(source, col, `unknown placeholder "${close < 0 ? text : text.slice(0, close + 1)}" (use ${placeholders.map((p) => `[${p}]`).join(', ')})`);
    }
    const rest = text.slice(close + 1);
    if (rest !== '' && name !== 'BODY') throw new ConditionError(source, col + close + 1, `only [BODY] takes a path, not [${name}]`);
    return { kind: 'placeholder', name: name as Placeholder, path: parsePath(source, rest, col + close + 1) };
  }
  return { kind: 'literal', text: unquote(text) };
}

/** `.checks.database`, `.items[0].id`, `[0]` */
function parsePath(source: string, rest: string, col: number): (string | number)[] {
  const path: (string | number)[] = [];
  const pattern = /\.([^.[\]\s]+)|\[(\d+)\]/y;
  let i = 0;
  while (i < rest.length) {
    pattern.lastIndex = i;
    const m = pattern.exec(rest);
    if (!m) throw new ConditionError(source, col + i, `bad JSON path after [BODY] at "${rest.slice(i)}" (write e.g. [BODY].checks.database or [BODY].items[0])`);
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
    i = pattern.lastIndex;
  }
  return path;
}

function splitArgs(text: string): string[] {
  return text.trim() === '' ? [] : text.split(',');
}

function unquote(text: string): string {
  return /^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

/** What a condition is evaluated against. */
export interface ProbeFacts {
  status: number | null;
  responseTimeMs: number;
  body: string;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  certificateExpiresInMs: number | null;
  connected: boolean;
  ip: string | null;
}

export interface ConditionResult {
  source: string;
  ok: boolean;
  /** e.g. `[STATUS] (503) == 200`, for alerts and the CLI. */
  detail: string;
}

type Value = string | number | boolean | null | undefined | object;

export function evaluateCondition(c: Condition, facts: ProbeFacts): ConditionResult {
  const left = resolve(c.left, facts);
  const ok = compare(left, c.op, c.right, facts);
  const shown = c.left.kind === 'literal' ? '' : ` (${display(left)})`;
  return { source: c.source, ok, detail: `${termText(c.left)}${shown} ${c.op} ${termText(c.right)}` };
}

function resolve(term: Term, facts: ProbeFacts): Value {
  switch (term.kind) {
    case 'literal':
      return term.text;
    case 'pat':
    case 'any':
      return undefined;
    case 'len': {
      const v = resolve(term.arg, facts);
      if (typeof v === 'string') return v.length;
      if (Array.isArray(v)) return v.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      return 0;
    }
    case 'has':
      return resolve(term.arg, facts) !== undefined;
    case 'placeholder':
      switch (term.name) {
        case 'STATUS':
          return facts.status;
        case 'RESPONSE_TIME':
          return facts.responseTimeMs;
        case 'CERTIFICATE_EXPIRATION':
          return facts.certificateExpiresInMs;
        case 'CONNECTED':
          return facts.connected;
        case 'IP':
          return facts.ip;
        case 'BODY': {
          if (term.path.length === 0) return facts.body;
          let v: unknown = facts.json;
          for (const key of term.path) {
            if (v === null || typeof v !== 'object') return undefined;
            v = (v as Record<string | number, unknown>)[key];
          }
          return v as Value;
        }
      }
  }
}

function compare(left: Value, op: Operator, right: Term, facts: ProbeFacts): boolean {
  if (right.kind === 'pat') return globMatch(right.pattern, display(left)) === (op === '==');
  if (right.kind === 'any') return right.options.some((o) => looselyEqual(left, o)) === (op === '==');
  const r = resolve(right, facts);
  if (op === '==') return looselyEqual(left, r);
  if (op === '!=') return !looselyEqual(left, r);
  const a = toNumber(left);
  const b = toNumber(r);
  if (a === null || b === null) return false;
  return op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b;
}

function looselyEqual(a: Value, b: Value): boolean {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== null && nb !== null && typeof a !== 'boolean' && typeof b !== 'boolean') return na === nb;
  return display(a) === display(b);
}

/** Numbers, and durations (`168h`) as milliseconds, so certificate and latency limits read naturally. */
function toNumber(v: Value): number | null {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  try {
    return parseDuration(v);
  } catch {
    return null;
  }
}

function display(v: Value): string {
  if (v === undefined) return '<missing>';
  if (v === null) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function termText(t: Term): string {
  switch (t.kind) {
    case 'literal':
      return t.text;
    case 'placeholder':
      return `[${t.name}]${t.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
    case 'len':
    case 'has':
      return `${t.kind}(${termText(t.arg)})`;
    case 'pat':
      return `pat(${t.pattern})`;
    case 'any':
      return `any(${t.options.join(', ')})`;
  }
}

/** `*` matches any run of characters; the whole text must match (Gatus's pat()). */
export function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(text);
}
