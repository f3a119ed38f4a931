/** OpenSSH's match.c: `*` and `?` globs, comma lists with `!` negation. */

/** match_pattern: the whole string must match; case-sensitive. */
export function matchPattern(text: string, pattern: string): boolean {
  // Iterative glob with backtracking to the last `*` (linear enough for host names).
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern.charAt(p);
    if (p < pattern.length && (pc === '?' || pc === text.charAt(t))) {
      t++;
      p++;
    } else if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (pattern.charAt(p) === '*') p++;
  return p === pattern.length;
}

/**
 * match_pattern_list: 1 when some positive sub-pattern matches and no negated one does, -1 when a
 * negated one matches, 0 otherwise. `lower` lower-cases the pattern (host names); the caller
 * lower-cases the text.
 */
export function matchPatternList(text: string, list: string, lower: boolean): -1 | 0 | 1 {
  let positive = false;
  for (const raw of list.split(',')) {
    const item = lower ? raw.toLowerCase() : raw;
    const negated = item.startsWith('!');
    if (matchPattern(text, negated ? item.slice(1) : item)) {
      if (negated) return -1;
      positive = true;
    }
  }
  return positive ? 1 : 0;
}

/** match_hostname: case-insensitive on both sides. */
export function matchHostname(host: string, list: string): -1 | 0 | 1 {
  return matchPatternList(host.toLowerCase(), list, true);
}
