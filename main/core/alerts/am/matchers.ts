import type { Matcher, MatchOp } from '../../../../preload/contract';
import { anchoredRe2, Re2SyntaxError } from '../../shared/re2';

/**
 * Alertmanager 0.25's matcher syntax (pkg/labels/parse.go), so `matchers:` items copied from an
 * alertmanager.yml mean what they mean there: several matchers per item (comma-separated, optionally
 * in braces), values quoted or not, `\"`, `\\` and `\n` escapes, other backslashes kept literally.
 */

// Go's pattern: Go's `\s` is exactly [\t\n\f\r ], and `(?s).*?` is `[\s\S]*?` (JavaScript has no inline flags).
const matcherShape = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/;

/** Prometheus label names (model.LabelNameRE). */
export const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isLabelName(name: string): boolean {
  return labelNamePattern.test(name);
}

/** One matcher, as labels.ParseMatcher reads it; throws with Alertmanager's wording. */
export function parseAmMatcher(text: string): Matcher {
  const m = matcherShape.exec(text);
  if (!m) throw new Error(`bad matcher format: ${text}`);
  const raw = m[3] ?? '';
  let body = raw;
  let expectTrailingQuote = false;
  if (body.startsWith('"')) {
    body = body.slice(1);
    expectTrailingQuote = true;
  }
  let value = '';
  let escaped = false;
  const chars = [...body];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escaped) {
      escaped = false;
      if (c === 'n') value += '\n';
      else if (c === '"' || c === '\\') value += c;
      else value += `\\${c}`; // a spurious escape keeps its backslash, as in Go
      continue;
    }
    if (c === '\\') {
      if (i < chars.length - 1) escaped = true;
      else value += '\\';
    } else if (c === '"') {
      if (!expectTrailingQuote || i < chars.length - 1) throw new Error(`matcher value contains unescaped double quote: ${raw}`);
      expectTrailingQuote = false;
    } else {
      value += c;
    }
  }
  if (expectTrailingQuote) throw new Error(`matcher value contains unescaped double quote: ${raw}`);
  return newMatcher(m[1]!, m[2] as MatchOp, value);
}

/** A matcher built from parts; a regex must compile as RE2 (labels.NewMatcher). */
export function newMatcher(name: string, op: MatchOp, value: string): Matcher {
  if (op === '=~' || op === '!~') {
    try {
      anchoredRe2(value);
    } catch (err) {
      // RE2's own message already reads like Go's (`error parsing regexp: …`).
      if (err instanceof Re2SyntaxError) throw new Error(err.message.startsWith('error parsing regexp') ? err.message : `error parsing regexp: ${err.message}`);
      throw err;
    }
  }
  return { name, op, value };
}

/**
 * One `matchers:` item, as labels.ParseMatchers splits it: one leading `{` and one trailing `}` are
 * dropped, then the text is cut at commas outside double quotes.
 */
export function parseAmMatchers(text: string): Matcher[] {
  let s = text.startsWith('{') ? text.slice(1) : text;
  if (s.endsWith('}')) s = s.slice(0, -1);
  const tokens: string[] = [];
  let token = '';
  let insideQuotes = false;
  let escaped = false;
  for (const c of s) {
    if (c === ',' && !insideQuotes) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (!escaped) insideQuotes = !insideQuotes;
      else escaped = false;
    } else if (c === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += c;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  return tokens.map(parseAmMatcher);
}

const opRank: Record<MatchOp, number> = { '=': 0, '!=': 1, '=~': 2, '!~': 3 };

/** labels.Matchers' sort order: by name, then operator (= != =~ !~), then value. */
export function compareMatchers(a: Matcher, b: Matcher): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  if (a.op !== b.op) return opRank[a.op] - opRank[b.op];
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

/** `name="value"` as Alertmanager prints a matcher (OpenMetrics escaping of the value). */
export function formatAmMatcher(m: Matcher): string {
  const value = m.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
  return `${m.name}${m.op}"${value}"`;
}

/** `{a="1",b=~"x"}`: labels.Matchers.String(). */
export function formatAmMatchers(ms: readonly Matcher[]): string {
  return `{${ms.map(formatAmMatcher).join(',')}}`;
}
