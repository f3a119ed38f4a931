import { argText, commandText, type Arg, type Command, type Node, type ParsedTemplate, type Pipe } from './ast';
import { formatV } from './go-fmt';
import { templateFunctions, type FuncEnv, type ParamType, type TemplateFunc } from './functions';
import { byteOffset } from './lexer';
import { goInt, isTrue, methodOf, typeName, type GoValue } from './values';

/** A run-time failure, formatted like Go: `template: NAME:LINE:COL: executing "NAME" at <...>: ...`. */
export class TemplateExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExecError';
  }
}

class Fail extends Error {
  constructor(
    message: string,
    readonly pos: number,
    readonly context: string,
  ) {
    super(message);
  }
}

/** {{break}} and {{continue}} unwind the walk to the enclosing range. */
class LoopSignal extends Error {}
const BREAK = new LoopSignal('break');
const CONTINUE = new LoopSignal('continue');
/** Marks "no value piped in", distinct from Go's invalid value (undefined). */
const NONE = Symbol('none');
type Piped = GoValue | typeof NONE;

interface Variable {
  name: string;
  value: GoValue;
}

/**
 * How other template users (Alertmanager's notification templates) differ from Prometheus's rule
 * templates: their own function table, and an escaper for what actions print (html/template's
 * escaping of e-mail bodies).
 */
export interface ExecOptions {
  functions?: Record<string, TemplateFunc>;
  escape?: (printed: string) => string;
}

/** Executes a parsed template against `data` (the dot). */
export async function execute(tpl: ParsedTemplate, data: GoValue, env: FuncEnv, options: ExecOptions = {}): Promise<string> {
  const functions = options.functions ?? templateFunctions;
  const out: string[] = [];
  const vars: Variable[] = [{ name: '$', value: data }];

  const location = (pos: number) => {
    const before = tpl.source.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = nl === -1 ? byteOffset(tpl.source, pos) : byteOffset(before, pos) - byteOffset(before, nl + 1);
    return `${tpl.name}:${line}:${col}`;
  };

  const lookup = (name: string, arg: Arg): GoValue => {
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i]?.name === name) return vars[i]?.value;
    throw new Fail(`undefined variable: ${name}`, arg.pos, argText(arg));
  };

  function field(receiver: GoValue, name: string, arg: Arg, args: GoValue[] | null = null): GoValue {
    if (receiver === undefined) return undefined;
    if (receiver === null) throw new Fail(`nil pointer evaluating interface {}.${name}`, arg.pos, argText(arg));
    // Go looks for a method first, then a field or map key.
    const method = methodOf(receiver, name);
    if (method) {
      const given = args ?? [];
      if (given.length !== method.arity) throw new Fail(`wrong number of args for ${name}: want ${method.arity} got ${given.length}`, arg.pos, argText(arg));
      try {
        return method.call(given);
      } catch (err) {
        throw new Fail(`error calling ${name}: ${(err as Error).message}`, arg.pos, argText(arg));
      }
    }
    if (args !== null) {
      const isMap = typeof receiver === 'object' && receiver.kind === 'map';
      throw new Fail(isMap ? `${name} is not a method but has arguments` : `${name} has arguments but cannot be invoked as function`, arg.pos, argText(arg));
    }
    // Prometheus sets Go's missingkey=zero: `$labels.absent` is "", not "<no value>".
    if (typeof receiver === 'object' && receiver.kind === 'map') return Object.hasOwn(receiver.entries, name) ? receiver.entries[name] : receiver.zero;
    if (typeof receiver === 'object' && receiver.kind === 'struct' && Object.hasOwn(receiver.fields, name)) return receiver.fields[name];
    throw new Fail(`can't evaluate field ${name} in type ${typeName(receiver)}`, arg.pos, argText(arg));
  }

  /** `finalArgs`: the last name is a method called with these (`.CommonLabels.Remove .GroupLabels.Names`). */
  const chain = (value: GoValue, names: string[], arg: Arg, finalArgs: GoValue[] | null = null) =>
    names.reduce((v, n, i) => field(v, n, arg, i === names.length - 1 ? finalArgs : null), value);

  async function evalArg(arg: Arg, dot: GoValue, type: ParamType): Promise<GoValue> {
    let value: GoValue;
    switch (arg.t) {
      case 'number':
        if (type === 'float') return arg.value;
        if (type === 'any') return arg.isFloat ? arg.value : goInt(arg.value);
        throw new Fail(`expected ${goType(type)}; found ${arg.text}`, arg.pos, argText(arg));
      case 'string':
      case 'bool':
        if (type === 'any' || (type === 'string' && arg.t === 'string') || (type === 'bool' && arg.t === 'bool')) return arg.value;
        throw new Fail(`expected ${goType(type)}; found ${argText(arg)}`, arg.pos, argText(arg));
      case 'nil':
        if (type === 'any' || type === 'sample' || type === 'vector') return null;
        throw new Fail(`cannot assign nil to ${goType(type)}`, arg.pos, argText(arg));
      case 'func':
        value = await callFunction(arg.name, [], dot, NONE, { pos: arg.pos, args: [arg] });
        break;
      default:
        value = await evalOperand(arg, dot);
    }
    return check(value, type, arg);
  }

  function check(value: GoValue, type: ParamType, arg: Arg): GoValue {
    if (type === 'any') return value === undefined ? null : value;
    if (value === undefined) throw new Fail(`invalid value; expected ${goType(type)}`, arg.pos, argText(arg));
    const ok =
      (type === 'string' && typeof value === 'string') ||
      (type === 'float' && typeof value === 'number') ||
      (type === 'bool' && typeof value === 'boolean') ||
      (type === 'sample' && (value === null || (typeof value === 'object' && value.kind === 'struct' && value.type === '*template.sample'))) ||
      (type === 'vector' && (value === null || (typeof value === 'object' && value.kind === 'slice' && value.type === 'template.queryResult')));
    if (!ok) throw new Fail(`wrong type for value; expected ${goType(type)}; got ${typeName(value)}`, arg.pos, argText(arg));
    return type === 'vector' && value === null ? { kind: 'slice', type: 'template.queryResult', items: [] } : value;
  }

  async function evalOperand(arg: Arg, dot: GoValue): Promise<GoValue> {
    switch (arg.t) {
      case 'dot':
        return dot;
      case 'field':
        return chain(dot, arg.chain, arg);
      case 'var':
        return chain(lookup(arg.name, arg), arg.chain, arg);
      case 'pipe':
        return chain(await evalPipe(arg.pipe, dot, false), arg.chain, arg);
      case 'number':
        return arg.isFloat ? arg.value : goInt(arg.value);
      case 'string':
      case 'bool':
        return arg.value;
      case 'nil':
        throw new Fail('nil is not a command', arg.pos, 'nil');
      case 'func':
        return callFunction(arg.name, [], dot, NONE, { pos: arg.pos, args: [arg] });
    }
  }

  async function callFunction(name: string, args: Arg[], dot: GoValue, final: Piped, cmd: Command): Promise<GoValue> {
    const f = Object.hasOwn(functions, name) ? functions[name] : undefined;
    if (!f) throw new Fail(`"${name}" is not a defined function`, cmd.pos, commandText(cmd));
    const count = args.length + (final === NONE ? 0 : 1);
    if (f.variadic ? count < f.params.length : count !== f.params.length) {
      throw new Fail(`wrong number of args for ${name}: want ${f.variadic ? 'at least ' : ''}${f.params.length} got ${count}`, cmd.pos, commandText(cmd));
    }
    const typeAt = (i: number): ParamType => f.params[i] ?? f.variadic ?? 'any';
    if (name === 'and' || name === 'or') {
      // Go 1.18+ stops at the first operand that decides the result.
      let last: GoValue = null;
      for (let i = 0; i < count; i++) {
        last = i < args.length ? await evalArg(args[i] as Arg, dot, 'any') : (final as GoValue);
        if (isTrue(last) !== (name === 'and')) return last;
      }
      return last;
    }
    const values: GoValue[] = [];
    for (let i = 0; i < args.length; i++) values.push(await evalArg(args[i] as Arg, dot, typeAt(i)));
    if (final !== NONE) values.push(check(final, typeAt(args.length), cmd.args[0] as Arg));
    try {
      return await f.call(values, env);
    } catch (err) {
      if (err instanceof Fail) throw err;
      throw new Fail(`error calling ${name}: ${(err as Error).message}`, cmd.pos, commandText(cmd));
    }
  }

  async function evalCommand(cmd: Command, dot: GoValue, final: Piped): Promise<GoValue> {
    const [first, ...rest] = cmd.args as [Arg, ...Arg[]];
    if (first.t === 'func') return callFunction(first.name, rest, dot, final, cmd);
    const hasChain = (first.t === 'field' || first.t === 'var' || first.t === 'pipe') && first.chain.length > 0;
    if ((rest.length || final !== NONE) && hasChain) {
      // A method at the end of a chain takes the command's arguments (and the piped value last).
      const args: GoValue[] = [];
      for (const a of rest) args.push(await evalArg(a, dot, 'any'));
      if (final !== NONE) args.push(final);
      const receiver = first.t === 'field' ? dot : first.t === 'var' ? lookup(first.name, first) : await evalPipe(first.pipe, dot, false);
      const names = first.chain;
      const head = chain(receiver, names.slice(0, -1), first);
      return field(head, names[names.length - 1] as string, first, args);
    }
    if (rest.length || final !== NONE) {
      const what = first.t === 'field' || first.t === 'var' ? argText(first) : argText(first);
      throw new Fail(`can't give argument to non-function ${what}`, cmd.pos, commandText(cmd));
    }
    return evalOperand(first, dot);
  }

  async function evalPipe(pipe: Pipe, dot: GoValue, declare: boolean): Promise<GoValue> {
    let value: Piped = NONE;
    for (const cmd of pipe.cmds) value = await evalCommand(cmd, dot, value);
    const result = value === NONE ? undefined : value;
    if (declare) {
      for (const name of pipe.decl) {
        if (pipe.assign) {
          const v = [...vars].reverse().find((x) => x.name === name);
          if (v) v.value = result;
        } else vars.push({ name, value: result });
      }
    }
    return result;
  }

  async function walk(nodes: Node[], dot: GoValue): Promise<void> {
    for (const node of nodes) {
      switch (node.t) {
        case 'text':
          out.push(node.text);
          break;
        case 'action': {
          const v = await evalPipe(node.pipe, dot, true);
          if (node.pipe.decl.length === 0) out.push(options.escape ? options.escape(formatV(v)) : formatV(v));
          break;
        }
        case 'if':
        case 'with': {
          const mark = vars.length;
          const v = await evalPipe(node.pipe, dot, true);
          if (isTrue(v)) await walk(node.list, node.t === 'with' ? v : dot);
          else if (node.elseList) await walk(node.elseList, dot);
          vars.length = mark;
          break;
        }
        case 'range':
          await walkRange(node, dot);
          break;
        case 'break':
          throw BREAK;
        case 'continue':
          throw CONTINUE;
        case 'template': {
          const body = tpl.defines.get(node.name);
          if (!body) throw new Fail(`template: no template ${JSON.stringify(node.name)} associated with template ${JSON.stringify(tpl.name)}`, node.pos, `{{template ${JSON.stringify(node.name)}}}`);
          const newDot = node.pipe ? await evalPipe(node.pipe, dot, false) : null;
          const saved = vars.splice(0, vars.length, { name: '$', value: newDot });
          await walk(body, newDot);
          vars.splice(0, vars.length, ...saved);
          break;
        }
      }
    }
  }

  async function walkRange(node: Extract<Node, { t: 'if' | 'with' | 'range' }>, dot: GoValue): Promise<void> {
    const mark = vars.length;
    const v = await evalPipe({ ...node.pipe, decl: [] }, dot, false);
    let entries: [GoValue, GoValue][];
    if (v === undefined || v === null) entries = [];
    else if (typeof v === 'object' && v.kind === 'slice') entries = v.items.map((item, i) => [goInt(i), item]);
    else if (typeof v === 'object' && v.kind === 'map') entries = Object.keys(v.entries).sort().map((k) => [k, v.entries[k]]);
    else throw new Fail(`range can't iterate over ${formatV(v)}`, node.pos, `{{range ${argText(node.pipe.cmds[0]?.args[0] as Arg)}}}`);
    for (const [key, elem] of entries) {
      const [a, b] = node.pipe.decl;
      if (a !== undefined) vars.push({ name: a, value: b === undefined ? elem : key });
      if (b !== undefined) vars.push({ name: b, value: elem });
      try {
        await walk(node.list, elem);
      } catch (signal) {
        if (signal === BREAK) {
          vars.length = mark;
          break;
        }
        if (signal !== CONTINUE) throw signal;
      }
      vars.length = mark;
    }
    if (entries.length === 0 && node.elseList) await walk(node.elseList, dot);
    vars.length = mark;
  }

  try {
    await walk(tpl.root, data);
  } catch (err) {
    if (err instanceof Fail) throw new TemplateExecError(`template: ${location(err.pos)}: executing "${tpl.name}" at <${err.context}>: ${err.message}`);
    throw err;
  }
  return out.join('');
}

function goType(type: ParamType): string {
  return { any: 'interface {}', string: 'string', float: 'float64', bool: 'bool', vector: 'template.queryResult', sample: '*template.sample' }[type];
}
