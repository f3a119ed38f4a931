import type { Arg, Command, Node, ParsedTemplate, Pipe } from './ast';
import { segment, TemplateSyntaxError, unquote, type Segment, type Token } from './lexer';

type Terminator = { kind: 'end' | 'else' | 'eof'; seg?: Extract<Segment, { kind: 'action' }> };

/**
 * Parses a template. `isFunction` decides which identifiers are known functions: like Go, an
 * unknown function is a parse error, which is what `promtool check rules` reports.
 */
export function parseTemplate(name: string, source: string, isFunction: (name: string) => boolean): ParsedTemplate {
  const segs = segment(source);
  const defines = new Map<string, Node[]>();
  let index = 0;
  let rangeDepth = 0;
  const vars: string[][] = [['$']];

  const declared = (v: string) => vars.some((scope) => scope.includes(v));

  function parseList(top: boolean): { nodes: Node[]; term: Terminator } {
    const nodes: Node[] = [];
    while (index < segs.length) {
      const seg = segs[index++] as Segment;
      if (seg.kind === 'text') {
        nodes.push({ t: 'text', text: seg.text });
        continue;
      }
      const [head, ...rest] = seg.tokens;
      if (!head) throw new TemplateSyntaxError('missing value for command', seg.pos);
      if (head.kind === 'keyword') {
        switch (head.text) {
          case 'end':
          case 'else':
            if (top) throw new TemplateSyntaxError(`unexpected {{${head.text}}}`, seg.pos);
            if (head.text === 'end' && rest.length) throw new TemplateSyntaxError(`unexpected ${JSON.stringify(rest[0]?.text)} in end`, seg.pos);
            return { nodes, term: { kind: head.text, seg } };
          case 'if':
          case 'with':
          case 'range':
            nodes.push(parseControl(head.text, rest, seg.pos));
            continue;
          case 'break':
          case 'continue':
            if (rangeDepth === 0) throw new TemplateSyntaxError(`{{${head.text}}} outside {{range}}`, seg.pos);
            if (rest.length) throw new TemplateSyntaxError(`unexpected ${JSON.stringify(rest[0]?.text)} in ${head.text}`, seg.pos);
            nodes.push({ t: head.text, pos: seg.pos });
            continue;
          case 'define': {
            if (!top) throw new TemplateSyntaxError('unexpected <define> in command', seg.pos);
            const defName = templateName(rest, seg.pos, 'define');
            const body = parseList(false);
            if (body.term.kind !== 'end') throw new TemplateSyntaxError('unexpected EOF', seg.pos);
            defines.set(defName, body.nodes);
            continue;
          }
          case 'template':
          case 'block': {
            const tplName = templateName(rest, seg.pos, head.text);
            const pipe = rest.length > 1 ? parsePipe(rest.slice(1), seg.pos, false) : null;
            if (head.text === 'block') {
              const body = parseList(false);
              if (body.term.kind !== 'end') throw new TemplateSyntaxError('unexpected EOF', seg.pos);
              defines.set(tplName, body.nodes);
            }
            nodes.push({ t: 'template', pos: seg.pos, name: tplName, pipe });
            continue;
          }
        }
      }
      const pipe = parsePipe(seg.tokens, seg.pos, false);
      for (const v of pipe.decl) if (!pipe.assign) vars[vars.length - 1]?.push(v);
      nodes.push({ t: 'action', pos: seg.pos, pipe });
    }
    return { nodes, term: { kind: 'eof' } };
  }

  function parseControl(kind: 'if' | 'with' | 'range', tokens: Token[], pos: number): Node {
    vars.push([]);
    const pipe = parsePipe(tokens, pos, kind === 'range');
    for (const v of pipe.decl) if (!pipe.assign) vars[vars.length - 1]?.push(v);
    if (kind === 'range') rangeDepth++;
    const body = parseList(false);
    if (kind === 'range') rangeDepth--;
    vars.pop();
    let elseList: Node[] | null = null;
    if (body.term.kind === 'eof') throw new TemplateSyntaxError('unexpected EOF', pos);
    if (body.term.kind === 'else') {
      const elseTokens = body.term.seg?.tokens ?? [];
      const elsePos = body.term.seg?.pos ?? pos;
      if (elseTokens.length > 1) {
        // `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the outer {{end}}.
        if (elseTokens[1]?.text !== 'if' || elseTokens[1].kind !== 'keyword') throw new TemplateSyntaxError(`unexpected ${JSON.stringify(elseTokens[1]?.text)} in else`, elsePos);
        elseList = [parseControl('if', elseTokens.slice(2), elsePos)];
      } else {
        vars.push([]);
        const rest = parseList(false);
        vars.pop();
        if (rest.term.kind !== 'end') throw new TemplateSyntaxError(rest.term.kind === 'eof' ? 'unexpected EOF' : 'expected end; found {{else}}', pos);
        elseList = rest.nodes;
      }
    }
    return { t: kind, pos, pipe, list: body.nodes, elseList };
  }

  function templateName(tokens: Token[], pos: number, what: string): string {
    const first = tokens[0];
    if (first?.kind !== 'string') throw new TemplateSyntaxError(`unexpected ${first ? JSON.stringify(first.text) : 'end of action'} in ${what} clause`, pos);
    return unquote(first.text);
  }

  function parsePipe(tokens: Token[], pos: number, isRange: boolean): Pipe {
    let decl: string[] = [];
    let assign = false;
    let rest = tokens;
    const [t0, t1, t2, t3] = tokens;
    if (t0?.kind === 'var' && (t1?.kind === 'declare' || t1?.kind === 'assign')) {
      decl = [t0.text];
      assign = t1.kind === 'assign';
      rest = tokens.slice(2);
    } else if (t0?.kind === 'var' && t1?.kind === 'comma' && t2?.kind === 'var' && (t3?.kind === 'declare' || t3?.kind === 'assign')) {
      if (!isRange) throw new TemplateSyntaxError('too many declarations in command', pos);
      decl = [t0.text, t2.text];
      assign = t3.kind === 'assign';
      rest = tokens.slice(4);
    }
    if (assign) for (const v of decl) if (!declared(v)) throw new TemplateSyntaxError(`undefined variable "${v}"`, pos);
    const cmds: Command[] = [];
    let current: Token[] = [];
    let depth = 0;
    for (const tok of rest) {
      if (tok.kind === 'lparen') depth++;
      if (tok.kind === 'rparen') depth--;
      if (depth < 0) throw new TemplateSyntaxError('unexpected right paren', tok.pos);
      if (tok.kind === 'pipe' && depth === 0) {
        cmds.push(parseCommand(current, pos));
        current = [];
      } else current.push(tok);
    }
    if (depth > 0) throw new TemplateSyntaxError('unclosed left paren', pos);
    if (current.length || cmds.length) cmds.push(parseCommand(current, pos));
    if (cmds.length === 0) throw new TemplateSyntaxError('missing value for command', pos);
    cmds.slice(1).forEach((cmd, i) => {
      const first = cmd.args[0];
      if (first && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.t)) throw new TemplateSyntaxError(`non executable command in pipeline stage ${i + 2}`, pos);
    });
    return { pos: rest[0]?.pos ?? pos, decl, assign, cmds };
  }

  function parseCommand(tokens: Token[], pos: number): Command {
    if (tokens.length === 0) throw new TemplateSyntaxError('missing value for command', pos);
    const args: Arg[] = [];
    let i = 0;
    while (i < tokens.length) {
      const tok = tokens[i] as Token;
      if (args.length && !tok.spaced && tok.kind !== 'lparen') throw new TemplateSyntaxError(`missing space? unexpected ${JSON.stringify(tok.text)}`, tok.pos);
      let arg: Arg;
      i++;
      switch (tok.kind) {
        case 'dot':
          arg = { t: 'dot', pos: tok.pos };
          break;
        case 'field': {
          const chain = [tok.text.slice(1)];
          while (tokens[i]?.kind === 'field' && !tokens[i]?.spaced) chain.push((tokens[i++] as Token).text.slice(1));
          arg = { t: 'field', pos: tok.pos, chain };
          break;
        }
        case 'var': {
          if (!declared(tok.text)) throw new TemplateSyntaxError(`undefined variable "${tok.text}"`, tok.pos);
          const chain: string[] = [];
          while (tokens[i]?.kind === 'field' && !tokens[i]?.spaced) chain.push((tokens[i++] as Token).text.slice(1));
          arg = { t: 'var', pos: tok.pos, name: tok.text, chain };
          break;
        }
        case 'ident':
          if (!isFunction(tok.text)) throw new TemplateSyntaxError(`function "${tok.text}" not defined`, tok.pos);
          arg = { t: 'func', pos: tok.pos, name: tok.text };
          break;
        case 'string':
          arg = { t: 'string', pos: tok.pos, value: unquote(tok.text), text: tok.text };
          break;
        case 'char': {
          const ch = unquote(`"${tok.text.slice(1, -1).replace(/"/g, '\\"')}"`);
          arg = { t: 'number', pos: tok.pos, text: tok.text, isFloat: false, value: ch.codePointAt(0) ?? 0 };
          break;
        }
        case 'number':
          arg = parseNumber(tok);
          break;
        case 'bool':
          arg = { t: 'bool', pos: tok.pos, value: tok.text === 'true' };
          break;
        case 'nil':
          arg = { t: 'nil', pos: tok.pos };
          break;
        case 'lparen': {
          let depth = 1;
          const start = i;
          while (i < tokens.length && depth > 0) {
            const k = tokens[i]?.kind;
            if (k === 'lparen') depth++;
            if (k === 'rparen') depth--;
            i++;
          }
          const inner = parsePipe(tokens.slice(start, i - 1), tok.pos, false);
          if (inner.decl.length) throw new TemplateSyntaxError('cannot declare a variable in a parenthesized pipeline', tok.pos);
          const chain: string[] = [];
          while (tokens[i]?.kind === 'field' && !tokens[i]?.spaced) chain.push((tokens[i++] as Token).text.slice(1));
          arg = { t: 'pipe', pos: tok.pos, pipe: inner, chain };
          break;
        }
        default:
          throw new TemplateSyntaxError(`unexpected ${JSON.stringify(tok.text)} in operand`, tok.pos);
      }
      if (tokens[i]?.kind === 'field' && !tokens[i]?.spaced) throw new TemplateSyntaxError(`unexpected . after term ${JSON.stringify(tok.text)}`, tok.pos);
      args.push(arg);
    }
    if (args[0]?.t === 'nil' && args.length === 1) throw new TemplateSyntaxError('nil is not a command', pos);
    return { pos: tokens[0]?.pos ?? pos, args };
  }

  const { nodes } = parseList(true);
  return { name, source, root: nodes, defines };
}

function parseNumber(tok: Token): Arg {
  const text = tok.text.replace(/_/g, '');
  const isHex = /^[+-]?0[xX]/.test(text);
  const isFloat = !isHex && /[.eEpP]/.test(text);
  let value: number;
  if (isHex && /[pP.]/.test(text)) throw new TemplateSyntaxError(`unsupported number ${tok.text}`, tok.pos);
  else if (/^[+-]?0[bB]/.test(text)) value = Number(text.replace(/0[bB]/, '0b').replace(/^([+-])0b(.*)$/, (_, s: string, d: string) => `${s}${parseInt(d, 2)}`));
  else if (/^[+-]?0[oO]/.test(text)) value = (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[+-]?0[oO]/, ''), 8);
  else if (/^[+-]?0\d+$/.test(text)) value = (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[+-]?0/, ''), 8);
  else if (isHex) value = (text.startsWith('-') ? -1 : 1) * parseInt(text.replace(/^[+-]?0[xX]/, ''), 16);
  else value = Number(text);
  if (!Number.isFinite(value)) throw new TemplateSyntaxError(`illegal number syntax: ${JSON.stringify(tok.text)}`, tok.pos);
  return { t: 'number', pos: tok.pos, text: tok.text, isFloat, value };
}
