import { RE2JS } from 're2js';

/**
 * Regexes as Prometheus and Alertmanager evaluate them: Go's RE2 syntax and semantics (no
 * backreferences or lookaround, `(?i)` inline flags, `.` not matching a newline), through re2js
 * rather than JavaScript's RegExp, whose syntax and semantics differ in both directions.
 */
export type Re2 = RE2JS;

/** Thrown for a pattern RE2 does not accept; the message is RE2's, as Go would print it. */
export class Re2SyntaxError extends Error {
  constructor(readonly pattern: string, message: string) {
    super(message);
    this.name = 'Re2SyntaxError';
  }
}

const cache = new Map<string, RE2JS>();
const cacheLimit = 4096;

/** Compiles `pattern` as Go's regexp.Compile would; compiled patterns are shared (they are immutable). */
export function compileRe2(pattern: string): Re2 {
  let re = cache.get(pattern);
  if (re) return re;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    throw new Re2SyntaxError(pattern, (err as Error).message);
  }
  // A rule file holds a bounded set of patterns; the limit only guards against unbounded input.
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(pattern, re);
  return re;
}

/**
 * A label matcher's regex: anchored at both ends as `^(?:pattern)$`, exactly how Prometheus
 * (labels.NewFastRegexMatcher) and Alertmanager (labels.NewMatcher) anchor it.
 */
export function anchoredRe2(pattern: string): Re2 {
  return compileRe2(`^(?:${pattern})$`);
}

/** Whether `value` matches the anchored label-matcher regex `pattern`. */
export function matchesAnchored(pattern: string, value: string): boolean {
  return anchoredRe2(pattern).testExact(value);
}
