import type { At, Expr, Matcher } from './ast';
import { parsePromDuration } from './duration';
import { PromqlError, tokenize, type Token } from './lexer';
import { checkGoRegexp, goMatchAnchored } from '../../shared/go-regexp';

/**
 * A PromQL syntax and type checker (no evaluator): it accepts what Prometheus's parser accepts for
 * rule expressions and rejects the usual mistakes (unbalanced parentheses, `rate(x)` without a
 * range, unknown functions, comparisons of scalars without `bool`), so `rules check` reaches the
 * verdict `promtool check rules` reaches. Messages are worded like Prometheus's.
 */
type Type = 'scalar' | 'vector' | 'matrix' | 'string';
const typeName: Record<Type, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string' };

// The functions of Prometheus 2.42 (the promtool reference): later ones (limitk, mad_over_time,
// sort_by_label, ...) are unknown functions to it, so rule files using them are rejected here too.
// Argument types: s scalar, v instant vector, m range vector, S string; `?` optional, `*` repeatable.
const math = ['abs', 'ceil', 'exp', 'floor', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'deg', 'rad', 'timestamp', 'sort', 'sort_desc', 'absent', 'histogram_count', 'histogram_sum'];
const trig = ['acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'sin', 'sinh', 'tan', 'tanh'];
const overTime = ['avg', 'min', 'max', 'sum', 'count', 'last', 'present', 'stddev', 'stdvar', 'absent'].map((f) => `${f}_over_time`);
const rangeFns = ['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'changes', 'resets', ...overTime];
const dateFns = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];
const functions: Record<string, { args: string[]; returns: Type }> = {
  ...Object.fromEntries([...math, ...trig].map((f) => [f, { args: ['v'], returns: 'vector' }])),
  ...Object.fromEntries(rangeFns.map((f) => [f, { args: ['m'], returns: 'vector' }])),
  ...Object.fromEntries(dateFns.map((f) => [f, { args: ['v?'], returns: 'vector' }])),
  clamp: { args: ['v', 's', 's'], returns: 'vector' },
  clamp_max: { args: ['v', 's'], returns: 'vector' },
  clamp_min: { args: ['v', 's'], returns: 'vector' },
  round: { args: ['v', 's?'], returns: 'vector' },
  histogram_quantile: { args: ['s', 'v'], returns: 'vector' },
  histogram_fraction: { args: ['s', 's', 'v'], returns: 'vector' },
  holt_winters: { args: ['m', 's', 's'], returns: 'vector' },
  predict_linear: { args: ['m', 's'], returns: 'vector' },
  quantile_over_time: { args: ['s', 'm'], returns: 'vector' },
  label_replace: { args: ['v', 'S', 'S', 'S', 'S'], returns: 'vector' },
  label_join: { args: ['v', 'S', 'S', 'S*'], returns: 'vector' },
  vector: { args: ['s'], returns: 'vector' },
  scalar: { args: ['v'], returns: 'scalar' },
  time: { args: [], returns: 'scalar' },
  pi: { args: [], returns: 'scalar' },
};
const argType: Record<string, Type> = { s: 'scalar', v: 'vector', m: 'matrix', S: 'string' };

const aggregations = new Set(['sum', 'avg', 'count', 'min', 'max', 'group', 'stddev', 'stdvar', 'topk', 'bottomk', 'count_values', 'quantile']);
const aggregationParam: Record<string, Type> = { topk: 'scalar', bottomk: 'scalar', quantile: 'scalar', count_values: 'string' };

const precedence: Record<string, number> = { or: 1, and: 2, unless: 2, '==': 3, '!=': 3, '<=': 3, '<': 3, '>=': 3, '>': 3, '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, atan2: 5, '^': 6 };
const comparisons = new Set(['==', '!=', '<=', '<', '>=', '>']);
const setOps = new Set(['and', 'or', 'unless']);

interface Node {
  type: Type;
  ast: Expr;
  /** What may take a range `[5m]`, `offset` or `@`. */
  kind: 'selector' | 'matrix' | 'subquery' | 'other';
}

/** The expression's syntax tree; throws an Error reading `LINE:COL: parse error: REASON`. */
export function parsePromql(expr: string): Expr {
  if (expr.trim() === '') throw new Error('no expression found in input');
  try {
    return new Parser(tokenize(expr)).parseAll().ast;
  } catch (err) {
    if (!(err instanceof PromqlError)) throw err;
    const before = expr.slice(0, err.pos);
    const line = before.split('\n').length;
    const col = err.pos - (before.lastIndexOf('\n') + 1) + 1;
    throw new Error(`${line}:${col}: parse error: ${err.message}`);
  }
}

/** null when `expr` is valid PromQL; else the reason, as Prometheus words it. */
export function checkPromql(expr: string): string | null {
  try {
    parsePromql(expr);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Node {
    const node = this.expr(0);
    const t = this.peek();
    if (t.kind !== 'eof') throw this.unexpected(t, 'in expression');
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private is(text: string, kind: Token['kind'] = 'op'): boolean {
    const t = this.peek();
    return t.kind === kind && (kind === 'ident' ? t.text.toLowerCase() === text : t.text === text);
  }

  private expect(text: string, context: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) {
      if (text === ')' && t.kind === 'eof') throw new PromqlError('unclosed left parenthesis', t.pos);
      if (text === ']' && t.kind === 'eof') throw new PromqlError('unclosed left bracket', t.pos);
      if (text === '}' && t.kind === 'eof') throw new PromqlError('unexpected end of input inside braces', t.pos);
      throw this.unexpected(t, context);
    }
    return this.next();
  }

  private unexpected(t: Token, context: string): PromqlError {
    if (t.kind === 'eof') return new PromqlError(`unexpected end of input ${context}`, t.pos);
    if (t.kind === 'op' && t.text === ')') return new PromqlError('unexpected right parenthesis \')\'', t.pos + 1);
    const what = t.kind === 'ident' ? `identifier "${t.text}"` : t.kind === 'op' ? `"${t.text}"` : `${t.kind} ${JSON.stringify(t.text)}`;
    return new PromqlError(`unexpected ${what} ${context}`, t.pos);
  }

  /** Precedence climbing over binary operators; `^` is right-associative. */
  private expr(minPrec: number): Node {
    const leftPos = this.peek().pos;
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'op' || t.kind === 'ident' ? (t.kind === 'ident' ? t.text.toLowerCase() : t.text) : '';
      const prec = precedence[op];
      if (prec === undefined || prec < minPrec || (t.kind === 'ident' && !['and', 'or', 'unless', 'atan2'].includes(op))) return left;
      this.next();
      let returnBool = false;
      if (this.is('bool', 'ident')) {
        if (!comparisons.has(op)) throw new PromqlError('bool modifier can only be used on comparison operators', this.peek().pos);
        this.next();
        returnBool = true;
      }
      let matching: Extract<Expr, { t: 'binary' }>['matching'] = null;
      if (this.is('on', 'ident') || this.is('ignoring', 'ident')) {
        const on = this.next().text.toLowerCase() === 'on';
        matching = { on, labels: this.labelList(), card: 'one', include: [] };
        if (this.is('group_left', 'ident') || this.is('group_right', 'ident')) {
          if (setOps.has(op)) throw new PromqlError(`no grouping allowed for "${op}" operation`, leftPos);
          matching.card = this.next().text.toLowerCase() === 'group_left' ? 'left' : 'right';
          if (this.is('(')) matching.include = this.labelList();
        }
      }
      const rightPos = this.peek().pos;
      const right = this.expr(op === '^' ? prec : prec + 1);
      left = this.binary(op, [left, right], [leftPos, rightPos, t.pos], returnBool, matching);
    }
  }

  /** Errors point where Prometheus points: the offending operand, the operator or the whole expression. */
  private binary(op: string, [left, right]: [Node, Node], [leftPos, rightPos, pos]: [number, number, number], returnBool: boolean, matching: Extract<Expr, { t: 'binary' }>['matching']): Node {
    for (const [side, at] of [[left, leftPos], [right, rightPos]] as const) {
      if (side.type !== 'scalar' && side.type !== 'vector') throw new PromqlError('binary expression must contain only scalar and instant vector types', at);
    }
    const bothScalar = left.type === 'scalar' && right.type === 'scalar';
    if (comparisons.has(op) && bothScalar && !returnBool) throw new PromqlError('comparisons between scalars must use BOOL modifier', pos);
    if (setOps.has(op) && (left.type === 'scalar' || right.type === 'scalar')) throw new PromqlError(`set operator "${op}" not allowed in binary scalar expression`, leftPos);
    if (matching && (left.type === 'scalar' || right.type === 'scalar')) throw new PromqlError('vector matching only allowed between instant vectors', leftPos);
    return { type: bothScalar ? 'scalar' : 'vector', kind: 'other', ast: { t: 'binary', op, lhs: left.ast, rhs: right.ast, returnBool, matching } };
  }

  private unary(): Node {
    if (this.is('-') || this.is('+')) {
      const t = this.next();
      const operand = this.expr(precedence['^'] as number);
      if (operand.type !== 'scalar' && operand.type !== 'vector') throw new PromqlError('unary expression only allowed on expressions of type scalar or instant vector', t.pos);
      return { type: operand.type, kind: 'other', ast: t.text === '-' ? { t: 'negate', expr: operand.ast } : operand.ast };
    }
    const start = this.peek().pos;
    return this.postfix(this.primary(), start);
  }

  /** `[5m]`, `[1h:1m]`, `offset 5m` and `@ 1700000000` after an operand. */
  private postfix(node: Node, start: number): Node {
    // Each may be written once per selector or subquery, as in Prometheus.
    let offsetSet = false;
    let atSet = false;
    for (;;) {
      const t = this.peek();
      if (this.is('[')) {
        this.next();
        const range = this.duration('range');
        if (this.is(':')) {
          this.next();
          const step = this.is(']') ? null : this.duration('subquery step');
          this.expect(']', 'in subquery selector');
          if (node.type !== 'vector') throw new PromqlError(`subquery is only allowed on instant vector, got ${typeName[node.type]} instead`, t.pos);
          node = { type: 'matrix', kind: 'subquery', ast: { t: 'subquery', expr: node.ast, range, step, offset: 0, at: null } };
          offsetSet = atSet = false;
        } else {
          this.expect(']', 'in range selector');
          if (node.kind !== 'selector' || node.ast.t !== 'selector') throw new PromqlError('ranges only allowed for vector selectors', t.pos);
          node = { type: 'matrix', kind: 'matrix', ast: { ...node.ast, range } };
        }
      } else if (this.is('offset', 'ident')) {
        this.next();
        if (node.kind === 'other') throw new PromqlError('offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', start);
        if (offsetSet) throw new PromqlError('offset may not be set multiple times', start);
        offsetSet = true;
        const sign = this.is('-') ? -1 : 1;
        if (this.is('-') || this.is('+')) this.next();
        const offset = sign * this.duration('offset');
        if (node.ast.t === 'selector' || node.ast.t === 'subquery') node.ast.offset = offset;
      } else if (this.is('@')) {
        this.next();
        if (node.kind === 'other') throw new PromqlError('@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', start);
        if (atSet) throw new PromqlError('@ <timestamp> may not be set multiple times', start);
        atSet = true;
        let at: At;
        if ((this.is('start', 'ident') || this.is('end', 'ident')) && this.peek(1).text === '(') {
          at = this.next().text.toLowerCase() as 'start' | 'end';
          this.expect('(', 'in @');
          this.expect(')', 'in @');
        } else {
          const sign = this.is('-') ? -1 : 1;
          if (this.is('-') || this.is('+')) this.next();
          const n = this.next();
          const special = n.kind === 'ident' && ['inf', 'nan'].includes(n.text.toLowerCase());
          if (n.kind !== 'number' && !special) throw this.unexpected(n, 'in @, expected timestamp');
          const seconds = sign * (special ? (n.text.toLowerCase() === 'inf' ? Infinity : NaN) : /^0[xX]/.test(n.text) ? parseInt(n.text, 16) : Number(n.text));
          if (!(Math.abs(seconds) < 2 ** 63)) throw new PromqlError(`timestamp out of bounds for @ modifier: ${goFixed(seconds)}`, start);
          // Seconds, rounded to the millisecond as Prometheus stores them.
          at = Math.round(seconds * 1000);
        }
        if (node.ast.t === 'selector' || node.ast.t === 'subquery') node.ast.at = at;
      } else return node;
    }
  }

  private duration(what: string): number {
    const t = this.next();
    // Prometheus 2.x (the promtool reference) wants a unit: `[5m]`, not `[300]`.
    // Inside brackets Prometheus lexes a bare number as a duration without its unit.
    if (t.kind === 'number' && what !== 'offset') throw new PromqlError('missing unit character in duration', t.pos);
    if (t.kind !== 'duration') throw this.unexpected(t, `in ${what}, expected duration`);
    return parsePromDuration(t.text);
  }

  private primary(): Node {
    const t = this.peek();
    if (t.kind === 'number') {
      this.next();
      return { type: 'scalar', kind: 'other', ast: { t: 'number', value: /^0[xX]/.test(t.text) ? parseInt(t.text, 16) : Number(t.text) } };
    }
    if (t.kind === 'string') {
      this.next();
      return { type: 'string', kind: 'other', ast: { t: 'string', value: unquoteValue(t) } };
    }
    if (t.kind === 'duration') throw this.unexpected(t, 'in expression');
    if (this.is('(')) {
      this.next();
      const inner = this.expr(0);
      this.expect(')', 'in parenthesized expression');
      return { type: inner.type, kind: 'other', ast: inner.ast };
    }
    if (this.is('{')) return { type: 'vector', kind: 'selector', ast: { t: 'selector', name: null, matchers: this.matchers(true), range: null, offset: 0, at: null } };
    if (t.kind !== 'ident') throw this.unexpected(t, 'in expression');
    const name = t.text;
    const lower = name.toLowerCase();
    if (lower === 'inf' || lower === 'nan') {
      this.next();
      return { type: 'scalar', kind: 'other', ast: { t: 'number', value: lower === 'inf' ? Infinity : NaN } };
    }
    if (aggregations.has(lower) && (this.peek(1).text === '(' || ['by', 'without'].includes(this.peek(1).text.toLowerCase()))) return this.aggregation(lower);
    if (this.peek(1).kind === 'op' && this.peek(1).text === '(') {
      const fn = functions[name];
      if (!fn) throw new PromqlError(`unknown function with name "${name}"`, t.pos);
      return this.call(name, fn);
    }
    if (['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2'].includes(lower)) throw this.unexpected(t, 'in expression');
    this.next();
    const matchers = this.is('{') ? this.matchers(false) : [];
    return { type: 'vector', kind: 'selector', ast: { t: 'selector', name, matchers, range: null, offset: 0, at: null } };
  }

  private matchers(needOne: boolean): Matcher[] {
    const open = this.expect('{', 'in label matching');
    const out: Matcher[] = [];
    let nonEmpty = false;
    while (!this.is('}')) {
      const label = this.next();
      if (label.kind !== 'ident') throw this.unexpected(label, 'in label matching, expected label');
      const op = this.next();
      if (op.kind !== 'op' || !['=', '!=', '=~', '!~'].includes(op.text)) throw this.unexpected(op, 'in label matching, expected label matching operator');
      const value = this.next();
      if (value.kind !== 'string') throw this.unexpected(value, 'in label matching, expected string');
      if (op.text === '=~' || op.text === '!~') checkRegex(value, label.pos);
      if (!matchesEmpty(op.text, value)) nonEmpty = true;
      out.push({ name: label.text, op: op.text as Matcher['op'], value: unquoteValue(value) });
      if (!this.is(',')) break;
      this.next();
    }
    this.expect('}', 'in label matching, expected "," or "}"');
    if (needOne && !nonEmpty) throw new PromqlError('vector selector must contain at least one non-empty matcher', open.pos);
    return out;
  }

  /** Comma-separated expressions up to `)`; unlike label lists, no trailing comma. */
  private arguments(args: Node[], positions: number[] = []): void {
    if (this.is(')')) return;
    for (;;) {
      positions.push(this.peek().pos);
      args.push(this.expr(0));
      if (!this.is(',')) return;
      const comma = this.next();
      if (this.is(')')) throw new PromqlError('trailing commas not allowed in function call args', comma.pos);
    }
  }

  private labelList(): string[] {
    const labels: string[] = [];
    this.expect('(', 'in grouping opts, expected "("');
    while (!this.is(')')) {
      const label = this.next();
      if (label.kind !== 'ident') throw this.unexpected(label, 'in grouping opts, expected label');
      labels.push(label.text);
      if (!this.is(',')) break;
      this.next();
    }
    this.expect(')', 'in grouping opts, expected ")" or ","');
    return labels;
  }

  private aggregation(op: string): Node {
    const start = this.next();
    let by: string[] | null = null;
    let without: string[] | null = null;
    const grouping = () => {
      if (this.is('by', 'ident') || this.is('without', 'ident')) {
        if (by || without) throw this.unexpected(this.peek(), 'in aggregation');
        if (this.next().text.toLowerCase() === 'by') by = this.labelList();
        else without = this.labelList();
      }
    };
    grouping();
    this.expect('(', `in aggregation, expected "("`);
    const args: Node[] = [];
    this.arguments(args);
    this.expect(')', 'in aggregation');
    grouping();
    if (args.length === 0) throw new PromqlError('no arguments for aggregate expression provided', start.pos);
    const param = aggregationParam[op];
    const want = param ? 2 : 1;
    if (args.length !== want) throw new PromqlError(`wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`, start.pos);
    if (param && args[0]?.type !== param) throw new PromqlError(`expected type ${typeName[param]} in aggregation parameter, got ${typeName[args[0]?.type ?? 'scalar']}`, start.pos);
    const operand = args[args.length - 1] as Node;
    if (operand.type !== 'vector') throw new PromqlError(`expected type instant vector in aggregation expression, got ${typeName[operand.type]}`, start.pos);
    return { type: 'vector', kind: 'other', ast: { t: 'aggregate', op, param: param ? (args[0] as Node).ast : null, expr: operand.ast, by, without } };
  }

  private call(name: string, fn: { args: string[]; returns: Type }): Node {
    const start = this.next();
    this.expect('(', 'in function call');
    const args: Node[] = [];
    const positions: number[] = [];
    this.arguments(args, positions);
    this.expect(')', 'in function call');
    const required = fn.args.filter((a) => !a.endsWith('?') && !a.endsWith('*')).length;
    const variadic = fn.args.some((a) => a.endsWith('*'));
    if (args.length < required || (!variadic && args.length > fn.args.length)) {
      throw new PromqlError(`expected ${required === fn.args.length || variadic ? (variadic ? 'at least ' : '') + required : `at most ${fn.args.length}`} argument(s) in call to "${name}", got ${args.length}`, start.pos);
    }
    args.forEach((arg, i) => {
      const spec = (fn.args[Math.min(i, fn.args.length - 1)] as string).replace(/[?*]$/, '');
      const want = argType[spec] as Type;
      if (arg.type !== want) throw new PromqlError(`expected type ${typeName[want]} in call to function "${name}", got ${typeName[arg.type]}`, positions[i] ?? start.pos);
    });
    return { type: fn.returns, kind: 'other', ast: { t: 'call', fn: name, args: args.map((a) => a.ast) } };
  }
}

/** Go's fmt %f: six decimals, `+Inf`, `-Inf`, `NaN`, and no exponent for large values. */
function goFixed(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return Math.abs(v) >= 1e21 ? `${BigInt(v)}.000000` : v.toFixed(6);
}

function unquoteValue(token: Token): string {
  const body = token.text.slice(1, -1);
  return token.text[0] === '`' ? body : body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" })[c] ?? `\\${c}`);
}

/** Whether a matcher selects series without the label (Prometheus needs one that does not). */
function matchesEmpty(op: string, token: Token): boolean {
  const value = unquoteValue(token);
  if (op === '=') return value === '';
  if (op === '!=') return value !== '';
  try {
    return goMatchAnchored(value, '') === (op === '=~');
  } catch {
    return false;
  }
}

/** Regex matchers must compile as RE2 (Prometheus anchors them), with Go's error text. */
function checkRegex(token: Token, pos: number): void {
  try {
    checkGoRegexp(unquoteValue(token));
  } catch (err) {
    throw new PromqlError((err as Error).message.replace(/^regexp: Compile\(.*?\): /s, ''), pos);
  }
}
