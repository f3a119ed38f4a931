/** Tokens of PromQL, enough to check an expression's syntax the way `promtool check rules` does. */
export type TokenKind = 'number' | 'duration' | 'string' | 'ident' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

export class PromqlError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

const durationRe = /^(?:\d+(?:ms|s|m|h|d|w|y))+(?![A-Za-z0-9_])/;
const numberRe = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?![A-Za-z0-9_])/;
const identRe = /^[A-Za-z_:][A-Za-z0-9_:]*/;
// Longest first, so `==` is not read as `=` `=`.
const operators = ['==', '!=', '>=', '<=', '=~', '!~', '+', '-', '*', '/', '%', '^', '<', '>', '=', '(', ')', '{', '}', '[', ']', ',', ':', '@'];

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let inBrackets = false;
  let inBraces = false;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const rest = src.slice(i);
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && c !== '`') j++;
        else if (src[j] === '\n' && c !== '`') throw new PromqlError('unterminated quoted string', i);
        j++;
      }
      if (j >= src.length) throw new PromqlError('unterminated quoted string', i);
      tokens.push({ kind: 'string', text: src.slice(i, j + 1), pos: i });
      i = j + 1;
      continue;
    }
    const duration = durationRe.exec(rest);
    if (duration) {
      tokens.push({ kind: 'duration', text: duration[0], pos: i });
      i += duration[0].length;
      continue;
    }
    const number = numberRe.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], pos: i });
      i += number[0].length;
      continue;
    }
    if (/[0-9.]/.test(c)) throw new PromqlError(`bad number or duration syntax: "${/^[0-9.A-Za-z_]*/.exec(rest)?.[0] ?? c}"`, i);
    // Inside `[...]` a colon separates range and step (`[1h:5m]`); elsewhere it may start a metric name.
    const ident = c === ':' && inBrackets ? null : identRe.exec(rest);
    if (ident) {
      tokens.push({ kind: 'ident', text: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    const op = operators.find((o) => rest.startsWith(o));
    if (!op) throw new PromqlError(`unexpected character: ${JSON.stringify(c)}`, i);
    // Regex matchers exist only inside braces; elsewhere `!` must start `!=`.
    if (op === '!~' && !inBraces) throw new PromqlError("unexpected character after '!': '~'", i);
    if (op === '{') inBraces = true;
    if (op === '}') inBraces = false;
    if (op === '[') inBrackets = true;
    if (op === ']') inBrackets = false;
    tokens.push({ kind: 'op', text: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}
