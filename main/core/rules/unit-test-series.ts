import { parsePromql } from './promql';
import type { Point } from './promql';

/**
 * promtool's input_series notation, read as Prometheus 2.42's series-description lexer and
 * grammar read it: `1 2 3`, `a+bxn` and `a-bxn` (n+1 values, added up step by step), `axn` (a,
 * n+1 times), `_` and `_xn` (n missing samples), `stale`, `Inf`/`NaN` with signs. In this
 * notation `x` is always the repetition sign, so `0x720` is 0 repeated, never hexadecimal.
 */
type Tok = { k: 'space' | 'add' | 'sub' | 'times' | 'blank' | 'num' | 'ident'; v: string };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const single: Record<string, Tok['k']> = { '+': 'add', '-': 'sub', x: 'times', _: 'blank' };
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      while (i < text.length && /\s/.test(text[i] as string)) i++;
      out.push({ k: 'space', v: ' ' });
    } else if (single[c]) {
      out.push({ k: single[c], v: c });
      i++;
    } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const start = i;
      while (isDigit(text[i])) i++;
      if (text[i] === '.') for (i++; isDigit(text[i]); ) i++;
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        while (isDigit(text[i])) i++;
      }
      if (text[i] !== 'x' && isAlnum(text[i])) throw new Error(`bad number or duration syntax: "${text.slice(start, i + 1)}"`);
      out.push({ k: 'num', v: text.slice(start, i) });
    } else if (/[A-Za-z]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_:]/.test(text[i] as string)) i++;
      out.push({ k: 'ident', v: text.slice(start, i) });
    } else throw new Error(`unexpected character in series values: ${JSON.stringify(c)}`);
  }
  return out;
}

/** Go's parser.number: strconv.ParseInt with base 0 (so `010` is octal), else ParseFloat. */
function goNumber(text: string): number {
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  if (/^(?:inf|infinity)$/i.test(text)) return Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`bad number: ${text}`);
  return n;
}

/** One sample per step; `null` is a step without a sample, `'stale'` a staleness marker. */
export type SeriesValue = number | null | 'stale';

/** `maxSteps`: values past that step are checked but not kept (promtool never loads them). */
export function parseSeriesValues(text: string, maxSteps = Infinity): SeriesValue[] {
  const toks = lex(text);
  let i = 0;
  const peek = () => toks[i];
  const unexpected = (what: string): never => {
    const t = toks[i];
    throw new Error(`unexpected ${t ? JSON.stringify(t.v) : 'end of input'} in series values, expected ${what}`);
  };
  const uint = (): number => {
    const t = toks[i++];
    if (t?.k !== 'num' || !/^\d+$/.test(t.v)) return (i--, unexpected('a repetition count'));
    return Number(t.v);
  };
  const signed = (): number => {
    const sign = peek()?.k === 'sub' ? -1 : peek()?.k === 'add' ? 1 : 0;
    if (sign !== 0) i++;
    const t = toks[i];
    if (t?.k === 'num') return i++, (sign || 1) * goNumber(t.v);
    if (t?.k === 'ident' && /^(?:inf|infinity|nan)$/i.test(t.v)) return i++, (sign || 1) * goNumber(t.v);
    return unexpected('a number');
  };
  const values: SeriesValue[] = [];
  while (i < toks.length) {
    const t = peek() as Tok;
    if (t.k === 'space') {
      i++;
      continue;
    }
    if (t.k === 'blank') {
      i++;
      if (peek()?.k === 'times') {
        i++;
        for (let n = uint(); n > 0 && values.length <= maxSteps; n--) values.push(null);
      } else values.push(null);
    } else if (t.k === 'ident' && t.v === 'stale') {
      i++;
      values.push('stale');
    } else {
      let v = signed();
      if (peek()?.k === 'times') {
        i++;
        for (let n = uint(); n >= 0 && values.length <= maxSteps; n--) values.push(v);
      } else if (peek()?.k === 'add' || peek()?.k === 'sub') {
        const delta = signed();
        if (peek()?.k !== 'times') unexpected('"x" after the step');
        i++;
        // Repeated addition, as Prometheus expands it (a + k*b differs in the last digits).
        for (let n = uint(); n >= 0 && values.length <= maxSteps; n--, v += delta) values.push(v);
      } else values.push(v);
    }
    if (i < toks.length && peek()?.k !== 'space') unexpected('a space between values');
  }
  return values;
}

/** The points of a series loaded with `interval` between values (promtool's `load <interval>`). */
export function seriesPoints(values: SeriesValue[], interval: number): Point[] {
  const points: Point[] = [];
  values.forEach((v, step) => {
    if (v === null) return;
    points.push(v === 'stale' ? { t: step * interval, v: NaN, stale: true } : { t: step * interval, v });
  });
  return points;
}

/**
 * A metric written as `name{label="value", ...}` (parser.ParseMetric and ParseSeriesDesc); an empty
 * text or `{}` is the empty label set, as promtool reads exp_samples without labels.
 */
export function parseMetric(text: string): Record<string, string> {
  if (/^\s*(?:\{\s*\})?\s*$/.test(text)) return {};
  const ast = parsePromql(text);
  if (ast.t !== 'selector' || ast.range !== null || ast.offset !== 0 || ast.at !== null || ast.matchers.some((m) => m.op !== '=')) throw new Error(`parse error: ${JSON.stringify(text)} is no metric (name{label="value", ...})`);
  const labels: Record<string, string> = ast.name ? { __name__: ast.name } : {};
  for (const m of ast.matchers) labels[m.name] = m.value;
  return labels;
}

/** Kept for the evaluator's own tests: `text` expanded with `interval` between values. */
export function expandValues(text: string, interval: number): Point[] {
  return seriesPoints(parseSeriesValues(text), interval);
}
