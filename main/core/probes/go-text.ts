import { formatFloatV } from '../shared/go-float';

/**
 * The handful of Go standard-library behaviours a Gatus condition depends on: how strconv reads
 * numbers, how time.ParseDuration reads durations, how fmt's %v and encoding/json print decoded JSON,
 * and how filepath.Match matches `pat()`. Written from the Go documentation so a condition gives the
 * verdict Gatus gives, quirks included. Integers are BigInt because Go compares them as int64.
 */

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** strings.TrimSpace: Unicode White_Space, which (unlike String.prototype.trim) excludes U+FEFF. */
const goSpace = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const goTrimPattern = new RegExp(`^[${goSpace}]+|[${goSpace}]+$`, 'g');
export function goTrimSpace(text: string): string {
  return text.replace(goTrimPattern, '');
}

/** len() of a Go string: bytes of its UTF-8 encoding, not UTF-16 code units. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal prefixes, `_` between digits. */
export function goParseInt(text: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return null;
  let digits = m[2] ?? '';
  let base = '';
  const prefix = digits.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') {
    base = prefix;
    digits = digits.slice(2);
  } else if (digits.length > 1 && digits.startsWith('0')) {
    base = '0o';
    digits = digits.slice(1);
  }
  // Go accepts `_` only between digits or right after a prefix: never doubled, never last.
  if (/__|_$/.test(digits)) return null;
  digits = digits.replace(/_/g, '');
  if (digits === '') return null;
  const value = (m[1] === '-' ? -1n : 1n) * BigInt(`${base}${digits}`);
  return value < int64Min || value > int64Max ? null : value;
}

/** strconv.ParseFloat(s, 64), or null where Go returns an error (syntax, or out of range). */
export function goParseFloat(text: string): number | null {
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  let value: number | null = null;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) value = Number(text);
  else {
    const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(text);
    if (hex && (hex[2] !== '' || hex[3] !== '')) {
      const mantissa = parseInt(`${hex[2] || '0'}${hex[3] ?? ''}`, 16);
      value = (hex[1] === '-' ? -1 : 1) * mantissa * 2 ** (Number(hex[4]) - 4 * (hex[3] ?? '').length);
    }
  }
  return value === null || !Number.isFinite(value) ? null : value;
}

/** Go's int64(f) on amd64: truncation, and the 0x8000… sentinel for NaN and anything out of range. */
export function goFloatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return int64Min;
  return BigInt(Math.trunc(f));
}

const nanosPerUnit: Record<string, bigint> = { ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/** time.ParseDuration, in nanoseconds; null where Go returns an error (e.g. `5d`, `1`, `potato`). */
export function goParseDuration(text: string): bigint | null {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return null;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = part.exec(s);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
    const unit = nanosPerUnit[m[3] ?? ''];
    if (unit === undefined) return null;
    let value = BigInt(m[1] || '0') * unit;
    const fraction = m[2] ?? '';
    // Go scales the fraction in float64 the same way, so `1.1h` truncates to the same nanosecond.
    if (fraction !== '') value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / 10 ** fraction.length)));
    total += value;
    if (total > 2n ** 63n) return null;
    s = s.slice(m[0].length);
  }
  if (total === 2n ** 63n && !negative) return null;
  return negative ? -total : total;
}

/** fmt's %v of a value decoded by encoding/json into interface{}. */
export function goValueText(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatFloatV(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goValueText).join(' ')}]`;
  const entries = sortedEntries(value as Record<string, unknown>);
  return `map[${entries.map(([k, v]) => `${k}:${goValueText(v)}`).join(' ')}]`;
}

/** encoding/json.Marshal: sorted keys, no spaces, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(',')}]`;
  const entries = sortedEntries(value as Record<string, unknown>);
  return `{${entries.map(([k, v]) => `${goJsonString(k)}:${goJsonMarshal(v)}`).join(',')}}`;
}

const jsonEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function goJsonString(text: string): string {
  // Go decoded any lone surrogate to U+FFFD already; JSON.parse keeps it, so mend it here.
  const mended = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
  const escaped = mended.replace(/["\\\u0000-\u001f<>&\u2028\u2029]/g, (ch) => jsonEscapes[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

/** Go sorts map keys by bytes, which for UTF-8 is code point order (not UTF-16 unit order). */
function sortedEntries(object: Record<string, unknown>): [string, unknown][] {
  return Object.entries(object).sort(([a], [b]) => compareCodePoints(a, b));
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

type GlobToken = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; ch: string } | { kind: 'class'; negated: boolean; ranges: [string, string][] };

/**
 * Gatus's pat(): `*` alone matches everything; otherwise `/` is removed from both sides and the rest
 * goes to filepath.Match (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes). A malformed pattern never matches.
 */
export function gatusPatternMatch(pattern: string, text: string): boolean {
  if (pattern === '*') return true;
  const tokens = globTokens(pattern.replaceAll('/', ''));
  return tokens !== null && globMatch(tokens, Array.from(text.replaceAll('/', '')));
}

function globTokens(pattern: string): GlobToken[] | null {
  const chars = Array.from(pattern);
  const tokens: GlobToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (ch === '*') tokens.push({ kind: 'star' });
    else if (ch === '?') tokens.push({ kind: 'any' });
    else if (ch === '\\') {
      if (i + 1 >= chars.length) return null;
      tokens.push({ kind: 'char', ch: chars[++i] ?? '' });
    } else if (ch === '[') {
      const ranges: [string, string][] = [];
      let j = i + 1;
      const negated = chars[j] === '^';
      if (negated) j++;
      const readChar = (): string | null => {
        let c = chars[j];
        if (c === undefined || c === '-' || c === ']') return null;
        if (c === '\\') c = chars[++j];
        if (c === undefined) return null;
        j++;
        return c;
      };
      do {
        const lo = readChar();
        if (lo === null) return null;
        let hi = lo;
        if (chars[j] === '-') {
          j++;
          const end = readChar();
          if (end === null) return null;
          hi = end;
        }
        ranges.push([lo, hi]);
      } while (chars[j] !== ']' && j < chars.length);
      if (chars[j] !== ']') return null;
      tokens.push({ kind: 'class', negated, ranges });
      i = j;
    } else tokens.push({ kind: 'char', ch });
  }
  return tokens;
}

function tokenMatches(token: GlobToken, ch: string): boolean {
  if (token.kind === 'any') return true;
  if (token.kind === 'char') return token.ch === ch;
  if (token.kind === 'class') {
    const cp = ch.codePointAt(0) ?? 0;
    const inside = token.ranges.some(([lo, hi]) => cp >= (lo.codePointAt(0) ?? 0) && cp <= (hi.codePointAt(0) ?? 0));
    return inside !== token.negated;
  }
  return false;
}

/** Wildcard matching with one backtrack point per star: linear in practice, even on large bodies. */
function globMatch(tokens: GlobToken[], text: string[]): boolean {
  let t = 0;
  let s = 0;
  let starT = -1;
  let starS = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token && token.kind === 'star') {
      starT = t++;
      starS = s;
    } else if (token && tokenMatches(token, text[s] ?? '')) {
      t++;
      s++;
    } else if (starT >= 0) {
      t = starT + 1;
      s = ++starS;
    } else return false;
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}
