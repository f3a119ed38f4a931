/**
 * Splits a Go text/template into text and action segments, and an action into tokens, following
 * the rules of Go's text/template/parse lexer that rule files depend on: `{{- ` / ` -}}` trim the
 * whitespace next to the action, a slash-star comment action is dropped, and positions are offsets into
 * the template so error messages name the same line:column as Prometheus.
 */
export type TokenKind =
  | 'field' // .Name
  | 'dot' // .
  | 'var' // $name or $
  | 'ident' // function name
  | 'keyword' // if else end range with define template block break continue
  | 'string'
  | 'number'
  | 'char'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare' // :=
  | 'assign' // =
  | 'comma';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Byte offset in the template. */
  pos: number;
  /** Whitespace came right before this token (separates `.a .b` from `.a.b`). */
  spaced: boolean;
}

export type Segment = { kind: 'text'; text: string; pos: number } | { kind: 'action'; tokens: Token[]; pos: number; end: number };

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

const keywords = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);
const numberPattern = /^[+-]?(?:0[xX][0-9a-fA-F_]+(?:\.[0-9a-fA-F_]*)?(?:[pP][+-]?\d+)?|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)i?/;

/** Byte offsets: Go reports positions in UTF-8 bytes, JS strings index UTF-16 units. */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

export function segment(template: string): Segment[] {
  const out: Segment[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= template.length) {
    const open = template.indexOf('{{', i);
    let text = template.slice(i, open === -1 ? template.length : open);
    let textPos = i;
    if (trimNext) {
      const trimmed = text.replace(/^[ \t\r\n]+/, '');
      textPos += text.length - trimmed.length;
      text = trimmed;
    }
    if (open === -1) {
      if (text) out.push({ kind: 'text', text, pos: textPos });
      break;
    }
    let start = open + 2;
    if (template[start] === '-' && isSpace(template[start + 1])) {
      text = text.replace(/[ \t\r\n]+$/, '');
      start += 2;
    }
    if (text) out.push({ kind: 'text', text, pos: textPos });
    const { tokens, end, trimRight, comment } = lexAction(template, start, open);
    if (!comment) out.push({ kind: 'action', tokens, pos: open, end });
    trimNext = trimRight;
    i = end;
  }
  return out;
}

function lexAction(src: string, from: number, open: number): { tokens: Token[]; end: number; trimRight: boolean; comment: boolean } {
  const tokens: Token[] = [];
  let i = from;
  while (isSpace(src[i])) i++;
  if (src.startsWith('/*', i)) {
    const close = src.indexOf('*/', i + 2);
    if (close === -1) throw new TemplateSyntaxError('unclosed comment', open);
    let j = close + 2;
    let trimRight = false;
    if (src[j] === ' ' && src[j + 1] === '-' && src.startsWith('}}', j + 2)) {
      trimRight = true;
      j += 2;
    }
    if (!src.startsWith('}}', j)) throw new TemplateSyntaxError('comment ends before closing delimiter', open);
    return { tokens, end: j + 2, trimRight, comment: true };
  }
  let spaced = true;
  for (;;) {
    const c = src[i];
    if (c === undefined) throw new TemplateSyntaxError('unclosed action', open);
    if (isSpace(c)) {
      let j = i;
      while (isSpace(src[j])) j++;
      if (src[j] === '-' && src.startsWith('}}', j + 1)) return { tokens, end: j + 3, trimRight: true, comment: false };
      i = j;
      spaced = true;
      continue;
    }
    if (src.startsWith('}}', i)) return { tokens, end: i + 2, trimRight: false, comment: false };
    const pos = i;
    const push = (kind: TokenKind, text: string) => {
      tokens.push({ kind, text, pos, spaced });
      i += text.length;
      spaced = false;
    };
    if (c === '|') push('pipe', c);
    else if (c === '(') push('lparen', c);
    else if (c === ')') push('rparen', c);
    else if (c === ',') push('comma', c);
    else if (c === ':' && src[i + 1] === '=') push('declare', ':=');
    else if (c === '=') push('assign', c);
    else if (c === '"') push('string', quoted(src, i, '"', open));
    else if (c === '`') {
      const close = src.indexOf('`', i + 1);
      if (close === -1) throw new TemplateSyntaxError('unterminated raw quoted string', pos);
      push('string', src.slice(i, close + 1));
    } else if (c === "'") push('char', quoted(src, i, "'", open));
    else if (c === '$') {
      let j = i + 1;
      while (isAlnum(src[j])) j++;
      push('var', src.slice(i, j));
    } else if (c === '.' && !/\d/.test(src[i + 1] ?? '')) {
      let j = i + 1;
      while (isAlnum(src[j])) j++;
      push(j === i + 1 ? 'dot' : 'field', src.slice(i, j));
    } else if (/[\d.+-]/.test(c)) {
      const m = numberPattern.exec(src.slice(i));
      if (!m || m[0] === '' || m[0] === '+' || m[0] === '-') throw new TemplateSyntaxError(`bad character ${JSON.stringify(c)}`, pos);
      if (isAlnum(src[i + m[0].length])) throw new TemplateSyntaxError(`bad number syntax: "${src.slice(i, i + m[0].length + 1)}"`, pos);
      push('number', m[0]);
    } else if (isAlnum(c)) {
      let j = i;
      while (isAlnum(src[j])) j++;
      const word = src.slice(i, j);
      push(keywords.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'ident', word);
    } else throw new TemplateSyntaxError(`unexpected ${JSON.stringify(c)} in command`, pos);
  }
}

function quoted(src: string, start: number, quote: string, open: number): string {
  let j = start + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === '\\') j++;
    if (src[j] === '\n') throw new TemplateSyntaxError('unterminated quoted string', open);
    j++;
  }
  if (j >= src.length) throw new TemplateSyntaxError('unterminated quoted string', open);
  return src.slice(start, j + 1);
}

/** Go's strconv.Unquote for "..." and `...` literals. */
export function unquote(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (e !== undefined && e in simple) out += simple[e];
    else if (e === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + n), 16));
      i += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new TemplateSyntaxError(`invalid syntax in string ${literal}`, 0);
  }
  return out;
}
